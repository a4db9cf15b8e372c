// The SQLite dialect: "?" placeholders, no schemas, enum types or comments, and the SQLite
// spellings of the model's types.
//
// Type spellings (chosen so that SQLite's affinity rules give the right affinity and a
// reflection can map the declared type back to the model's type):
//   integer INTEGER, smallint SMALLINT, bigint BIGINT      -> INTEGER affinity
//   boolean BOOLEAN, numeric NUMERIC(p,s), date DATE, time TIME, timestamp TIMESTAMP,
//   timestamptz TIMESTAMPTZ, uuid UUID, json JSON, jsonb JSONB -> NUMERIC affinity
//   varchar(n) VARCHAR(n), char(n) CHAR(n), text TEXT, enum TEXT -> TEXT affinity
//   real REAL, double DOUBLE                                    -> REAL affinity
//   binary BLOB                                                 -> BLOB affinity
// An autoincrement column is always `INTEGER PRIMARY KEY AUTOINCREMENT` (SQLite accepts
// AUTOINCREMENT only on exactly INTEGER). STRICT tables allow only INTEGER, REAL, TEXT, BLOB
// and ANY, so there the types collapse to those (numeric becomes ANY).
#pragma once

#include "retort/dialect.hpp"

namespace retort::sqlite {

class SqliteDialect final : public Dialect {
 public:
  DialectKind kind() const override { return DialectKind::kSqlite; }
  std::string_view name() const override { return "sqlite"; }
  std::string placeholder(int index) const override;
  int max_bind_parameters() const override { return 32766; }
  std::string_view default_schema() const override { return "main"; }

  bool has_schemas() const override { return false; }
  bool has_enum_types() const override { return false; }
  bool has_comments() const override { return false; }
  bool can_alter_add_constraint() const override { return false; }
  bool any_value_fits_any_type() const override { return true; }

  std::string column_type_sql(const Table& table, const Column& column,
                              const MetaData& metadata) const override;
  std::string default_literal_sql(const Type& type, std::string_view literal) const override;
  std::string_view autoincrement_clause_sql() const override { return "PRIMARY KEY AUTOINCREMENT"; }
  std::string table_options_sql(const Table& table) const override;
  std::vector<std::string> drop_all_prologue_sql() const override;
  std::string restart_generated_key_sql(const Table& table, const Column& column) const override;
  void check_support(const MetaData& metadata) const override;

  bool can_alter_column() const override { return false; }
  bool can_add_column(const Column& column) const override;
  bool drop_column_drops_dependents() const override { return false; }
  std::string foreign_key_check_sql(const Table& table) const override;
  std::string triggers_query_sql(const Table& table) const override;
  std::string foreign_keys_enforcement_sql(bool on) const override;
  std::string legacy_rename_sql(bool on) const override {
    return on ? "PRAGMA legacy_alter_table = ON" : "PRAGMA legacy_alter_table = OFF";
  }
  std::string foreign_keys_enforced_query_sql() const override { return "PRAGMA foreign_keys"; }
  std::string begin_migration_sql() const override { return "BEGIN IMMEDIATE"; }
  bool migration_lock_is_transaction() const override { return true; }
  std::string lock_wait_sql(int timeout_ms) const override {
    // Negative: wait (practically) forever.
    return "PRAGMA busy_timeout = " + std::to_string(timeout_ms < 0 ? 2147483647 : timeout_ms);
  }
  std::string try_session_lock_sql() const override { return {}; }
  std::string session_unlock_sql() const override { return {}; }
  // SQLITE_BUSY (5) and its extended codes (261, 517, 773) share the low byte.
  bool is_lock_busy_code(std::string_view code) const override;
  bool can_create_index_concurrently() const override { return false; }
  std::string create_database_sql(std::string_view /*name*/) const override { return {}; }
  std::string drop_database_sql(std::string_view /*name*/) const override { return {}; }
  std::string implicit_constraint_name(const Table& /*table*/, ConstraintKind /*kind*/,
                                       const std::vector<std::string>& /*columns*/) const override {
    return {};
  }
  std::vector<std::string> alter_autoincrement_sql(const Table& table, const Column& column,
                                                   bool enable) const override;
  // False when the file is not there; true for an in-memory database, a URI filename (SQLite
  // decides) and a path that cannot be examined (opening then reports why).
  bool database_exists(const Url& url) const override;
  std::string table_exists_sql() const override {
    return "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?";
  }
};

}  // namespace retort::sqlite
