// The migration lock and the run's transaction. PostgreSQL: an advisory lock (a session lock
// the server releases if the process dies) keyed on the version table's name, taken with
// pg_try_advisory_lock in a loop until the timeout. SQLite: the database's write lock, taken by
// BEGIN IMMEDIATE and held until COMMIT, waiting up to the timeout (busy_timeout).
#include <chrono>
#include <thread>

#include "retort/error.hpp"
#include "retort/revision.hpp"
#include "runtime/runtime_internal.hpp"

namespace retort {

// A stable positive 60-bit key from the version table's name.
std::int64_t migration_lock_key(std::string_view version_table) {
  const std::string hex = sha256_hex("retort migration lock:" + std::string(version_table));
  return static_cast<std::int64_t>(std::stoull(hex.substr(0, 15), nullptr, 16));
}

namespace detail {
namespace {

std::string timeout_text(int timeout_ms) { return std::to_string(timeout_ms) + " ms"; }

}  // namespace

SessionLock::SessionLock(Connection& conn, const RuntimeOptions& options) : conn_(&conn) {
  const Dialect& dialect = conn.dialect();
  const std::string wait_sql = dialect.lock_wait_sql(options.lock_timeout_ms);
  if (!wait_sql.empty()) conn.execute(wait_sql);
  const std::string try_sql = dialect.try_session_lock_sql();
  if (try_sql.empty()) return;
  key_ = migration_lock_key(options.version_table);
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    if (conn.query(try_sql, {static_cast<long long>(key_)}).cell(0, 0).integer() == 1) break;
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
    if (options.lock_timeout_ms >= 0 && waited >= options.lock_timeout_ms) {
      throw LockTimeoutError(std::string(dialect.name()) + ": the migration lock of \"" +
                             options.version_table + "\" on " + conn.redacted_url() +
                             " is held by another run; gave up after " +
                             timeout_text(options.lock_timeout_ms));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  held_ = true;
}

SessionLock::~SessionLock() {
  if (!held_) return;
  try {
    conn_->query(conn_->dialect().session_unlock_sql(), {static_cast<long long>(key_)});
  } catch (...) {
    // The server releases the lock when the session ends; nothing more to do.
  }
}

RunTransaction::~RunTransaction() {
  if (!open_) return;
  try {
    rollback();
  } catch (...) {
  }
}

void RunTransaction::begin() {
  const Dialect& dialect = conn_->dialect();
  try {
    conn_->execute(dialect.begin_migration_sql());
  } catch (const DatabaseError& e) {
    if (!dialect.is_lock_busy_code(e.code())) throw;
    throw LockTimeoutError(std::string(dialect.name()) +
                           ": the migration lock (the write lock of " + conn_->redacted_url() +
                           ") is held by another connection" +
                           (options_->lock_timeout_ms >= 0
                                ? "; gave up after " + timeout_text(options_->lock_timeout_ms)
                                : std::string()));
  }
  open_ = true;
}

void RunTransaction::commit() {
  open_ = false;
  try {
    conn_->execute("COMMIT");
  } catch (...) {
    try {
      conn_->execute("ROLLBACK");
    } catch (...) {
    }
    throw;
  }
}

void RunTransaction::rollback() {
  open_ = false;
  conn_->execute("ROLLBACK");
}

}  // namespace detail
}  // namespace retort
