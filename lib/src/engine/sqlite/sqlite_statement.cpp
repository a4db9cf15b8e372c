// Running one prepared SQLite statement: binding, stepping, collecting typed rows, errors.
#include <cctype>

#include "engine/sqlite/sqlite_connection.hpp"
#include "retort/error.hpp"

namespace retort::sqlite {
namespace {

constexpr std::size_t kSqlInMessage = 200;

// The statement as shown in messages: whitespace runs collapsed, cut after 200 characters
// (at a UTF-8 boundary).
std::string sql_excerpt(std::string_view sql) {
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() <= kSqlInMessage) return out;
  std::size_t end = kSqlInMessage;
  while (end > 0 && (static_cast<unsigned char>(out[end]) & 0xC0) == 0x80) --end;
  return out.substr(0, end) + "...";
}

// Resets the statement when a run ends, however it ends, so it holds no lock and can be
// run again. The SQLITE_STATIC bindings left pointing into the caller's params are never
// read again: every run binds every parameter first (bind_all checks the count), so they are
// not cleared, which would cost a pass over all of them per run (multi-row INSERTs of a
// Session bind thousands).
class ResetGuard {
 public:
  explicit ResetGuard(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~ResetGuard() { sqlite3_reset(stmt_); }
  ResetGuard(const ResetGuard&) = delete;
  ResetGuard& operator=(const ResetGuard&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

int bind_one(sqlite3_stmt* stmt, int index, const Value& value) {
  // Integers and text first, without a call: a Session's INSERT binds millions of them.
  if (const std::int64_t* v = value.get_if_integer()) return sqlite3_bind_int64(stmt, index, *v);
  if (const std::string* text = value.get_if_text()) {
    // SQLITE_STATIC: `value` outlives the step; ResetGuard clears the binding after.
    return sqlite3_bind_text64(stmt, index, text->data(), text->size(), SQLITE_STATIC, SQLITE_UTF8);
  }
  switch (value.type()) {
    case Value::Type::kNull:
      return sqlite3_bind_null(stmt, index);
    case Value::Type::kReal:
      return sqlite3_bind_double(stmt, index, value.real());
    case Value::Type::kInteger:
    case Value::Type::kText:
      break;  // bound above
    case Value::Type::kBlob: {
      const Blob& blob = value.blob_ref();
      // A null pointer would bind NULL, not an empty blob.
      if (blob.empty()) return sqlite3_bind_zeroblob(stmt, index, 0);
      return sqlite3_bind_blob64(stmt, index, blob.data(), blob.size(), SQLITE_STATIC);
    }
  }
  return SQLITE_MISUSE;
}

void bind_all(sqlite3* db, sqlite3_stmt* stmt, const std::vector<Value>& params) {
  int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size())) {
    throw UsageError("sqlite: " + sql_excerpt(sqlite3_sql(stmt)) + ": the statement takes " +
                     std::to_string(expected) + " parameters but " + std::to_string(params.size()) +
                     " were given");
  }
  // Bounds held in locals: the calls into SQLite would make the compiler reload them.
  int index = 0;
  for (const Value *value = params.data(), *end = value + params.size(); value != end; ++value) {
    if (bind_one(stmt, ++index, *value) != SQLITE_OK) throw_sqlite_error(db, sqlite3_sql(stmt));
  }
}

Value column_value(sqlite3_stmt* stmt, int column) {
  switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_INTEGER:
      return Value(static_cast<long long>(sqlite3_column_int64(stmt, column)));
    case SQLITE_FLOAT:
      return Value(sqlite3_column_double(stmt, column));
    case SQLITE_TEXT: {
      auto text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
      return Value(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, column))));
    }
    case SQLITE_BLOB: {
      auto data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, column));
      auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, column));
      return data ? Value(Blob(data, data + size)) : Value(Blob());
    }
    default:
      return Value();
  }
}

}  // namespace

void throw_sqlite_error(sqlite3* db, std::string_view sql) {
  int code = sqlite3_extended_errcode(db);
  std::string server = sqlite3_errmsg(db);
  throw DatabaseError(
      "sqlite: " + sql_excerpt(sql) + ": " + server + " (code " + std::to_string(code) + ")",
      std::to_string(code), server);
}

Result run_statement(sqlite3* db, sqlite3_stmt* stmt, const std::vector<Value>& params) {
  ResetGuard guard(stmt);
  bind_all(db, stmt, params);
  const int ncolumns = sqlite3_column_count(stmt);
  std::vector<std::string> columns;
  columns.reserve(static_cast<std::size_t>(ncolumns));
  for (int i = 0; i < ncolumns; ++i) columns.emplace_back(sqlite3_column_name(stmt, i));

  const bool writes = !sqlite3_stmt_readonly(stmt);
  const sqlite3_int64 total_before = writes ? sqlite3_total_changes64(db) : 0;
  std::vector<Value> cells;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    for (int i = 0; i < ncolumns; ++i) cells.push_back(column_value(stmt, i));
  }
  if (rc != SQLITE_DONE) throw_sqlite_error(db, sqlite3_sql(stmt));
  // sqlite3_changes() keeps the count of the last INSERT/UPDATE/DELETE, even after DDL;
  // trust it only when this statement changed rows.
  std::int64_t affected = 0;
  if (writes && sqlite3_total_changes64(db) != total_before) affected = sqlite3_changes64(db);
  return Result(std::move(columns), std::move(cells), affected);
}

}  // namespace retort::sqlite
