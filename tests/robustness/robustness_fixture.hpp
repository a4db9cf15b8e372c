// A project directory with a database of either dialect, for the robustness tests: they run
// the real binary against it, break something, and look at what is left.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "retort/engine.hpp"
#include "retort/inspect.hpp"
#include "retort/models_file.hpp"
#include "retort/runtime.hpp"
#include "support/test_support.hpp"

namespace retort::testing {

// A root revision creating a one-column table "artist", and its reverse.
inline const char* const kArtistRevision = R"y(revision: rev0001
down_revision: null
message: create artist
upgrade:
  - create_table: {name: artist, columns: {id: {type: integer, primary_key: true}}}
downgrade:
  - drop_table: {name: artist}
)y";

// The lines of a run's stderr that are not log lines ("info: ...", "warning: ...", "debug: ...",
// which the progress messages and database notices are): the error, which must be one line.
inline std::vector<std::string> error_lines(const std::string& err) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < err.size()) {
    std::size_t end = err.find('\n', start);
    if (end == std::string::npos) end = err.size();
    const std::string line = err.substr(start, end - start);
    if (line.rfind("info: ", 0) != 0 && line.rfind("warning: ", 0) != 0 &&
        line.rfind("debug: ", 0) != 0) {
      lines.push_back(line);
    }
    start = end + 1;
  }
  return lines;
}

// True when `text` shows the test server's password ("retort-test"); the temporary directories
// ("/tmp/retort-test-XXXXXX") do not count.
inline bool shows_server_password(const std::string& text) {
  for (std::size_t at = text.find("retort-test"); at != std::string::npos;
       at = text.find("retort-test", at + 1)) {
    if (at + 11 >= text.size() || text[at + 11] != '-') return true;
  }
  return false;
}

// What a run left behind: the schema without the bookkeeping tables, the heads and the log.
struct DatabaseState {
  MetaData schema;
  std::vector<std::string> heads;
  std::vector<LogEntry> log;
};

// The fixture; RobustnessTest runs it per dialect, plain subclasses call use_dialect().
class RobustnessBase : public ::testing::Test {
 protected:
  // Sets up the database: a SQLite file in the project directory, or a new PostgreSQL
  // database on the test server.
  void use_dialect(const std::string& dialect) {
    dialect_ = dialect;
    if (is_postgres()) {
      RETORT_REQUIRE_PG();
      pg_ = std::make_unique<PgTestDatabase>(*pg_server_url());
      url_ = pg_->url().to_string();
    } else {
      url_ = "sqlite:///" + (dir_ / "app.db").string();
    }
  }
  bool is_postgres() const { return dialect_ == "postgresql"; }

  // Writes retort.yaml (database_url plus `extra` lines) and the revision files.
  void write_project(const std::vector<std::pair<std::string, std::string>>& revisions,
                     const std::string& extra = "") {
    write_file(dir_ / "retort.yaml", "database_url: " + url_ + "\n" + extra);
    for (const auto& [name, text] : revisions) {
      write_file(dir_ / "migrations" / "versions" / name, text);
    }
  }

  RunResult retort(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env = {}) {
    return run_retort(args, dir_.path(), env);
  }

  // Empties the database: PostgreSQL's public schema is dropped and recreated, the SQLite
  // file and its journals removed.
  void reset_database() {
    if (is_postgres()) {
      Engine engine(Url::parse(url_));
      Connection conn = engine.connect();
      conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    } else {
      for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
        std::filesystem::remove(dir_ / ("app.db" + std::string(suffix)));
      }
    }
  }

  DatabaseState state() {
    Engine engine(Url::parse(url_));
    Connection conn = engine.connect();
    InspectOptions inspect;
    inspect.version_tables = {"retort_version", "retort_version_log"};
    return {reflect(conn, inspect), current_heads(conn), read_log(conn)};
  }

  // The number of rows of `table`.
  long long count_rows(const std::string& table) {
    Engine engine(Url::parse(url_));
    Connection conn = engine.connect();
    return conn.query("SELECT count(*) FROM " + table, {}).cell(0, 0).integer();
  }

  TempDir dir_;
  std::string dialect_;
  std::unique_ptr<PgTestDatabase> pg_;
  std::string url_;
};

class RobustnessTest : public RobustnessBase, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override { use_dialect(GetParam()); }
};

}  // namespace retort::testing
