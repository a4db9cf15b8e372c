// Session: a unit of work that collects row inserts for tables of a model and writes them
// in batches inside one transaction (SQLAlchemy's Session, for inserts).
//
//   retort::Session session(conn, metadata);
//   session.add("artist", {"id", "name"}, {1, "Nina Simone"});
//   session.commit();  // flushes what is pending, then commits
//
// Rows are written in the order they were added, which keeps parents before children when
// the caller adds them so. A Session destroyed without commit() rolls everything back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "retort/engine.hpp"
#include "retort/schema.hpp"

namespace retort {

struct SessionOptions {
  // Rows held before add() flushes automatically, and the most rows per INSERT statement
  // (further capped by the dialect's bind-parameter limit).
  std::size_t batch_size = 500;
};

class Session {
 public:
  Session(Connection& conn, const MetaData& metadata, SessionOptions options = {});
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session();

  // Queues one row for `table` ("name" or "schema.name"). `columns` must name columns of the
  // table and `values` must have one value per column; throws InputError otherwise.
  void add(std::string_view table, const std::vector<std::string>& columns,
           std::vector<Value> values);

  // Writes every queued row; begins the session's transaction on first use.
  void flush();
  // flush(), then commits the transaction.
  void commit();
  // Drops queued rows and rolls back everything written since the last commit.
  void rollback();

  // Rows queued and not yet written.
  std::size_t pending() const;
  // Rows written since the session began (committed or not).
  std::uint64_t rows_written() const { return rows_written_; }

 private:
  struct Batch;
  void write_batch(Batch& batch);

  Connection* conn_;
  const MetaData* metadata_;
  SessionOptions options_;
  std::unique_ptr<Transaction> transaction_;
  std::vector<Batch> batches_;
  std::size_t pending_ = 0;
  std::uint64_t rows_written_ = 0;
};

}  // namespace retort
