#include "engine/sqlite/sqlite_dialect.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "ddl/dialect_support.hpp"
#include "engine/driver.hpp"
#include "engine/sql_builder.hpp"
#include "retort/url.hpp"

namespace retort::sqlite {

namespace {

// The only column types a STRICT table accepts: INTEGER, REAL, TEXT, BLOB, ANY.
std::string strict_type_sql(const Type& type) {
  switch (type.kind) {
    case TypeKind::kInteger:
    case TypeKind::kSmallInt:
    case TypeKind::kBigInt:
    case TypeKind::kBoolean:
      return "INTEGER";
    case TypeKind::kReal:
    case TypeKind::kDouble:
      return "REAL";
    case TypeKind::kBinary:
      return "BLOB";
    case TypeKind::kNumeric:
    case TypeKind::kRaw:
      return "ANY";
    default:
      return "TEXT";
  }
}

// The models file's canonical spelling in upper case (INTEGER, VARCHAR(30), NUMERIC(10,2),
// TIMESTAMPTZ, ...), whose SQLite affinity is right and which reflection parses back, except
// for binary and enum columns.
std::string type_sql(const Type& type) {
  switch (type.kind) {
    case TypeKind::kBinary:
      return "BLOB";
    case TypeKind::kEnum:
      return "TEXT";  // plus an inline CHECK of the values, written by the DDL compiler
    case TypeKind::kRaw:
      return type.name.empty() ? type.spelling : type.name;
    default: {
      std::string out = type.to_string();
      std::transform(out.begin(), out.end(), out.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      return out;
    }
  }
}

bool is_main(std::string_view schema) { return schema.empty() || schema == "main"; }

void check_column(const detail::SupportError& err, const Table& table, const Column& column) {
  if (column.identity != Identity::kNone) {
    err.fail(table, column, "identity columns are not supported; use autoincrement");
  }
  if (!column.autoincrement) return;
  if (!detail::is_integer_kind(column.type.kind)) {
    err.fail(table, column, "autoincrement needs an integer type");
  }
  if (!table.primary_key || table.primary_key->columns.size() != 1 ||
      table.primary_key->columns[0] != column.name) {
    err.fail(table, column, "autoincrement needs the column to be the only primary-key column");
  }
  if (table.without_rowid) {
    err.fail(table, column, "autoincrement is not allowed in a WITHOUT ROWID table");
  }
}

void check_table(const detail::SupportError& err, const Table& table) {
  if (!is_main(table.schema)) err.fail(table, "schemas are not supported");
  if (table.without_rowid && !table.primary_key) {
    err.fail(table, "a WITHOUT ROWID table needs a primary key");
  }
  for (const Column& column : table.columns) check_column(err, table, column);
  for (const ForeignKey& fk : table.foreign_keys) {
    if (!is_main(fk.ref_schema)) {
      err.fail(table, "foreign key to \"" + fk.ref_schema + "." + fk.ref_table +
                          "\": schemas are not supported");
    }
  }
}

}  // namespace

std::string SqliteDialect::placeholder(int /*index*/) const { return "?"; }

std::string SqliteDialect::column_type_sql(const Table& table, const Column& column,
                                           const MetaData& /*metadata*/) const {
  if (column.autoincrement) return "INTEGER";
  return table.strict ? strict_type_sql(column.type) : type_sql(column.type);
}

std::string SqliteDialect::default_literal_sql(const Type& type, std::string_view literal) const {
  return detail::default_literal(type, literal, "1", "0");
}

std::string SqliteDialect::table_options_sql(const Table& table) const {
  std::string out;
  if (table.without_rowid) out += " WITHOUT ROWID";
  if (table.strict) out += out.empty() ? " STRICT" : ", STRICT";
  return out;
}

std::vector<std::string> SqliteDialect::drop_all_prologue_sql() const {
  // Deferred until COMMIT, by which time every table of the model is gone.
  return {"PRAGMA defer_foreign_keys = ON"};
}

void SqliteDialect::check_support(const MetaData& metadata) const {
  const detail::SupportError err(*this);
  for (const std::string& schema : metadata.schemas) {
    if (!is_main(schema)) err.fail_object("schema", schema, "schemas are not supported");
  }
  for (const EnumType& e : metadata.enums) {
    if (!is_main(e.schema)) {
      err.fail_object("enum", e.schema + "." + e.name, "schemas are not supported");
    }
  }
  for (const Table& table : metadata.tables) check_table(err, table);
}

// SQLite's ALTER TABLE ADD COLUMN: "The column may not have a PRIMARY KEY or UNIQUE
// constraint [table-level in the model], may not have a default of CURRENT_TIME ... or an
// expression in parentheses, if NOT NULL it must have a non-NULL default", and may not be
// a STORED generated column.
bool SqliteDialect::can_add_column(const Column& column) const {
  if (column.autoincrement || column.identity != Identity::kNone) return false;
  if (column.computed && column.computed->stored) return false;
  if (column.server_default && column.server_default->kind != DefaultValue::Kind::kLiteral) {
    return false;
  }
  return column.nullable || column.server_default.has_value();
}

// Only AUTOINCREMENT remembers the largest key (in sqlite_sequence, which SQLite creates with
// the first such table and never drops); a plain rowid starts over in an empty table.
std::string SqliteDialect::restart_generated_key_sql(const Table& table,
                                                     const Column& column) const {
  if (!column.autoincrement) return {};
  SqlBuilder b(*this);
  b.sql("DELETE FROM sqlite_sequence WHERE name = ").literal(table.name);
  return b.take();
}

std::string SqliteDialect::foreign_key_check_sql(const Table& table) const {
  SqlBuilder b(*this);
  b.sql("PRAGMA foreign_key_check(").ident(table.name).sql(")");
  return b.take();
}

std::string SqliteDialect::triggers_query_sql(const Table& table) const {
  SqlBuilder b(*this);
  b.sql("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ")
      .literal(table.name)
      .sql(" ORDER BY name");
  return b.take();
}

bool SqliteDialect::is_lock_busy_code(std::string_view code) const {
  int value = 0;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
    if (value > 1000000) return false;
  }
  return !code.empty() && (value & 0xff) == 5;
}

std::string SqliteDialect::foreign_keys_enforcement_sql(bool on) const {
  return on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF";
}

std::vector<std::string> SqliteDialect::alter_autoincrement_sql(const Table& /*table*/,
                                                                const Column& /*column*/,
                                                                bool /*enable*/) const {
  return {};  // never called: can_alter_column() is false, columns change by a rebuild
}

bool SqliteDialect::database_exists(const Url& url) const {
  if (url.is_sqlite_memory() || url.query_value("uri") == "true") return true;
  std::error_code ec;
  return std::filesystem::exists(url.database, ec) || ec;
}

}  // namespace retort::sqlite

namespace retort::detail {

const Dialect& sqlite_dialect() {
  static const sqlite::SqliteDialect dialect;
  return dialect;
}

}  // namespace retort::detail
