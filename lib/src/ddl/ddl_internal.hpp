// Pieces of the DDL compiler shared by its files. Internal to lib/src/ddl.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/sql_builder.hpp"
#include "retort/ddl.hpp"

namespace retort::detail {

// Appends the table's name, schema-qualified where the dialect has schemas.
void append_table_name(SqlBuilder& b, const Table& table);
// "schema.name" or "name", for messages.
std::string display_name(std::string_view schema, std::string_view name);

// `expression` as it may follow DEFAULT or stand as an index element: verbatim when it is
// already one token (a word such as CURRENT_TIMESTAMP, a number, a string literal) or fully
// parenthesised, else wrapped in parentheses.
std::string parenthesized_if_needed(std::string_view expression);
// `expression` wrapped in parentheses unless it already is fully parenthesised.
std::string parenthesized(std::string_view expression);

// "[CONSTRAINT "n"] FOREIGN KEY (...) REFERENCES ... [ON DELETE ..] [ON UPDATE ..] [DEFERRABLE ..]"
void append_foreign_key(SqlBuilder& b, const ForeignKey& fk);

// CREATE TABLE followed by its COMMENT ON statements. `inline_fk[i]` says whether foreign
// key i is declared in the CREATE TABLE (the others are added later by ALTER TABLE).
std::vector<std::string> create_table_statements(const Table& table, const MetaData& metadata,
                                                 const Dialect& dialect,
                                                 const std::vector<bool>& inline_fk);

// The name a foreign key is created under when it is added by ALTER TABLE: its own name, or
// PostgreSQL's convention for unnamed ones, "<table>_<col>[_<col>...]_fkey", so that
// drop_all can drop it by name.
std::string alter_foreign_key_name(const Table& table, const ForeignKey& fk);

}  // namespace retort::detail
