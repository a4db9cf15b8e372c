// The DDL compiler: CREATE and DROP statements for every object of the schema model, for a
// given dialect. Identifiers are always quoted; all SQL text is built by the SQL builder.
#pragma once

#include <string>
#include <vector>

#include "retort/dialect.hpp"
#include "retort/schema.hpp"

namespace retort {

class Connection;

// CREATE TABLE with its columns, primary key, unique and check constraints and (where
// `inline_foreign_keys`) its foreign keys, followed by its comments. Indexes are separate.
std::vector<std::string> create_table_sql(const Table& table, const MetaData& metadata,
                                          const Dialect& dialect, bool inline_foreign_keys = true);
std::string drop_table_sql(const Table& table, const Dialect& dialect);
std::string create_index_sql(const Table& table, const Index& index, const Dialect& dialect);
std::string drop_index_sql(const Table& table, const Index& index, const Dialect& dialect);
std::string add_foreign_key_sql(const Table& table, const ForeignKey& fk, const Dialect& dialect);
std::string create_enum_sql(const EnumType& type, const Dialect& dialect);
std::string drop_enum_sql(const EnumType& type, const Dialect& dialect);
std::string create_schema_sql(const std::string& schema, const Dialect& dialect);
std::string drop_schema_sql(const std::string& schema, const Dialect& dialect);

// Tables in an order where every table comes after the tables it references. Foreign keys
// that close a cycle are returned in `cycle_fks` as (table index, fk index) pairs.
struct TableOrder {
  std::vector<std::size_t> tables;
  std::vector<std::pair<std::size_t, std::size_t>> cycle_fks;
};
TableOrder sort_tables(const MetaData& metadata);

// Every statement that creates `metadata` on an empty database, in dependency order:
// schemas, enum types, tables (parents first), indexes, then foreign keys that close a
// cycle (PostgreSQL, with ALTER TABLE; SQLite declares every foreign key inline).
std::vector<std::string> create_all_sql(const MetaData& metadata, const Dialect& dialect);
// The reverse of create_all_sql.
std::vector<std::string> drop_all_sql(const MetaData& metadata, const Dialect& dialect);

// Run create_all_sql / drop_all_sql on `conn` inside one transaction (a savepoint if one is
// open). Nothing is left half-created on failure.
void create_all(Connection& conn, const MetaData& metadata);
void drop_all(Connection& conn, const MetaData& metadata);

}  // namespace retort
