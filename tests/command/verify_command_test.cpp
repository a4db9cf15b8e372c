// verify_command on a project directory, on SQLite and PostgreSQL: a good chain verifies,
// each kind of failure is reported at its revision and stage, and neither the project's
// database nor a scratch database is left behind.
#include <gtest/gtest.h>

#include <memory>

#include "retort/command_tools.hpp"
#include "retort/engine.hpp"
#include "retort/inspect.hpp"
#include "support/project_database.hpp"

namespace retort {
namespace {
using testing::write_file;

const char* const kArtist =
    "revision: r1\ndown_revision: null\nmessage: artist\nupgrade:\n"
    "  - create_table: {name: artist, columns: {id: {type: integer, primary_key: true},\n"
    "      name: {type: varchar(30), nullable: false}}}\n"
    "downgrade:\n  - drop_table: {name: artist}\n";
const char* const kRating =
    "revision: r2\ndown_revision: r1\nmessage: rating\nupgrade:\n"
    "  - add_column: {table: artist, column: rating, type: integer}\n"
    "downgrade:\n  - drop_column: {table: artist, column: rating}\n";
const char* const kTrack =
    "revision: r3\ndown_revision: r2\nmessage: track\nupgrade:\n"
    "  - create_table: {name: track, columns: {id: {type: integer, primary_key: true},\n"
    "      artist_id: {type: integer, nullable: false, references: artist.id, on_delete: "
    "cascade}}}\n"
    "downgrade:\n  - drop_table: {name: track}\n";
const char* const kModels =
    "tables:\n"
    "  artist:\n    columns:\n      id: {type: integer, primary_key: true}\n"
    "      name: {type: varchar(30), nullable: false}\n      rating: integer\n"
    "  track:\n    columns:\n      id: {type: integer, primary_key: true}\n"
    "      artist_id: {type: integer, nullable: false, references: artist.id, on_delete: "
    "cascade}\n";

class VerifyCommandTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") RETORT_REQUIRE_PG();
    db_ = std::make_unique<testing::ProjectDatabase>(GetParam(), dir_.path());
    url_ = db_->url();
    write_file(dir_ / "retort.yaml", "database_url: " + url_ + "\n");
    write_file(dir_ / "models/schema.yaml", kModels);
    revision("1.yaml", kArtist);
    revision("2.yaml", kRating);
    revision("3.yaml", kTrack);
  }
  void revision(const std::string& name, const std::string& text) {
    write_file(dir_ / "migrations/versions" / name, text);
  }
  VerifyCommandResult verify() {
    VerifyCommandOptions options;
    options.project.working_directory = dir_.path();
    return verify_command(options);
  }
  // verify never writes to the project's database (a SQLite file is not even created).
  void expect_project_untouched() {
    EXPECT_TRUE(db_->untouched());
    if (!db_->is_postgres()) {
      EXPECT_FALSE(std::filesystem::exists(dir_ / "app.db"));
    }
  }
  testing::TempDir dir_;
  std::unique_ptr<testing::ProjectDatabase> db_;
  std::string url_;
};

TEST_P(VerifyCommandTest, AGoodChainVerifies) {
  const VerifyCommandResult result = verify();
  ASSERT_TRUE(result.ok()) << result.failure->stage << ": " << result.failure->message;
  EXPECT_EQ(result.verified, (std::vector<std::string>{"r1", "r2", "r3"}));
  EXPECT_TRUE(result.models_checked);
  EXPECT_TRUE(result.skipped.empty());
  EXPECT_EQ(result.dialect, GetParam());
  expect_project_untouched();
}

TEST_P(VerifyCommandTest, ADowngradeThatDoesNotRestoreTheSchema) {
  revision("2.yaml",
           "revision: r2\ndown_revision: r1\nupgrade:\n"
           "  - add_column: {table: artist, column: rating, type: integer}\ndowngrade: []\n");
  const VerifyCommandResult result = verify();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure->revision, "r2");
  EXPECT_EQ(result.failure->stage, "round trip");
  EXPECT_EQ(result.failure->differences,
            std::vector<std::string>{"drop column \"artist\".\"rating\""});
  EXPECT_EQ(result.verified, std::vector<std::string>{"r1"});
  expect_project_untouched();
}

TEST_P(VerifyCommandTest, AFailingUpgradeNamesTheOperation) {
  revision("3.yaml",
           "revision: r3\ndown_revision: r2\nupgrade:\n"
           "  - execute: {sql: \"INSERT INTO no_such_table VALUES (1)\", reverse: \"SELECT 1\"}\n"
           "downgrade: []\n");
  const VerifyCommandResult result = verify();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure->revision, "r3");
  EXPECT_EQ(result.failure->stage, "upgrade");
  EXPECT_NE(result.failure->message.find("upgrade operation 1 (execute"), std::string::npos)
      << result.failure->message;
  EXPECT_NE(result.failure->message.find("no_such_table"), std::string::npos);
  EXPECT_EQ(result.failure->file, dir_ / "migrations/versions/3.yaml");
  expect_project_untouched();
}

TEST_P(VerifyCommandTest, AFailingDowngrade) {
  revision("2.yaml",
           "revision: r2\ndown_revision: r1\nupgrade:\n"
           "  - add_column: {table: artist, column: rating, type: integer}\n"
           "downgrade:\n  - drop_column: {table: artist, column: no_such_column}\n");
  const VerifyCommandResult result = verify();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure->revision, "r2");
  EXPECT_EQ(result.failure->stage, "downgrade");
  EXPECT_NE(result.failure->message.find("no_such_column"), std::string::npos)
      << result.failure->message;
}

// A branch (r2 and r3 on r1) merged by m: every tip is downgraded alone, the sibling taken
// off first and brought back for the merge, so a broken downgrade on a branch is caught.
class VerifyBranches : public VerifyCommandTest {
 protected:
  void branch(const std::string& r3_downgrade) {
    std::filesystem::remove(dir_ / "models/schema.yaml");
    revision("3.yaml",
             "revision: r3\ndown_revision: r1\nupgrade:\n"
             "  - create_table: {name: genre, columns: {id: {type: integer, primary_key: true}}}\n"
             "downgrade:" +
                 r3_downgrade + "\n");
    revision("4.yaml", "revision: m\ndown_revision: [r2, r3]\nupgrade: []\ndowngrade: []\n");
  }
};

TEST_P(VerifyBranches, EveryBranchTipIsDowngradedAlone) {
  branch("\n  - drop_table: {name: genre}");
  const VerifyCommandResult result = verify();
  ASSERT_TRUE(result.ok()) << result.failure->stage << ": " << result.failure->message;
  EXPECT_EQ(result.verified.size(), 4u);
  EXPECT_TRUE(result.skipped.empty()) << result.skipped.front();
}

TEST_P(VerifyBranches, ABrokenDowngradeOnABranchIsCaught) {
  branch(" []");
  const VerifyCommandResult result = verify();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure->revision, "r3");
  EXPECT_EQ(result.failure->stage, "round trip");
  EXPECT_EQ(result.failure->differences, std::vector<std::string>{"drop table \"genre\""});
}

INSTANTIATE_TEST_SUITE_P(Dialects, VerifyBranches, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(VerifyCommandTest, HeadDiffersFromTheModels) {
  write_file(dir_ / "models/schema.yaml", std::string(kModels) + "      title: text\n");
  const VerifyCommandResult result = verify();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure->stage, "models");
  EXPECT_EQ(result.failure->revision, "");
  EXPECT_EQ(result.failure->differences,
            std::vector<std::string>{"add column \"track\".\"title\""});
  EXPECT_EQ(result.verified.size(), 3u);
}

TEST_P(VerifyCommandTest, WithoutAModelsFileOnlyTheRevisionsAreChecked) {
  std::filesystem::remove(dir_ / "models/schema.yaml");
  const VerifyCommandResult result = verify();
  EXPECT_TRUE(result.ok());
  EXPECT_FALSE(result.models_checked);
}

TEST_P(VerifyCommandTest, TheScratchDatabaseIsDropped) {
  revision("3.yaml", "revision: r3\ndown_revision: r2\nupgrade:\n  - execute: \"bad sql\"\n");
  const VerifyCommandResult result = verify();
  EXPECT_FALSE(result.ok());
  const Url scratch = Url::parse(result.scratch_url);
  EXPECT_EQ(scratch.database.rfind(db_->is_postgres() ? "retort_verify_" : "/", 0), 0u)
      << result.scratch_url;
  if (!db_->is_postgres()) {
    EXPECT_FALSE(std::filesystem::exists(scratch.database));
    return;
  }
  Engine engine(Url::parse(url_));
  Connection conn = engine.connect();
  EXPECT_EQ(
      conn.query("SELECT count(*) FROM pg_database WHERE datname = $1", {Value(scratch.database)})
          .cell(0, 0)
          .text(),
      "0");
}

INSTANTIATE_TEST_SUITE_P(Dialects, VerifyCommandTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort
