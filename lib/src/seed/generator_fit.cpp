// Whether seed.yaml's generator can fill its column's type, checked before anything is
// written: a mismatch is a seed.yaml error (file:line:column, table, column) rather than the
// database refusing the first row. And what a column of a type retort does not model gets when
// seed.yaml says nothing.
#include <algorithm>
#include <charconv>

#include "retort/error.hpp"
#include "schema/validation.hpp"
#include "seed/seed_internal.hpp"

namespace retort::detail {
namespace {

// What a column's type takes, as far as generated values go.
enum class Family { kInteger, kNumber, kBoolean, kDate, kTimestamp, kTime, kTyped, kAny };

Family family_of(TypeKind kind) {
  switch (kind) {
    case TypeKind::kInteger:
    case TypeKind::kSmallInt:
    case TypeKind::kBigInt:
      return Family::kInteger;
    case TypeKind::kNumeric:
    case TypeKind::kReal:
    case TypeKind::kDouble:
      return Family::kNumber;
    case TypeKind::kBoolean:
      return Family::kBoolean;
    case TypeKind::kDate:
      return Family::kDate;
    case TypeKind::kTimestamp:
    case TypeKind::kTimestampTz:
      return Family::kTimestamp;
    case TypeKind::kTime:
      return Family::kTime;
    case TypeKind::kUuid:
    case TypeKind::kJson:
    case TypeKind::kJsonb:
    case TypeKind::kEnum:
      return Family::kTyped;  // text of its own syntax: constants, choices and kind-made values
    default:
      return Family::kAny;  // text, binary, and raw types (the user chose the generator)
  }
}

bool is_number(const std::string& text, bool whole) {
  const char* end = text.data() + text.size();
  if (whole) {
    long long v = 0;
    auto [p, ec] = std::from_chars(text.data(), end, v);
    return ec == std::errc() && p == end && !text.empty();
  }
  double v = 0;
  auto [p, ec] = std::from_chars(text.data(), end, v);
  return ec == std::errc() && p == end && !text.empty();
}

bool is_boolean(const std::string& text) {
  std::string t = text;
  for (char& ch : t) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
  for (const char* word : {"true", "false", "t", "f", "yes", "no", "y", "n", "on", "off", "1", "0"})
    if (t == word) return true;
  return false;
}

// Whether a constant's or a choice's text is a value of the column's type.
bool value_fits(const std::string& text, const Type& type, const MetaData& metadata) {
  std::int64_t ignored = 0;
  switch (family_of(type.kind)) {
    case Family::kInteger:
      return is_number(text, true);
    case Family::kNumber:
      return is_number(text, false);
    case Family::kBoolean:
      return is_boolean(text);
    case Family::kDate:
    case Family::kTimestamp:
      return parse_iso_date(text, ignored);
    case Family::kTyped:
      if (type.kind == TypeKind::kEnum) {
        const EnumType* e = resolve_enum(metadata, type);
        return !e || std::find(e->values.begin(), e->values.end(), text) != e->values.end();
      }
      return true;
    default:
      return true;
  }
}

// Whether the values a generator makes (other than constants and choices) suit the family.
bool kind_fits(GeneratorKind kind, Family family, TypeKind type) {
  switch (kind) {
    case GeneratorKind::kAuto:
    case GeneratorKind::kNull:
    case GeneratorKind::kFixture:
    case GeneratorKind::kConstant:
    case GeneratorKind::kChoice:
      return true;
    case GeneratorKind::kSequence:
    case GeneratorKind::kInteger:
    case GeneratorKind::kDecimal:
      return family == Family::kInteger || family == Family::kNumber || family == Family::kAny ||
             type == TypeKind::kJson || type == TypeKind::kJsonb;
    case GeneratorKind::kBoolean:
      return family == Family::kBoolean || family == Family::kInteger || family == Family::kAny;
    case GeneratorKind::kDate:
    case GeneratorKind::kTimestamp:
      return family == Family::kDate || family == Family::kTimestamp || family == Family::kAny;
    case GeneratorKind::kUuid:
      return family == Family::kAny || type == TypeKind::kUuid;
    default:  // names, addresses, lorem: text
      return family == Family::kAny;
  }
}

std::string type_name(const Column& column) {
  return column.type.spelling.empty() ? column.type.to_string() : column.type.spelling;
}

}  // namespace

void check_generator_fits(const ColumnGenerator& g, const Column& column, const MetaData& metadata,
                          const std::string& table) {
  const std::string where =
      "seed: table " + in_quotes(table) + ": column " + in_quotes(column.name) + ": ";
  const Type type = modelled_type(column.type);
  if (!kind_fits(g.kind, family_of(type.kind), type.kind))
    throw InputError(g.location, where + "generator " + in_quotes(to_string(g.kind)) +
                                     " cannot fill a column of type " + type_name(column));
  std::vector<std::string> values = g.choices;
  if (g.kind == GeneratorKind::kConstant && g.value) values = {*g.value};
  if (g.kind != GeneratorKind::kConstant && g.kind != GeneratorKind::kChoice) return;
  for (const std::string& v : values)
    if (!value_fits(v, type, metadata))
      throw InputError(g.location, where + std::string(to_string(g.kind)) + " value " +
                                       in_quotes(v) + " is not a value of type " +
                                       type_name(column));
}

}  // namespace retort::detail
