// End to end: upgrade, downgrade, current, heads, history and stamp through the binary, on a
// SQLite file and a PostgreSQL database; the lock's exit code 4.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <thread>

#include "retort/engine.hpp"
#include "retort/runtime.hpp"
#include "support/project_database.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
using testing::run_retort;
using testing::TempDir;

const char* const kFiles[3][2] = {
    {"0001_artist.yaml",
     "revision: rev0001\ndown_revision: null\nmessage: create artist\nupgrade:\n"
     "  - create_table: {name: artist, columns: {id: {type: integer, primary_key: true}}}\n"
     "downgrade:\n  - drop_table: {name: artist}\n"},
    {"0002_rating.yaml",
     "revision: rev0002\ndown_revision: rev0001\nmessage: add rating\nupgrade:\n"
     "  - add_column: {table: artist, column: rating, type: integer}\n"
     "downgrade:\n  - drop_column: {table: artist, column: rating}\n"},
    {"0003_fail.yaml",
     "revision: rev0003\ndown_revision: rev0002\nmessage: broken\nupgrade:\n"
     "  - execute: \"INSERT INTO no_such_table VALUES (1)\"\n"
     "downgrade: []\n"},
};

class RuntimeCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") RETORT_REQUIRE_PG();
    db_ = std::make_unique<testing::ProjectDatabase>(GetParam(), dir_.path());
    url_ = db_->url();
    testing::write_file(dir_ / "retort.yaml", "database_url: " + url_ + "\n");
    for (int i = 0; i < 2; ++i)
      testing::write_file(dir_ / "migrations/versions" / kFiles[i][0], kFiles[i][1]);
  }
  testing::RunResult retort(const std::vector<std::string>& args) {
    return run_retort(args, dir_.path());
  }
  TempDir dir_;
  std::unique_ptr<testing::ProjectDatabase> db_;
  std::string url_;
};

TEST_P(RuntimeCli, UpgradeCurrentHistoryDowngrade) {
  auto r = retort({"upgrade"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, 24), "upgrade rev0001, create ") << r.out;
  EXPECT_NE(r.out.find("at rev0002\n"), std::string::npos) << r.out;
  r = retort({"current"});
  EXPECT_EQ(r.out, "rev0002 (head)\n") << r.err;
  r = retort({"--format", "json", "current"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["heads"][0]["id"], "rev0002");
  r = retort({"heads"});
  EXPECT_EQ(r.out, "rev0002 (head)\n");
  r = retort({"history", "-i"});
  EXPECT_EQ(r.out,
            "rev0001 -> rev0002 (head) (current), add rating\n<base> -> rev0001, create artist\n");
  r = retort({"--format", "json", "downgrade", "-1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["applied"][0]["revision"], "rev0002");
  EXPECT_EQ(json["applied"][0]["direction"], "downgrade");
  EXPECT_EQ(json["heads_after"], nlohmann::json::array({"rev0001"}));
  r = retort({"downgrade", "base"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(retort({"current"}).out, "");
  r = retort({"stamp", "rev0002"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(retort({"current"}).out, "rev0002 (head)\n");
}

TEST_P(RuntimeCli, FailingRevisionExitsThreeNamingFileAndOperation) {
  testing::write_file(dir_ / "migrations/versions" / kFiles[2][0], kFiles[2][1]);
  auto r = retort({"upgrade"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("0003_fail.yaml: upgrade operation 1 (execute"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no_such_table"), std::string::npos) << r.err;
  EXPECT_EQ(retort({"current"}).out, "");  // the whole run rolled back
}

TEST_P(RuntimeCli, ChangedFileExitsTwo) {
  ASSERT_EQ(retort({"upgrade", "rev0001"}).exit_code, 0);
  testing::write_file(dir_ / "migrations/versions" / kFiles[0][0],
                      std::string(kFiles[0][1]) + "# x\n");
  auto r = retort({"upgrade"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("0001_artist.yaml"), std::string::npos) << r.err;
}

// The file of an applied revision deleted: every command says so the same way.
TEST_P(RuntimeCli, AnAppliedRevisionWhoseFileIsGoneIsNamedAlike) {
  ASSERT_EQ(retort({"upgrade"}).exit_code, 0);
  std::filesystem::remove(dir_ / "migrations/versions" / kFiles[1][0]);
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"upgrade"}, {"downgrade", "-1"}, {"repair"}, {"current"}, {"stamp", "rev0001"}}) {
    auto r = retort(args);
    EXPECT_EQ(r.exit_code, 2) << args[0];
    EXPECT_EQ(r.err,
              "retort: the version table names revision \"rev0002\", which is not in the script "
              "directory\n")
        << args[0];
  }
}

TEST_P(RuntimeCli, LockHeldExitsFour) {
  ASSERT_EQ(retort({"upgrade", "rev0001"}).exit_code, 0);
  Engine engine(Url::parse(url_));
  Connection holder = engine.connect();
  const Dialect& dialect = holder.dialect();
  const std::vector<Value> key = {static_cast<long long>(migration_lock_key("retort_version"))};
  if (!dialect.try_session_lock_sql().empty()) {
    ASSERT_EQ(holder.query(dialect.try_session_lock_sql(), key).cell(0, 0).integer(), 1);
  } else {
    holder.execute(dialect.begin_migration_sql());
  }
  auto r = retort({"upgrade", "--lock-timeout", "0.3"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("migration lock"), std::string::npos) << r.err;
  if (!dialect.session_unlock_sql().empty()) {
    holder.query(dialect.session_unlock_sql(), key);
  } else {
    holder.execute("ROLLBACK");
  }
  EXPECT_EQ(retort({"upgrade", "--lock-timeout", "5"}).exit_code, 0);
}

// SQLite: another connection holding the file's exclusive lock (a writer committing, or
// spilling its cache) blocks even the reads of opening it; that wait is --lock-timeout's too,
// not a fixed 5 s ending in exit 3.
TEST(RuntimeCliSqlite, ExclusiveLockAtOpeningExitsFourAfterTheLockTimeout) {
  TempDir dir;
  const std::string url = "sqlite:///" + (dir.path() / "app.db").string();
  testing::write_file(dir / "retort.yaml", "database_url: " + url + "\n");
  testing::write_file(dir / "migrations/versions" / kFiles[0][0], kFiles[0][1]);
  ASSERT_EQ(run_retort({"upgrade"}, dir.path()).exit_code, 0);
  testing::write_file(dir / "migrations/versions" / kFiles[1][0], kFiles[1][1]);
  Engine engine(Url::parse(url));
  Connection holder = engine.connect();
  holder.execute("BEGIN EXCLUSIVE");
  const auto start = std::chrono::steady_clock::now();
  auto r = run_retort({"upgrade", "--lock-timeout", "0.3"}, dir.path());
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("gave up after 300 ms"), std::string::npos) << r.err;
  EXPECT_LT(waited, std::chrono::seconds(4));
  holder.execute("ROLLBACK");
  EXPECT_EQ(run_retort({"upgrade", "--lock-timeout", "5"}, dir.path()).exit_code, 0);
}

// A mistyped SQLite path must not leave an empty file behind: reading commands report an
// empty database, downgrade and repair name the missing file; upgrade creates it.
TEST(RuntimeCliSqlite, OnlyUpgradeAndStampCreateAMissingFile) {
  TempDir dir;
  const std::filesystem::path file = dir.path() / "typo.db";
  testing::write_file(dir / "retort.yaml", "database_url: sqlite:///" + file.string() + "\n");
  testing::write_file(dir / "migrations/versions" / kFiles[0][0], kFiles[0][1]);
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"current"}, {"history", "-i"}}) {
    auto r = run_retort(args, dir.path());
    EXPECT_EQ(r.exit_code, 0) << args[0] << ": " << r.err;
    EXPECT_FALSE(std::filesystem::exists(file)) << args[0];
  }
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"downgrade", "-1"}, {"repair"}}) {
    auto r = run_retort(args, dir.path());
    EXPECT_EQ(r.exit_code, 3) << args[0];
    EXPECT_EQ(r.err, "retort: sqlite: database file \"" + file.string() + "\" does not exist\n");
    EXPECT_FALSE(std::filesystem::exists(file)) << args[0];
  }
  EXPECT_EQ(run_retort({"upgrade"}, dir.path()).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(file));
}

TEST_P(RuntimeCli, EightConcurrentUpgradesApplyEachRevisionOnce) {
  std::vector<testing::RunResult> results(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = retort({"upgrade", "--lock-timeout", "60"}); });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_EQ(r.exit_code, 0) << r.err;
  Engine engine(Url::parse(url_));
  Connection conn = engine.connect();
  EXPECT_EQ(current_heads(conn), std::vector<std::string>{"rev0002"});
  const std::vector<LogEntry> log = read_log(conn);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].revision, "rev0001");
  EXPECT_EQ(log[1].revision, "rev0002");
}

INSTANTIATE_TEST_SUITE_P(Dialects, RuntimeCli, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort
