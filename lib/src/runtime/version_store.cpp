// The version table (one row per current head) and the applied-revision log. All SQL is
// built with SqlBuilder: names quoted, values bound.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "engine/sql_builder.hpp"
#include "retort/inspect.hpp"
#include "runtime/runtime_internal.hpp"

namespace retort {

std::string log_table_name(std::string_view version_table) {
  return std::string(version_table) + "_log";
}

namespace detail {
namespace {

std::string direction_text(MigrationDirection direction) {
  return direction == MigrationDirection::kUpgrade ? "upgrade" : "downgrade";
}

}  // namespace

std::vector<std::string> runtime_tables_sql(const Dialect& dialect, const RuntimeOptions& options) {
  SqlBuilder version(dialect);
  version.sql("CREATE TABLE IF NOT EXISTS ")
      .ident(options.version_table)
      .sql(" (version_num VARCHAR(32) NOT NULL, CONSTRAINT ")
      .ident(options.version_table + "_pkc")
      .sql(" PRIMARY KEY (version_num))");
  const std::string log = log_table_name(options.version_table);
  SqlBuilder log_sql(dialect);
  log_sql.sql("CREATE TABLE IF NOT EXISTS ")
      .ident(log)
      .sql(
          " (seq BIGINT NOT NULL, revision VARCHAR(32) NOT NULL, direction VARCHAR(9) NOT NULL, "
          "checksum VARCHAR(64) NOT NULL, started_at VARCHAR(32) NOT NULL, "
          "duration_ms BIGINT NOT NULL, CONSTRAINT ")
      .ident(log + "_pkc")
      .sql(" PRIMARY KEY (seq))");
  return {version.take(), log_sql.take()};
}

void ensure_runtime_tables(Connection& conn, const RuntimeOptions& options) {
  for (const std::string& sql : runtime_tables_sql(conn.dialect(), options)) conn.execute(sql);
}

bool version_table_exists(Connection& conn, const RuntimeOptions& options) {
  // A reflection reads every table's columns: 12 ms on 2,000 SQLite tables, three times a check.
  const std::string exists_sql = conn.dialect().table_exists_sql();
  if (!exists_sql.empty()) return !conn.query(exists_sql, {options.version_table}).empty();
  InspectOptions inspect;
  inspect.include = {options.version_table};
  inspect.version_tables = {};
  const MetaData found = reflect(conn, inspect);
  return std::any_of(found.tables.begin(), found.tables.end(),
                     [&](const Table& t) { return t.name == options.version_table; });
}

std::vector<std::string> read_heads(Connection& conn, const RuntimeOptions& options) {
  SqlBuilder sql(conn.dialect());
  sql.sql("SELECT version_num FROM ").ident(options.version_table);
  std::vector<std::string> heads;
  for (const Row& row : conn.query(sql.str())) heads.push_back(row.text(0));
  std::sort(heads.begin(), heads.end());
  return heads;
}

std::vector<SqlBuilder> heads_update_sql(const Dialect& dialect, const RuntimeOptions& options,
                                         const std::vector<std::string>& removed,
                                         const std::vector<std::string>& added,
                                         bool inline_values) {
  auto value = [inline_values](SqlBuilder& sql, const std::string& id) -> SqlBuilder& {
    return inline_values ? sql.literal(id) : sql.param(id);
  };
  std::vector<SqlBuilder> out;
  if (removed.size() == 1 && added.size() == 1) {
    SqlBuilder& sql = out.emplace_back(dialect);
    sql.sql("UPDATE ").ident(options.version_table).sql(" SET version_num = ");
    value(sql, added.front()).sql(" WHERE version_num = ");
    value(sql, removed.front());
    return out;
  }
  for (const std::string& id : removed) {
    SqlBuilder& sql = out.emplace_back(dialect);
    sql.sql("DELETE FROM ").ident(options.version_table).sql(" WHERE version_num = ");
    value(sql, id);
  }
  for (const std::string& id : added) {
    SqlBuilder& sql = out.emplace_back(dialect);
    sql.sql("INSERT INTO ").ident(options.version_table).sql(" (version_num) VALUES (");
    value(sql, id).sql(")");
  }
  return out;
}

void update_heads(Connection& conn, const RuntimeOptions& options,
                  const std::vector<std::string>& removed, const std::vector<std::string>& added) {
  for (const SqlBuilder& sql : heads_update_sql(conn.dialect(), options, removed, added, false)) {
    conn.query(sql.str(), sql.params());
  }
}

SqlBuilder log_insert_literal_sql(const Dialect& dialect, const RuntimeOptions& options,
                                  const LogEntry& entry) {
  const std::string log = log_table_name(options.version_table);
  SqlBuilder sql(dialect);
  sql.sql("INSERT INTO ")
      .ident(log)
      .sql(
          " (seq, revision, direction, checksum, started_at, duration_ms) SELECT "
          "COALESCE(MAX(seq), 0) + 1, ")
      .literal(entry.revision)
      .sql(", ")
      .literal(direction_text(entry.direction))
      .sql(", ")
      .literal(entry.checksum)
      .sql(", ")
      .literal(entry.started_at)
      .sql(", " + std::to_string(entry.duration_ms) + " FROM ")
      .ident(log);
  return sql;
}

void append_log(Connection& conn, const RuntimeOptions& options, const LogEntry& entry,
                std::int64_t& next_seq) {
  const std::string log = log_table_name(options.version_table);
  if (next_seq <= 0) {
    SqlBuilder next(conn.dialect());
    next.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM ").ident(log);
    next_seq = conn.query(next.str()).cell(0, 0).integer();
  }
  const std::int64_t seq = next_seq++;
  SqlBuilder sql(conn.dialect());
  sql.sql("INSERT INTO ")
      .ident(log)
      .sql(" (seq, revision, direction, checksum, started_at, duration_ms) VALUES (")
      .param(static_cast<long long>(seq))
      .sql(", ")
      .param(entry.revision)
      .sql(", ")
      .param(direction_text(entry.direction))
      .sql(", ")
      .param(entry.checksum)
      .sql(", ")
      .param(entry.started_at)
      .sql(", ")
      .param(static_cast<long long>(entry.duration_ms))
      .sql(")");
  conn.query(sql.str(), sql.params());
}

std::string utc_now_text() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const std::time_t seconds = system_clock::to_time_t(now);
  const auto millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(millis));
  return text;
}

}  // namespace detail

std::vector<std::string> current_heads(Connection& conn, const RuntimeOptions& options) {
  if (!detail::version_table_exists(conn, options)) return {};
  return detail::read_heads(conn, options);
}

std::vector<LogEntry> read_log(Connection& conn, const RuntimeOptions& options) {
  if (!detail::version_table_exists(conn, options)) return {};
  SqlBuilder sql(conn.dialect());
  sql.sql("SELECT seq, revision, direction, checksum, started_at, duration_ms FROM ")
      .ident(log_table_name(options.version_table))
      .sql(" ORDER BY seq");
  std::vector<LogEntry> entries;
  for (const Row& row : conn.query(sql.str())) {
    LogEntry entry;
    entry.seq = row.integer(0);
    entry.revision = row.text(1);
    entry.direction =
        row.text(2) == "downgrade" ? MigrationDirection::kDowngrade : MigrationDirection::kUpgrade;
    entry.checksum = row.text(3);
    entry.started_at = row.text(4);
    entry.duration_ms = row.integer(5);
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace retort
