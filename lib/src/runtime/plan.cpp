// The plan of a run: every revision's operations parsed and compiled against the schema as it
// will be at that point. The online run (migrator.cpp) executes it; offline mode (offline.cpp)
// prints it.
#include <algorithm>
#include <map>
#include <type_traits>
#include <variant>

#include "retort/error.hpp"
#include "runtime/runtime_internal.hpp"

namespace retort::detail {

const char* direction_key(MigrationDirection direction) {
  return direction == MigrationDirection::kUpgrade ? "upgrade" : "downgrade";
}

std::string file_of(const Revision& revision) {
  return revision.path.empty() ? "revision " + revision.id : revision.path.string();
}

namespace {

// A database without enum types (SQLite) stores none, so a schema reflected from it has none
// either: there, dropping an enum the schema does not know drops nothing (e.g. the downgrade
// of a revision that created one), rather than failing as it would on PostgreSQL.
bool drops_an_unstored_enum(const Operation& op, const Dialect& dialect, const MetaData& state) {
  const auto* drop = std::get_if<ops::DropEnum>(&op);
  return drop != nullptr && !dialect.has_enum_types() &&
         state.find_enum(drop->type.name, drop->type.schema) == nullptr;
}

}  // namespace

std::string operation_prefix(const PlannedRevision& planned, std::size_t index) {
  return file_of(*planned.revision) + ": " + direction_key(planned.step.direction) + " operation " +
         std::to_string(index + 1) + " (" + planned.operations[index].description + "): ";
}

std::vector<std::vector<Operation>> parse_steps(const RevisionGraph& graph,
                                                const std::vector<MigrationStep>& steps) {
  std::vector<std::vector<Operation>> operations;
  operations.reserve(steps.size());
  for (const MigrationStep& step : steps) {
    const Revision& revision = graph.get(step.revision);
    operations.push_back(
        parse_operations_at(revision.source, direction_key(step.direction), file_of(revision)));
  }
  return operations;
}

std::vector<std::string> schemas_named(const std::vector<std::vector<Operation>>& operations) {
  std::vector<std::string> schemas;
  const auto add = [&](const std::string& schema) {
    if (!schema.empty() && std::find(schemas.begin(), schemas.end(), schema) == schemas.end()) {
      schemas.push_back(schema);
    }
  };
  const auto add_table = [&](const Table& table) {
    add(table.schema);
    for (const ForeignKey& fk : table.foreign_keys) add(fk.ref_schema);
  };
  for (const std::vector<Operation>& ops : operations) {
    for (const Operation& op : ops) {
      std::visit(
          [&](const auto& o) {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, ops::CreateTable> ||
                          std::is_same_v<T, ops::DropTable>) {
              add_table(o.table);
            } else if constexpr (std::is_same_v<T, ops::CreateSchema> ||
                                 std::is_same_v<T, ops::DropSchema>) {
              add(o.name);
            } else if constexpr (std::is_same_v<T, ops::CreateEnum> ||
                                 std::is_same_v<T, ops::DropEnum>) {
              add(o.type.schema);
            } else if constexpr (requires { o.table.schema; }) {
              add(o.table.schema);
              if constexpr (std::is_same_v<T, ops::CreateForeignKey>) add(o.constraint.ref_schema);
            } else if constexpr (requires { o.schema; }) {
              add(o.schema);
            }
          },
          op);
    }
  }
  return schemas;
}

Plan plan_steps(const RevisionGraph& graph, const std::vector<MigrationStep>& steps,
                const Dialect& dialect, MetaData& state, std::string_view misfit_hint) {
  return plan_steps(graph, steps, parse_steps(graph, steps), dialect, state, misfit_hint);
}

Plan plan_steps(const RevisionGraph& graph, const std::vector<MigrationStep>& steps,
                std::vector<std::vector<Operation>> operations, const Dialect& dialect,
                MetaData& state, std::string_view misfit_hint) {
  Plan plan;
  for (std::size_t s = 0; s < steps.size(); ++s) {
    const MigrationStep& step = steps[s];
    PlannedRevision planned;
    planned.step = step;
    planned.revision = &graph.get(step.revision);
    const std::string file = file_of(*planned.revision);
    const std::vector<Operation>& ops = operations[s];
    for (std::size_t i = 0; i < ops.size(); ++i) {
      planned.operations.push_back({describe(ops[i]), {}});
      if (drops_an_unstored_enum(ops[i], dialect, state)) continue;
      try {
        planned.operations.back().steps = compile_steps(ops[i], dialect, state);
        apply_operation(state, ops[i]);
      } catch (const InputError& e) {
        throw InputError(SourceLocation{file, 0, 0},
                         operation_prefix(planned, i).substr(file.size() + 2) + e.what() +
                             std::string(misfit_hint));
      }
      if (needs_foreign_keys_off(planned.operations.back().steps)) {
        plan.needs_foreign_keys_off = true;
      }
    }
    plan.revisions.push_back(std::move(planned));
  }
  return plan;
}

std::vector<LogEntry> changed_log_entries(Connection& conn, const RevisionGraph& graph,
                                          const std::vector<std::string>& heads,
                                          const RuntimeOptions& options) {
  std::vector<LogEntry> changed;
  if (heads.empty()) return changed;
  graph.check_current(heads);
  std::map<std::string, LogEntry> last;
  for (LogEntry& entry : read_log(conn, options)) last[entry.revision] = std::move(entry);
  std::vector<std::string> applied = graph.ancestors(heads);
  applied.insert(applied.end(), heads.begin(), heads.end());
  for (const std::string& id : applied) {
    auto it = last.find(id);
    if (it == last.end() || it->second.direction != MigrationDirection::kUpgrade) continue;
    const Revision& revision = graph.get(id);
    if (revision.checksum.empty() || revision.checksum == it->second.checksum) continue;
    changed.push_back(it->second);
  }
  return changed;
}

}  // namespace retort::detail
