// A fixture giving each test a fresh Connection on a fresh database, once per backend:
// a temporary SQLite file, and a PostgreSQL database created on the test server
// (PgTestDatabase; skipped or failed per RETORT_REQUIRE_PG when no server is configured).
//
//   class FooTest : public retort::testing::ConnectionFixture {};
//   TEST_P(FooTest, Works) { conn().execute("..."); }
//   RETORT_INSTANTIATE_BACKENDS(FooTest);
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "retort/engine.hpp"
#include "support/test_support.hpp"

namespace retort::testing {

enum class Backend { kSqlite, kPostgres };

// Collects log lines; copies of sink() share one list.
class LogCapture {
 public:
  LogSink sink() const {
    auto lines = lines_;
    return [lines](LogLevel level, std::string_view message) {
      lines->emplace_back(level, std::string(message));
    };
  }
  std::vector<std::string> at(LogLevel level) const {
    std::vector<std::string> out;
    for (const auto& [l, message] : *lines_) {
      if (l == level) out.push_back(message);
    }
    return out;
  }
  // Lines at `level` that start with `prefix`.
  std::size_t count(LogLevel level, std::string_view prefix) const {
    std::size_t n = 0;
    for (const std::string& line : at(level)) n += line.rfind(prefix, 0) == 0;
    return n;
  }
  void clear() { lines_->clear(); }

 private:
  std::shared_ptr<std::vector<std::pair<LogLevel, std::string>>> lines_ =
      std::make_shared<std::vector<std::pair<LogLevel, std::string>>>();
};

class ConnectionFixture : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres) {
      RETORT_REQUIRE_PG();
      pg_ = std::make_unique<PgTestDatabase>(*pg_server_url());
      url_ = pg_->url();
    } else {
      dir_ = std::make_unique<TempDir>();
      url_ = Url::parse("sqlite:///" + (dir_->path() / "test.db").string());
    }
    engine_.emplace(url_, options());
    conn_.emplace(engine_->connect());
  }

  void TearDown() override {
    conn_.reset();
    engine_.reset();
    pg_.reset();
  }

  // Echo on, everything captured in log().
  EngineOptions options() const {
    EngineOptions options;
    options.echo = true;
    options.logger = log_.sink();
    return options;
  }

  bool is_sqlite() const { return GetParam() == Backend::kSqlite; }
  const Url& url() const { return url_; }
  Engine& engine() { return *engine_; }
  Connection& conn() { return *conn_; }
  LogCapture& log() { return log_; }
  // The i-th (1-based) placeholder of the backend.
  std::string p(int i) { return conn().dialect().placeholder(i); }

  // Spellings that differ between the backends.
  std::string blob_type() const { return is_sqlite() ? "BLOB" : "BYTEA"; }
  std::string missing_table_code() const { return is_sqlite() ? "1" : "42P01"; }
  std::string unique_violation_code() const { return is_sqlite() ? "2067" : "23505"; }

  // Number of rows of `table` (an unquoted plain name).
  std::int64_t count_rows(const std::string& table) {
    return conn().query("SELECT count(*) FROM " + table)[0].integer(0);
  }

 private:
  LogCapture log_;
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<PgTestDatabase> pg_;
  Url url_;
  std::optional<Engine> engine_;
  std::optional<Connection> conn_;
};

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "sqlite" : "postgresql";
}

#define RETORT_INSTANTIATE_BACKENDS(Suite)                                           \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                          \
                           ::testing::Values(::retort::testing::Backend::kSqlite,    \
                                             ::retort::testing::Backend::kPostgres), \
                           ::retort::testing::backend_name)

}  // namespace retort::testing
