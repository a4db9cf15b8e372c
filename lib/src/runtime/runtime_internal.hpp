// Internals of the migration runtime: the version and log tables, the lock, the transaction
// of a run.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "retort/engine.hpp"
#include "retort/runtime.hpp"

namespace retort::detail {

// Creates the version and log tables when missing (inside the run's transaction).
void ensure_runtime_tables(Connection& conn, const RuntimeOptions& options);
// True when the version table exists.
bool version_table_exists(Connection& conn, const RuntimeOptions& options);
std::vector<std::string> read_heads(Connection& conn, const RuntimeOptions& options);
// Deletes `removed` and inserts `added` rows of the version table.
void update_heads(Connection& conn, const RuntimeOptions& options,
                  const std::vector<std::string>& removed, const std::vector<std::string>& added);
void append_log(Connection& conn, const RuntimeOptions& options, const LogEntry& entry);
// "2026-11-22T06:54:10.123Z" for now.
std::string utc_now_text();

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
