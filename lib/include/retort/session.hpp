// Session: a unit of work that writes row inserts for tables of a model in batches inside
// one transaction (SQLAlchemy's Session, for inserts), through the fastest path the
// database offers: PostgreSQL COPY ... FROM STDIN, SQLite prepared multi-row INSERTs.
//
//   retort::Session session(conn, metadata);
//   session.add("artist", {"id", "name"}, {1, "Nina Simone"});
//   auto tracks = session.inserter("track", {"id", "title", "artist_id"});
//   for (...) tracks.add({id, title, 1});   // the fast path: no per-row lookups
//   session.commit();  // writes what is held, then commits
//
// Rows reach the database in the order they were added, which keeps parents before
// children when the caller adds them so. The session holds the rows of one table and column
// list at a time and writes them when batch_size rows are held, when a row for another table
// or column list is added, and at flush(). The session's transaction begins at the first
// write, as a savepoint when the caller has one open; a Session destroyed without commit()
// rolls everything back. The Session must not outlive its Connection, nor the MetaData.
//
// PostgreSQL: a table's rows stream through one COPY that stays open across automatic
// writes until flush(), commit(), or a row for another table ends it. While it is open the
// connection is busy: call flush() before using the Connection directly. Errors of the
// server (a unique violation in the middle of a COPY) surface at the write or at the flush
// that ends the COPY, as DatabaseError naming the table; the transaction must then be
// rolled back (rollback(), or destroying the Session).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "retort/engine.hpp"
#include "retort/schema.hpp"

namespace retort {

struct SessionOptions {
  // Rows held before add() writes automatically, and the most rows per INSERT statement
  // (further capped by the dialect's bind-parameter limit). A COPY also writes whenever it
  // holds 256 KiB of encoded rows.
  std::size_t batch_size = 500;
};

class Session {
  struct Target;

 public:
  // A cheap handle that adds rows for one table and column list, checked once when made.
  // Valid while its Session lives; copyable. Rows from several inserters and from
  // Session::add interleave in the order they are added.
  class Inserter {
   public:
    // Queues one row: one value per column, in the order of the columns given to
    // inserter(). Throws InputError when the count differs; may write (see Session).
    void add(std::span<const Value> row);
    void add(std::initializer_list<Value> row) { add(std::span<const Value>(row)); }

    // The in-place way, for callers that build each row anew (the seeder): next_row() returns
    // the slots of the next row, one per column, which the caller must all overwrite (they
    // hold what an earlier row left there, so text keeps its storage and nothing is copied);
    // add_next_row() then queues that row, as add() would, and may write. The slots are valid
    // until the next call on the Session or any of its Inserters; a row never added is dropped
    // by the next next_row() or add(). add_next_row() without next_row() throws UsageError.
    std::span<Value> next_row();
    void add_next_row();

   private:
    friend class Session;
    Inserter(Session* session, Target* target) : session_(session), target_(target) {}
    Session* session_;
    Target* target_;
  };

  Session(Connection& conn, const MetaData& metadata, SessionOptions options = {});
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session();

  // An inserter for `table` ("name" or "schema.name") and `columns`, which must name
  // distinct columns of the table; throws InputError otherwise. No columns at all: each row
  // (of no values) takes every column's default, one INSERT ... DEFAULT VALUES apiece, also
  // on PostgreSQL (COPY cannot write such a row).
  Inserter inserter(std::string_view table, std::vector<std::string> columns);

  // Queues one row for `table`: inserter(table, columns).add(values), with the inserter of
  // the previous call reused when table and columns are the same.
  void add(std::string_view table, const std::vector<std::string>& columns,
           std::vector<Value> values);

  // Writes every held row and ends any COPY in progress; begins the session's transaction
  // when there is something to write.
  void flush();
  // flush(), then commits the transaction.
  void commit();
  // Drops held rows and rolls back everything written since the last commit.
  void rollback();

  // Rows held and not yet written (sent to the server, for a COPY).
  std::size_t pending() const { return pending_; }
  // Rows written since the session began (committed or not).
  std::uint64_t rows_written() const { return rows_written_; }

 private:
  Target& find_target(std::string_view table, const std::vector<std::string>& columns);
  void add_row(Target& target, std::span<const Value> row);
  // Makes `target` the one whose rows are held, writing another target's rows first.
  void make_current(Target& target);
  // The slots of `target`'s next row; add_slots() queues them once filled (next_row() and
  // add_next_row()); queue_row() counts a queued row and writes when the batch is full.
  std::span<Value> next_slots(Target& target);
  void add_slots(Target& target);
  void queue_row(Target& target);
  // Writes the held rows of the current target; `end` also ends its COPY, freeing the
  // connection.
  void write_current(bool end);
  void write_inserts(Target& target, std::size_t rows);
  Statement prepare_insert(const Target& target, std::size_t rows);
  void begin();

  Connection* conn_;
  const MetaData* metadata_;
  SessionOptions options_;
  std::vector<std::unique_ptr<Target>> targets_;  // stable addresses for the Inserters
  Target* current_ = nullptr;                     // the target whose rows are held
  Target* last_added_ = nullptr;                  // the target of the last add(table, ...)
  std::vector<Target*> prepared_;                 // targets holding prepared INSERTs, oldest first
  std::unique_ptr<Transaction> transaction_;
  std::size_t pending_ = 0;
  std::uint64_t rows_written_ = 0;
};

}  // namespace retort
