// Indexes, foreign keys added by ALTER TABLE, enum types and schemas.
#include "ddl/ddl_internal.hpp"
#include "retort/error.hpp"

namespace retort {

namespace {

[[noreturn]] void unsupported(const Dialect& dialect, const std::string& what) {
  throw UsageError(std::string(dialect.name()) + ": " + what + " is not supported");
}

void append_index_element(SqlBuilder& b, const IndexElement& element) {
  if (element.expression.empty()) {
    b.ident(element.column);
  } else {
    b.sql(detail::parenthesized(element.expression));
  }
  if (element.descending) b.sql(" DESC");
}

}  // namespace

std::string create_index_sql(const Table& table, const Index& index, const Dialect& dialect) {
  SqlBuilder b(dialect);
  b.sql(index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ").ident(index.name).sql(" ON ");
  detail::append_table_name(b, table);
  b.sql(" (");
  for (std::size_t i = 0; i < index.elements.size(); ++i) {
    if (i > 0) b.sql(", ");
    append_index_element(b, index.elements[i]);
  }
  b.sql(")");
  if (!index.where.empty()) b.sql(" WHERE ").sql(index.where);
  return b.take();
}

// An index lives in its table's schema, so DROP INDEX qualifies it with that schema.
std::string drop_index_sql(const Table& table, const Index& index, const Dialect& dialect) {
  SqlBuilder b(dialect);
  b.sql("DROP INDEX ");
  if (dialect.has_schemas()) {
    b.qualified(table.schema, index.name);
  } else {
    b.ident(index.name);
  }
  return b.take();
}

std::string add_foreign_key_sql(const Table& table, const ForeignKey& fk, const Dialect& dialect) {
  if (!dialect.can_alter_add_constraint()) unsupported(dialect, "ALTER TABLE ... ADD CONSTRAINT");
  SqlBuilder b(dialect);
  b.sql("ALTER TABLE ");
  detail::append_table_name(b, table);
  b.sql(" ADD ");
  detail::append_foreign_key(b, fk);
  return b.take();
}

std::string drop_constraint_sql(const Table& table, const std::string& name,
                                const Dialect& dialect) {
  if (!dialect.can_alter_add_constraint()) unsupported(dialect, "ALTER TABLE ... DROP CONSTRAINT");
  SqlBuilder b(dialect);
  b.sql("ALTER TABLE ");
  detail::append_table_name(b, table);
  b.sql(" DROP CONSTRAINT ").ident(name);
  return b.take();
}

std::string create_enum_sql(const EnumType& type, const Dialect& dialect) {
  if (!dialect.has_enum_types()) unsupported(dialect, "CREATE TYPE ... AS ENUM");
  SqlBuilder b(dialect);
  b.sql("CREATE TYPE ").qualified(type.schema, type.name).sql(" AS ENUM (");
  for (std::size_t i = 0; i < type.values.size(); ++i) {
    if (i > 0) b.sql(", ");
    b.literal(type.values[i]);
  }
  b.sql(")");
  return b.take();
}

std::string drop_enum_sql(const EnumType& type, const Dialect& dialect) {
  if (!dialect.has_enum_types()) unsupported(dialect, "DROP TYPE");
  SqlBuilder b(dialect);
  b.sql("DROP TYPE ").qualified(type.schema, type.name);
  return b.take();
}

std::string create_schema_sql(const std::string& schema, const Dialect& dialect) {
  if (!dialect.has_schemas()) unsupported(dialect, "CREATE SCHEMA");
  SqlBuilder b(dialect);
  b.sql("CREATE SCHEMA IF NOT EXISTS ").ident(schema);
  return b.take();
}

// IF EXISTS mirrors the IF NOT EXISTS of create_schema_sql. Without CASCADE, a schema that
// still holds objects outside the model is not dropped: the statement fails instead.
std::string drop_schema_sql(const std::string& schema, const Dialect& dialect) {
  if (!dialect.has_schemas()) unsupported(dialect, "DROP SCHEMA");
  SqlBuilder b(dialect);
  b.sql("DROP SCHEMA IF EXISTS ").ident(schema);
  return b.take();
}

}  // namespace retort
