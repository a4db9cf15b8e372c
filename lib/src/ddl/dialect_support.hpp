// Helpers shared by the SQLite and PostgreSQL dialects: validation of default literals, the
// "not supported" message format, and enum lookup. Internal to the library.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "retort/dialect.hpp"
#include "retort/schema.hpp"

namespace retort::detail {

// "true"/"false", "1"/"0", "yes"/"no", "on"/"off", "t"/"f" (any case); nullopt otherwise.
std::optional<bool> parse_bool_literal(std::string_view text);
// An optionally signed decimal integer: "42", "-7".
bool is_integer_literal(std::string_view text);
// An optionally signed decimal number: "42", "-7.5", "1e3", ".5".
bool is_number_literal(std::string_view text);
// True for integer, smallint and bigint.
bool is_integer_kind(TypeKind kind);

// The default literal for `type`: booleans as `true_sql`/`false_sql`, numbers verbatim after
// validation, everything else as a quoted string literal. Throws InputError for a literal
// that is not a value of the type.
std::string default_literal(const Type& type, std::string_view literal, std::string_view true_sql,
                            std::string_view false_sql);

// The EnumType a kEnum type names: the one with that name (and schema, when the type's name
// is written "schema.name"); nullptr when absent.
const EnumType* find_enum_type(const MetaData& metadata, const Type& type);

// Builds `<dialect>: table "t": column "c": <problem>` (column optional) for check_support.
class SupportError {
 public:
  explicit SupportError(const Dialect& dialect) : dialect_(dialect) {}
  [[noreturn]] void fail(std::string_view problem) const;
  [[noreturn]] void fail(const Table& table, std::string_view problem) const;
  [[noreturn]] void fail(const Table& table, const Column& column, std::string_view problem) const;
  // For objects other than tables: `<dialect>: <what> "name": <problem>`.
  [[noreturn]] void fail_object(std::string_view what, std::string_view name,
                                std::string_view problem) const;

 private:
  const Dialect& dialect_;
};

}  // namespace retort::detail
