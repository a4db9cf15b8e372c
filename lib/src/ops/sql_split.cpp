// split_sql: statements of an `execute` operation. A ';' ends a statement only at the top
// level: not inside '...', "...", `...`, [...], -- and /* */ comments, PostgreSQL $tag$
// dollar quotes, or the BEGIN ... END body of a CREATE TRIGGER (where CASE ... END nests).
// Dollar quoting is recognised on every dialect: `$tag$` does not occur in SQLite SQL.
#include <cctype>

#include "retort/ops.hpp"

namespace retort {
namespace {

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

std::string upper(std::string_view word) {
  std::string out(word);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string trimmed(std::string_view text) {
  std::size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  return std::string(text.substr(b, e - b));
}

// The end (exclusive) of the quoted or commented span starting at `i`, or `i` if none starts.
std::size_t skip_span(std::string_view s, std::size_t i) {
  const char c = s[i];
  auto find_or_end = [&](std::string_view what, std::size_t from) {
    const std::size_t at = s.find(what, from);
    return at == std::string_view::npos ? s.size() : at + what.size();
  };
  if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') return find_or_end("\n", i + 2);
  if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') return find_or_end("*/", i + 2);
  if (c == '\'' || c == '"' || c == '`' || c == '[') {
    const char close = c == '[' ? ']' : c;
    return find_or_end(std::string_view(&close, 1), i + 1);  // '' doubles: two spans in a row
  }
  if (c == '$' && (i == 0 || !is_word_char(s[i - 1]))) {
    std::size_t j = i + 1;
    while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
    if (j < s.size() && s[j] == '$' && !std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
      const std::string tag(s.substr(i, j - i + 1));
      return find_or_end(tag, j + 1);
    }
  }
  return i;
}

}  // namespace

std::vector<std::string> split_sql(std::string_view sql) {
  std::vector<std::string> out;
  std::size_t start = 0;
  bool in_trigger = false;  // the current statement is CREATE [TEMP] TRIGGER
  int depth = 0;            // BEGIN/CASE ... END nesting inside a trigger
  std::size_t words = 0;    // words seen in the current statement
  std::size_t i = 0;
  while (i < sql.size()) {
    if (const std::size_t end = skip_span(sql, i); end != i) {
      i = end;
      continue;
    }
    const char c = sql[i];
    if (is_word_char(c)) {
      std::size_t j = i;
      while (j < sql.size() && is_word_char(sql[j])) ++j;
      const std::string word = upper(sql.substr(i, j - i));
      if (words < 4 && word == "TRIGGER") in_trigger = true;
      if (in_trigger && (word == "BEGIN" || word == "CASE")) ++depth;
      if (in_trigger && word == "END" && depth > 0) --depth;
      ++words;
      i = j;
      continue;
    }
    if (c == ';' && depth == 0) {
      if (std::string stmt = trimmed(sql.substr(start, i - start)); !stmt.empty()) {
        out.push_back(std::move(stmt));
      }
      start = i + 1;
      in_trigger = false;
      words = 0;
    }
    ++i;
  }
  if (std::string stmt = trimmed(sql.substr(start)); !stmt.empty()) out.push_back(std::move(stmt));
  return out;
}

}  // namespace retort
