// The PostgreSQL inspector: reads pg_catalog in a constant number of queries whatever the
// number of tables (one for the schemas, one for all relations, one for all columns, one
// for all constraints, one for all indexes, one for enum types, one for triggers), with
// format_type, pg_get_expr, pg_get_indexdef and pg_get_constraintdef doing the printing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reflect/inspector.hpp"

namespace retort::postgres {

class PostgresInspector final : public detail::Inspector {
 public:
  explicit PostgresInspector(Connection& conn) : conn_(conn) {}
  MetaData reflect(const InspectOptions& options, InspectExtras* extras) override;

 private:
  // Runs `sql` with the schema list bound to $1; a failure becomes
  // `postgresql: reflecting <what>: <message>`.
  Result run(std::string_view what, std::string_view sql, const std::vector<Value>& params);

  Connection& conn_;
};

// The name PostgreSQL gives a constraint it names itself (makeObjectName): `table_label`
// or `table_addition_label` cut to 63 bytes, the longer of table and addition shortened
// first, never inside a UTF-8 character.
std::string default_object_name(std::string_view table, std::string_view addition,
                                std::string_view label);
// `name` cut to PostgreSQL's 63-byte identifier limit, never inside a UTF-8 character.
std::string clip_identifier(std::string_view name);
// Column names joined with "_" as PostgreSQL does for a constraint's name (stopping once
// the result reaches 64 bytes).
std::string name_addition(const std::vector<std::string>& columns);
// True when `name` is default_object_name(table, addition, label + N) for N empty or a
// number (PostgreSQL appends one when the first choice is taken).
bool is_default_name(std::string_view name, std::string_view table, std::string_view addition,
                     std::string_view label);

// Elements of a PostgreSQL text-array literal: {a,"b c","d\"e"} -> a, b c, d"e.
std::vector<std::string> parse_text_array(std::string_view text);

}  // namespace retort::postgres
