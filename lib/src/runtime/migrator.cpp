// upgrade, downgrade and stamp: plan the steps under the lock, compile every operation against
// the schema as it will be at that point, then run revision by revision, updating the version
// rows and the log in the same transaction as the revision's SQL.
#include <algorithm>
#include <chrono>
#include <map>
#include <optional>

#include "engine/sql_builder.hpp"
#include "retort/error.hpp"
#include "retort/inspect.hpp"
#include "retort/ops.hpp"
#include "runtime/runtime_internal.hpp"

namespace retort {
namespace {

using detail::RunTransaction;

struct PlannedOperation {
  std::string description;
  std::vector<SqlStep> steps;
};

struct PlannedRevision {
  MigrationStep step;
  const Revision* revision = nullptr;
  std::vector<PlannedOperation> operations;
};

struct Plan {
  std::vector<PlannedRevision> revisions;
  bool needs_foreign_keys_off = false;
};

const char* direction_key(MigrationDirection direction) {
  return direction == MigrationDirection::kUpgrade ? "upgrade" : "downgrade";
}

std::string file_of(const Revision& revision) {
  return revision.path.empty() ? "revision " + revision.id : revision.path.string();
}

// "<file>: upgrade operation 2 (add column "t"."c"): "
std::string operation_prefix(const PlannedRevision& planned, std::size_t index) {
  return file_of(*planned.revision) + ": " + direction_key(planned.step.direction) + " operation " +
         std::to_string(index + 1) + " (" + planned.operations[index].description + "): ";
}

Plan make_plan(Connection& conn, const RevisionGraph& graph,
               const std::vector<MigrationStep>& steps, const RuntimeOptions& options) {
  Plan plan;
  if (steps.empty()) return plan;
  InspectOptions inspect;
  inspect.version_tables = {options.version_table, log_table_name(options.version_table)};
  MetaData state = reflect(conn, inspect);
  for (const MigrationStep& step : steps) {
    PlannedRevision planned;
    planned.step = step;
    planned.revision = &graph.get(step.revision);
    const std::string file = file_of(*planned.revision);
    const std::vector<Operation> ops =
        parse_operations_at(planned.revision->source, direction_key(step.direction), file);
    for (std::size_t i = 0; i < ops.size(); ++i) {
      PlannedOperation op{describe(ops[i]), {}};
      planned.operations.push_back(op);
      try {
        planned.operations.back().steps = compile_steps(ops[i], conn.dialect(), state);
        apply_operation(state, ops[i]);
      } catch (const InputError& e) {
        throw InputError(SourceLocation{file, 0, 0},
                         operation_prefix(planned, i).substr(file.size() + 2) + e.what());
      }
      if (needs_foreign_keys_off(planned.operations.back().steps)) {
        plan.needs_foreign_keys_off = true;
      }
    }
    plan.revisions.push_back(std::move(planned));
  }
  return plan;
}

// The newest log row of each applied revision whose file changed since it was applied.
std::vector<LogEntry> changed_revisions(Connection& conn, const RevisionGraph& graph,
                                        const std::vector<std::string>& heads,
                                        const RuntimeOptions& options) {
  std::vector<LogEntry> changed;
  if (heads.empty()) return changed;
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

// Refuses to upgrade when the file of an applied revision changed since it was last applied.
void verify_checksums(Connection& conn, const RevisionGraph& graph,
                      const std::vector<std::string>& heads, const RuntimeOptions& options) {
  for (const LogEntry& entry : changed_revisions(conn, graph, heads, options)) {
    const std::string& id = entry.revision;
    const Revision& revision = graph.get(id);
    throw InputError(
        SourceLocation{file_of(revision), 0, 0},
        "revision " + id + " was changed after it was applied on " + entry.started_at +
            " (checksum " + entry.checksum.substr(0, 12) + ", now " +
            revision.checksum.substr(0, 12) +
            "); restore the file, or review the change and accept it (accept_checksums)");
  }
}

void log_progress(const RuntimeOptions& options, const PlannedRevision& planned) {
  if (!options.logger) return;
  options.logger(LogLevel::kInfo, std::string("running ") + direction_key(planned.step.direction) +
                                      " " + planned.step.revision + " (" +
                                      planned.revision->message + ")");
}

// Runs one revision's SQL, then updates the version rows and the log.
AppliedRevision run_revision(Connection& conn, const PlannedRevision& planned,
                             const RuntimeOptions& options) {
  log_progress(options, planned);
  const std::string started_at = detail::utc_now_text();
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < planned.operations.size(); ++i) {
    try {
      run_steps(conn, planned.operations[i].steps);
    } catch (const DatabaseError& e) {
      throw DatabaseError(operation_prefix(planned, i) + e.what(), e.code(), e.server_message());
    } catch (const InputError& e) {
      throw InputError(operation_prefix(planned, i) + e.what());
    }
  }
  detail::update_heads(conn, options, planned.step.removed_heads, planned.step.added_heads);
  const auto duration = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
  LogEntry entry;
  entry.revision = planned.step.revision;
  entry.direction = planned.step.direction;
  entry.checksum = planned.revision->checksum;
  entry.started_at = started_at;
  entry.duration_ms = duration;
  detail::append_log(conn, options, entry);
  return {planned.step.revision, planned.step.direction, duration};
}

// Runs the plan inside `tx` (open). Whole-run mode: one transaction; per-migration mode: a
// savepoint per revision where the lock is the transaction (SQLite), else a commit per
// revision. A `transactional: false` revision runs between two transactions where the lock
// allows it.
void execute_plan(Connection& conn, RunTransaction& tx, const Plan& plan,
                  const RuntimeOptions& options, MigrationRunResult& result) {
  const bool lock_in_tx = conn.dialect().migration_lock_is_transaction();
  std::vector<AppliedRevision> pending;
  auto commit_pending = [&] {
    tx.commit();
    result.applied.insert(result.applied.end(), pending.begin(), pending.end());
    pending.clear();
  };
  for (const PlannedRevision& planned : plan.revisions) {
    if (!planned.revision->transactional && !lock_in_tx) {
      commit_pending();
      result.applied.push_back(run_revision(conn, planned, options));
      tx.begin();
    } else if (options.transaction_per_migration && lock_in_tx) {
      conn.execute("SAVEPOINT retort_revision");
      try {
        pending.push_back(run_revision(conn, planned, options));
      } catch (...) {
        conn.execute("ROLLBACK TO SAVEPOINT retort_revision");
        conn.execute("RELEASE SAVEPOINT retort_revision");
        commit_pending();
        throw;
      }
      conn.execute("RELEASE SAVEPOINT retort_revision");
    } else {
      pending.push_back(run_revision(conn, planned, options));
      if (options.transaction_per_migration) {
        commit_pending();
        tx.begin();
      }
    }
  }
  commit_pending();
}

// Turns foreign-key enforcement back on when a run turned it off.
struct ForeignKeysGuard {
  Connection* conn = nullptr;
  ~ForeignKeysGuard() {
    if (conn == nullptr) return;
    try {
      conn->execute(conn->dialect().foreign_keys_enforcement_sql(true));
    } catch (...) {
    }
  }
};

MigrationRunResult run(Connection& conn, const RevisionGraph& graph, std::string_view target,
                       MigrationDirection direction, const RuntimeOptions& options) {
  detail::SessionLock lock(conn, options);
  ForeignKeysGuard foreign_keys;
  for (;;) {
    RunTransaction tx(conn, options);
    tx.begin();
    detail::ensure_runtime_tables(conn, options);
    MigrationRunResult result;
    result.heads_before = detail::read_heads(conn, options);
    std::vector<MigrationStep> steps;
    if (direction == MigrationDirection::kUpgrade) {
      verify_checksums(conn, graph, result.heads_before, options);
      steps = graph.upgrade_steps(result.heads_before, target);
    } else {
      steps = graph.downgrade_steps(result.heads_before, target);
    }
    const Plan plan = make_plan(conn, graph, steps, options);
    const std::string off_sql = conn.dialect().foreign_keys_enforcement_sql(false);
    if (plan.needs_foreign_keys_off && !off_sql.empty() && foreign_keys.conn == nullptr) {
      // The switch only takes effect outside a transaction: plan again with it off.
      tx.rollback();
      conn.execute(off_sql);
      foreign_keys.conn = &conn;
      continue;
    }
    execute_plan(conn, tx, plan, options, result);
    result.heads_after = detail::read_heads(conn, options);
    return result;
  }
}

}  // namespace

MigrationRunResult upgrade(Connection& conn, const RevisionGraph& graph, std::string_view target,
                           const RuntimeOptions& options) {
  return run(conn, graph, target, MigrationDirection::kUpgrade, options);
}

MigrationRunResult downgrade(Connection& conn, const RevisionGraph& graph, std::string_view target,
                             const RuntimeOptions& options) {
  return run(conn, graph, target, MigrationDirection::kDowngrade, options);
}

MigrationRunResult stamp(Connection& conn, const RevisionGraph& graph,
                         const std::vector<std::string>& targets, const RuntimeOptions& options) {
  detail::SessionLock lock(conn, options);
  RunTransaction tx(conn, options);
  tx.begin();
  detail::ensure_runtime_tables(conn, options);
  MigrationRunResult result;
  result.heads_before = detail::read_heads(conn, options);
  std::vector<std::string> heads = result.heads_before;
  for (const std::string& target : targets) heads = graph.stamp_heads(heads, target);
  detail::update_heads(conn, options, result.heads_before, heads);
  tx.commit();
  std::sort(heads.begin(), heads.end());
  result.heads_after = heads;
  return result;
}

std::vector<std::string> accept_checksums(Connection& conn, const RevisionGraph& graph,
                                          const RuntimeOptions& options) {
  detail::SessionLock lock(conn, options);
  RunTransaction tx(conn, options);
  tx.begin();
  detail::ensure_runtime_tables(conn, options);
  std::vector<std::string> accepted;
  for (const LogEntry& entry :
       changed_revisions(conn, graph, detail::read_heads(conn, options), options)) {
    SqlBuilder sql(conn.dialect());
    sql.sql("UPDATE ")
        .ident(log_table_name(options.version_table))
        .sql(" SET checksum = ")
        .param(graph.get(entry.revision).checksum)
        .sql(" WHERE seq = ")
        .param(static_cast<long long>(entry.seq));
    conn.query(sql.str(), sql.params());
    accepted.push_back(entry.revision);
  }
  tx.commit();
  return accepted;
}

}  // namespace retort
