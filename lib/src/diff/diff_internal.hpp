// Internals of the diff engine: the phases an ordered diff is assembled from, and the
// comparators, one per kind of schema object.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "retort/diff.hpp"
#include "retort/ops.hpp"
#include "retort/schema.hpp"

namespace retort::detail {

// Operations grouped by phase; flatten() concatenates them in the order compare() documents.
// Each comparator appends to the phases it concerns, so the dependency order is decided here
// once rather than by every comparator.
struct DiffPlan {
  std::vector<Operation> create_schemas;
  std::vector<Operation> create_enums;  // new types and new values
  std::vector<Operation> renames;
  std::vector<Operation> drop_foreign_keys;
  std::vector<Operation> drop_constraints;  // indexes, unique, check, primary keys
  std::vector<Operation> drop_columns;
  std::vector<Operation> drop_tables;
  std::vector<Operation> create_tables;
  std::vector<Operation> alter_columns;  // add, alter, comments
  std::vector<Operation> create_constraints;
  std::vector<Operation> create_foreign_keys;
  std::vector<Operation> drop_enum_values;
  std::vector<Operation> drop_enums;
  std::vector<Operation> drop_schemas;

  std::vector<Operation> flatten() &&;
};

TableRef table_ref(const Table& table);

// The tables of a model by schema and name, so that comparing thousands of tables stays
// linear. Points into the model, which must outlive it and not change.
class TableIndex {
 public:
  explicit TableIndex(const MetaData& model);
  const Table* find(const Table& like) const;  // the table with like's schema and name
  const Table* find(const std::string& schema, const std::string& name) const;

 private:
  std::unordered_map<std::string, const Table*> tables_;
};

// Schemas (where the dialect has them) and enum types.
void compare_schemas(const MetaData& from, const MetaData& to, DiffPlan& plan);
void compare_enums(const MetaData& from, const MetaData& to, DiffPlan& plan);

// Tables present on one side only: created parents first, dropped children first.
void compare_table_sets(const MetaData& from, const MetaData& to, const TableIndex& from_index,
                        const TableIndex& to_index, DiffPlan& plan);

// One table present on both sides: columns, primary key, foreign keys, unique and check
// constraints, indexes and comment.
void compare_columns(const Table& from, const Table& to, DiffPlan& plan);
void compare_primary_key(const Table& from, const Table& to, DiffPlan& plan);
void compare_foreign_keys(const Table& from, const Table& to, DiffPlan& plan);
void compare_unique_constraints(const Table& from, const Table& to, DiffPlan& plan);
void compare_check_constraints(const Table& from, const Table& to, DiffPlan& plan);
void compare_indexes(const Table& from, const Table& to, DiffPlan& plan);
void compare_table_comment(const Table& from, const Table& to, DiffPlan& plan);
// Foreign keys that stay but reference a table whose primary key or unique constraints change:
// dropped before and created again after (PostgreSQL refuses to drop a key that a foreign key
// depends on).
void reattach_foreign_keys(const MetaData& to, const TableIndex& from_index,
                           const TableIndex& to_index, DiffPlan& plan);

// Renames from the hints, applied to `from` (renamed in place) and recorded in the plan.
void apply_rename_hints(MetaData& from, const MetaData& to, const CompareOptions& options,
                        DiffPlan& plan);

// The elements of `from` without an equal element in `to` (removed) and of `to` without one
// in `from` (added), each equal pair matched once: unnamed constraints match by definition,
// named ones by name and definition, so a changed definition is a drop and a create.
template <typename T>
void match_by_value(const std::vector<T>& from, const std::vector<T>& to, std::vector<T>& removed,
                    std::vector<T>& added) {
  std::vector<bool> used(to.size(), false);
  for (const T& f : from) {
    bool found = false;
    for (std::size_t i = 0; i < to.size() && !found; ++i) {
      if (!used[i] && to[i] == f) used[i] = found = true;
    }
    if (!found) removed.push_back(f);
  }
  for (std::size_t i = 0; i < to.size(); ++i) {
    if (!used[i]) added.push_back(to[i]);
  }
}

}  // namespace retort::detail
