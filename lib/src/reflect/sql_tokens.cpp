#include "reflect/sql_tokens.hpp"

#include <cctype>

namespace retort::detail {

namespace {

bool is_word_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool is_word_char(unsigned char c) { return is_word_start(c) || std::isdigit(c) || c == '$'; }

// Scans a quoted run starting at `i` (the opening quote) whose closing character is `close`;
// a doubled closing character stands for itself when `doubling` is allowed. Returns the
// index after the closing quote and appends the content to `out`.
std::size_t scan_quoted(std::string_view sql, std::size_t i, char close, bool doubling,
                        std::string& out) {
  ++i;
  while (i < sql.size()) {
    if (sql[i] == close) {
      if (doubling && i + 1 < sql.size() && sql[i + 1] == close) {
        out += close;
        i += 2;
        continue;
      }
      return i + 1;
    }
    out += sql[i++];
  }
  return i;
}

std::size_t scan_number(std::string_view sql, std::size_t i) {
  auto digit = [&](std::size_t k) {
    return k < sql.size() && std::isdigit(static_cast<unsigned char>(sql[k]));
  };
  if (sql[i] == '0' && i + 1 < sql.size() && (sql[i + 1] == 'x' || sql[i + 1] == 'X')) {
    i += 2;
    while (i < sql.size() && std::isxdigit(static_cast<unsigned char>(sql[i]))) ++i;
    return i;
  }
  while (digit(i)) ++i;
  if (i < sql.size() && sql[i] == '.') {
    ++i;
    while (digit(i)) ++i;
  }
  if (i < sql.size() && (sql[i] == 'e' || sql[i] == 'E')) {
    std::size_t k = i + 1;
    if (k < sql.size() && (sql[k] == '+' || sql[k] == '-')) ++k;
    if (digit(k)) {
      i = k;
      while (digit(i)) ++i;
    }
  }
  return i;
}

// Multi-character operators, longest first.
constexpr std::string_view kOperators[] = {
    "||", "<=", ">=", "<>", "!=", "==", "<<", ">>", "::", "->>", "->"};

std::size_t operator_length(std::string_view sql, std::size_t i) {
  std::size_t best = 1;
  for (std::string_view op : kOperators) {
    if (op.size() > best && sql.substr(i, op.size()) == op) best = op.size();
  }
  return best;
}

// Skips blanks and comments from `i`; returns the next meaningful index.
std::size_t skip_blanks(std::string_view sql, std::size_t i) {
  while (i < sql.size()) {
    const unsigned char c = sql[i];
    if (std::isspace(c)) {
      ++i;
    } else if (sql.substr(i, 2) == "--") {
      const std::size_t nl = sql.find('\n', i);
      i = nl == std::string_view::npos ? sql.size() : nl + 1;
    } else if (sql.substr(i, 2) == "/*") {
      const std::size_t close = sql.find("*/", i + 2);
      i = close == std::string_view::npos ? sql.size() : close + 2;
    } else {
      break;
    }
  }
  return i;
}

}  // namespace

bool Token::is_word(std::string_view keyword) const {
  if (kind != TokenKind::kWord || text.size() != keyword.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(keyword[i]))) {
      return false;
    }
  }
  return true;
}

std::vector<Token> tokenize_sql(std::string_view sql) {
  std::vector<Token> tokens;
  std::size_t i = skip_blanks(sql, 0);
  while (i < sql.size()) {
    Token t;
    t.begin = i;
    const unsigned char c = sql[i];
    const bool blob = (c == 'x' || c == 'X') && i + 1 < sql.size() && sql[i + 1] == '\'';
    if (blob) {
      t.kind = TokenKind::kString;
      std::string ignored;
      i = scan_quoted(sql, i + 1, '\'', true, ignored);
      t.text = std::string(sql.substr(t.begin, i - t.begin));
    } else if (c == '\'') {
      t.kind = TokenKind::kString;
      i = scan_quoted(sql, i, '\'', true, t.text);
    } else if (c == '"' || c == '`') {
      t.kind = TokenKind::kQuotedIdent;
      i = scan_quoted(sql, i, static_cast<char>(c), true, t.text);
    } else if (c == '[') {
      t.kind = TokenKind::kQuotedIdent;
      i = scan_quoted(sql, i, ']', false, t.text);
    } else if (std::isdigit(c) ||
               (c == '.' && i + 1 < sql.size() && std::isdigit((unsigned char)sql[i + 1]))) {
      t.kind = TokenKind::kNumber;
      i = scan_number(sql, i);
      t.text = std::string(sql.substr(t.begin, i - t.begin));
    } else if (is_word_start(c)) {
      t.kind = TokenKind::kWord;
      while (i < sql.size() && is_word_char(static_cast<unsigned char>(sql[i]))) ++i;
      t.text = std::string(sql.substr(t.begin, i - t.begin));
    } else {
      t.kind = TokenKind::kPunct;
      i += operator_length(sql, i);
      t.text = std::string(sql.substr(t.begin, i - t.begin));
    }
    t.end = i;
    tokens.push_back(std::move(t));
    i = skip_blanks(sql, i);
  }
  return tokens;
}

std::size_t matching_paren(const std::vector<Token>& tokens, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i].is_punct("(")) ++depth;
    if (tokens[i].is_punct(")") && --depth == 0) return i;
  }
  return tokens.size();
}

std::string source_between(std::string_view sql, const std::vector<Token>& tokens,
                           std::size_t first, std::size_t last) {
  if (first > last || last >= tokens.size()) return {};
  return std::string(sql.substr(tokens[first].begin, tokens[last].end - tokens[first].begin));
}

std::string strip_outer_parens(std::string_view sql) {
  std::string current(sql);
  for (;;) {
    const std::vector<Token> tokens = tokenize_sql(current);
    if (tokens.size() < 2 || !tokens.front().is_punct("(") ||
        matching_paren(tokens, 0) != tokens.size() - 1) {
      return source_between(current, tokens, 0, tokens.empty() ? 0 : tokens.size() - 1);
    }
    current = source_between(current, tokens, 1, tokens.size() - 2);
  }
}

bool unquote_string_literal(std::string_view sql, std::string& value) {
  const std::vector<Token> tokens = tokenize_sql(sql);
  if (tokens.size() != 1 || tokens[0].kind != TokenKind::kString || sql[tokens[0].begin] != '\'') {
    return false;
  }
  value = tokens[0].text;
  return true;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace retort::detail
