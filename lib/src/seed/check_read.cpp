// Reading CHECK constraints into bounds and value lists. Only the forms docs/seeding.md lists
// are read; anything else makes read_check return false, and the seeder names that check if
// the database rejects a row.
#include <charconv>
#include <cstdlib>

#include "reflect/sql_tokens.hpp"
#include "seed/seed_internal.hpp"

namespace retort::detail {
namespace {

// Whether `next` is the next word of a multi-word type name starting at `word` ("character
// varying", "double precision", "timestamp with time zone").
bool continues_type(const Token& word, const Token& next) {
  if (word.is_word("character") || word.is_word("bit")) return next.is_word("varying");
  if (word.is_word("double")) return next.is_word("precision");
  if (word.is_word("timestamp") || word.is_word("time"))
    return next.is_word("with") || next.is_word("without") || next.is_word("zone");
  if (word.is_word("with") || word.is_word("without")) return next.is_word("time");
  return false;
}

bool is_numeric_type(const Token& word) {
  for (std::string_view type : {"integer", "int", "int2", "int4", "int8", "smallint", "bigint",
                                "numeric", "decimal", "real", "float4", "float8", "double"})
    if (word.is_word(type)) return true;
  return false;
}

// A string literal holding a whole number text ('-5', '2.5') becomes that number.
void number_from_string(Token& t) {
  if (t.kind != TokenKind::kString || t.text.empty()) return;
  double v = 0;
  auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
  if (ec == std::errc() && end == t.text.data() + t.text.size()) t.kind = TokenKind::kNumber;
}

// The tokens without PostgreSQL's casts ("::numeric", "::character varying(30)", "::text()")
// and without the parentheses the catalog adds around single operands.
std::vector<Token> without_casts(const std::vector<Token>& tokens) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].is_punct("::")) {
      out.push_back(tokens[i]);
      continue;
    }
    ++i;  // the type: words ("character varying"), then optional (n) and []
    // PostgreSQL prints a negative number as a string cast to its type ('-5'::integer).
    if (i < tokens.size() && is_numeric_type(tokens[i]) && !out.empty())
      number_from_string(out.back());
    while (i + 2 < tokens.size() && tokens[i].is_identifier() && tokens[i + 1].is_punct("."))
      i += 2;  // schema-qualified: public.mood
    while (i < tokens.size() && tokens[i].is_identifier()) {
      if (i + 1 < tokens.size() && continues_type(tokens[i], tokens[i + 1])) {
        ++i;
        continue;
      }
      break;
    }
    if (i + 1 < tokens.size() && tokens[i + 1].is_punct("(")) i = matching_paren(tokens, i + 1);
    while (i + 2 < tokens.size() && tokens[i + 1].is_punct("(") && tokens[i + 2].is_punct(")"))
      i += 2;  // text[] (brackets read as parentheses)
  }
  // "( x )" around one operand: drop the pair.
  std::vector<Token> flat;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i].is_punct("(") && i + 2 < out.size() && out[i + 2].is_punct(")") &&
        !(out[i + 1].is_punct("(")) &&
        (flat.empty() || !(flat.back().is_identifier() && !flat.back().is_word("in") &&
                           !flat.back().is_word("and") && !flat.back().is_word("between")))) {
      flat.push_back(out[i + 1]);
      i += 2;
      continue;
    }
    flat.push_back(out[i]);
  }
  return flat;
}

bool number(const Token& t, bool negative, double& v) {
  if (t.kind != TokenKind::kNumber) return false;
  const char* end = nullptr;
  v = std::strtod(t.text.c_str(), const_cast<char**>(&end));
  if (negative) v = -v;
  return true;
}

// A literal at tokens[i]: a number (with an optional sign) or a string; advances i.
bool literal(const std::vector<Token>& t, std::size_t& i, std::string& text, double* num) {
  bool negative = false;
  if (i < t.size() && (t[i].is_punct("-") || t[i].is_punct("+"))) {
    negative = t[i].is_punct("-");
    ++i;
  }
  if (i >= t.size()) return false;
  if (t[i].kind == TokenKind::kString && !negative) {
    text = t[i++].text;
    return num == nullptr;
  }
  double v;
  if (!number(t[i], negative, v)) return false;
  text = (negative ? "-" : "") + t[i].text;
  if (num) *num = v;
  ++i;
  return true;
}

// One comparison over tokens [i, end): fills `b`, returns false when not a known form.
bool read_term(const std::vector<Token>& t, std::size_t i, std::size_t end, CheckBounds& b) {
  while (i < end && t[i].is_punct("(") && matching_paren(t, i) == end - 1) {
    ++i;
    --end;
  }
  if (i >= end) return false;
  if (t[i].is_identifier() && i + 1 < end) {
    b.column = t[i].text;
    std::size_t k = i + 1;
    const bool in = t[k].is_word("in");
    const bool any = t[k].is_punct("=") && k + 1 < end && t[k + 1].is_word("any");
    if (in || any) {
      k += in ? 1 : 2;
      if (k >= end || !t[k].is_punct("(")) return false;
      ++k;
      if (any) {  // = ANY (ARRAY[...]), the array possibly in parentheses of its own
        while (k < end && t[k].is_punct("(")) ++k;
        if (k + 1 >= end || !t[k].is_word("array") || !t[k + 1].is_punct("(")) return false;
        k += 2;
      }
      b.has_list = true;
      while (k < end) {
        std::string value;
        if (!literal(t, k, value, nullptr)) {
          double ignored;
          if (!literal(t, k, value, &ignored)) return false;
        }
        b.list.push_back(value);
        if (k < end && t[k].is_punct(",")) {
          ++k;
          continue;
        }
        break;
      }
      return !b.list.empty();
    }
    if (t[k].is_word("between")) {
      ++k;
      std::string text;
      double lo, hi;
      if (!literal(t, k, text, &lo) || k >= end || !t[k].is_word("and")) return false;
      ++k;
      if (!literal(t, k, text, &hi) || k != end) return false;
      b.lo = lo;
      b.hi = hi;
      return true;
    }
    const std::string op = t[k].text;
    if (t[k].kind != TokenKind::kPunct) return false;
    ++k;
    std::string text;
    double v;
    if (!literal(t, k, text, &v) || k != end) return false;
    if (op == ">=" || op == ">") {
      b.lo = v;
      b.lo_strict = op == ">";
    } else if (op == "<=" || op == "<") {
      b.hi = v;
      b.hi_strict = op == "<";
    } else {
      return false;
    }
    return true;
  }
  // number op column
  std::string text;
  double v;
  std::size_t k = i;
  if (!literal(t, k, text, &v) || k + 2 != end || !t[k + 1].is_identifier()) return false;
  const std::string op = t[k].text;
  b.column = t[k + 1].text;
  if (op == "<=" || op == "<") {
    b.lo = v;
    b.lo_strict = op == "<";
  } else if (op == ">=" || op == ">") {
    b.hi = v;
    b.hi_strict = op == ">";
  } else {
    return false;
  }
  return true;
}

}  // namespace

bool read_check(std::string_view expression, std::vector<CheckBounds>& out) {
  // PostgreSQL prints arrays as ARRAY[...] and types as text[]; the tokenizer reads [...] as
  // a SQLite quoted name, so brackets outside strings become parentheses first.
  std::string text(expression);
  bool in_string = false;
  for (char& c : text) {
    if (c == '\'') in_string = !in_string;
    if (!in_string && c == '[') c = '(';
    if (!in_string && c == ']') c = ')';
  }
  const std::string stripped = strip_outer_parens(text);
  const std::vector<Token> t = without_casts(tokenize_sql(stripped));
  std::vector<CheckBounds> terms;
  std::size_t start = 0;
  int depth = 0;
  bool between = false;
  for (std::size_t i = 0; i <= t.size(); ++i) {
    if (i < t.size()) {
      if (t[i].is_punct("(")) ++depth;
      if (t[i].is_punct(")")) --depth;
      if (depth == 0 && t[i].is_word("between")) between = true;
      if (depth == 0 && t[i].is_word("or")) return false;
      if (!(depth == 0 && t[i].is_word("and"))) continue;
      if (between) {  // the AND of BETWEEN a AND b
        between = false;
        continue;
      }
    }
    CheckBounds b;
    if (!read_term(t, start, i, b)) return false;
    terms.push_back(std::move(b));
    start = i + 1;
  }
  if (terms.empty()) return false;
  out.insert(out.end(), terms.begin(), terms.end());
  return true;
}

}  // namespace retort::detail
