// Comparators for the objects above tables: schemas, enum types, the set of tables (created
// parents first, dropped children first) and the rename hints.
#include <algorithm>
#include <set>

#include "diff/diff_internal.hpp"
#include "retort/ddl.hpp"
#include "retort/error.hpp"

namespace retort::detail {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Where `value` stands in `values`: after its predecessor, else before its successor.
template <typename Op>
Op placed(const EnumType& type, const std::vector<std::string>& values, std::size_t i) {
  Op op;
  op.schema = type.schema;
  op.name = type.name;
  op.value = values[i];
  if (i > 0) {
    op.after = values[i - 1];
  } else if (i + 1 < values.size()) {
    op.before = values[i + 1];
  }
  return op;
}

// Values removed from `current` (one operation each, recorded where they stood), then values
// of `target` added after their predecessor in `target`.
void compare_enum_values(const EnumType& current, const EnumType& target, DiffPlan& plan) {
  std::vector<std::string> values = current.values;
  for (std::size_t i = 0; i < values.size();) {
    if (contains(target.values, values[i])) {
      ++i;
      continue;
    }
    plan.drop_enum_values.push_back(placed<ops::RemoveEnumValue>(current, values, i));
    values.erase(values.begin() + static_cast<std::ptrdiff_t>(i));
  }
  for (std::size_t i = 0; i < target.values.size(); ++i) {
    if (contains(current.values, target.values[i])) continue;
    plan.create_enums.push_back(placed<ops::AddEnumValue>(target, target.values, i));
  }
}

// The tables of `model` in `order`, as a model of their own (for sort_tables).
MetaData only_tables(const std::vector<const Table*>& tables) {
  MetaData model;
  for (const Table* table : tables) model.tables.push_back(*table);
  return model;
}

// Removes the foreign keys that close a cycle from the tables of `model` and returns them with
// the table each belongs to.
std::vector<std::pair<TableRef, ForeignKey>> take_cycle_fks(MetaData& model,
                                                            const TableOrder& order) {
  std::vector<std::pair<TableRef, ForeignKey>> out;
  std::set<std::pair<std::size_t, std::size_t>> cut(order.cycle_fks.begin(), order.cycle_fks.end());
  for (std::size_t t = 0; t < model.tables.size(); ++t) {
    std::vector<ForeignKey> kept;
    for (std::size_t f = 0; f < model.tables[t].foreign_keys.size(); ++f) {
      ForeignKey& fk = model.tables[t].foreign_keys[f];
      if (cut.count({t, f})) {
        out.emplace_back(table_ref(model.tables[t]), fk);
      } else {
        kept.push_back(fk);
      }
    }
    model.tables[t].foreign_keys = std::move(kept);
  }
  return out;
}

}  // namespace

void compare_schemas(const MetaData& from, const MetaData& to, DiffPlan& plan) {
  for (const std::string& schema : to.schemas) {
    if (!contains(from.schemas, schema)) plan.create_schemas.push_back(ops::CreateSchema{schema});
  }
  for (auto it = from.schemas.rbegin(); it != from.schemas.rend(); ++it) {
    if (!contains(to.schemas, *it)) plan.drop_schemas.push_back(ops::DropSchema{*it});
  }
}

void compare_enums(const MetaData& from, const MetaData& to, DiffPlan& plan) {
  for (const EnumType& target : to.enums) {
    const EnumType* current = from.find_enum(target.name, target.schema);
    if (!current) {
      plan.create_enums.push_back(ops::CreateEnum{target});
    } else if (current->values != target.values) {
      compare_enum_values(*current, target, plan);
    }
  }
  for (const EnumType& current : from.enums) {
    if (!to.find_enum(current.name, current.schema)) {
      plan.drop_enums.push_back(ops::DropEnum{current, true});
    }
  }
}

void compare_table_sets(const MetaData& from, const MetaData& to, const TableIndex& from_index,
                        const TableIndex& to_index, DiffPlan& plan) {
  std::vector<const Table*> gone;
  for (const Table& t : from.tables) {
    if (!to_index.find(t)) gone.push_back(&t);
  }
  MetaData dropped = only_tables(gone);
  const TableOrder drop_order = sort_tables(dropped);
  for (auto& [ref, fk] : take_cycle_fks(dropped, drop_order)) {
    plan.drop_foreign_keys.push_back(ops::DropConstraint{ref, fk.name, fk});
  }
  for (auto it = drop_order.tables.rbegin(); it != drop_order.tables.rend(); ++it) {
    plan.drop_tables.push_back(ops::DropTable{dropped.tables[*it], true});
  }

  std::vector<const Table*> fresh;
  for (const Table& t : to.tables) {
    if (!from_index.find(t)) fresh.push_back(&t);
  }
  MetaData created = only_tables(fresh);
  const TableOrder create_order = sort_tables(created);
  const auto cycle_fks = take_cycle_fks(created, create_order);
  for (std::size_t index : create_order.tables) {
    plan.create_tables.push_back(ops::CreateTable{created.tables[index]});
  }
  for (const auto& [ref, fk] : cycle_fks) {
    plan.create_foreign_keys.push_back(ops::CreateForeignKey{ref, fk});
  }
}

void apply_rename_hints(MetaData& from, const MetaData& to, const CompareOptions& options,
                        DiffPlan& plan) {
  auto split = [](const std::string& qualified) {
    const std::size_t dot = qualified.rfind('.');
    if (dot == std::string::npos) return TableRef{"", qualified};
    return TableRef{qualified.substr(0, dot), qualified.substr(dot + 1)};
  };
  for (const RenameHint& hint : options.table_renames) {
    const TableRef old_ref = split(hint.from);
    const std::string what = "rename hint " + hint.from + "=" + hint.to + ": ";
    if (!from.find_table(old_ref.name, old_ref.schema)) {
      throw UsageError(what + "no table \"" + hint.from + "\" to rename");
    }
    if (!to.find_table(hint.to, old_ref.schema) || from.find_table(hint.to, old_ref.schema)) {
      throw UsageError(what + "the target schema must have \"" + hint.to +
                       "\" and the current one must not");
    }
    const Operation op = ops::RenameTable{old_ref, hint.to};
    apply_operation(from, op);
    plan.renames.push_back(op);
  }
  for (const RenameHint& hint : options.column_renames) {
    const TableRef ref = split(hint.table);
    const std::string what = "rename hint " + hint.table + "." + hint.from + "=" + hint.to + ": ";
    const Table* current = from.find_table(ref.name, ref.schema);
    const Table* target = to.find_table(ref.name, ref.schema);
    if (!current || !target || !current->find_column(hint.from)) {
      throw UsageError(what + "no column \"" + hint.from + "\" in table \"" + hint.table + "\"");
    }
    if (!target->find_column(hint.to) || current->find_column(hint.to)) {
      throw UsageError(what + "the target table must have column \"" + hint.to +
                       "\" and the current one must not");
    }
    const Operation op = ops::RenameColumn{ref, hint.from, hint.to};
    apply_operation(from, op);
    plan.renames.push_back(op);
  }
}

}  // namespace retort::detail
