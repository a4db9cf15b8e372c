// The interface each database driver implements (lib/src/engine/sqlite, .../postgres).
// Generic engine code (pooling, transactions, echo logging, sessions) calls only this.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
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

// Streams rows into one table through the database's bulk-load protocol (PostgreSQL
// COPY ... FROM STDIN). Made by ConnectionImpl::copy_in without any I/O: rows are encoded
// into a buffer, the COPY begins at the first send(), and while it is open the connection
// runs nothing else. Must not outlive its connection.
class CopyWriter {
 public:
  // Abandons a COPY still open (abort()).
  virtual ~CopyWriter() = default;
  // The statement that begins the COPY, for echo logging.
  virtual const std::string& sql() const = 0;
  // Encodes one row, one value per column, into the buffer. Throws DatabaseError for a
  // value the database cannot hold (text with a NUL); the buffer then keeps no part of it.
  virtual void add_row(std::span<const Value> row) = 0;
  // Bytes encoded and not yet sent.
  virtual std::size_t buffered_bytes() const = 0;
  // True between the first send() and finish() or abort().
  virtual bool active() const = 0;
  // Begins the COPY unless active(), then sends the buffer; the COPY stays open. Throws
  // DatabaseError (naming the table) when the server has rejected the COPY; the COPY is
  // then over and the buffer empty.
  virtual void send() = 0;
  // Sends what is buffered and ends the COPY (beginning it first when rows are buffered);
  // the connection is free afterwards. Throws as send() does, for errors found at the end.
  virtual void finish() = 0;
  // Drops the buffer and abandons an open COPY, which the server then fails (with the
  // transaction around it). Never throws.
  virtual void abort() noexcept = 0;
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
  // A writer of rows for `columns` of table `schema`.`table` (empty schema: the default
  // one) through the database's bulk-load protocol; null where there is none (SQLite),
  // and callers then use multi-row INSERTs.
  virtual std::unique_ptr<CopyWriter> copy_in(const std::string& schema, const std::string& table,
                                              const std::vector<std::string>& columns) {
    (void)schema, (void)table, (void)columns;
    return nullptr;
  }
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
