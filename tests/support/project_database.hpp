// The database of a test project, for tests parameterised by dialect: a SQLite file in the
// test's directory, or a fresh database on the PostgreSQL test server. Construct it after
// RETORT_REQUIRE_PG() for "postgresql".
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "retort/engine.hpp"
#include "retort/inspect.hpp"
#include "support/test_support.hpp"

namespace retort::testing {

class ProjectDatabase {
 public:
  ProjectDatabase(const std::string& dialect, const std::filesystem::path& dir)
      : file_(dir / "app.db") {
    if (dialect == "postgresql") {
      pg_ = std::make_unique<PgTestDatabase>(*pg_server_url());
      url_ = pg_->url().to_string();
    } else {
      url_ = "sqlite:///" + file_.string();
    }
  }
  const std::string& url() const { return url_; }
  bool is_postgres() const { return pg_ != nullptr; }
  // True when the database holds no table (a SQLite file that was never created counts).
  bool untouched() const {
    if (!pg_ && !std::filesystem::exists(file_)) return true;
    Engine engine(Url::parse(url_));
    Connection conn = engine.connect();
    return reflect(conn).tables.empty();
  }

 private:
  std::filesystem::path file_;
  std::unique_ptr<PgTestDatabase> pg_;
  std::string url_;
};

}  // namespace retort::testing
