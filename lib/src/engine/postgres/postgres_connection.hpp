// The PostgreSQL driver: a ConnectionImpl over libpq. Private to lib/src; the only file set
// that includes libpq-fe.h.
//
// Values cross the wire in text format (except blobs, sent in binary as bytea) and come back
// as Values by column type: integer types -> integer, float4/float8 -> real, bool -> 1/0,
// bytea -> blob, everything else (numeric, text, dates, json, uuid, enums) -> text.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/driver.hpp"
#include "retort/error.hpp"

namespace retort::postgres {

struct PgConnDeleter {
  void operator()(PGconn* conn) const noexcept { PQfinish(conn); }
};
struct PgResultDeleter {
  void operator()(PGresult* result) const noexcept { PQclear(result); }
};
// Move-only owner of a query result.
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

// Parameters encoded for PQexecParams / PQexecPrepared. The pointer arrays point into
// `storage`, so an EncodedParams must not be copied; it is filled once by encode_params.
struct EncodedParams {
  std::vector<std::string> storage;
  std::vector<const char*> values;  // nullptr for SQL NULL
  std::vector<int> lengths;
  std::vector<int> formats;  // 0 text, 1 binary (blobs)
  std::vector<Oid> types;    // 0 (let the server infer) or BYTEAOID for blobs

  int count() const { return static_cast<int>(values.size()); }
};

// --- postgres_result.cpp -------------------------------------------------------------

EncodedParams encode_params(const std::vector<Value>& params);
// Every row of a PGRES_TUPLES_OK / PGRES_COMMAND_OK result, converted by column type.
Result convert_result(const PGresult& result);
// Throws DatabaseError unless `result` reports success; `sql` names the statement in the
// message. Leaves the connection usable when the statement started a COPY.
void check_result(PGconn* conn, const PGresult* result, std::string_view sql);
// The DatabaseError for a failed statement: SQLSTATE, primary message, DETAIL and HINT.
DatabaseError statement_error(PGconn* conn, const PGresult* result, std::string_view sql);
// The first 200 characters of `sql` on one line, for messages.
std::string sql_excerpt(std::string_view sql);

// --- postgres_connection.cpp ---------------------------------------------------------

class PostgresConnection final : public detail::ConnectionImpl {
 public:
  // Connects; throws DatabaseError naming url.redacted() and, when the server refused,
  // its SQLSTATE (28P01 bad password, 3D000 missing database, ...).
  static std::unique_ptr<PostgresConnection> open(const Url& url, const EngineOptions& options);

 private:
  struct Passkey {
    explicit Passkey() = default;
  };

 public:
  // For open() only.
  PostgresConnection(Passkey, LogSink logger) : logger_(std::move(logger)) {}

  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;
  ~PostgresConnection() override = default;

  const Dialect& dialect() const override;
  void execute(std::string_view sql) override;
  Result query(std::string_view sql, const std::vector<Value>& params) override;
  std::unique_ptr<detail::StatementImpl> prepare(std::string_view sql) override;
  std::unique_ptr<detail::CopyWriter> copy_in(const std::string& schema, const std::string& table,
                                              const std::vector<std::string>& columns) override;
  bool healthy() const override;
  bool in_transaction() const override;

 private:
  void connect(const Url& url, const EngineOptions& options);
  static void on_notice(void* self, const PGresult* notice);

  LogSink logger_;  // the notice receiver points at this object, so it never moves
  // Shared only so that statements can tell whether their connection still exists.
  std::shared_ptr<PGconn> conn_;
  std::uint64_t statement_counter_ = 0;
};

// --- postgres_statement.cpp ----------------------------------------------------------

// A server-side prepared statement, deallocated when destroyed (if the connection lives).
class PostgresStatement final : public detail::StatementImpl {
 public:
  PostgresStatement(std::weak_ptr<PGconn> conn, std::string name, std::string sql)
      : conn_(std::move(conn)), name_(std::move(name)), sql_(std::move(sql)) {}
  PostgresStatement(const PostgresStatement&) = delete;
  PostgresStatement& operator=(const PostgresStatement&) = delete;
  ~PostgresStatement() override;

  Result execute(const std::vector<Value>& params) override;

 private:
  std::weak_ptr<PGconn> conn_;
  std::string name_;
  std::string sql_;
};

// --- postgres_copy.cpp ---------------------------------------------------------------

// Appends `row` to `out` as one line of COPY's text format: tab-separated, \N for NULL,
// backslash, tab, newline and carriage return escaped, integers and reals as PostgreSQL
// reads them, blobs as bytea hex (\\x...). Throws DatabaseError for text holding a NUL.
void encode_copy_row(std::span<const Value> row, std::string& out);

// COPY "schema"."table" ("a", "b") FROM STDIN, streamed with PQputCopyData in the chunks
// the caller sends.
class PostgresCopyWriter final : public detail::CopyWriter {
 public:
  PostgresCopyWriter(std::weak_ptr<PGconn> conn, std::string sql, std::string table)
      : conn_(std::move(conn)), sql_(std::move(sql)), table_(std::move(table)) {}
  PostgresCopyWriter(const PostgresCopyWriter&) = delete;
  PostgresCopyWriter& operator=(const PostgresCopyWriter&) = delete;
  ~PostgresCopyWriter() override { abort(); }

  const std::string& sql() const override { return sql_; }
  void add_row(std::span<const Value> row) override;
  std::size_t buffered_bytes() const override { return buffer_.size(); }
  bool active() const override { return active_; }
  void send() override;
  void finish() override;
  void abort() noexcept override;

 private:
  PGconn* connection() const;
  void start(PGconn* conn);
  [[noreturn]] void fail(PGconn* conn);

  std::weak_ptr<PGconn> conn_;
  std::string sql_;
  std::string table_;  // quoted, for messages
  std::string buffer_;
  bool active_ = false;
};

}  // namespace retort::postgres
