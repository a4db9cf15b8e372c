// Bulk loading with COPY ... FROM STDIN in text format: rows are encoded into a buffer and
// streamed with PQputCopyData; PQputCopyEnd and the command's result report the outcome.
#include <array>
#include <charconv>
#include <cmath>

#include "engine/postgres/postgres_connection.hpp"
#include "engine/sql_builder.hpp"

namespace retort::postgres {
namespace {

// Reserved at the first row so that the usual chunks (256 KiB) never reallocate.
constexpr std::size_t kInitialBuffer = 320 * 1024;

// Bytes of text that COPY's text format cannot carry as they are: 1 escape, 2 refuse.
constexpr std::array<std::uint8_t, 256> kTextClass = [] {
  std::array<std::uint8_t, 256> table{};
  table['\\'] = table['\t'] = table['\n'] = table['\r'] = 1;
  table[0] = 2;
  return table;
}();

void append_integer(std::int64_t v, std::string& out) {
  char buffer[24];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  out.append(buffer, end);
}

void append_real(double v, std::string& out) {
  if (std::isnan(v)) {
    out += "NaN";
  } else if (std::isinf(v)) {
    out += v > 0 ? "Infinity" : "-Infinity";
  } else {
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, end);
  }
}

// The common case, text with nothing to escape, is one scan and one append.
void append_text(const std::string& text, std::string& out) {
  std::uint8_t found = 0;
  for (char c : text) found |= kTextClass[static_cast<unsigned char>(c)];
  if (found == 0) {
    out += text;
    return;
  }
  if (found & 2) {
    throw DatabaseError("postgresql: text contains a NUL character, which PostgreSQL cannot hold");
  }
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

// bytea's hex input "\x0aff", with COPY's backslash doubled.
void append_blob(const Blob& blob, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  const std::size_t start = out.size();
  out.resize(start + 3 + 2 * blob.size());
  char* p = out.data() + start;
  *p++ = '\\';
  *p++ = '\\';
  *p++ = 'x';
  for (std::uint8_t byte : blob) {
    *p++ = kHex[byte >> 4];
    *p++ = kHex[byte & 15];
  }
}

void append_value(const Value& value, std::string& out) {
  switch (value.type()) {
    case Value::Type::kNull:
      out += "\\N";
      break;
    case Value::Type::kInteger:
      append_integer(value.integer(), out);
      break;
    case Value::Type::kReal:
      append_real(value.real(), out);
      break;
    case Value::Type::kText:
      append_text(value.text_ref(), out);
      break;
    case Value::Type::kBlob:
      append_blob(value.blob_ref(), out);
      break;
  }
}

void discard_results(PGconn* conn) {
  while (PGresult* pending = PQgetResult(conn)) PQclear(pending);
}

}  // namespace

void encode_copy_row(std::span<const Value> row, std::string& out) {
  const std::size_t start = out.size();
  try {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += '\t';
      append_value(row[i], out);
    }
  } catch (...) {
    out.resize(start);
    throw;
  }
  out += '\n';
}

std::unique_ptr<detail::CopyWriter> PostgresConnection::copy_in(
    const std::string& schema, const std::string& table, const std::vector<std::string>& columns) {
  SqlBuilder sql(dialect());
  sql.sql("COPY ").qualified(schema, table).sql(" (").ident_list(columns).sql(") FROM STDIN");
  std::string name = schema.empty() ? quote_identifier(table)
                                    : quote_identifier(schema) + "." + quote_identifier(table);
  return std::make_unique<PostgresCopyWriter>(conn_, sql.str(), std::move(name));
}

void PostgresCopyWriter::add_row(std::span<const Value> row) {
  if (buffer_.capacity() < kInitialBuffer) buffer_.reserve(kInitialBuffer);
  encode_copy_row(row, buffer_);
}

PGconn* PostgresCopyWriter::connection() const {
  // The connection owns the PGconn and outlives this writer unless misused.
  const std::shared_ptr<PGconn> conn = conn_.lock();
  if (!conn) {
    throw DatabaseError("postgresql: copying rows into " + table_ + ": the connection is closed");
  }
  return conn.get();
}

void PostgresCopyWriter::start(PGconn* conn) {
  PgResult result(PQexec(conn, sql_.c_str()));
  if (!result || PQresultStatus(result.get()) != PGRES_COPY_IN) {
    buffer_.clear();
    check_result(conn, result.get(), sql_);  // throws; ends a COPY started otherwise
    throw DatabaseError("postgresql: " + sql_excerpt(sql_) + ": the server did not start a COPY");
  }
  active_ = true;
}

// The server's error for a COPY that failed: PQgetResult gives it once the COPY is over.
void PostgresCopyWriter::fail(PGconn* conn) {
  active_ = false;
  buffer_ = std::string();
  PgResult result(PQgetResult(conn));
  DatabaseError error = statement_error(conn, result.get(), sql_);
  discard_results(conn);
  throw error;
}

void PostgresCopyWriter::send() {
  PGconn* conn = connection();
  if (!active_) start(conn);
  if (buffer_.empty()) return;
  const int sent = PQputCopyData(conn, buffer_.data(), static_cast<int>(buffer_.size()));
  buffer_.clear();
  if (sent != 1) fail(conn);
}

void PostgresCopyWriter::finish() {
  if (!active_ && buffer_.empty()) return;
  send();
  PGconn* conn = connection();
  if (PQputCopyEnd(conn, nullptr) != 1) fail(conn);
  PgResult result(PQgetResult(conn));
  if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    active_ = false;
    DatabaseError error = statement_error(conn, result.get(), sql_);
    discard_results(conn);
    throw error;
  }
  active_ = false;
  discard_results(conn);
  buffer_ = std::string();  // a Session may hold writers for thousands of tables
}

void PostgresCopyWriter::abort() noexcept {
  buffer_ = std::string();
  if (!active_) return;
  active_ = false;
  const std::shared_ptr<PGconn> conn = conn_.lock();
  if (!conn) return;
  // The server fails the COPY, and with it the transaction, which the caller rolls back.
  if (PQputCopyEnd(conn.get(), "abandoned by retort") == 1) discard_results(conn.get());
}

}  // namespace retort::postgres
