// Opening SQLite databases and running SQL on them.
#include "engine/sqlite/sqlite_connection.hpp"

#include <atomic>
#include <cctype>
#include <filesystem>

#include "retort/error.hpp"
#include "retort/url.hpp"

namespace retort::sqlite {
namespace {

namespace fs = std::filesystem;

bool is_blank(std::string_view text) {
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// With ?uri=true the database is an SQLite URI filename ("file:x.db"); the other query
// parameters become its query (SQLAlchemy's convention).
bool uses_uri(const Url& url) { return url.query_value("uri") == "true"; }

std::string filename_for(const Url& url) {
  if (!uses_uri(url)) return url.is_sqlite_memory() ? ":memory:" : url.database;
  std::string name = url.database;
  char separator = name.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [key, value] : url.query) {
    if (key == "uri") continue;
    name += separator + percent_encode(key) + "=" + percent_encode(value);
    separator = '&';
  }
  return name;
}

int open_flags(const Url& url, OpenMode mode) {
  int flags = uses_uri(url) ? SQLITE_OPEN_URI : 0;
  switch (mode) {
    case OpenMode::kReadWriteCreate:
      return flags | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    case OpenMode::kReadWrite:
      return flags | SQLITE_OPEN_READWRITE;
    case OpenMode::kReadOnly:
      return flags | SQLITE_OPEN_READONLY;
  }
  return flags | SQLITE_OPEN_READWRITE;
}

[[noreturn]] void cannot_open(const std::string& what) {
  throw DatabaseError("sqlite: " + what, std::to_string(SQLITE_CANTOPEN));
}

// Clear messages for the common mistakes, before SQLite's generic "unable to open database
// file". Never creates anything.
void check_file(const Url& url, OpenMode mode) {
  if (uses_uri(url) || url.is_sqlite_memory()) return;
  const fs::path path(url.database);
  std::error_code ec;
  if (mode != OpenMode::kReadWriteCreate) {
    if (!fs::exists(path, ec)) cannot_open("database file \"" + url.database + "\" does not exist");
    return;
  }
  const fs::path parent = path.parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec)) {
    cannot_open("opening \"" + url.database + "\": directory \"" + parent.string() +
                "\" does not exist");
  }
}

}  // namespace

void SqliteConnection::execute(std::string_view sql) {
  while (!is_blank(sql)) {
    std::string_view tail;
    StatementHandle stmt = prepare_one(sql, &tail);
    if (stmt) {
      int rc;
      while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
      }
      if (rc != SQLITE_DONE) throw_sqlite_error(db_.get(), sqlite3_sql(stmt.get()));
    }
    sql = tail;
  }
}

Result SqliteConnection::query(std::string_view sql, const std::vector<Value>& params) {
  std::string_view tail;
  StatementHandle stmt = prepare_one(sql, &tail);
  if (!is_blank(tail) && prepare_one(tail, &tail)) {
    throw UsageError("sqlite: query() runs one statement; use execute() for scripts: " +
                     std::string(sql.substr(0, 200)));
  }
  if (!stmt) return Result();
  return run_statement(db_.get(), stmt.get(), params);
}

std::unique_ptr<detail::StatementImpl> SqliteConnection::prepare(std::string_view sql) {
  std::string_view tail;
  StatementHandle stmt = prepare_one(sql, &tail);
  if (!stmt) throw UsageError("sqlite: cannot prepare an empty statement");
  if (!is_blank(tail) && prepare_one(tail, &tail)) {
    throw UsageError("sqlite: prepare() takes one statement: " + std::string(sql.substr(0, 200)));
  }
  return std::make_unique<SqliteStatement>(db_.get(), std::move(stmt));
}

StatementHandle SqliteConnection::prepare_one(std::string_view sql, std::string_view* tail) {
  sqlite3_stmt* raw = nullptr;
  const char* end = nullptr;
  int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, &end);
  StatementHandle stmt(raw);
  if (rc != SQLITE_OK) throw_sqlite_error(db_.get(), sql);
  *tail = sql.substr(static_cast<std::size_t>(end - sql.data()));
  return stmt;
}

}  // namespace retort::sqlite

namespace retort::detail {

Url sqlite_pool_url(const Url& url) {
  if (!url.is_sqlite_memory()) return url;
  // A shared-cache in-memory database lives while a connection to it is open and is
  // visible to every connection of this process that opens the same name.
  static std::atomic<unsigned> counter{0};
  Url shared;
  shared.dialect = "sqlite";
  shared.database = "file:retort-mem-" + std::to_string(++counter);
  shared.query = {{"mode", "memory"}, {"cache", "shared"}, {"uri", "true"}};
  return shared;
}

std::unique_ptr<ConnectionImpl> open_sqlite(const Url& url, const EngineOptions& options) {
  sqlite::check_file(url, options.mode);
  const std::string filename = sqlite::filename_for(url);
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(filename.c_str(), &raw, sqlite::open_flags(url, options.mode), nullptr);
  sqlite::DatabaseHandle db(raw);
  if (rc != SQLITE_OK) {
    std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    int code = raw ? sqlite3_extended_errcode(raw) : rc;
    throw DatabaseError(
        "sqlite: opening \"" + filename + "\": " + message + " (code " + std::to_string(code) + ")",
        std::to_string(code), message);
  }
  sqlite3_extended_result_codes(db.get(), 1);
  // No double-quoted string literals: "nope" is a column name or an error, never the string
  // 'nope' (an index on a misspelt column would otherwise index a constant).
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
  sqlite3_busy_timeout(db.get(), options.busy_timeout_ms);
  const bool in_memory = url.is_sqlite_memory() || url.query_value("mode") == "memory";
  auto conn = std::make_unique<sqlite::SqliteConnection>(std::move(db), in_memory);
  try {
    // Reading the schema version makes a file that is not a database fail here.
    conn->execute("PRAGMA foreign_keys = ON; PRAGMA schema_version");
  } catch (const DatabaseError& e) {
    throw DatabaseError(
        "sqlite: opening \"" + filename + "\": " + e.server_message() + " (code " + e.code() + ")",
        e.code(), e.server_message());
  }
  return conn;
}

}  // namespace retort::detail
