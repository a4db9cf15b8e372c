// Session: a unit of work that collects row inserts for tables of a model and writes them
// in batches inside one transaction (SQLAlchemy's Session, for inserts).
//
//   retort::Session session(conn, metadata);
//   session.add("artist", {"id", "name"}, {1, "Nina Simone"});
//   session.commit();  // flushes what is pending, then commits
//
// Rows are written in the order they were added, which keeps parents before children when
// the caller adds them so. A Session destroyed without commit() rolls everything back.
// Consecutive rows for the same table and column list become multi-row INSERTs of up to
// batch_size rows (fewer when the dialect's bind-parameter limit requires it). The session's
// transaction begins at the first flush, as a savepoint when the caller has one open. The
// Session must not outlive its Connection, nor the MetaData.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
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
  // Rows for one table and one column list, in the order added.
  struct Batch {
    const Table* table;
    std::vector<std::string> columns;
    std::vector<Value> values;  // row-major, columns.size() per row
  };
  // A prepared multi-row INSERT, by table, column list and rows per statement.
  struct StatementKey {
    const Table* table;
    std::vector<std::string> columns;
    std::size_t rows;
    friend auto operator<=>(const StatementKey&, const StatementKey&) = default;
  };

  const Table& find_table(std::string_view name);
  void check_columns(const Table& table, const std::vector<std::string>& columns,
                     std::size_t nvalues) const;
  // The one write path: every queued row reaches the database here.
  void write_batch(Batch& batch);
  Statement& insert_statement(const Table& table, const std::vector<std::string>& columns,
                              std::size_t rows);

  Connection* conn_;
  const MetaData* metadata_;
  SessionOptions options_;
  std::map<StatementKey, Statement> statements_;
  std::unique_ptr<Transaction> transaction_;
  std::vector<Batch> batches_;
  std::string last_table_name_;  // the name given to the last add() and its table
  const Table* last_table_ = nullptr;
  std::size_t pending_ = 0;
  std::uint64_t rows_written_ = 0;
};

}  // namespace retort
