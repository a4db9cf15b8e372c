// End to end: retort diff between models files, a SQLite file and a PostgreSQL database: the
// three formats, exit codes (0 with or without differences, 2 usage/input, 3 database), and
// the SQL printed by diff applied to the database converging it on the models.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "retort/ddl.hpp"
#include "retort/engine.hpp"
#include "retort/models_file.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
using testing::run_retort;
using testing::TempDir;
using testing::write_file;

const char* kBefore = R"yaml(
tables:
  artist:
    columns:
      id: {type: integer, primary_key: true}
      name: {type: varchar(30), nullable: false}
  old_stuff:
    columns:
      id: {type: integer, primary_key: true}
)yaml";

const char* kAfter = R"yaml(
tables:
  artist:
    columns:
      id: {type: integer, primary_key: true}
      name: {type: varchar(30), nullable: false}
      rating: {type: integer, default: 0}
    indexes:
      - {name: ix_artist_name, columns: [name]}
  album:
    columns:
      id: {type: integer, primary_key: true}
      artist_id: {type: integer, references: artist.id}
)yaml";

class DiffCli : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "before.yaml", kBefore);
    write_file(dir_ / "after.yaml", kAfter);
  }
  testing::RunResult run(std::vector<std::string> args) {
    args.insert(args.begin(), "diff");
    return run_retort(args, dir_.path());
  }
  TempDir dir_;
};

TEST_F(DiffCli, FilesWithADialectInEachFormat) {
  auto sql = run({"--from", "before.yaml", "--to", "after.yaml", "--dialect", "sqlite"});
  EXPECT_EQ(sql.exit_code, 0) << sql.err;
  EXPECT_NE(sql.out.find("CREATE TABLE \"album\""), std::string::npos) << sql.out;
  EXPECT_NE(sql.out.find("DROP TABLE \"old_stuff\";\n"), std::string::npos) << sql.out;

  auto yaml = run({"--from", "before.yaml", "--to", "after.yaml", "--dialect", "postgresql",
                   "--format", "yaml"});
  EXPECT_EQ(yaml.exit_code, 0) << yaml.err;
  EXPECT_NE(yaml.out.find("- create_table:"), std::string::npos) << yaml.out;
  EXPECT_NE(yaml.out.find("- drop_table:"), std::string::npos) << yaml.out;

  auto json = run(
      {"--from", "before.yaml", "--to", "after.yaml", "--dialect", "sqlite", "--format", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  const nlohmann::json ops = nlohmann::json::parse(json.out);
  ASSERT_TRUE(ops.is_array());
  EXPECT_EQ(ops.size(), 4u) << json.out;  // drop table, create table, add column, create index
  // The global --format json means diff's json too.
  auto global = run_retort({"--format", "json", "diff", "--from", "before.yaml", "--to",
                            "after.yaml", "--dialect", "sqlite"},
                           dir_.path());
  EXPECT_EQ(global.out, json.out);
}

TEST_F(DiffCli, EqualSidesPrintNothingAndExitZero) {
  auto r = run({"--from", "after.yaml", "--to", "after.yaml", "--dialect", "sqlite"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(DiffCli, UsageAndInputErrorsExitTwoDatabaseErrorsThree) {
  auto no_dialect = run({"--from", "before.yaml", "--to", "after.yaml"});
  EXPECT_EQ(no_dialect.exit_code, 2);
  EXPECT_NE(no_dialect.err.find("--dialect"), std::string::npos) << no_dialect.err;
  EXPECT_EQ(run({"--from", "before.yaml"}).exit_code, 2);
  EXPECT_EQ(run({"--from", "before.yaml", "--to", "after.yaml", "--format", "xml"}).exit_code, 2);
  EXPECT_EQ(run({"--from", "before.yaml", "--to", "after.yaml", "--dialect", "sqlite", "--rename",
                 "nodot=x"})
                .exit_code,
            2);
  write_file(dir_ / "bad.yaml", "tables: [\n");
  auto bad = run({"--from", "bad.yaml", "--to", "after.yaml", "--dialect", "sqlite"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.yaml"), std::string::npos) << bad.err;
  auto missing = run({"--from", "sqlite:///missing.db", "--to", "after.yaml"});
  EXPECT_EQ(missing.exit_code, 3) << missing.err;
  // A models file that is not there is named as one, not read as a database URL.
  auto typo = run({"--from", "befor.yaml", "--to", "after.yaml", "--dialect", "sqlite"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.err, "retort: diff: befor.yaml: no such models file\n");
}

// The SQL diff prints, run on the database, makes it match the models: a second diff is empty.
void converges(const std::string& url, const std::filesystem::path& dir) {
  auto first = run_retort({"diff", "--from", url, "--to", "after.yaml"}, dir);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_NE(first.out, "");
  {
    Engine engine(Url::parse(url));
    Connection conn = engine.connect();
    conn.execute(first.out);
  }
  auto second = run_retort({"diff", "--from", url, "--to", "after.yaml"}, dir);
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out, "");
  // And back: the database against the old models file.
  auto back = run_retort({"diff", "--from", url, "--to", "before.yaml", "--format", "yaml"}, dir);
  EXPECT_EQ(back.exit_code, 0) << back.err;
  EXPECT_NE(back.out.find("- drop_table:"), std::string::npos) << back.out;
}

TEST_F(DiffCli, SqliteDatabaseConvergesOnTheModels) {
  const std::string url = "sqlite:///" + (dir_ / "app.db").string();
  {
    Engine engine(Url::parse(url));
    Connection conn = engine.connect();
    create_all(conn, parse_models(kBefore));
  }
  converges(url, dir_.path());
  auto wrong = run({"--from", url, "--to", "after.yaml", "--dialect", "postgresql"});
  EXPECT_EQ(wrong.exit_code, 2) << wrong.err;
}

TEST_F(DiffCli, PostgresDatabaseConvergesOnTheModels) {
  RETORT_REQUIRE_PG();
  testing::PgTestDatabase db(*testing::pg_server_url());
  {
    Engine engine(db.url());
    Connection conn = engine.connect();
    create_all(conn, parse_models(kBefore));
  }
  converges(db.url().to_string(), dir_.path());
}

}  // namespace
}  // namespace retort
