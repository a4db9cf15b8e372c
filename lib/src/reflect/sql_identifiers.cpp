#include "reflect/sql_identifiers.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "reflect/sql_tokens.hpp"

namespace retort::detail {

namespace {

// SQLite's keywords (sqlite3_keyword_name) and PostgreSQL 15's reserved, type/function-name
// and column-name keywords (pg_get_keywords() with catcode R, T or C), lower case, sorted.
// A word on the list keeps its quotes even where one database would accept it bare: being
// too careful only leaves a spelling difference, while unquoting a keyword changes the SQL.
// clang-format off
constexpr std::string_view kKeywords[] = {
    "abort", "action", "add", "after", "all", "alter", "always", "analyse", "analyze", "and",
    "any", "array", "as", "asc", "asymmetric", "attach", "authorization", "autoincrement",
    "before", "begin", "between", "bigint", "binary", "bit", "boolean", "both", "by",
    "cascade", "case", "cast", "char", "character", "check", "coalesce", "collate",
    "collation", "column", "commit", "concurrently", "conflict", "constraint", "create",
    "cross", "current", "current_catalog", "current_date", "current_role", "current_schema",
    "current_time", "current_timestamp", "current_user", "database", "dec", "decimal",
    "default", "deferrable", "deferred", "delete", "desc", "detach", "distinct", "do", "drop",
    "each", "else", "end", "escape", "except", "exclude", "exclusive", "exists", "explain",
    "extract", "fail", "false", "fetch", "filter", "first", "float", "following", "for",
    "foreign", "freeze", "from", "full", "generated", "glob", "grant", "greatest", "group",
    "grouping", "groups", "having", "if", "ignore", "ilike", "immediate", "in", "index",
    "indexed", "initially", "inner", "inout", "insert", "instead", "int", "integer",
    "intersect", "interval", "into", "is", "isnull", "join", "key", "last", "lateral",
    "leading", "least", "left", "like", "limit", "localtime", "localtimestamp", "match",
    "materialized", "national", "natural", "nchar", "no", "none", "normalize", "not",
    "nothing", "notnull", "null", "nullif", "nulls", "numeric", "of", "offset", "on", "only",
    "or", "order", "others", "out", "outer", "over", "overlaps", "overlay", "partition",
    "placing", "plan", "position", "pragma", "preceding", "precision", "primary", "query",
    "raise", "range", "real", "recursive", "references", "regexp", "reindex", "release",
    "rename", "replace", "restrict", "returning", "right", "rollback", "row", "rows",
    "savepoint", "select", "session_user", "set", "setof", "similar", "smallint", "some",
    "substring", "symmetric", "table", "tablesample", "temp", "temporary", "then", "ties",
    "time", "timestamp", "to", "trailing", "transaction", "treat", "trigger", "trim", "true",
    "unbounded", "union", "unique", "update", "user", "using", "vacuum", "values", "varchar",
    "variadic", "verbose", "view", "virtual", "when", "where", "window", "with", "without",
    "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces",
    "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable"};
// clang-format on

bool is_keyword(std::string_view name) {
  return std::binary_search(std::begin(kKeywords), std::end(kKeywords), name);
}

bool is_bare_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

}  // namespace

bool needs_quotes(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return true;
  const bool plain = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  return !plain || is_keyword(name);
}

std::string unquote_identifiers(std::string_view sql) {
  std::string out;
  std::size_t copied = 0;
  for (const Token& token : tokenize_sql(sql)) {
    if (token.kind != TokenKind::kQuotedIdent || needs_quotes(token.text)) continue;
    out.append(sql.substr(copied, token.begin - copied));
    if (!out.empty() && is_bare_char(out.back())) out += ' ';
    out += token.text;
    if (token.end < sql.size() && is_bare_char(sql[token.end])) out += ' ';
    copied = token.end;
  }
  if (copied == 0) return std::string(sql);
  out.append(sql.substr(copied));
  return out;
}

}  // namespace retort::detail
