// Small builders for schema-model objects used by the DDL tests.
#pragma once

#include <string>
#include <vector>

#include "engine/driver.hpp"
#include "retort/ddl.hpp"
#include "retort/schema.hpp"

namespace retort::testing {

inline const Dialect& sqlite() { return detail::sqlite_dialect(); }
inline const Dialect& postgres() { return detail::postgres_dialect(); }

inline Type type(TypeKind kind) {
  Type t;
  t.kind = kind;
  return t;
}
inline Type sized(TypeKind kind, int length) {
  Type t = type(kind);
  t.length = length;
  return t;
}
inline Type numeric(std::optional<int> precision, std::optional<int> scale) {
  Type t = type(TypeKind::kNumeric);
  t.precision = precision;
  t.scale = scale;
  return t;
}
inline Type named(TypeKind kind, std::string name) {
  Type t = type(kind);
  t.name = std::move(name);
  return t;
}

inline Column column(std::string name, Type t, bool nullable = true) {
  Column c;
  c.name = std::move(name);
  c.type = std::move(t);
  c.nullable = nullable;
  return c;
}

inline Table table(std::string name, std::vector<Column> columns, std::string schema = {}) {
  Table t;
  t.name = std::move(name);
  t.schema = std::move(schema);
  t.columns = std::move(columns);
  return t;
}

inline ForeignKey fk(std::vector<std::string> columns, std::string ref_table,
                     std::vector<std::string> ref_columns, std::string name = {}) {
  ForeignKey f;
  f.name = std::move(name);
  f.columns = std::move(columns);
  f.ref_table = std::move(ref_table);
  f.ref_columns = std::move(ref_columns);
  return f;
}

inline IndexElement col_element(std::string name, bool desc = false) {
  return IndexElement{std::move(name), {}, desc};
}
inline IndexElement expr_element(std::string sql, bool desc = false) {
  return IndexElement{{}, std::move(sql), desc};
}

// The CREATE TABLE statement alone.
inline std::string create_sql(const Table& t, const Dialect& d, const MetaData& m = {}) {
  return create_table_sql(t, m, d).at(0);
}

// A model with every type, default kind and constraint the DDL compiler knows, usable on
// both databases (no schemas, enums without a schema, no identity). Defined in
// rich_model.cpp.
MetaData rich_model(bool for_postgres);

}  // namespace retort::testing
