// The SQLite driver: RAII owners for the sqlite3 handles and the ConnectionImpl /
// StatementImpl over them.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/driver.hpp"

namespace retort::sqlite {

struct DatabaseCloser {
  // sqlite3_close_v2: statements still alive keep the handle as a zombie until finalized.
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
};
using DatabaseHandle = std::unique_ptr<sqlite3, DatabaseCloser>;
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

// Throws DatabaseError "sqlite: <first 200 chars of sql>: <message> (code N)" with the
// connection's current extended result code.
[[noreturn]] void throw_sqlite_error(sqlite3* db, std::string_view sql);

// Binds `params`, steps `stmt` to completion and collects its rows; resets the statement
// afterwards, also on failure, so that it can run again.
Result run_statement(sqlite3* db, sqlite3_stmt* stmt, const std::vector<Value>& params);

class SqliteStatement final : public detail::StatementImpl {
 public:
  SqliteStatement(sqlite3* db, StatementHandle stmt) : db_(db), stmt_(std::move(stmt)) {}
  Result execute(const std::vector<Value>& params) override {
    return run_statement(db_, stmt_.get(), params);
  }

 private:
  sqlite3* db_;  // owned by the SqliteConnection, which outlives its statements
  StatementHandle stmt_;
};

class SqliteConnection final : public detail::ConnectionImpl {
 public:
  SqliteConnection(DatabaseHandle db, bool in_memory) : db_(std::move(db)), in_memory_(in_memory) {}

  const Dialect& dialect() const override { return detail::sqlite_dialect(); }
  void execute(std::string_view sql) override;
  Result query(std::string_view sql, const std::vector<Value>& params) override;
  std::unique_ptr<detail::StatementImpl> prepare(std::string_view sql) override;
  bool healthy() const override { return db_ != nullptr; }
  bool in_transaction() const override { return sqlite3_get_autocommit(db_.get()) == 0; }
  bool needs_keepalive() const override { return in_memory_; }

 private:
  // Prepares the first statement of `sql`; `tail` receives the rest. Null for blank SQL.
  StatementHandle prepare_one(std::string_view sql, std::string_view* tail);

  DatabaseHandle db_;
  bool in_memory_;
};

}  // namespace retort::sqlite
