#include "reflect/create_table_text.hpp"

#include <initializer_list>

#include "reflect/sql_tokens.hpp"

namespace retort::detail {

namespace {

// A cursor over the tokens of one statement. Every accessor is safe past the end.
class Cursor {
 public:
  explicit Cursor(std::string_view sql) : sql_(sql), tokens_(tokenize_sql(sql)) {}

  bool done() const { return pos_ >= tokens_.size(); }
  const Token& peek(std::size_t ahead = 0) const {
    static const Token kEnd{TokenKind::kPunct, "", 0, 0};
    return pos_ + ahead < tokens_.size() ? tokens_[pos_ + ahead] : kEnd;
  }
  void next() { ++pos_; }
  std::size_t pos() const { return pos_; }
  void seek(std::size_t pos) { pos_ = pos; }

  bool accept_word(std::string_view word) {
    if (!peek().is_word(word)) return false;
    next();
    return true;
  }
  bool accept_punct(std::string_view p) {
    if (!peek().is_punct(p)) return false;
    next();
    return true;
  }
  // An identifier or string used as a name (SQLite accepts 'name' there too).
  std::string name() {
    const Token& t = peek();
    if (done() || (!t.is_identifier() && t.kind != TokenKind::kString)) return {};
    next();
    return t.text;
  }
  // At "(": the text inside the parentheses (verbatim), moving past ")".
  std::string parenthesised() {
    if (!peek().is_punct("(")) return {};
    const std::size_t close = matching_paren(tokens_, pos_);
    std::string inner = source_between(sql_, tokens_, pos_ + 1, close - 1);
    pos_ = close + 1;
    return inner;
  }
  // At "(": the comma-separated items inside, as token index ranges [first, last].
  std::vector<std::pair<std::size_t, std::size_t>> list_items() {
    std::vector<std::pair<std::size_t, std::size_t>> items;
    if (!peek().is_punct("(")) return items;
    const std::size_t close = matching_paren(tokens_, pos_);
    std::size_t start = pos_ + 1;
    int depth = 0;
    for (std::size_t i = pos_ + 1; i <= close && i < tokens_.size(); ++i) {
      if (tokens_[i].is_punct("(")) ++depth;
      if (tokens_[i].is_punct(")")) --depth;
      if ((depth == 0 && tokens_[i].is_punct(",")) || i == close) {
        if (i > start) items.emplace_back(start, i - 1);
        start = i + 1;
      }
    }
    pos_ = close + 1;
    return items;
  }
  // Skips to the end of the current definition: the next "," or ")" at depth 0.
  void skip_to_item_end() {
    while (!done() && !peek().is_punct(",") && !peek().is_punct(")")) {
      if (peek().is_punct("(")) {
        pos_ = matching_paren(tokens_, pos_) + 1;
      } else {
        next();
      }
    }
  }
  const std::vector<Token>& tokens() const { return tokens_; }
  std::string_view sql() const { return sql_; }

 private:
  std::string_view sql_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
};

bool starts_column_constraint(const Token& t) {
  for (std::string_view w : {"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT",
                             "COLLATE", "REFERENCES", "GENERATED", "AS"}) {
    if (t.is_word(w)) return true;
  }
  return t.is_punct(",") || t.is_punct(")");
}

bool starts_table_constraint(const Token& t) {
  for (std::string_view w : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"}) {
    if (t.is_word(w)) return true;
  }
  return false;
}

// [ON CONFLICT resolution]
void skip_conflict_clause(Cursor& c) {
  if (c.peek().is_word("ON") && c.peek(1).is_word("CONFLICT")) {
    c.next();
    c.next();
    c.next();
  }
}

// "(a, b COLLATE x DESC)" -> {a, b}: the names of an indexed-column list.
std::vector<std::string> column_names(Cursor& c) {
  std::vector<std::string> names;
  const auto& tokens = c.tokens();
  for (auto [first, last] : c.list_items()) {
    if (tokens[first].is_identifier() || tokens[first].kind == TokenKind::kString) {
      names.push_back(tokens[first].text);
    }
    (void)last;
  }
  return names;
}

// After REFERENCES: table [(cols)] {ON DELETE|UPDATE action | MATCH name} [deferrable].
void parse_references(Cursor& c, ParsedForeignKey& fk) {
  fk.ref_table = c.name();
  if (c.peek().is_punct(".")) {  // schema-qualified: keep the table part
    c.next();
    fk.ref_table = c.name();
  }
  if (c.peek().is_punct("(")) fk.ref_columns = column_names(c);
  for (;;) {
    if (c.accept_word("ON")) {
      c.next();  // DELETE / UPDATE
      if (c.accept_word("SET") || c.accept_word("NO")) {
        c.next();  // NULL / DEFAULT / ACTION
      } else {
        c.next();  // CASCADE / RESTRICT
      }
    } else if (c.accept_word("MATCH")) {
      c.next();
    } else {
      break;
    }
  }
  const std::size_t mark = c.pos();
  const bool negated = c.accept_word("NOT");
  if (!c.accept_word("DEFERRABLE")) {
    c.seek(mark);
    return;
  }
  fk.deferrable = negated ? Deferrable::kNotDeferrable : Deferrable::kInitiallyImmediate;
  if (c.accept_word("INITIALLY")) {
    if (c.accept_word("DEFERRED") && !negated) fk.deferrable = Deferrable::kInitiallyDeferred;
    c.accept_word("IMMEDIATE");
  }
}

// One column constraint, after its optional CONSTRAINT name.
void parse_column_constraint(Cursor& c, ParsedColumn& col, const std::string& name,
                             ParsedTable& out) {
  if (c.accept_word("PRIMARY")) {
    c.accept_word("KEY");
    if (!c.accept_word("ASC")) c.accept_word("DESC");
    skip_conflict_clause(c);
    if (c.accept_word("AUTOINCREMENT")) col.autoincrement = true;
    if (!name.empty()) out.primary_key_name = name;
  } else if (c.accept_word("NOT")) {
    c.accept_word("NULL");
    skip_conflict_clause(c);
  } else if (c.accept_word("NULL")) {
    skip_conflict_clause(c);
  } else if (c.accept_word("UNIQUE")) {
    skip_conflict_clause(c);
    out.uniques.push_back({name, {col.name}});
  } else if (c.accept_word("CHECK")) {
    out.checks.push_back({name, strip_outer_parens(c.parenthesised())});
  } else if (c.accept_word("DEFAULT")) {
    if (c.peek().is_punct("(")) {
      c.parenthesised();
    } else {
      if (c.peek().is_punct("-") || c.peek().is_punct("+")) c.next();
      c.next();
    }
  } else if (c.accept_word("COLLATE")) {
    col.collation = c.name();
  } else if (c.accept_word("REFERENCES")) {
    ParsedForeignKey fk;
    fk.name = name;
    fk.columns = {col.name};
    parse_references(c, fk);
    out.foreign_keys.push_back(std::move(fk));
  } else if (c.peek().is_word("GENERATED") || c.peek().is_word("AS")) {
    if (c.accept_word("GENERATED")) c.accept_word("ALWAYS");
    c.accept_word("AS");
    Computed computed{strip_outer_parens(c.parenthesised()), false};
    if (c.accept_word("STORED")) computed.stored = true;
    c.accept_word("VIRTUAL");
    col.computed = std::move(computed);
  } else {
    c.next();  // unknown: skip one token rather than loop forever
  }
}

void parse_column(Cursor& c, ParsedTable& out) {
  ParsedColumn col;
  col.name = c.name();
  const std::size_t type_first = c.pos();
  while (!c.done() && !starts_column_constraint(c.peek())) {
    if (c.peek().is_punct("(")) {
      c.parenthesised();
    } else {
      c.next();
    }
  }
  if (c.pos() > type_first) col.type = source_between(c.sql(), c.tokens(), type_first, c.pos() - 1);
  while (!c.done() && !c.peek().is_punct(",") && !c.peek().is_punct(")")) {
    std::string name;
    if (c.accept_word("CONSTRAINT")) name = c.name();
    parse_column_constraint(c, col, name, out);
  }
  out.columns.push_back(std::move(col));
}

void parse_table_constraint(Cursor& c, ParsedTable& out) {
  std::string name;
  if (c.accept_word("CONSTRAINT")) name = c.name();
  if (c.accept_word("PRIMARY")) {
    c.accept_word("KEY");
    column_names(c);
    out.primary_key_name = name;
  } else if (c.accept_word("UNIQUE")) {
    out.uniques.push_back({name, column_names(c)});
  } else if (c.accept_word("CHECK")) {
    out.checks.push_back({name, strip_outer_parens(c.parenthesised())});
  } else if (c.accept_word("FOREIGN")) {
    c.accept_word("KEY");
    ParsedForeignKey fk;
    fk.name = name;
    fk.columns = column_names(c);
    if (c.accept_word("REFERENCES")) parse_references(c, fk);
    out.foreign_keys.push_back(std::move(fk));
  }
  c.skip_to_item_end();
}

// Moves the cursor to the "(" that follows `keyword`'s object name (CREATE ... name "(").
bool seek_body(Cursor& c) {
  while (!c.done() && !c.peek().is_punct("(")) c.next();
  return !c.done();
}

}  // namespace

const ParsedColumn* ParsedTable::find_column(std::string_view name) const {
  for (const ParsedColumn& col : columns) {
    if (col.name == name) return &col;  // the usual case, without case folding
  }
  const std::string wanted = ascii_lower(name);
  for (const ParsedColumn& col : columns) {
    if (ascii_lower(col.name) == wanted) return &col;
  }
  return nullptr;
}

ParsedTable parse_create_table(std::string_view sql) {
  ParsedTable out;
  Cursor c(sql);
  if (!seek_body(c)) return out;
  c.next();  // "("
  while (!c.done() && !c.peek().is_punct(")")) {
    if (starts_table_constraint(c.peek())) {
      parse_table_constraint(c, out);
    } else {
      parse_column(c, out);
    }
    c.skip_to_item_end();
    c.accept_punct(",");
  }
  return out;
}

ParsedIndex parse_create_index(std::string_view sql) {
  ParsedIndex out;
  Cursor c(sql);
  // CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table ( keys ) [WHERE expr]
  c.accept_word("CREATE");
  out.unique = c.accept_word("UNIQUE");
  while (!c.done() && !c.peek().is_word("ON")) c.next();
  if (!seek_body(c)) return out;
  const auto& tokens = c.tokens();
  for (auto [first, last] : c.list_items()) {
    ParsedIndexElement element;
    if (tokens[last].is_word("DESC") || tokens[last].is_word("ASC")) {
      element.descending = tokens[last].is_word("DESC");
      --last;
    }
    if (last >= first + 1 && tokens[last - 1].is_word("COLLATE")) last -= 2;
    if (first == last && tokens[first].is_identifier()) {
      element.column = tokens[first].text;
    } else {
      element.expression = strip_outer_parens(source_between(sql, tokens, first, last));
    }
    out.elements.push_back(std::move(element));
  }
  if (c.accept_word("WHERE")) {
    out.where = strip_outer_parens(source_between(sql, tokens, c.pos(), tokens.size() - 1));
  }
  return out;
}

}  // namespace retort::detail
