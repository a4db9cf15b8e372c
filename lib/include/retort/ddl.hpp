// The DDL compiler: CREATE and DROP statements for every object of the schema model, for a
// given dialect. Identifiers are always quoted and literals escaped; all SQL text is built
// by the SQL builder. SQL the user wrote (check and computed expressions, default_sql,
// index expressions and WHERE predicates, raw types) is inserted verbatim as trusted SQL.
//
// Statements are rendered without a trailing ';'. CREATE TABLE puts each column and
// table constraint on its own line. Expression defaults and index expressions are wrapped
// in parentheses unless they already are, or are a single word, number or string literal
// (DEFAULT CURRENT_TIMESTAMP, DEFAULT (lower('x'))).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "retort/dialect.hpp"
#include "retort/schema.hpp"

namespace retort {

class Connection;

// CREATE TABLE with its columns, primary key, unique and check constraints and (where
// `inline_foreign_keys`) its foreign keys, followed by its comments (COMMENT ON, where the
// dialect has comments). Indexes are separate. On SQLite an autoincrement column carries the
// primary key inline (INTEGER PRIMARY KEY AUTOINCREMENT) and an enum column a CHECK of its
// values. Throws InputError naming table and column for a literal default that is not a
// value of the column's type, or an enum column naming an unknown enum.
std::vector<std::string> create_table_sql(const Table& table, const MetaData& metadata,
                                          const Dialect& dialect, bool inline_foreign_keys = true);
std::string drop_table_sql(const Table& table, const Dialect& dialect);
// One column's definition as inside CREATE TABLE ("name" type COLLATE ... NOT NULL DEFAULT
// ...), e.g. for ALTER TABLE ... ADD COLUMN.
std::string column_definition_sql(const Table& table, const Column& column,
                                  const MetaData& metadata, const Dialect& dialect);
// The SQL of `column`'s server default as it follows DEFAULT (a literal of the column's type
// or the expression, parenthesised where needed), e.g. for ALTER COLUMN ... SET DEFAULT.
// Throws InputError naming table and column for a literal that is not a value of the type.
// Requires column.server_default.
std::string default_value_sql(const Table& table, const Column& column, const Dialect& dialect);
// COMMENT ON TABLE / COLUMN for the table's and its columns' non-empty comments; empty where
// the dialect has no comments.
std::vector<std::string> comment_sql(const Table& table, const Dialect& dialect);
// CREATE [UNIQUE] INDEX "ix" ON "s"."t" (...) [WHERE ...]. DROP INDEX qualifies the index
// with its table's schema where the dialect has schemas ("s"."ix").
std::string create_index_sql(const Table& table, const Index& index, const Dialect& dialect);
std::string drop_index_sql(const Table& table, const Index& index, const Dialect& dialect);
// ALTER TABLE ... ADD [CONSTRAINT "n"] FOREIGN KEY ...; and ALTER TABLE ... DROP CONSTRAINT.
// Throw UsageError where the dialect cannot alter constraints (SQLite).
std::string add_foreign_key_sql(const Table& table, const ForeignKey& fk, const Dialect& dialect);
std::string drop_constraint_sql(const Table& table, const std::string& name,
                                const Dialect& dialect);
// Enum types and schemas; throw UsageError where the dialect has none (SQLite).
// CREATE SCHEMA IF NOT EXISTS / DROP SCHEMA IF EXISTS (without CASCADE).
std::string create_enum_sql(const EnumType& type, const Dialect& dialect);
std::string drop_enum_sql(const EnumType& type, const Dialect& dialect);
std::string create_schema_sql(const std::string& schema, const Dialect& dialect);
std::string drop_schema_sql(const std::string& schema, const Dialect& dialect);

// Tables in an order where every table comes after the tables it references. Foreign keys
// that close a cycle are returned in `cycle_fks` as (table index, fk index) pairs. The order
// is stable (declaration order wherever the references allow it); a self-reference is no
// cycle; references to tables outside `metadata` are ignored. A foreign key references a
// table of the model when ref_table and ref_schema equal its name and schema exactly.
struct TableOrder {
  std::vector<std::size_t> tables;
  std::vector<std::pair<std::size_t, std::size_t>> cycle_fks;
};
TableOrder sort_tables(const MetaData& metadata);

// Every statement that creates `metadata` on an empty database, in dependency order:
// schemas (except the dialect's default schema), enum types, tables (parents first, each
// followed by its comments), indexes, then foreign keys that close a cycle (PostgreSQL,
// with ALTER TABLE; SQLite declares every foreign key inline). An unnamed cycle-closing
// foreign key is added under PostgreSQL's own default name "<table>_<col>[_<col>]_fkey", so
// that drop_all_sql can drop it. Calls dialect.check_support(metadata) first.
std::vector<std::string> create_all_sql(const MetaData& metadata, const Dialect& dialect);
// The reverse of create_all_sql: the dialect's drop_all prologue (SQLite: PRAGMA
// defer_foreign_keys = ON), the cycle-closing foreign keys, the tables (children first),
// the enum types, the schemas.
std::vector<std::string> drop_all_sql(const MetaData& metadata, const Dialect& dialect);

// Run create_all_sql / drop_all_sql on `conn` inside one transaction (a savepoint if one is
// open). Nothing is left half-created on failure.
void create_all(Connection& conn, const MetaData& metadata);
void drop_all(Connection& conn, const MetaData& metadata);

}  // namespace retort
