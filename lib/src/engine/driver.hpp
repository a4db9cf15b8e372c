// The interface each database driver implements (lib/src/engine/sqlite, .../postgres).
// Generic engine code (pooling, transactions, echo logging, sessions) calls only this.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "retort/engine.hpp"

namespace retort::detail {

class StatementImpl {
 public:
  virtual ~StatementImpl() = default;
  // Resets the statement, binds `params` in order and runs it to completion.
  virtual Result execute(const std::vector<Value>& params) = 0;
};

class ConnectionImpl {
 public:
  virtual ~ConnectionImpl() = default;
  virtual const Dialect& dialect() const = 0;
  // One or more statements, no parameters.
  virtual void execute(std::string_view sql) = 0;
  // One statement with bound parameters.
  virtual Result query(std::string_view sql, const std::vector<Value>& params) = 0;
  virtual std::unique_ptr<StatementImpl> prepare(std::string_view sql) = 0;
  // False when the connection is broken (server gone) and must not return to the pool.
  virtual bool healthy() const = 0;
  // True while the database has a transaction open on this connection (however it was
  // begun). The pool rolls such a connection back before lending it again.
  virtual bool in_transaction() const { return false; }
  // True when the database lives only as long as a connection to it is open (a SQLite
  // in-memory database); the pool then keeps one extra connection open for its own life.
  virtual bool needs_keepalive() const { return false; }
};

// Open a connection. Throw DatabaseError naming `url.redacted()` on failure.
std::unique_ptr<ConnectionImpl> open_sqlite(const Url& url, const EngineOptions& options);
std::unique_ptr<ConnectionImpl> open_postgres(const Url& url, const EngineOptions& options);

// The URL the connections of one pool open (see DriverEntry::pool_url): an in-memory
// database gets a name unique to the pool, shared by that pool's connections.
Url sqlite_pool_url(const Url& url);

// The dialect singletons.
const Dialect& sqlite_dialect();
const Dialect& postgres_dialect();

}  // namespace retort::detail
