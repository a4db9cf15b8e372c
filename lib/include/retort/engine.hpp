// Engine, Connection, Statement and Transaction: how retort talks to a database.
//
//   retort::Engine engine(retort::Url::parse("sqlite:///app.db"));
//   retort::Connection conn = engine.connect();
//   retort::Transaction tx(conn);
//   conn.query("INSERT INTO t (a) VALUES (?)", {42});
//   tx.commit();  // otherwise rolled back when tx goes out of scope
//
// Connections are move-only owners; a Connection obtained from an Engine returns to the
// engine's pool when destroyed. Engine::connect() may be called from several threads; a
// Connection, with its Statements and Transactions, belongs to one thread at a time.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "retort/dialect.hpp"
#include "retort/log.hpp"
#include "retort/result.hpp"
#include "retort/url.hpp"
#include "retort/value.hpp"

namespace retort {

namespace detail {
class ConnectionImpl;
class StatementImpl;
class ConnectionPool;
}  // namespace detail

enum class OpenMode {
  kReadWriteCreate,  // create the SQLite file if it does not exist (default)
  kReadWrite,        // the database must exist
  kReadOnly,         // the database must exist; no writes; never creates a file
};

struct EngineOptions {
  // Log every statement with its bound parameters at LogLevel::kInfo (SQLAlchemy's echo).
  bool echo = false;
  // Where echo and diagnostics go; no logging when empty.
  LogSink logger;
  OpenMode mode = OpenMode::kReadWriteCreate;
  // SQLite: how long to wait for a lock held by another connection before SQLITE_BUSY.
  int busy_timeout_ms = 5000;
  // PostgreSQL: seconds to wait for the server to accept a connection.
  int connect_timeout_s = 10;
  // The most idle connections the pool keeps open.
  std::size_t pool_size = 4;
};

// A prepared statement; valid while its Connection lives (moving the Connection is fine).
class Statement {
 public:
  // `sql` is the statement's text, for echo logging.
  Statement(std::unique_ptr<detail::StatementImpl> impl, class Connection* conn,
            std::string sql = {});
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  ~Statement();

  // Runs the statement with `params` bound in order (1-based placeholders).
  Result execute(const std::vector<Value>& params = {});

 private:
  std::unique_ptr<detail::StatementImpl> impl_;
  std::shared_ptr<detail::ConnectionPool> pool_;  // for echo logging; may be null
  std::string sql_;
};

class Connection {
 public:
  Connection(std::unique_ptr<detail::ConnectionImpl> impl,
             std::shared_ptr<detail::ConnectionPool> pool);
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  ~Connection();

  const Dialect& dialect() const;
  // The URL this connection was opened with, password redacted.
  const std::string& redacted_url() const;

  // Runs one or more statements separated by ';' with no parameters (DDL scripts).
  void execute(std::string_view sql);
  // Runs one statement with `params` bound in order and returns its rows.
  Result query(std::string_view sql, const std::vector<Value>& params = {});
  Statement prepare(std::string_view sql);

  // Nesting depth of open Transactions on this connection (0 outside any).
  int transaction_depth() const { return transaction_depth_; }

  // For Statement and Transaction; logs `sql` and its parameters when echo is on.
  void log_statement(std::string_view sql, const std::vector<Value>& params) const;

 private:
  friend class Statement;
  friend class Transaction;
  friend class Session;  // reaches the driver's bulk-load path (ConnectionImpl::copy_in)
  detail::ConnectionImpl& impl() const;
  void release() noexcept;

  std::unique_ptr<detail::ConnectionImpl> impl_;
  std::shared_ptr<detail::ConnectionPool> pool_;  // owns the options, URL and dialect
  int transaction_depth_ = 0;
  int savepoint_counter_ = 0;
};

// RAII transaction. The outermost Transaction on a connection issues BEGIN; nested ones
// use SAVEPOINTs. Destroying an uncommitted Transaction rolls it back (a nested one rolls
// back to its savepoint only); the destructor never throws and logs a failed rollback.
// Transactions end innermost first; commit() or rollback() of an ended transaction, or of
// one with a nested transaction still open, throws UsageError. A failed commit() leaves the
// transaction rolled back. A Transaction must not outlive its Connection.
class Transaction {
 public:
  explicit Transaction(Connection& conn);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  void commit();
  void rollback();
  bool active() const { return active_; }

 private:
  void end(std::string_view action);
  void run(const std::string& sql);

  Connection* conn_;
  std::string savepoint_;  // empty for the outermost transaction
  int depth_ = 0;          // the connection's transaction_depth() while this one is innermost
  bool active_ = true;
};

class Engine {
 public:
  explicit Engine(Url url, EngineOptions options = {});
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  ~Engine();

  const Url& url() const { return url_; }
  const Dialect& dialect() const;
  const EngineOptions& options() const;

  // An idle pooled connection, or a new one. Throws DatabaseError (with the redacted URL)
  // when the database cannot be reached or opened.
  Connection connect();

 private:
  Url url_;
  std::shared_ptr<detail::ConnectionPool> pool_;  // shared with the connections it lent
};

}  // namespace retort
