// End to end on a SQLite file and a PostgreSQL database: upgrade/downgrade --sql (offline
// mode, connecting to nothing), stamp --purge, and repair (the checksum of a reviewed,
// changed applied revision).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <memory>

#include "retort/engine.hpp"
#include "retort/runtime.hpp"
#include "support/project_database.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
using testing::run_retort;
using testing::TempDir;

const char* const kFiles[2][2] = {
    {"0001_artist.yaml",
     "revision: rev0001\ndown_revision: null\nmessage: create artist\nupgrade:\n"
     "  - create_table: {name: artist, columns: {id: {type: integer, primary_key: true}}}\n"
     "downgrade:\n  - drop_table: {name: artist}\n"},
    {"0002_rating.yaml",
     "revision: rev0002\ndown_revision: rev0001\nmessage: add rating\nupgrade:\n"
     "  - add_column: {table: artist, column: rating, type: integer}\n"
     "downgrade:\n  - drop_column: {table: artist, column: rating, type: integer}\n"},
};

class OfflineRepairCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") RETORT_REQUIRE_PG();
    db_ = std::make_unique<testing::ProjectDatabase>(GetParam(), dir_.path());
    url_ = db_->url();
    testing::write_file(dir_ / "retort.yaml", "database_url: " + url_ + "\n");
    for (const auto& file : kFiles) {
      testing::write_file(dir_ / "migrations/versions" / file[0], file[1]);
    }
  }
  testing::RunResult retort(const std::vector<std::string>& args) {
    return run_retort(args, dir_.path());
  }
  std::vector<std::string> heads() {
    Engine engine(Url::parse(url_));
    Connection conn = engine.connect();
    return current_heads(conn);
  }
  TempDir dir_;
  std::unique_ptr<testing::ProjectDatabase> db_;
  std::string url_;
};

TEST_P(OfflineRepairCli, SqlPrintsTheScriptWithoutConnecting) {
  // An unreachable database of the same dialect: offline mode must not connect.
  const std::string unreachable = GetParam() == "postgresql"
                                      ? "postgresql://nobody:secret@127.0.0.1:1/none"
                                      : "sqlite:///" + (dir_ / "missing/dir/x.db").string();
  auto r = retort({"--url", unreachable, "upgrade", "--sql"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("CREATE TABLE \"artist\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ADD COLUMN \"rating\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("UPDATE \"retort_version\" SET version_num = 'rev0002' WHERE "
                       "version_num = 'rev0001';"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.substr(r.out.size() - 8), "COMMIT;\n");
  r = retort({"--url", unreachable, "--format", "json", "downgrade", "--sql", "rev0002:base"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_NE(json["sql"].get<std::string>().find("DROP TABLE \"artist\""), std::string::npos);
  EXPECT_EQ(json["url"].get<std::string>().find("secret"), std::string::npos);
  // A downgrade needs both ends; a range end that is no revision is an input error.
  EXPECT_EQ(retort({"downgrade", "--sql", "base"}).exit_code, 2);
  r = retort({"upgrade", "--sql", "nope:head"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("nope"), std::string::npos) << r.err;
  EXPECT_EQ(heads(), std::vector<std::string>{});
}

TEST_P(OfflineRepairCli, StampPurgeEmptiesUnknownRows) {
  ASSERT_EQ(retort({"upgrade"}).exit_code, 0);
  {
    Engine engine(Url::parse(url_));
    Connection conn = engine.connect();
    conn.execute("INSERT INTO retort_version (version_num) VALUES ('gone')");
  }
  auto r = retort({"stamp", "rev0001"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("gone"), std::string::npos) << r.err;
  r = retort({"--format", "json", "stamp", "--purge", "rev0001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["heads_before"], nlohmann::json({"gone", "rev0002"}));
  EXPECT_EQ(json["heads_after"], nlohmann::json({"rev0001"}));
  EXPECT_EQ(heads(), std::vector<std::string>{"rev0001"});
  ASSERT_EQ(retort({"stamp", "--purge", "base"}).exit_code, 0);
  EXPECT_EQ(heads(), std::vector<std::string>{});
}

TEST_P(OfflineRepairCli, RepairLetsUpgradeProceedAfterReview) {
  ASSERT_EQ(retort({"upgrade", "rev0001"}).exit_code, 0);
  auto r = retort({"repair"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "no applied revision changed\n");
  const std::string edited = std::string(kFiles[0][1]) + "# reviewed\n";
  testing::write_file(dir_ / "migrations/versions" / kFiles[0][0], edited);
  r = retort({"upgrade"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("retort repair rev0001"), std::string::npos) << r.err;
  EXPECT_EQ(heads(), std::vector<std::string>{"rev0001"});
  // A revision that is not applied has nothing to repair.
  r = retort({"repair", "rev0002"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not applied"), std::string::npos) << r.err;

  const std::string old_sum = sha256_hex(kFiles[0][1]);
  const std::string new_sum = sha256_hex(edited);
  r = retort({"--format", "json", "repair"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  ASSERT_EQ(json["repaired"].size(), 1u);
  EXPECT_EQ(json["repaired"][0]["revision"], "rev0001");
  EXPECT_EQ(json["repaired"][0]["old"], old_sum);
  EXPECT_EQ(json["repaired"][0]["new"], new_sum);
  EXPECT_EQ(json["repaired"][0]["changed"], true);
  r = retort({"repair", "rev0001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "rev0001: " + new_sum.substr(0, 12) + " -> " + new_sum.substr(0, 12) +
                       " (unchanged) (" + (dir_ / "migrations/versions" / kFiles[0][0]).string() +
                       ")\n");
  r = retort({"upgrade"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(heads(), std::vector<std::string>{"rev0002"});
}

TEST_P(OfflineRepairCli, RepairTextNamesOldAndNew) {
  ASSERT_EQ(retort({"upgrade"}).exit_code, 0);
  const std::string edited = std::string(kFiles[1][1]) + "# reviewed\n";
  testing::write_file(dir_ / "migrations/versions" / kFiles[1][0], edited);
  const auto r = retort({"repair", "rev0002"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, 9 + 12 + 4 + 12), "rev0002: " + sha256_hex(kFiles[1][1]).substr(0, 12) +
                                                  " -> " + sha256_hex(edited).substr(0, 12));
}

INSTANTIATE_TEST_SUITE_P(Dialects, OfflineRepairCli, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace retort
