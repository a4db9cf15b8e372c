// The conventions that make a reflected database compare equal to a loaded model, shared by
// both inspectors and by stored_form(). docs/reflection.md describes them for users.
#pragma once

#include <string_view>

#include "retort/schema.hpp"

namespace retort::detail {

// Puts everything whose order a database does not keep in a canonical order: schemas,
// enum types and tables by (schema, name); foreign keys, unique and check constraints and
// indexes of each table by name, then content. Column order is kept: databases keep it.
void canonicalize(MetaData& metadata);

// The model Type for a type spelled `spelling` by a catalog or a DDL compiler:
// Type::parse, or a raw type when the text is not a type Type::parse knows; numeric(p,0) is
// numeric(p). `spelling` is kept in Type::spelling.
Type type_from_sql(std::string_view spelling);

// A column default as the database prints it, in the model's convention: a string literal
// ('abc', 'abc'::text, 'abc'::character varying), a number (0, -1.5, '-1'::integer) or a
// boolean (true, FALSE) becomes DefaultValue::literal with the bare value (booleans as
// "true"/"false"); anything else is DefaultValue::expression with the text as printed, minus
// parentheses enclosing all of it.
DefaultValue default_from_sql(std::string_view sql);

// An SQL expression (CHECK, generated column, index key or predicate) in the form compared
// between model and database: trimmed, without parentheses enclosing all of it, and without
// quotes around identifiers that do not need them (needs_quotes): SQLite writes `"c"` where
// it renames a column the expression uses, PostgreSQL prints bare names.
std::string normalize_expression(std::string_view sql);

}  // namespace retort::detail
