// Parses the stored text of CREATE TABLE and CREATE INDEX statements (SQLite keeps them
// verbatim in sqlite_schema.sql) for what the catalog pragmas do not report: constraint
// names, CHECK expressions, deferrability, AUTOINCREMENT, COLLATE, generated-column
// expressions, partial-index predicates and expression keys. The grammar followed is SQLite's
// (https://sqlite.org/lang_createtable.html), which is a superset of what retort renders.
// Parsing never throws: what it does not understand it skips.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "retort/schema.hpp"

namespace retort::detail {

struct ParsedForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_table;
  std::vector<std::string> ref_columns;  // empty: the referenced table's primary key
  Deferrable deferrable = Deferrable::kNotDeferrable;
};

struct ParsedColumn {
  std::string name;
  std::string type;  // declared type text, as written
  std::string collation;
  bool autoincrement = false;
  std::optional<Computed> computed;  // expression without the enclosing parentheses
};

struct ParsedTable {
  std::vector<ParsedColumn> columns;
  std::string primary_key_name;
  std::vector<UniqueConstraint> uniques;  // column-level and table-level, in text order
  std::vector<CheckConstraint> checks;    // expression without the enclosing parentheses
  std::vector<ParsedForeignKey> foreign_keys;

  const ParsedColumn* find_column(std::string_view name) const;
};

ParsedTable parse_create_table(std::string_view sql);

struct ParsedIndexElement {
  std::string column;      // set when the key is a bare column name
  std::string expression;  // otherwise, the expression without enclosing parentheses
  bool descending = false;
};

struct ParsedIndex {
  bool unique = false;  // CREATE UNIQUE INDEX
  std::vector<ParsedIndexElement> elements;
  std::string where;  // predicate without enclosing parentheses; empty for a full index
};

ParsedIndex parse_create_index(std::string_view sql);

}  // namespace retort::detail
