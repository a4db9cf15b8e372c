// The migration runtime: applies revisions to a database through one Connection, keeping the
// version table (one row per current head), an applied-revision log with the checksum of each
// revision file, a lock that serialises concurrent runs, and transactions that leave the
// database as it was before a failed run. Rules: docs/runtime.md.
//
//   retort::ScriptDirectory scripts = retort::ScriptDirectory::load("migrations");
//   retort::Connection conn = engine.connect();
//   retort::RuntimeOptions options;  // version_table, transaction_per_migration, lock timeout
//   retort::MigrationRunResult run = retort::upgrade(conn, scripts.graph(), "head", options);
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "retort/engine.hpp"
#include "retort/log.hpp"
#include "retort/revision_graph.hpp"

namespace retort {

struct RuntimeOptions {
  // The version table; the log table is named after it (log_table_name).
  std::string version_table = "retort_version";
  // One transaction per revision instead of one for the whole run.
  bool transaction_per_migration = false;
  // How long to wait for the migration lock, in milliseconds; negative waits forever.
  // Expiry throws LockTimeoutError.
  int lock_timeout_ms = -1;
  // Progress messages ("upgrade a1b2 -> c3d4 (add rating)"); nothing when empty.
  LogSink logger;
};

// "<version_table>_log".
std::string log_table_name(std::string_view version_table);

// The key of the PostgreSQL advisory lock a run holds: derived from the version table's name,
// so that projects sharing a database with different version tables do not block each other.
std::int64_t migration_lock_key(std::string_view version_table);

// One row of the log table.
struct LogEntry {
  std::int64_t seq = 0;  // 1, 2, ... in the order the revisions ran
  std::string revision;
  MigrationDirection direction = MigrationDirection::kUpgrade;
  std::string checksum;    // Revision::checksum of the file when it ran
  std::string started_at;  // UTC, "2026-11-22T06:54:10.123Z"
  std::int64_t duration_ms = 0;
};

struct AppliedRevision {
  std::string revision;
  MigrationDirection direction = MigrationDirection::kUpgrade;
  std::int64_t duration_ms = 0;
};

struct MigrationRunResult {
  std::vector<std::string> heads_before;  // sorted
  std::vector<std::string> heads_after;   // sorted
  std::vector<AppliedRevision> applied;   // in the order they ran (committed ones only)
};

// The rows of the version table, sorted; empty when the table does not exist (nothing is
// created).
std::vector<std::string> current_heads(Connection& conn, const RuntimeOptions& options = {});

// The log, oldest first; empty when the table does not exist.
std::vector<LogEntry> read_log(Connection& conn, const RuntimeOptions& options = {});

// Upgrades to `target` (any target of RevisionGraph::resolve: "head", "+1", an id, ...).
// Takes the lock, creates the version and log tables when missing, refuses to run when the
// file of an applied revision changed since it was applied (InputError naming the file), then
// runs every step. A failing revision throws the database's error prefixed with the revision
// file, the direction, and the operation's 1-based index and description; the database is then
// as before the run, or, with transaction_per_migration, after the last good revision.
MigrationRunResult upgrade(Connection& conn, const RevisionGraph& graph, std::string_view target,
                           const RuntimeOptions& options = {});

// Downgrades to `target` ("base", "-1", an applied id, ...), running `downgrade:` operations.
MigrationRunResult downgrade(Connection& conn, const RevisionGraph& graph, std::string_view target,
                             const RuntimeOptions& options = {});

// Sets the version table to `targets` (RevisionGraph::stamp_heads, applied in order) without
// running any operation; logs nothing. With `purge`, the table is emptied first, even when its
// rows name revisions the graph does not know (otherwise an UnknownRevisionError), and the
// targets are stamped from base.
MigrationRunResult stamp(Connection& conn, const RevisionGraph& graph,
                         const std::vector<std::string>& targets,
                         const RuntimeOptions& options = {}, bool purge = false);

// An applied revision's checksum as the log records it and as its file has it now.
struct ChecksumChange {
  std::string revision;
  std::filesystem::path path;  // the revision's file
  std::string recorded;        // the newest upgrade log row's checksum
  std::string current;         // Revision::checksum of the file now
  std::string applied_at;      // that log row's started_at
};

// The applied revisions (the current heads and their ancestors) whose file changed since they
// were applied, in topological order: what upgrade refuses to run past. Revisions without an
// upgrade log row (stamped) are not checked. Reads only; creates nothing.
std::vector<ChecksumChange> changed_checksums(Connection& conn, const RevisionGraph& graph,
                                              const RuntimeOptions& options = {});

// After review: re-records the file's checksum in the newest upgrade log row of each of
// `revisions` (ids, unique prefixes or labels; empty: every revision changed_checksums
// reports), under the lock, so that upgrade runs again. A listed revision must be applied and
// logged (InputError otherwise); one whose checksum did not change is reported with
// recorded == current. Returns them in topological order.
std::vector<ChecksumChange> repair_checksums(Connection& conn, const RevisionGraph& graph,
                                             const std::vector<std::string>& revisions = {},
                                             const RuntimeOptions& options = {});

// repair_checksums(conn, graph, {}, options), returning the ids.
std::vector<std::string> accept_checksums(Connection& conn, const RevisionGraph& graph,
                                          const RuntimeOptions& options = {});

// Offline mode: the complete SQL script of an upgrade over `range` for `dialect`, without a
// database. `range` is "B" or ":B" (from base) or "A:B" (from the rows A; the script assumes
// the database is there), B any target. The script creates the version and log tables (IF NOT
// EXISTS), holds BEGIN/COMMIT as a run would (one transaction, one per revision with
// transaction_per_migration, none around a `transactional: false` revision where the dialect
// allows), every operation's SQL, the version-row updates and a log row per revision
// (started_at: when the script was written; duration_ms: 0). The schema each operation is
// compiled against is rebuilt in memory from the revisions' operations (from base); an
// operation that needs what only the live database knows (a table made by `execute`, a SQLite
// rebuild of a table that an `execute` gave triggers) is an InputError naming it.
std::string upgrade_sql(const RevisionGraph& graph, const Dialect& dialect, std::string_view range,
                        const RuntimeOptions& options = {});
// The same for a downgrade over "A:B", from the rows A down to B (both required).
std::string downgrade_sql(const RevisionGraph& graph, const Dialect& dialect,
                          std::string_view range, const RuntimeOptions& options = {});

}  // namespace retort
