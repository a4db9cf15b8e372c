// compare(): filters and normalises both models, then runs one comparator per kind of schema
// object into a DiffPlan whose phases fix the order of the operations (docs/diff.md).
#include <algorithm>

#include "diff/diff_internal.hpp"
#include "retort/error.hpp"
#include "retort/inspect.hpp"

namespace retort {
namespace detail {

std::vector<Operation> DiffPlan::flatten() && {
  std::vector<Operation> out;
  for (std::vector<Operation>* phase :
       {&create_schemas, &create_enums, &renames, &drop_foreign_keys, &drop_constraints,
        &drop_columns, &drop_tables, &create_tables, &alter_columns, &create_constraints,
        &create_foreign_keys, &drop_enum_values, &drop_enums, &drop_schemas}) {
    for (Operation& op : *phase) out.push_back(std::move(op));
  }
  return out;
}

TableRef table_ref(const Table& table) { return TableRef{table.schema, table.name}; }

namespace {
std::string table_key(const Table& table) { return table.schema + '\0' + table.name; }
}  // namespace

TableIndex::TableIndex(const MetaData& model) {
  tables_.reserve(model.tables.size());
  for (const Table& table : model.tables) tables_.emplace(table_key(table), &table);
}

const Table* TableIndex::find(const Table& like) const { return find(like.schema, like.name); }

const Table* TableIndex::find(const std::string& schema, const std::string& name) const {
  const auto it = tables_.find(schema + '\0' + name);
  return it == tables_.end() ? nullptr : it->second;
}

}  // namespace detail

namespace {

bool any_glob(const std::vector<std::string>& patterns, std::string_view name) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& p) { return glob_match(p, name); });
}

// Whether compare() looks at `table` at all.
bool in_scope(const Table& table, const Dialect& dialect, const CompareOptions& options) {
  if (std::find(options.version_tables.begin(), options.version_tables.end(), table.name) !=
      options.version_tables.end()) {
    return false;
  }
  if (!options.include.empty() && !any_glob(options.include, table.name)) return false;
  if (any_glob(options.exclude, table.name)) return false;
  if (options.schemas.empty()) return true;
  return std::any_of(options.schemas.begin(), options.schemas.end(), [&](const std::string& s) {
    const bool default_schema = s.empty() || s == dialect.default_schema();
    return default_schema ? table.schema.empty() : table.schema == s;
  });
}

bool schema_in_scope(const std::string& schema, const CompareOptions& options) {
  return options.schemas.empty() ||
         std::find(options.schemas.begin(), options.schemas.end(), schema) != options.schemas.end();
}

MetaData scoped(MetaData model, const Dialect& dialect, const CompareOptions& options) {
  std::erase_if(model.tables, [&](const Table& t) { return !in_scope(t, dialect, options); });
  std::erase_if(model.schemas, [&](const std::string& s) { return !schema_in_scope(s, options); });
  std::erase_if(model.enums, [&](const EnumType& e) {
    return !options.schemas.empty() && !e.schema.empty() && !schema_in_scope(e.schema, options);
  });
  return model;
}

}  // namespace

std::vector<Operation> compare(const MetaData& from, const MetaData& to, const Dialect& dialect,
                               const CompareOptions& options) {
  MetaData old_side =
      scoped(options.from_is_model ? stored_form(from, dialect) : from, dialect, options);
  const MetaData new_side = scoped(stored_form(to, dialect), dialect, options);
  for (Table& table : old_side.tables) table.relationships.clear();

  detail::DiffPlan plan;
  detail::apply_rename_hints(old_side, new_side, options, plan);
  detail::compare_schemas(old_side, new_side, plan);
  detail::compare_enums(old_side, new_side, plan);
  const detail::TableIndex old_index(old_side);
  const detail::TableIndex new_index(new_side);
  detail::compare_table_sets(old_side, new_side, old_index, new_index, plan);
  for (const Table& target : new_side.tables) {
    const Table* current = old_index.find(target);
    if (!current) continue;
    detail::compare_foreign_keys(*current, target, plan);
    detail::compare_indexes(*current, target, plan);
    detail::compare_unique_constraints(*current, target, plan);
    detail::compare_check_constraints(*current, target, plan);
    detail::compare_primary_key(*current, target, plan);
    detail::compare_columns(*current, target, plan);
    detail::compare_table_comment(*current, target, plan);
  }
  detail::reattach_foreign_keys(new_side, old_index, new_index, plan);
  return std::move(plan).flatten();
}

RenameHint parse_rename_hint(std::string_view text, bool table_hint) {
  const std::string usage = table_hint ? "OLD=NEW" : "TABLE.OLD=NEW";
  auto fail = [&]() -> RenameHint {
    throw UsageError("rename hint \"" + std::string(text) + "\": expected " + usage);
  };
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq + 1 == text.size()) return fail();
  RenameHint hint;
  std::string_view left = text.substr(0, eq);
  hint.to = std::string(text.substr(eq + 1));
  if (!table_hint) {
    const std::size_t dot = left.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return fail();
    hint.table = std::string(left.substr(0, dot));
    left = left.substr(dot + 1);
  }
  if (left.empty()) return fail();
  hint.from = std::string(left);
  return hint;
}

}  // namespace retort
