// Conversions between retort Values and libpq's wire formats, and the translation of failed
// results into DatabaseError.
#include <cctype>
#include <charconv>
#include <cmath>
#include <memory>

#include "engine/postgres/postgres_connection.hpp"

namespace retort::postgres {

namespace {

// Type OIDs from PostgreSQL's catalog (pg_type.dat); stable across server versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;

constexpr std::size_t kExcerptLength = 200;

struct PqFreeDeleter {
  void operator()(unsigned char* p) const noexcept { PQfreemem(p); }
};

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// libpq's own messages (a lost connection: "server closed the connection unexpectedly\n\tThis
// probably means ...") span lines; errors are one line, so each line break and the indentation
// after it become one space.
std::string libpq_message(const char* text) {
  const std::string trimmed = trim(text ? text : "");
  std::string out;
  out.reserve(trimmed.size());
  for (std::size_t i = 0; i < trimmed.size(); ++i) {
    if (trimmed[i] != '\n' && trimmed[i] != '\r') {
      out += trimmed[i];
      continue;
    }
    while (i + 1 < trimmed.size() && std::isspace(static_cast<unsigned char>(trimmed[i + 1]))) ++i;
    out += ' ';
  }
  return out;
}

// Shortest text that reads back as the same double; PostgreSQL's spellings for the
// non-finite values.
std::string real_to_text(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, end);
}

Value integer_value(std::string_view text) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return Value(text);
  return Value(static_cast<long long>(v));
}

Value real_value(std::string_view text) {
  double v = 0;
  // from_chars accepts "NaN", "Infinity" and "-Infinity" as strtod does.
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return Value(text);
  return Value(v);
}

Value bytea_value(const char* text) {
  std::size_t length = 0;
  std::unique_ptr<unsigned char, PqFreeDeleter> bytes(
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length));
  if (!bytes) throw DatabaseError("postgresql: out of memory decoding a bytea value");
  return Value(Blob(bytes.get(), bytes.get() + length));
}

Value cell_value(const PGresult& result, int row, int column) {
  if (PQgetisnull(&result, row, column)) return Value();
  const char* text = PQgetvalue(&result, row, column);
  const std::string_view view(text, static_cast<std::size_t>(PQgetlength(&result, row, column)));
  switch (PQftype(&result, column)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
      return integer_value(view);
    case kFloat4Oid:
    case kFloat8Oid:
      return real_value(view);
    case kBoolOid:
      return Value(view == "t" ? 1 : 0);
    case kByteaOid:
      return bytea_value(text);
    default:
      return Value(view);
  }
}

// Rows changed, from the command tag; 0 for queries (whose tag also carries a row count).
std::int64_t rows_affected(const PGresult& result) {
  const std::string_view tag = PQcmdStatus(const_cast<PGresult*>(&result));
  static constexpr std::string_view kChanging[] = {"INSERT ", "UPDATE ", "DELETE ", "MERGE ",
                                                   "COPY "};
  bool changes = false;
  for (auto prefix : kChanging) changes = changes || tag.starts_with(prefix);
  if (!changes) return 0;
  const std::string_view count = PQcmdTuples(const_cast<PGresult*>(&result));
  std::int64_t n = 0;
  std::from_chars(count.data(), count.data() + count.size(), n);
  return n;
}

void discard_pending_results(PGconn* conn) {
  while (PGresult* pending = PQgetResult(conn)) PQclear(pending);
}

}  // namespace

std::string sql_excerpt(std::string_view sql) {
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() <= kExcerptLength) return out;
  std::size_t cut = kExcerptLength;
  // Do not split a UTF-8 sequence: back up over continuation bytes.
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  out.resize(cut);
  return out + "...";
}

EncodedParams encode_params(const std::vector<Value>& params) {
  EncodedParams encoded;
  encoded.storage.reserve(params.size());  // values[] points into storage: no reallocation
  for (std::size_t i = 0; i < params.size(); ++i) {
    const Value& value = params[i];
    int format = 0;
    Oid type = 0;
    std::string text;
    switch (value.type()) {
      case Value::Type::kNull:
        break;
      case Value::Type::kInteger:
        text = std::to_string(value.integer());
        break;
      case Value::Type::kReal:
        text = real_to_text(value.real());
        break;
      case Value::Type::kText:
        text = value.text();
        if (text.find('\0') != std::string::npos) {
          throw DatabaseError("postgresql: parameter " + std::to_string(i + 1) +
                              " contains a NUL character, which PostgreSQL text cannot hold");
        }
        break;
      case Value::Type::kBlob: {
        const Blob blob = value.blob();
        text.assign(blob.begin(), blob.end());
        format = 1;
        type = kByteaOid;
        break;
      }
    }
    encoded.storage.push_back(std::move(text));
    const bool null = value.is_null();
    encoded.values.push_back(null ? nullptr : encoded.storage.back().c_str());
    encoded.lengths.push_back(null ? 0 : static_cast<int>(encoded.storage.back().size()));
    encoded.formats.push_back(format);
    encoded.types.push_back(type);
  }
  return encoded;
}

Result convert_result(const PGresult& result) {
  const int columns = PQnfields(&result);
  const int rows = PQntuples(&result);
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(columns));
  for (int c = 0; c < columns; ++c) names.emplace_back(PQfname(&result, c));
  std::vector<Value> cells;
  cells.reserve(static_cast<std::size_t>(rows) * static_cast<std::size_t>(columns));
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < columns; ++c) cells.push_back(cell_value(result, r, c));
  }
  return Result(std::move(names), std::move(cells), rows_affected(result));
}

DatabaseError statement_error(PGconn* conn, const PGresult* result, std::string_view sql) {
  const std::string prefix = "postgresql: " + sql_excerpt(sql) + ": ";
  if (!result) return DatabaseError(prefix + libpq_message(PQerrorMessage(conn)));
  auto field = [&](int code) {
    const char* value = PQresultErrorField(result, code);
    return value ? std::string(value) : std::string();
  };
  const std::string sqlstate = field(PG_DIAG_SQLSTATE);
  std::string primary = field(PG_DIAG_MESSAGE_PRIMARY);
  if (primary.empty()) primary = libpq_message(PQresultErrorMessage(result));
  if (primary.empty()) primary = libpq_message(PQerrorMessage(conn));
  if (primary.empty()) primary = PQresStatus(PQresultStatus(result));
  std::string message = prefix + primary;
  if (!sqlstate.empty()) message += " (SQLSTATE " + sqlstate + ")";
  if (const std::string detail = field(PG_DIAG_MESSAGE_DETAIL); !detail.empty()) {
    message += "\nDETAIL: " + detail;
  }
  if (const std::string hint = field(PG_DIAG_MESSAGE_HINT); !hint.empty()) {
    message += "\nHINT: " + hint;
  }
  return DatabaseError(message, sqlstate, primary);
}

void check_result(PGconn* conn, const PGresult* result, std::string_view sql) {
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  switch (status) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      return;
    case PGRES_COPY_IN:
      PQputCopyEnd(conn, "retort does not stream COPY data");
      discard_pending_results(conn);
      throw DatabaseError("postgresql: " + sql_excerpt(sql) +
                          ": COPY FROM STDIN is not supported by execute() or query()");
    case PGRES_COPY_OUT: {
      char* buffer = nullptr;
      while (PQgetCopyData(conn, &buffer, 0) > 0) PQfreemem(buffer);
      discard_pending_results(conn);
      throw DatabaseError("postgresql: " + sql_excerpt(sql) +
                          ": COPY TO STDOUT is not supported by execute() or query()");
    }
    default:
      throw statement_error(conn, result, sql);
  }
}

}  // namespace retort::postgres
