// The lint checks that compare two things: a column's old and new type (narrowing, RT003) and
// what one revision drops with what it adds (likely renames, RT007).
#include <algorithm>
#include <limits>

#include "lint/lint_internal.hpp"
#include "retort/suggest.hpp"

namespace retort::detail::lint {
namespace {

constexpr int kUnbounded = std::numeric_limits<int>::max();

// Integer kinds by width; 0 for other kinds.
int integer_rank(TypeKind kind) {
  switch (kind) {
    case TypeKind::kSmallInt:
      return 1;
    case TypeKind::kInteger:
      return 2;
    case TypeKind::kBigInt:
      return 3;
    default:
      return 0;
  }
}

bool is_character(TypeKind kind) {
  return kind == TypeKind::kText || kind == TypeKind::kVarchar || kind == TypeKind::kChar;
}

// The longest text a character type holds.
int max_length(const Type& type) {
  if (type.kind == TypeKind::kText) return kUnbounded;
  if (type.kind == TypeKind::kChar) return type.length.value_or(1);
  return type.length.value_or(kUnbounded);
}

// The longest text form of a value of `type`, kUnbounded when there is no such limit.
int text_length(const Type& type) {
  switch (type.kind) {
    case TypeKind::kSmallInt:
      return 6;  // -32768
    case TypeKind::kInteger:
      return 11;
    case TypeKind::kBigInt:
      return 20;
    case TypeKind::kBoolean:
      return 5;  // false
    case TypeKind::kDate:
      return 13;  // 5-digit years and " BC" aside: 10; PostgreSQL allows more
    case TypeKind::kUuid:
      return 36;
    case TypeKind::kVarchar:
    case TypeKind::kChar:
    case TypeKind::kText:
      return max_length(type);
    default:
      return kUnbounded;
  }
}

}  // namespace

std::string narrowing(const Type& from, const Type& to) {
  const int from_rank = integer_rank(from.kind);
  const int to_rank = integer_rank(to.kind);
  if (from_rank > 0 && to_rank > 0) {
    return to_rank < from_rank ? "a smaller integer range" : "";
  }
  if (is_character(from.kind) && is_character(to.kind)) {
    return max_length(to) < max_length(from) ? "a shorter maximum length" : "";
  }
  if (from.kind == TypeKind::kNumeric && to.kind == TypeKind::kNumeric) {
    const int from_precision = from.precision.value_or(kUnbounded);
    const int to_precision = to.precision.value_or(kUnbounded);
    if (to_precision < from_precision) return "fewer digits";
    if (from.precision && to.precision && to.scale.value_or(0) < from.scale.value_or(0)) {
      return "fewer decimal places";
    }
    return "";
  }
  if (from.kind == TypeKind::kDouble && to.kind == TypeKind::kReal) return "less precision";
  if (from_rank > 0 && to.kind == TypeKind::kNumeric) return to.precision ? "fewer digits" : "";
  // Same kind with other details (two enums), or a type retort does not model: not guessed.
  if (from.kind == to.kind || from.kind == TypeKind::kRaw || to.kind == TypeKind::kRaw) return "";
  // Across kinds: any value has a text form, so to text is safe, and to a bounded one when
  // the old type's text is short enough (integers, booleans, dates, uuids).
  if (is_character(to.kind)) {
    const int needed = text_length(from);
    return needed <= max_length(to) ? "" : "text longer than the new maximum length";
  }
  if (is_character(from.kind)) return "text that does not read as " + to.to_string();
  if (to_rank > 0 && from.kind == TypeKind::kBoolean) return "";
  if (to_rank > 0 && (from.kind == TypeKind::kNumeric || from.kind == TypeKind::kReal ||
                      from.kind == TypeKind::kDouble))
    return "a conversion to whole numbers";
  const bool floating = to.kind == TypeKind::kReal || to.kind == TypeKind::kDouble;
  if (floating && from_rank > 0)
    return from_rank == 3 || to.kind == TypeKind::kReal ? "less precision" : "";
  if (floating && from.kind == TypeKind::kNumeric) return "less precision";
  if (from.kind == TypeKind::kReal && to.kind == TypeKind::kDouble) return "";
  if (to.kind == TypeKind::kNumeric &&
      (from.kind == TypeKind::kReal || from.kind == TypeKind::kDouble))
    return to.precision ? "fewer digits" : "";
  if (from.kind == TypeKind::kDate &&
      (to.kind == TypeKind::kTimestamp || to.kind == TypeKind::kTimestampTz))
    return "";
  if (from.kind == TypeKind::kTimestamp && to.kind == TypeKind::kTimestampTz) return "";
  if (from.kind == TypeKind::kTimestampTz && to.kind == TypeKind::kTimestamp)
    return "the time zone is dropped";
  if ((from.kind == TypeKind::kTimestamp || from.kind == TypeKind::kTimestampTz) &&
      (to.kind == TypeKind::kDate || to.kind == TypeKind::kTime))
    return "a part of the timestamp is cut";
  if (from.kind == TypeKind::kJson && to.kind == TypeKind::kJsonb) return "";
  return "a conversion from " + from.to_string() + " that can fail";
}

void RevisionChecker::remember_for_renames(const Operation& op, int index) {
  auto column_type = [this](const TableRef& ref, const Column& column, bool complete) {
    if (complete) return column.type.to_string();
    const Table* table = state_.find_table(ref.name, ref.schema);
    const Column* known = table ? table->find_column(column.name) : nullptr;
    return known ? known->type.to_string() : std::string();
  };
  auto table_signature = [](const Table& table) {
    std::vector<std::string> out;
    for (const Column& c : table.columns) out.push_back(c.name + " " + c.type.to_string());
    return out;
  };
  if (const auto* drop = std::get_if<ops::DropColumn>(&op)) {
    const std::string type = column_type(drop->table, drop->column, drop->complete);
    if (type.empty()) return;
    dropped_columns_.push_back(
        {table_key(drop->table.schema, drop->table.name), drop->column.name, {type}, index});
  } else if (const auto* add = std::get_if<ops::AddColumn>(&op)) {
    added_columns_.push_back({table_key(add->table.schema, add->table.name),
                              add->column.name,
                              {add->column.type.to_string()},
                              index});
  } else if (const auto* drop_table = std::get_if<ops::DropTable>(&op)) {
    const Table* known = drop_table->complete
                             ? &drop_table->table
                             : state_.find_table(drop_table->table.name, drop_table->table.schema);
    if (!known || known->columns.empty()) return;
    dropped_tables_.push_back(
        {drop_table->table.schema, drop_table->table.name, table_signature(*known), index});
  } else if (const auto* create = std::get_if<ops::CreateTable>(&op)) {
    created_tables_.push_back(
        {create->table.schema, create->table.name, table_signature(create->table), index});
  }
}

// A dropped column and an added one in the same table with the same type (a dropped table and
// a created one in the same schema with the same columns) are reported once, at the drop.
void RevisionChecker::check_renames() {
  auto pair_up = [this](const std::vector<Touched>& dropped, const std::vector<Touched>& added,
                        bool tables) {
    std::vector<bool> used(added.size(), false);
    for (const Touched& d : dropped) {
      for (std::size_t i = 0; i < added.size(); ++i) {
        const Touched& a = added[i];
        if (used[i] || a.table != d.table || a.name == d.name || a.signature != d.signature) {
          continue;
        }
        used[i] = true;
        const std::string old_name = in_quotes(table_key(tables ? d.table : "", d.name));
        const std::string new_name = in_quotes(table_key(tables ? a.table : "", a.name));
        add("RT007", d.index,
            tables ? "table " + old_name + " is dropped and table " + new_name +
                         " with the same columns created: if it is a rename, the rows are lost"
                   : "column " + old_name + " of \"" + d.table + "\" is dropped and column " +
                         new_name + " of the same type (" + d.signature.front() +
                         ") added: if it is a rename, the values are lost");
        break;
      }
    }
  };
  pair_up(dropped_columns_, added_columns_, false);
  pair_up(dropped_tables_, created_tables_, true);
}

}  // namespace retort::detail::lint
