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
};

// Open a connection. Throw DatabaseError naming `url.redacted()` on failure.
std::unique_ptr<ConnectionImpl> open_sqlite(const Url& url, const EngineOptions& options);
std::unique_ptr<ConnectionImpl> open_postgres(const Url& url, const EngineOptions& options);

// The dialect singletons.
const Dialect& sqlite_dialect();
const Dialect& postgres_dialect();

}  // namespace retort::detail
