// Transaction: BEGIN/COMMIT/ROLLBACK for the outermost level, SAVEPOINT "sp_N" / RELEASE /
// ROLLBACK TO for nested ones.
#include "engine/connection_pool.hpp"
#include "engine/sql_builder.hpp"
#include "retort/error.hpp"

namespace retort {

Transaction::Transaction(Connection& conn) : conn_(&conn) {
  conn.impl();  // throws for a moved-from connection
  if (conn.transaction_depth_ == 0) {
    run("BEGIN");
  } else {
    savepoint_ = "sp_" + std::to_string(++conn.savepoint_counter_);
    run("SAVEPOINT " + quote_identifier(savepoint_));
  }
  depth_ = ++conn.transaction_depth_;
}

Transaction::~Transaction() {
  if (!active_) return;
  try {
    rollback();
  } catch (const std::exception& e) {
    if (conn_->pool_) {
      conn_->pool_->log(LogLevel::kWarning,
                        std::string("rolling back an abandoned transaction failed: ") + e.what());
    }
  }
}

void Transaction::run(const std::string& sql) {
  conn_->log_statement(sql, {});
  try {
    conn_->impl().execute(sql);
  } catch (const Error& e) {
    if (conn_->pool_) conn_->pool_->log_failure(e);
    throw;
  }
}

// Checks that this transaction may end now and marks it ended.
void Transaction::end(std::string_view action) {
  if (!active_) {
    throw UsageError(std::string(action) +
                     " of a transaction that was already committed or rolled back");
  }
  if (conn_->transaction_depth_ != depth_) {
    throw UsageError(std::string(action) + " of a transaction while a nested one is still open");
  }
  active_ = false;
  --conn_->transaction_depth_;
}

void Transaction::commit() {
  end("commit");
  if (savepoint_.empty()) {
    try {
      run("COMMIT");
    } catch (...) {
      // SQLite keeps the transaction open after a failed COMMIT (e.g. a deferred foreign
      // key violation); end it so the connection is usable and the contract holds.
      try {
        run("ROLLBACK");
      } catch (...) {
      }
      throw;
    }
  } else {
    run("RELEASE SAVEPOINT " + quote_identifier(savepoint_));
  }
}

void Transaction::rollback() {
  end("rollback");
  if (savepoint_.empty()) {
    run("ROLLBACK");
  } else {
    run("ROLLBACK TO SAVEPOINT " + quote_identifier(savepoint_));
    run("RELEASE SAVEPOINT " + quote_identifier(savepoint_));
  }
}

}  // namespace retort
