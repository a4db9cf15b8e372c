// Look-ups and display helpers of the schema model.
#include <algorithm>

#include "retort/schema.hpp"

namespace retort {
namespace {

template <typename Range, typename Pred>
auto find_in(Range& range, Pred pred) -> decltype(&*range.begin()) {
  auto it = std::find_if(range.begin(), range.end(), pred);
  return it == range.end() ? nullptr : &*it;
}

}  // namespace

const Column* Table::find_column(std::string_view column_name) const& {
  return find_in(columns, [&](const Column& c) { return c.name == column_name; });
}

Column* Table::find_column(std::string_view column_name) & {
  return find_in(columns, [&](const Column& c) { return c.name == column_name; });
}

std::string Table::display_name() const { return schema.empty() ? name : schema + "." + name; }

const Table* MetaData::find_table(std::string_view name, std::string_view schema) const& {
  return find_in(tables, [&](const Table& t) { return t.name == name && t.schema == schema; });
}

Table* MetaData::find_table(std::string_view name, std::string_view schema) & {
  return find_in(tables, [&](const Table& t) { return t.name == name && t.schema == schema; });
}

const EnumType* MetaData::find_enum(std::string_view name, std::string_view schema) const& {
  return find_in(enums, [&](const EnumType& e) { return e.name == name && e.schema == schema; });
}

const char* to_string(ReferentialAction action) {
  switch (action) {
    case ReferentialAction::kNoAction:
      return "NO ACTION";
    case ReferentialAction::kRestrict:
      return "RESTRICT";
    case ReferentialAction::kCascade:
      return "CASCADE";
    case ReferentialAction::kSetNull:
      return "SET NULL";
    case ReferentialAction::kSetDefault:
      return "SET DEFAULT";
  }
  return "NO ACTION";
}

const char* to_string(Deferrable deferrable) {
  switch (deferrable) {
    case Deferrable::kNotDeferrable:
      return "";
    case Deferrable::kInitiallyImmediate:
      return "DEFERRABLE INITIALLY IMMEDIATE";
    case Deferrable::kInitiallyDeferred:
      return "DEFERRABLE INITIALLY DEFERRED";
  }
  return "";
}

const char* to_string(RelationshipKind kind) {
  switch (kind) {
    case RelationshipKind::kManyToOne:
      return "many_to_one";
    case RelationshipKind::kOneToMany:
      return "one_to_many";
    case RelationshipKind::kManyToMany:
      return "many_to_many";
  }
  return "many_to_one";
}

}  // namespace retort
