// End to end: check's exit codes and output through the binary, on a SQLite file and a
// PostgreSQL database.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <memory>

#include "support/project_database.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
namespace fs = std::filesystem;
using testing::pg_server_url;
using testing::PgTestDatabase;
using testing::read_file;
using testing::run_retort;
using testing::TempDir;
using testing::write_file;

const char* const kModels =
    "tables:\n"
    "  artist:\n"
    "    columns:\n"
    "      id: {type: integer, primary_key: true}\n"
    "      name: {type: text}\n";

class CheckCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") RETORT_REQUIRE_PG();
    db_ = std::make_unique<testing::ProjectDatabase>(GetParam(), dir_.path());
    url_ = db_->url();
    write_file(dir_ / "retort.yaml", "database_url: " + url_ + "\n");
    write_file(dir_ / "models/schema.yaml", kModels);
    fs::create_directories(dir_ / "migrations/versions");
  }
  testing::RunResult retort(const std::vector<std::string>& args) {
    return run_retort(args, dir_.path());
  }
  TempDir dir_;
  std::unique_ptr<testing::ProjectDatabase> db_;
  std::string url_;
};

TEST_P(CheckCli, DifferencesPendingThenOk) {
  ASSERT_EQ(retort({"upgrade"}).exit_code, 0);
  auto r = retort({"check"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("the models differ from the database (1 operation"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  create table \"artist\""), std::string::npos) << r.out;

  ASSERT_EQ(retort({"revision", "--autogenerate", "-m", "artist", "--rev-id", "a1"}).exit_code, 0);
  r = retort({"check"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "pending revisions (the database is at base; head is a1):\n  a1, artist\n");
  r = retort({"--format", "json", "check"});
  EXPECT_EQ(r.exit_code, 1);
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["ok"], false);
  EXPECT_EQ(json["pending"][0]["id"], "a1");
  EXPECT_TRUE(json["differences"].empty());

  ASSERT_EQ(retort({"upgrade"}).exit_code, 0);
  r = retort({"check"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "ok: the database is at head (a1) and matches the models\n");
  json = nlohmann::json::parse(retort({"check", "--format", "json"}).out);
  EXPECT_EQ(json["ok"], true);
  EXPECT_EQ(json["current"], nlohmann::json::array({"a1"}));

  // Drift: the models gain a column; --exclude hides the table.
  std::string models = kModels;
  write_file(dir_ / "models/schema.yaml", models + "      rating: {type: integer}\n");
  r = retort({"check"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("add column \"artist\".\"rating\""), std::string::npos) << r.out;
  EXPECT_EQ(retort({"check", "--exclude", "art*"}).exit_code, 0);
  write_file(dir_ / "retort.yaml", "database_url: " + url_ + "\nexclude: [artist]\n");
  EXPECT_EQ(retort({"check"}).exit_code, 0);
}

TEST_P(CheckCli, ChangedAppliedFileAndErrorsHaveTheirCodes) {
  ASSERT_EQ(retort({"upgrade"}).exit_code, 0);
  ASSERT_EQ(retort({"revision", "--autogenerate", "-m", "artist", "--rev-id", "a1"}).exit_code, 0);
  ASSERT_EQ(retort({"upgrade"}).exit_code, 0);
  const fs::path file = dir_ / "migrations/versions/a1_artist.yaml";
  write_file(file, read_file(file) + "# edited\n");
  auto r = retort({"check"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("a1_artist.yaml"), std::string::npos) << r.err;

  write_file(dir_ / "models/schema.yaml", "tables: [\n");
  r = retort({"check"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("schema.yaml:"), std::string::npos) << r.err;
  write_file(dir_ / "models/schema.yaml", kModels);
  write_file(dir_ / "garbage.db", std::string(4096, 'x'));  // exists, is not a database
  const std::string bad_url = GetParam() == "sqlite" ? "sqlite:///" + (dir_ / "garbage.db").string()
                                                     : "postgresql://nobody:pw@127.0.0.1:1/none";
  r = retort({"--url", bad_url, "check"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
}

// A brand-new project (retort init): the database does not exist yet and counts as an empty
// one at base, as Alembic users expect; revision --autogenerate and check do not create it.
TEST(CheckCliFresh, InitAutogenerateUpgradeCheckOnANewSqliteFile) {
  TempDir dir;
  unsetenv("DATABASE_URL");  // the generated config reads ${DATABASE_URL:-sqlite:///dev.db}
  ASSERT_EQ(run_retort({"init"}, dir.path()).exit_code, 0);
  write_file(dir / "models/schema.yaml", kModels);
  auto r = run_retort({"check"}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("  create table \"artist\""), std::string::npos) << r.out;

  r = run_retort({"revision", "--autogenerate", "-m", "first", "--rev-id", "f1"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(read_file(dir / "migrations/versions/f1_first.yaml").find("create_table"),
            std::string::npos);
  r = run_retort({"check"}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "pending revisions (the database is at base; head is f1):\n  f1, first\n");
  EXPECT_FALSE(fs::exists(dir / "dev.db"));  // neither command created it

  ASSERT_EQ(run_retort({"upgrade"}, dir.path()).exit_code, 0);
  EXPECT_TRUE(fs::exists(dir / "dev.db"));
  r = run_retort({"check"}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

// The postgresql template's models live in the schema "music", which its retort.yaml does not
// list: the commands read the schemas the models name, so the whole cycle works as shipped,
// and revisions on tables outside the current schema run online, up and down.
TEST(CheckCliFresh, PostgresqlTemplateWithItsOwnSchemaWorksAsShipped) {
  RETORT_REQUIRE_PG();
  TempDir dir;
  PgTestDatabase db(*pg_server_url());
  const std::map<std::string, std::string> env{{"DATABASE_URL", db.url().to_string()}};
  const auto retort = [&](const std::vector<std::string>& args) {
    return run_retort(args, dir.path(), env);
  };
  ASSERT_EQ(retort({"init", "--template", "postgresql"}).exit_code, 0);
  ASSERT_EQ(retort({"revision", "--autogenerate", "-m", "first", "--rev-id", "p1"}).exit_code, 0);
  ASSERT_EQ(retort({"upgrade"}).exit_code, 0);
  auto r = retort({"check"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;

  const std::string models = read_file(dir / "models/schema.yaml");
  const std::string seconds = "      seconds:   {type: integer}\n";
  ASSERT_NE(models.find(seconds), std::string::npos);
  write_file(dir / "models/schema.yaml",
             std::string(models).insert(models.find(seconds) + seconds.size(),
                                        "      rating:    {type: smallint}\n"));
  r = retort({"revision", "--autogenerate", "-m", "rating", "--rev-id", "p2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(read_file(dir / "migrations/versions/p2_rating.yaml").find("add_column"),
            std::string::npos);
  r = retort({"upgrade"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(retort({"check"}).exit_code, 0);
  r = retort({"verify"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  r = retort({"seed", "--rows", "3", "--random-seed", "1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("music.track: 3 rows"), std::string::npos) << r.out;

  r = retort({"downgrade", "-1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = retort({"downgrade", "base"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Engine engine(db.url());
  Connection conn = engine.connect();
  EXPECT_EQ(
      conn.query("SELECT count(*) FROM pg_namespace WHERE nspname = 'music'").cell(0, 0).integer(),
      0);
}

// On both dialects: check and revision --autogenerate before the first upgrade.
TEST_P(CheckCli, UntouchedDatabaseIsEmptyAtBase) {
  auto r = retort({"check"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("the models differ from the database (1 operation"), std::string::npos)
      << r.out;
  ASSERT_EQ(retort({"revision", "--autogenerate", "-m", "artist", "--rev-id", "a1"}).exit_code, 0);
  EXPECT_TRUE(db_->untouched());
  EXPECT_FALSE(fs::exists(dir_ / "app.db"));
  ASSERT_EQ(retort({"upgrade"}).exit_code, 0);
  EXPECT_EQ(retort({"check"}).exit_code, 0);
}

// A column that a CHECK, a generated column and a partial index use is renamed by an
// autogenerated revision: SQLite rewrites its stored text to quote the new name ("c" > 0),
// which must still match the models' c > 0.
TEST_P(CheckCli, RenamedColumnInExpressionsStillMatchesTheModels) {
  const auto models = [](const std::string& col) {
    return "tables:\n"
           "  t:\n"
           "    columns:\n"
           "      id: {type: integer, primary_key: true}\n"
           "      " +
           col +
           ": {type: integer}\n"
           "      g: {type: integer, computed: {sql: \"" +
           col +
           " + 1\", stored: true}}\n"
           "    checks:\n"
           "      - {sql: \"" +
           col +
           " > 0\"}\n"
           "    indexes:\n"
           "      - {name: ix_t, columns: [id], where: \"" +
           col + " > 1\"}\n";
  };
  write_file(dir_ / "models/schema.yaml", models("a"));
  ASSERT_EQ(retort({"revision", "--autogenerate", "-m", "t", "--rev-id", "r1"}).exit_code, 0);
  ASSERT_EQ(retort({"upgrade"}).exit_code, 0);
  auto r = retort({"check"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;

  write_file(dir_ / "models/schema.yaml", models("c"));
  r = retort({"revision", "--autogenerate", "-m", "rename", "--rev-id", "r2", "--rename", "t.a=c"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string revision = read_file(dir_ / "migrations/versions/r2_rename.yaml");
  EXPECT_NE(revision.find("rename_column"), std::string::npos) << revision;
  ASSERT_EQ(retort({"upgrade"}).exit_code, 0);
  r = retort({"check"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "ok: the database is at head (r2) and matches the models\n");
}

INSTANTIATE_TEST_SUITE_P(Dialects, CheckCli, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort
