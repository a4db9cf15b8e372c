// upgrade and downgrade: plan the steps under the lock (plan.cpp), then run revision by
// revision, updating the version rows and the log in the same transaction as the revision's
// SQL.
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

using detail::direction_key;
using detail::operation_prefix;
using detail::Plan;
using detail::PlannedRevision;
using detail::RunTransaction;

Plan make_plan(Connection& conn, const RevisionGraph& graph,
               const std::vector<MigrationStep>& steps, const RuntimeOptions& options) {
  if (steps.empty()) return {};
  std::vector<std::vector<Operation>> operations = detail::parse_steps(graph, steps);
  InspectOptions inspect;
  inspect.version_tables = {options.version_table, log_table_name(options.version_table)};
  if (conn.dialect().has_schemas()) {
    // The current schema ("") and every other one the operations touch.
    std::vector<std::string> schemas = detail::schemas_named(operations);
    if (!schemas.empty()) {
      inspect.schemas = {""};
      inspect.schemas.insert(inspect.schemas.end(), schemas.begin(), schemas.end());
    }
  }
  MetaData state = reflect(conn, inspect);
  return detail::plan_steps(graph, steps, std::move(operations), conn.dialect(), state);
}

// Refuses to upgrade when the file of an applied revision changed since it was last applied.
void verify_checksums(Connection& conn, const RevisionGraph& graph,
                      const std::vector<std::string>& heads, const RuntimeOptions& options) {
  for (const LogEntry& entry : detail::changed_log_entries(conn, graph, heads, options)) {
    const std::string& id = entry.revision;
    const Revision& revision = graph.get(id);
    throw InputError(SourceLocation{detail::file_of(revision), 0, 0},
                     "revision " + id + " was changed after it was applied on " + entry.started_at +
                         " (checksum " + entry.checksum.substr(0, 12) + ", now " +
                         revision.checksum.substr(0, 12) +
                         "); restore the file, or review the change and accept it (retort repair " +
                         id + ")");
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
                             const RuntimeOptions& options, std::int64_t& next_log_seq) {
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
  detail::append_log(conn, options, entry, next_log_seq);
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
  std::int64_t next_log_seq = 0;  // read once, on the first log row (the lock is held)
  auto commit_pending = [&] {
    tx.commit();
    result.applied.insert(result.applied.end(), pending.begin(), pending.end());
    pending.clear();
  };
  for (const PlannedRevision& planned : plan.revisions) {
    if (!planned.revision->transactional && !lock_in_tx) {
      commit_pending();
      result.applied.push_back(run_revision(conn, planned, options, next_log_seq));
      tx.begin();
    } else if (options.transaction_per_migration && lock_in_tx) {
      conn.execute("SAVEPOINT retort_revision");
      try {
        pending.push_back(run_revision(conn, planned, options, next_log_seq));
      } catch (...) {
        conn.execute("ROLLBACK TO SAVEPOINT retort_revision");
        conn.execute("RELEASE SAVEPOINT retort_revision");
        commit_pending();
        throw;
      }
      conn.execute("RELEASE SAVEPOINT retort_revision");
    } else {
      pending.push_back(run_revision(conn, planned, options, next_log_seq));
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

}  // namespace retort
