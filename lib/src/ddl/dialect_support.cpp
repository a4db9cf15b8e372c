#include "ddl/dialect_support.hpp"

#include <algorithm>
#include <cctype>

#include "engine/sql_builder.hpp"
#include "retort/error.hpp"

namespace retort::detail {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view strip_sign(std::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  return text;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::string display_name(const Table& table) {
  return table.schema.empty() ? table.name : table.schema + "." + table.name;
}

}  // namespace

std::optional<bool> parse_bool_literal(std::string_view text) {
  const std::string word = lower(text);
  if (word == "true" || word == "1" || word == "yes" || word == "on" || word == "t") return true;
  if (word == "false" || word == "0" || word == "no" || word == "off" || word == "f") return false;
  return std::nullopt;
}

bool is_integer_literal(std::string_view text) { return all_digits(strip_sign(text)); }

bool is_number_literal(std::string_view text) {
  std::string_view rest = strip_sign(text);
  const std::size_t e = rest.find_first_of("eE");
  std::string_view mantissa = rest.substr(0, e);
  if (e != std::string_view::npos && !is_integer_literal(rest.substr(e + 1))) return false;
  const std::size_t dot = mantissa.find('.');
  if (dot == std::string_view::npos) return all_digits(mantissa);
  std::string_view whole = mantissa.substr(0, dot);
  std::string_view frac = mantissa.substr(dot + 1);
  if (whole.empty() && frac.empty()) return false;
  return (whole.empty() || all_digits(whole)) && (frac.empty() || all_digits(frac));
}

bool is_integer_kind(TypeKind kind) {
  return kind == TypeKind::kInteger || kind == TypeKind::kSmallInt || kind == TypeKind::kBigInt;
}

std::string default_literal(const Type& type, std::string_view literal, std::string_view true_sql,
                            std::string_view false_sql) {
  switch (type.kind) {
    case TypeKind::kBoolean: {
      const auto value = parse_bool_literal(literal);
      if (!value) throw InputError("default " + quote_literal(literal) + " is not a boolean");
      return std::string(*value ? true_sql : false_sql);
    }
    case TypeKind::kInteger:
    case TypeKind::kSmallInt:
    case TypeKind::kBigInt:
      if (!is_integer_literal(literal)) {
        throw InputError("default " + quote_literal(literal) + " is not an integer");
      }
      return std::string(literal);
    case TypeKind::kNumeric:
    case TypeKind::kReal:
    case TypeKind::kDouble:
      if (!is_number_literal(literal)) {
        throw InputError("default " + quote_literal(literal) + " is not a number");
      }
      return std::string(literal);
    default:
      return quote_literal(literal);
  }
}

const EnumType* find_enum_type(const MetaData& metadata, const Type& type) {
  std::string_view name = type.name;
  std::string_view schema;
  const std::size_t dot = name.find('.');
  if (dot != std::string_view::npos) {
    schema = name.substr(0, dot);
    name = name.substr(dot + 1);
  }
  for (const EnumType& e : metadata.enums) {
    if (e.name == name && (dot == std::string_view::npos || e.schema == schema)) return &e;
  }
  return nullptr;
}

void SupportError::fail(std::string_view problem) const {
  throw InputError(std::string(dialect_.name()) + ": " + std::string(problem));
}

void SupportError::fail(const Table& table, std::string_view problem) const {
  fail("table \"" + display_name(table) + "\": " + std::string(problem));
}

void SupportError::fail(const Table& table, const Column& column, std::string_view problem) const {
  fail(table, "column \"" + column.name + "\": " + std::string(problem));
}

void SupportError::fail_object(std::string_view what, std::string_view name,
                               std::string_view problem) const {
  fail(std::string(what) + " \"" + std::string(name) + "\": " + std::string(problem));
}

}  // namespace retort::detail
