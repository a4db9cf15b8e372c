// End to end: retort verify on SQLite and PostgreSQL projects: success, the first failing
// revision with exit code 1, JSON, and the project's database left alone.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <memory>

#include "support/project_database.hpp"

namespace retort {
namespace {
using testing::run_retort;
using testing::write_file;

const char* const kArtist =
    "revision: r1\ndown_revision: null\nmessage: artist\nupgrade:\n"
    "  - create_table: {name: artist, columns: {id: {type: integer, primary_key: true},\n"
    "      name: {type: varchar(30), nullable: false}}}\n"
    "downgrade:\n  - drop_table: {name: artist}\n";
const char* const kBroken =
    "revision: r2\ndown_revision: r1\nmessage: rating\nupgrade:\n"
    "  - add_column: {table: artist, column: rating, type: integer}\n"
    "downgrade:\n  - execute: \"SELECT 1\"\n";
const char* const kModels =
    "tables:\n  artist:\n    columns:\n      id: {type: integer, primary_key: true}\n"
    "      name: {type: varchar(30), nullable: false}\n";

class VerifyCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") RETORT_REQUIRE_PG();
    db_ = std::make_unique<testing::ProjectDatabase>(GetParam(), dir_.path());
    url_ = db_->url();
    write_file(dir_ / "retort.yaml", "database_url: " + url_ + "\n");
    write_file(dir_ / "models/schema.yaml", kModels);
    write_file(dir_ / "migrations/versions/1.yaml", kArtist);
  }
  testing::RunResult retort(const std::vector<std::string>& args) {
    return run_retort(args, dir_.path(), {{"TMPDIR", (dir_ / "tmp").string()}});
  }
  void expect_project_untouched() {
    EXPECT_TRUE(db_->untouched());
    if (db_->is_postgres()) return;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "app.db"));
    // The scratch file went into TMPDIR and is gone.
    EXPECT_TRUE(std::filesystem::is_empty(dir_ / "tmp"));
  }
  testing::TempDir dir_;
  std::unique_ptr<testing::ProjectDatabase> db_;
  std::string url_;
};

TEST_P(VerifyCli, PassesAndFailsAtTheFirstBadRevision) {
  std::filesystem::create_directories(dir_ / "tmp");
  auto r = retort({"verify"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("ok r1: upgrade, downgrade, upgrade\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("models: head matches "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("verified 1 revision(s) on a scratch " + GetParam() + " database\n"),
            std::string::npos)
      << r.out;
  expect_project_untouched();

  write_file(dir_ / "migrations/versions/2.yaml", kBroken);
  r = retort({"verify"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAILED at revision r2 ("), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("round trip: the schema after the downgrade differs from the schema "
                       "before the upgrade\n  drop column \"artist\".\"rating\"\n"),
            std::string::npos)
      << r.out;
  expect_project_untouched();
}

TEST_P(VerifyCli, Json) {
  std::filesystem::create_directories(dir_ / "tmp");
  write_file(dir_ / "migrations/versions/2.yaml",
             "revision: r2\ndown_revision: r1\nupgrade:\n  - execute: {sql: \"SELECT * FROM "
             "missing_table\", reverse: \"SELECT 1\"}\ndowngrade:\n  - execute: \"SELECT 1\"\n");
  auto r = retort({"verify", "--format", "json"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["ok"], false);
  EXPECT_EQ(json["dialect"], GetParam());
  EXPECT_EQ(json["verified"], nlohmann::json::array({"r1"}));
  EXPECT_EQ(json["failure"]["revision"], "r2");
  EXPECT_EQ(json["failure"]["stage"], "upgrade");
  EXPECT_NE(json["failure"]["message"].get<std::string>().find("missing_table"), std::string::npos);
  EXPECT_TRUE(json["failure"]["file"].get<std::string>().ends_with("2.yaml"));
  expect_project_untouched();
}

TEST_P(VerifyCli, AMalformedRevisionIsAnInputError) {
  write_file(dir_ / "migrations/versions/2.yaml", "revision: r2\ndown_revison: r1\n");
  auto r = retort({"verify"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("2.yaml:2:1: unknown key \"down_revison\""), std::string::npos) << r.err;
}

TEST_P(VerifyCli, AMissingTemporaryDirectoryFailsOnlyWhereTheScratchDatabaseIsAFile) {
  auto r = retort({"verify"});  // TMPDIR names dir_/tmp, which does not exist here
  if (db_->is_postgres()) {     // the scratch database is made on the server
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return;
  }
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("verify: cannot create the scratch database: the temporary directory \"" +
                       (dir_ / "tmp").string() + "\": "),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(db_->untouched());
}

INSTANTIATE_TEST_SUITE_P(Dialects, VerifyCli, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort
