// reflect(): picks the dialect's inspector, then puts the result in canonical order.
#include <algorithm>

#include "reflect/canonical.hpp"
#include "reflect/inspector.hpp"
#include "retort/engine.hpp"

namespace retort {

namespace detail {

bool table_selected(const InspectOptions& options, std::string_view name) {
  for (const std::string& version_table : options.version_tables) {
    if (version_table == name) return false;
  }
  for (const std::string& pattern : options.exclude) {
    if (glob_match(pattern, name)) return false;
  }
  if (options.include.empty()) return true;
  return std::any_of(options.include.begin(), options.include.end(),
                     [&](const std::string& pattern) { return glob_match(pattern, name); });
}

}  // namespace detail

bool glob_match(std::string_view pattern, std::string_view name) {
  // Iterative matching with one backtrack point for the last '*': linear in practice and
  // never exponential.
  std::size_t p = 0, n = 0;
  std::size_t star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

MetaData reflect(Connection& conn, const InspectOptions& options, InspectExtras* extras) {
  std::unique_ptr<detail::Inspector> inspector;
  // The one place outside the dialect folders that knows the dialects: the registry.
  switch (conn.dialect().kind()) {
    case DialectKind::kSqlite:
      inspector = detail::make_sqlite_inspector(conn);
      break;
    case DialectKind::kPostgres:
      inspector = detail::make_postgres_inspector(conn);
      break;
  }
  InspectExtras local_extras;
  MetaData metadata = inspector->reflect(options, extras ? extras : &local_extras);
  detail::canonicalize(metadata);
  if (extras) {
    std::sort(extras->views.begin(), extras->views.end());
    std::sort(extras->triggers.begin(), extras->triggers.end());
  }
  return metadata;
}

}  // namespace retort
