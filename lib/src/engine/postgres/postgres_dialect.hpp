// The PostgreSQL dialect: "$N" placeholders, schemas, enum types, comments and ALTER TABLE
// ADD CONSTRAINT. Types render in PostgreSQL's own lower-case spelling (integer, varchar(30),
// double precision, timestamptz, bytea, ...); autoincrement columns become serial,
// bigserial or smallserial; enum columns the quoted, schema-qualified enum type.
#pragma once

#include "retort/dialect.hpp"

namespace retort::postgres {

class PostgresDialect final : public Dialect {
 public:
  DialectKind kind() const override { return DialectKind::kPostgres; }
  std::string_view name() const override { return "postgresql"; }
  std::string placeholder(int index) const override;
  int max_bind_parameters() const override { return 65535; }
  std::string_view default_schema() const override { return "public"; }

  bool has_schemas() const override { return true; }
  bool has_enum_types() const override { return true; }
  bool has_comments() const override { return true; }
  bool can_alter_add_constraint() const override { return true; }
  bool any_value_fits_any_type() const override { return false; }

  std::string column_type_sql(const Table& table, const Column& column,
                              const MetaData& metadata) const override;
  std::string default_literal_sql(const Type& type, std::string_view literal) const override;
  std::string_view autoincrement_clause_sql() const override { return {}; }
  std::string table_options_sql(const Table& table) const override;
  std::vector<std::string> drop_all_prologue_sql() const override { return {}; }
  std::string restart_generated_key_sql(const Table& table, const Column& column) const override;
  void check_support(const MetaData& metadata) const override;

  bool can_alter_column() const override { return true; }
  bool can_add_column(const Column& /*column*/) const override { return true; }
  bool drop_column_drops_dependents() const override { return true; }
  std::string foreign_key_check_sql(const Table& /*table*/) const override { return {}; }
  std::string triggers_query_sql(const Table& /*table*/) const override { return {}; }
  std::string foreign_keys_enforcement_sql(bool /*on*/) const override { return {}; }
  std::string foreign_keys_enforced_query_sql() const override { return {}; }
  std::string legacy_rename_sql(bool /*on*/) const override { return {}; }
  std::string begin_migration_sql() const override { return "BEGIN"; }
  bool migration_lock_is_transaction() const override { return false; }
  std::string lock_wait_sql(int /*timeout_ms*/) const override { return {}; }
  std::string try_session_lock_sql() const override {
    return "SELECT CASE WHEN pg_try_advisory_lock($1::bigint) THEN 1 ELSE 0 END";
  }
  std::string session_unlock_sql() const override {
    return "SELECT CASE WHEN pg_advisory_unlock($1::bigint) THEN 1 ELSE 0 END";
  }
  bool is_lock_busy_code(std::string_view code) const override { return code == "55P03"; }
  bool can_create_index_concurrently() const override { return true; }
  std::string create_database_sql(std::string_view name) const override;
  std::string drop_database_sql(std::string_view name) const override;
  std::size_t max_identifier_bytes() const override { return 63; }  // NAMEDATALEN - 1
  std::string table_exists_sql() const override {
    return "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND "
           "tablename = $1";
  }
  std::string implicit_constraint_name(const Table& table, ConstraintKind kind,
                                       const std::vector<std::string>& columns) const override;
  std::vector<std::string> alter_autoincrement_sql(const Table& table, const Column& column,
                                                   bool enable) const override;
};

}  // namespace retort::postgres
