// Internals of the migration runtime: the version and log tables, the plan of a run (shared by
// the online run and the offline script), the lock, the transaction of a run.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/sql_builder.hpp"
#include "retort/engine.hpp"
#include "retort/ops.hpp"
#include "retort/runtime.hpp"

namespace retort::detail {

// ---- version and log tables (version_store.cpp) -------------------------------------------

// The CREATE TABLE IF NOT EXISTS statements of the version and log tables.
std::vector<std::string> runtime_tables_sql(const Dialect& dialect, const RuntimeOptions& options);
// Creates the version and log tables when missing (inside the run's transaction).
void ensure_runtime_tables(Connection& conn, const RuntimeOptions& options);
// True when the version table exists.
bool version_table_exists(Connection& conn, const RuntimeOptions& options);
std::vector<std::string> read_heads(Connection& conn, const RuntimeOptions& options);
// The statements turning the version rows `removed` into `added`: one UPDATE when one row
// replaces one, else DELETEs then INSERTs. Values are bound parameters, or, with
// `inline_values` (offline scripts), literals.
std::vector<SqlBuilder> heads_update_sql(const Dialect& dialect, const RuntimeOptions& options,
                                         const std::vector<std::string>& removed,
                                         const std::vector<std::string>& added, bool inline_values);
// Runs heads_update_sql.
void update_heads(Connection& conn, const RuntimeOptions& options,
                  const std::vector<std::string>& removed, const std::vector<std::string>& added);
// The INSERT of one log row whose seq is the next one, computed by the statement itself
// (offline scripts; values as literals).
SqlBuilder log_insert_literal_sql(const Dialect& dialect, const RuntimeOptions& options,
                                  const LogEntry& entry);
// Appends one log row with seq `next_seq` (read from the table first when <= 0), then
// advances it: a run holds the migration lock, so it asks the table once, not per revision.
void append_log(Connection& conn, const RuntimeOptions& options, const LogEntry& entry,
                std::int64_t& next_seq);
// "2026-11-22T06:54:10.123Z" for now.
std::string utc_now_text();

// ---- the plan of a run (plan.cpp) ---------------------------------------------------------

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

// "upgrade" or "downgrade".
const char* direction_key(MigrationDirection direction);
// The revision's file, or "revision <id>" for one built in memory.
std::string file_of(const Revision& revision);
// "<file>: upgrade operation 2 (add column "t"."c"): "
std::string operation_prefix(const PlannedRevision& planned, std::size_t index);

// Parses each step's operations and compiles them against `state`, the schema before the
// first step, which ends as the schema after the last one. An operation that does not fit is
// an InputError located at the revision file, naming the direction and the operation, with
// `misfit_hint` appended.
Plan plan_steps(const RevisionGraph& graph, const std::vector<MigrationStep>& steps,
                const Dialect& dialect, MetaData& state, std::string_view misfit_hint = {});
// The same, with each step's operations already parsed (`operations[i]` for `steps[i]`).
Plan plan_steps(const RevisionGraph& graph, const std::vector<MigrationStep>& steps,
                std::vector<std::vector<Operation>> operations, const Dialect& dialect,
                MetaData& state, std::string_view misfit_hint = {});
// Each step's operations, parsed from its revision's file.
std::vector<std::vector<Operation>> parse_steps(const RevisionGraph& graph,
                                                const std::vector<MigrationStep>& steps);
// The schemas `operations` name other than the default one (""): of tables, referenced tables,
// enums and schemas themselves, each once, in order of appearance. The online run reflects
// them, so that an operation on "audit"."t" finds the table.
std::vector<std::string> schemas_named(const std::vector<std::vector<Operation>>& operations);

// The newest log row of each applied revision (the heads and their ancestors) whose file
// changed since it was applied, in topological order.
std::vector<LogEntry> changed_log_entries(Connection& conn, const RevisionGraph& graph,
                                          const std::vector<std::string>& heads,
                                          const RuntimeOptions& options);

// ---- lock and transaction (run_lock.cpp) --------------------------------------------------

// The session lock of a run (PostgreSQL advisory lock keyed on the version table's name);
// does nothing where the lock is the transaction's write lock (SQLite), except setting how
// long BEGIN waits. Released on destruction.
class SessionLock {
 public:
  SessionLock(Connection& conn, const RuntimeOptions& options);
  ~SessionLock();
  SessionLock(const SessionLock&) = delete;
  SessionLock& operator=(const SessionLock&) = delete;

 private:
  Connection* conn_;
  std::int64_t key_ = 0;
  bool held_ = false;
};

// The transaction of a run, managed by hand so that it can begin with the dialect's
// begin_migration_sql (SQLite BEGIN IMMEDIATE). Rolled back on destruction when open.
class RunTransaction {
 public:
  RunTransaction(Connection& conn, const RuntimeOptions& options)
      : conn_(&conn), options_(&options) {}
  ~RunTransaction();
  RunTransaction(const RunTransaction&) = delete;
  RunTransaction& operator=(const RunTransaction&) = delete;
  // Throws LockTimeoutError when the dialect's write lock cannot be had in time.
  void begin();
  void commit();
  void rollback();
  bool open() const { return open_; }

 private:
  Connection* conn_;
  const RuntimeOptions* options_;
  bool open_ = false;
};

}  // namespace retort::detail
