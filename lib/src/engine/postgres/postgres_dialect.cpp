#include "engine/postgres/postgres_dialect.hpp"

#include "ddl/dialect_support.hpp"
#include "engine/driver.hpp"
#include "engine/sql_builder.hpp"

namespace retort::postgres {

namespace {

std::string serial_sql(TypeKind kind) {
  switch (kind) {
    case TypeKind::kSmallInt:
      return "smallserial";
    case TypeKind::kBigInt:
      return "bigserial";
    default:
      return "serial";
  }
}

std::string enum_sql(const Type& type, const MetaData& metadata) {
  SqlBuilder b(detail::postgres_dialect());
  if (const EnumType* e = detail::find_enum_type(metadata, type)) {
    b.qualified(e->schema, e->name);
  } else {
    b.ident(type.name);
  }
  return b.take();
}

// The models file's canonical spelling is PostgreSQL's own for every kind but these.
std::string type_sql(const Type& type, const MetaData& metadata) {
  switch (type.kind) {
    case TypeKind::kDouble:
      return "double precision";
    case TypeKind::kBinary:
      return "bytea";
    case TypeKind::kEnum:
      return enum_sql(type, metadata);
    case TypeKind::kRaw:
      return type.name.empty() ? type.spelling : type.name;
    default:
      return type.to_string();
  }
}

void check_column(const detail::SupportError& err, const Table& table, const Column& column) {
  const bool generated = column.autoincrement || column.identity != Identity::kNone;
  if (column.autoincrement && column.identity != Identity::kNone) {
    err.fail(table, column, "autoincrement and identity exclude each other");
  }
  if (generated && !detail::is_integer_kind(column.type.kind)) {
    err.fail(table, column,
             column.autoincrement ? "autoincrement needs integer, smallint or bigint"
                                  : "identity needs integer, smallint or bigint");
  }
  if (generated && column.server_default) {
    err.fail(table, column, "an autoincrement or identity column cannot have a default");
  }
  if (column.computed && !column.computed->stored) {
    err.fail(table, column, "virtual computed columns are not supported; use stored");
  }
}

}  // namespace

std::string PostgresDialect::placeholder(int index) const { return "$" + std::to_string(index); }

std::string PostgresDialect::column_type_sql(const Table& /*table*/, const Column& column,
                                             const MetaData& metadata) const {
  if (column.autoincrement) return serial_sql(column.type.kind);
  return type_sql(column.type, metadata);
}

std::string PostgresDialect::default_literal_sql(const Type& type, std::string_view literal) const {
  return detail::default_literal(type, literal, "TRUE", "FALSE");
}

std::string PostgresDialect::table_options_sql(const Table& /*table*/) const { return {}; }

void PostgresDialect::check_support(const MetaData& metadata) const {
  const detail::SupportError err(*this);
  for (const Table& table : metadata.tables) {
    if (table.without_rowid) err.fail(table, "without_rowid is a SQLite option");
    if (table.strict) err.fail(table, "strict is a SQLite option");
    for (const Column& column : table.columns) check_column(err, table, column);
  }
}

// PostgreSQL's ChooseConstraintName: "<table>[_<column>...]_<suffix>". A CHECK is named after
// its column when its expression uses exactly one ("t_n_check"), else after the table alone
// ("t_check"; AddRelationNewConstraints). (Names longer than 63 bytes, which PostgreSQL
// shortens, are not reproduced.)
std::string PostgresDialect::implicit_constraint_name(
    const Table& table, ConstraintKind kind, const std::vector<std::string>& columns) const {
  if (kind == ConstraintKind::kPrimaryKey) return table.name + "_pkey";
  if (kind == ConstraintKind::kCheck) {
    return table.name + (columns.size() == 1 ? "_" + columns[0] : "") + "_check";
  }
  std::string name = table.name;
  for (const std::string& column : columns) name += "_" + column;
  return name + (kind == ConstraintKind::kUnique ? "_key" : "_fkey");
}

// serial by hand: a sequence owned by the column, a nextval default, and the sequence moved
// past the values already present. Its name follows serial's "<table>_<column>_seq".
std::vector<std::string> PostgresDialect::alter_autoincrement_sql(const Table& table,
                                                                  const Column& column,
                                                                  bool enable) const {
  const std::string sequence = table.name + "_" + column.name + "_seq";
  SqlBuilder qualified_table(*this);
  qualified_table.qualified(table.schema, table.name);
  SqlBuilder qualified_sequence(*this);
  qualified_sequence.qualified(table.schema, sequence);
  std::vector<std::string> out;
  SqlBuilder b(*this);
  if (!enable) {
    b.sql("ALTER TABLE ").sql(qualified_table.str()).sql(" ALTER COLUMN ").ident(column.name);
    b.sql(" DROP DEFAULT");
    out.push_back(b.take());
    out.push_back("DROP SEQUENCE IF EXISTS " + qualified_sequence.str());
    return out;
  }
  b.sql("CREATE SEQUENCE ").sql(qualified_sequence.str()).sql(" OWNED BY ");
  b.sql(qualified_table.str()).sql(".").ident(column.name);
  out.push_back(b.take());
  SqlBuilder d(*this);
  d.sql("ALTER TABLE ").sql(qualified_table.str()).sql(" ALTER COLUMN ").ident(column.name);
  d.sql(" SET DEFAULT nextval(").literal(qualified_sequence.str()).sql("::regclass)");
  out.push_back(d.take());
  SqlBuilder s(*this);
  s.sql("SELECT setval(").literal(qualified_sequence.str()).sql(", COALESCE(max(");
  s.ident(column.name).sql("), 0) + 1, false) FROM ").sql(qualified_table.str());
  out.push_back(s.take());
  return out;
}

std::string PostgresDialect::create_database_sql(std::string_view name) const {
  return "CREATE DATABASE " + quote_identifier(name);
}

// FORCE (PostgreSQL 13+) ends sessions a failed run may have left behind.
std::string PostgresDialect::drop_database_sql(std::string_view name) const {
  return "DROP DATABASE IF EXISTS " + quote_identifier(name) + " WITH (FORCE)";
}

// serial and identity columns both own a sequence; it restarts at its own start value.
std::string PostgresDialect::restart_generated_key_sql(const Table& table,
                                                       const Column& column) const {
  SqlBuilder name(*this);
  name.qualified(table.schema, table.name);
  SqlBuilder b(*this);
  b.sql(
       "SELECT pg_catalog.setval(seqrelid, seqstart, false) FROM pg_catalog.pg_sequence "
       "WHERE seqrelid = pg_catalog.pg_get_serial_sequence(")
      .literal(name.str())
      .sql(", ")
      .literal(column.name)
      .sql(")::regclass");
  return b.take();
}

}  // namespace retort::postgres

namespace retort::detail {

const Dialect& postgres_dialect() {
  static const postgres::PostgresDialect dialect;
  return dialect;
}

}  // namespace retort::detail
