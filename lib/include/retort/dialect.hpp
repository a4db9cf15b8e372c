// A Dialect describes one database's SQL: placeholders, capabilities, and the small hooks the
// generic DDL compiler calls where databases differ. Every line that is specific to one
// database lives in lib/src/engine/<dialect>/; code elsewhere asks the Dialect.
#pragma once

#include <string>
#include <string_view>

#include "retort/schema.hpp"

namespace retort {

enum class DialectKind { kSqlite, kPostgres };

class Dialect {
 public:
  virtual ~Dialect() = default;

  virtual DialectKind kind() const = 0;
  // "sqlite" or "postgresql", as in URLs.
  virtual std::string_view name() const = 0;
  // The bind-parameter placeholder for the 1-based parameter `index` ("?" or "$1").
  virtual std::string placeholder(int index) const = 0;
  // The largest number of bind parameters one statement may carry.
  virtual int max_bind_parameters() const = 0;

  // Capabilities.
  virtual bool has_schemas() const = 0;               // CREATE SCHEMA, schema-qualified names
  virtual bool has_enum_types() const = 0;            // CREATE TYPE ... AS ENUM
  virtual bool has_comments() const = 0;              // COMMENT ON TABLE/COLUMN
  virtual bool can_alter_add_constraint() const = 0;  // ALTER TABLE ... ADD CONSTRAINT

  // DDL hooks. The SQL type for a column, e.g. "varchar(30)", "INTEGER", "serial".
  virtual std::string column_type_sql(const Table& table, const Column& column,
                                      const MetaData& metadata) const = 0;
  // A literal usable in DDL for a server default of the given type ("0", "'abc'", "TRUE").
  virtual std::string default_literal_sql(const Type& type, std::string_view literal) const = 0;
  // Options after the closing parenthesis of CREATE TABLE (", STRICT", " WITHOUT ROWID").
  virtual std::string table_options_sql(const Table& table) const = 0;
  // Throws InputError naming the first object of `metadata` this database cannot hold.
  virtual void check_support(const MetaData& metadata) const = 0;
};

// The dialect named in a URL ("sqlite", "postgresql", "postgres"); throws UsageError
// for an unknown name.
const Dialect& dialect_for(std::string_view name);

}  // namespace retort
