// Comparators for one table present on both sides: one per kind of object it holds. Each
// appends drops and creates to the DiffPlan's phases; drops carry the whole definition.
#include <algorithm>

#include "diff/diff_internal.hpp"

namespace retort::detail {
namespace {

template <typename T>
std::optional<Change<T>> change_of(const T& from, const T& to) {
  if (from == to) return std::nullopt;
  return Change<T>{from, to};
}

// What ALTER COLUMN can change in place (or the ops layer by a rebuild); a change of the
// generated expression or the collation is a drop and an add instead.
std::optional<ops::AlterColumn> alter_of(const TableRef& ref, const Column& from,
                                         const Column& to) {
  ops::AlterColumn op;
  op.table = ref;
  op.column = to.name;
  op.type = change_of(from.type, to.type);
  op.nullable = change_of(from.nullable, to.nullable);
  op.server_default = change_of(from.server_default, to.server_default);
  op.comment = change_of(from.comment, to.comment);
  op.autoincrement = change_of(from.autoincrement, to.autoincrement);
  op.identity = change_of(from.identity, to.identity);
  if (!op.type && !op.nullable && !op.server_default && !op.comment && !op.autoincrement &&
      !op.identity) {
    return std::nullopt;
  }
  return op;
}

}  // namespace

void compare_columns(const Table& from, const Table& to, DiffPlan& plan) {
  const TableRef ref = table_ref(to);
  // Dropped last column first, so that the reverse adds them back in their order.
  for (auto it = from.columns.rbegin(); it != from.columns.rend(); ++it) {
    const Column& current = *it;
    const Column* target = to.find_column(current.name);
    const bool replaced =
        target && (target->computed != current.computed || target->collation != current.collation);
    if (!target || replaced) plan.drop_columns.push_back(ops::DropColumn{ref, current, true});
  }
  for (const Column& target : to.columns) {
    const Column* current = from.find_column(target.name);
    if (!current || current->computed != target.computed ||
        current->collation != target.collation) {
      plan.alter_columns.push_back(ops::AddColumn{ref, target});
    } else if (auto op = alter_of(ref, *current, target)) {
      plan.alter_columns.push_back(std::move(*op));
    }
  }
}

void compare_primary_key(const Table& from, const Table& to, DiffPlan& plan) {
  if (from.primary_key == to.primary_key) return;
  const TableRef ref = table_ref(to);
  if (from.primary_key) {
    plan.drop_constraints.push_back(ops::DropPrimaryKey{ref, *from.primary_key, true});
  }
  if (to.primary_key)
    plan.create_constraints.push_back(ops::CreatePrimaryKey{ref, *to.primary_key});
}

// Drops what only `from` has and creates what only `to` has (match_by_value), each drop
// carrying its object so that the reverse restores it.
template <typename Object, typename MakeDrop, typename MakeCreate>
void compare_objects(const std::vector<Object>& from, const std::vector<Object>& to,
                     std::vector<Operation>& drops, MakeDrop make_drop,
                     std::vector<Operation>& creates, MakeCreate make_create) {
  std::vector<Object> removed, added;
  match_by_value(from, to, removed, added);
  for (const Object& object : removed) drops.push_back(make_drop(object));
  for (const Object& object : added) creates.push_back(make_create(object));
}

void compare_foreign_keys(const Table& from, const Table& to, DiffPlan& plan) {
  const TableRef ref = table_ref(to);
  compare_objects(
      from.foreign_keys, to.foreign_keys, plan.drop_foreign_keys,
      [&](const ForeignKey& fk) {
        return ops::DropConstraint{ref, fk.name, fk};
      },
      plan.create_foreign_keys,
      [&](const ForeignKey& fk) {
        return ops::CreateForeignKey{ref, fk};
      });
}

void compare_unique_constraints(const Table& from, const Table& to, DiffPlan& plan) {
  const TableRef ref = table_ref(to);
  compare_objects(
      from.unique_constraints, to.unique_constraints, plan.drop_constraints,
      [&](const UniqueConstraint& uc) {
        return ops::DropConstraint{ref, uc.name, uc};
      },
      plan.create_constraints,
      [&](const UniqueConstraint& uc) {
        return ops::CreateUniqueConstraint{ref, uc};
      });
}

void compare_check_constraints(const Table& from, const Table& to, DiffPlan& plan) {
  const TableRef ref = table_ref(to);
  compare_objects(
      from.check_constraints, to.check_constraints, plan.drop_constraints,
      [&](const CheckConstraint& ck) {
        return ops::DropConstraint{ref, ck.name, ck};
      },
      plan.create_constraints,
      [&](const CheckConstraint& ck) {
        return ops::CreateCheckConstraint{ref, ck};
      });
}

void compare_indexes(const Table& from, const Table& to, DiffPlan& plan) {
  const TableRef ref = table_ref(to);
  compare_objects(
      from.indexes, to.indexes, plan.drop_constraints,
      [&](const Index& index) {
        return ops::DropIndex{ref, index, true};
      },
      plan.create_constraints,
      [&](const Index& index) {
        return ops::CreateIndex{ref, index};
      });
}

void compare_table_comment(const Table& from, const Table& to, DiffPlan& plan) {
  if (from.comment == to.comment) return;
  plan.alter_columns.push_back(
      ops::SetTableComment{table_ref(to), Change<std::string>{from.comment, to.comment}});
}

void reattach_foreign_keys(const MetaData& to, const TableIndex& from_index,
                           const TableIndex& to_index, DiffPlan& plan) {
  auto keys_change = [&](const std::string& schema, const std::string& name) {
    const Table* before = from_index.find(schema, name);
    const Table* after = to_index.find(schema, name);
    return before && after &&
           (before->primary_key != after->primary_key ||
            before->unique_constraints != after->unique_constraints);
  };
  for (const Table& target : to.tables) {
    const Table* current = from_index.find(target);
    if (!current) continue;
    for (const ForeignKey& fk : target.foreign_keys) {
      const bool kept = std::find(current->foreign_keys.begin(), current->foreign_keys.end(), fk) !=
                        current->foreign_keys.end();
      if (!kept || !keys_change(fk.ref_schema, fk.ref_table)) continue;
      plan.drop_foreign_keys.push_back(ops::DropConstraint{table_ref(target), fk.name, fk});
      plan.create_foreign_keys.push_back(ops::CreateForeignKey{table_ref(target), fk});
    }
  }
}

}  // namespace retort::detail
