// The column names inside SQL the user wrote (CHECK expressions, index expressions and
// predicates, computed columns), and the names a database gives unnamed constraints.
#include <algorithm>

#include "engine/sql_builder.hpp"
#include "ops/ops_internal.hpp"
#include "reflect/sql_identifiers.hpp"
#include "reflect/sql_tokens.hpp"
#include "retort/error.hpp"

namespace retort::detail {
namespace {

// True when token `i` is an identifier in a column's place: not a function name ("f("), a
// qualifier ("t.") or a type after "::".
bool in_column_place(const std::vector<Token>& tokens, std::size_t i) {
  if (!tokens[i].is_identifier()) return false;
  if (i + 1 < tokens.size() && (tokens[i + 1].is_punct("(") || tokens[i + 1].is_punct("."))) {
    return false;
  }
  return i == 0 || !tokens[i - 1].is_punct("::");
}

// A bare word names a column case-insensitively (PostgreSQL folds it; SQLite ignores case); a
// quoted identifier names it exactly.
bool names_column(const Token& token, std::string_view column) {
  if (token.kind == TokenKind::kQuotedIdent) return token.text == column;
  return ascii_lower(token.text) == ascii_lower(column);
}

}  // namespace

std::vector<std::string> columns_in_sql(const Table& table, std::string_view sql) {
  std::vector<std::string> out;
  const std::vector<Token> tokens = tokenize_sql(sql);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!in_column_place(tokens, i)) continue;
    for (const Column& c : table.columns) {
      if (names_column(tokens[i], c.name) &&
          std::find(out.begin(), out.end(), c.name) == out.end()) {
        out.push_back(c.name);
      }
    }
  }
  return out;
}

bool sql_names_column(std::string_view sql, std::string_view column) {
  const std::vector<Token> tokens = tokenize_sql(sql);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (in_column_place(tokens, i) && names_column(tokens[i], column)) return true;
  }
  return false;
}

std::string rename_column_in_sql(std::string_view sql, std::string_view from, std::string_view to) {
  const std::vector<Token> tokens = tokenize_sql(sql);
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!in_column_place(tokens, i) || !names_column(tokens[i], from)) continue;
    out.append(sql.substr(copied, tokens[i].begin - copied));
    const bool bare = tokens[i].kind == TokenKind::kWord && !needs_quotes(to);
    out += bare ? std::string(to) : quote_identifier(to);
    copied = tokens[i].end;
  }
  if (copied == 0) return std::string(sql);
  out.append(sql.substr(copied));
  return out;
}

bool same_sql(std::string_view a, std::string_view b) {
  const std::vector<Token> x = tokenize_sql(a);
  const std::vector<Token> y = tokenize_sql(b);
  auto same = [](const Token& s, const Token& t) {
    if (s.is_identifier() && t.is_identifier()) {
      const auto folded = [](const Token& k) {
        return k.kind == TokenKind::kWord ? ascii_lower(k.text) : k.text;
      };
      return folded(s) == folded(t);
    }
    return s.kind == t.kind && s.text == t.text;
  };
  return std::equal(x.begin(), x.end(), y.begin(), y.end(), same);
}

std::string implicit_check_name(const Table& table, const CheckConstraint& check,
                                const Dialect& dialect) {
  return dialect.implicit_constraint_name(table, ConstraintKind::kCheck,
                                          columns_in_sql(table, check.expression));
}

}  // namespace retort::detail
