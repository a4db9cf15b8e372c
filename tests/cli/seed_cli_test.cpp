// End to end: retort seed and retort db reset through the binary, on a SQLite file and a
// PostgreSQL database.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <memory>

#include "retort/engine.hpp"
#include "support/project_database.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
using testing::run_retort;
using testing::TempDir;

constexpr const char* kRevision = R"yaml(revision: rev0001
down_revision: null
message: create artist and track
upgrade:
  - create_table: {name: artist, columns: {id: {type: integer, primary_key: true, autoincrement: true}, name: {type: varchar(20), nullable: false, unique: true}, email: {type: text, nullable: false}}}
  - create_table: {name: track, columns: {id: {type: integer, primary_key: true}, title: {type: text, nullable: false}, artist_id: {type: integer, nullable: false, references: artist.id}}}
downgrade:
  - drop_table: {name: track}
  - drop_table: {name: artist}
)yaml";

class SeedCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") RETORT_REQUIRE_PG();
    db_ = std::make_unique<testing::ProjectDatabase>(GetParam(), dir_.path());
    url_ = db_->url();
    testing::write_file(dir_ / "retort.yaml", "database_url: " + url_ + "\n");
    testing::write_file(dir_ / "migrations/versions/0001_artist.yaml", kRevision);
    ASSERT_EQ(run_retort({"upgrade"}, dir_.path()).exit_code, 0);
  }
  std::int64_t count(const std::string& table) {
    Engine engine(Url::parse(url_));
    Connection conn = engine.connect();
    return conn.query("SELECT count(*) FROM " + table).cell(0, 0).integer();
  }

  TempDir dir_;
  std::unique_ptr<testing::ProjectDatabase> db_;
  std::string url_;
};

TEST_P(SeedCli, SeedsWithRowsTableAndTruncate) {
  auto r =
      run_retort({"seed", "--rows", "7", "--table", "track=30", "--random-seed", "4"}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("artist: 7 rows"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("track: 30 rows"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("random seed 4"), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find("rows/s"), std::string::npos) << "no progress bar without a terminal";
  EXPECT_EQ(count("artist"), 7);
  EXPECT_EQ(count("track"), 30);
  r = run_retort({"seed", "--rows", "5"}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count("artist"), 12);
  r = run_retort({"seed", "--rows", "3", "--truncate"}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count("artist"), 3);
  EXPECT_EQ(count("track"), 3);
  // The version table is never seeded.
  EXPECT_EQ(count("retort_version"), 1);
}

TEST_P(SeedCli, JsonSummary) {
  auto r =
      run_retort({"seed", "--rows", "4", "--random-seed", "9", "--format", "json"}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["rows"], 8);
  EXPECT_EQ(j["random_seed"], 9);
  ASSERT_EQ(j["tables"].size(), 2u);
  EXPECT_EQ(j["tables"][0]["table"], "artist");
  EXPECT_EQ(j["tables"][0]["rows"], 4);
  EXPECT_TRUE(j["seconds"].is_number());
}

TEST_P(SeedCli, ADatabaseWithoutTablesIsNamedAsSuch) {
  ASSERT_EQ(run_retort({"downgrade", "base"}, dir_.path()).exit_code, 0);
  auto r = run_retort({"seed"}, dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err,
            "warning: seed: the database has no tables to fill (retort upgrade creates them)\n");
}

// Only the named table gets rows: its foreign keys take the parents' existing rows.
TEST_P(SeedCli, AChildAloneReferencesTheRowsItsParentHas) {
  ASSERT_EQ(run_retort({"seed", "--rows", "5"}, dir_.path()).exit_code, 0);
  auto r = run_retort({"seed", "--rows", "0", "--table", "track=40"}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count("artist"), 5);
  EXPECT_EQ(count("track"), 45);
  EXPECT_EQ(count("track JOIN artist ON artist.id = track.artist_id"), 45);
}

// db reset checks seed.yaml and --table against the models file before dropping anything.
TEST_P(SeedCli, DbResetRefusesASeedFileTheModelsContradictBeforeDropping) {
  testing::write_file(dir_ / "models/schema.yaml", R"yaml(tables:
  artist:
    columns:
      id: {type: integer, primary_key: true, autoincrement: true}
      name: {type: varchar(20), nullable: false, unique: true}
      email: {type: text, nullable: false}
  track:
    columns:
      id: {type: integer, primary_key: true}
      title: {type: text, nullable: false}
      artist_id: {type: integer, nullable: false, references: artist.id}
)yaml");
  ASSERT_EQ(run_retort({"seed", "--rows", "4"}, dir_.path()).exit_code, 0);
  testing::write_file(dir_ / "seeds/seed.yaml", "tables:\n  artst: {rows: 2}\n");
  auto r = run_retort({"db", "reset", "--yes", "--file", "seeds/seed.yaml"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("seed.yaml:2:3: seed: unknown table \"artst\" (did you mean \"artist\"?)"),
            std::string::npos)
      << r.err;
  testing::write_file(dir_ / "seeds/seed.yaml", "");
  r = run_retort({"db", "reset", "--yes", "--table", "tracks=3"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("did you mean \"track\"?"), std::string::npos) << r.err;
  EXPECT_EQ(count("artist"), 4);  // nothing dropped
}

TEST_P(SeedCli, SeedFileAndItsErrors) {
  testing::write_file(
      dir_ / "seeds/seed.yaml",
      "tables:\n  artist:\n    rows: 2\n    columns:\n      email: {constant: x@y.z}\n"
      "  track:\n    per: artist\n    count: [3, 3]\n");
  auto r = run_retort({"seed"}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count("track"), 6);
  testing::write_file(dir_ / "seeds/seed.yaml", "tables:\n  trak:\n    rows: 2\n");
  r = run_retort({"seed"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("seed.yaml:2:3: seed: unknown table \"trak\" (did you mean \"track\"?)"),
            std::string::npos)
      << r.err;
  r = run_retort({"seed", "--table", "track"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("NAME=COUNT"), std::string::npos) << r.err;
  // What the command line names must exist: a typo is not silently ignored.
  testing::write_file(dir_ / "seeds/seed.yaml", "tables: {}\n");
  const std::int64_t tracks = count("track");
  r = run_retort({"seed", "--table", "trak=5"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "retort: seed: --table trak=5: the database has no table \"trak\"; did you mean "
            "\"track\"?\n");
  r = run_retort({"seed", "--file", "seeds/sed.yaml"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sed.yaml: no such file"), std::string::npos) << r.err;
  r = run_retort({"seed", "--file", "seeds"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("seeds: not a file"), std::string::npos) << r.err;
  EXPECT_EQ(count("track"), tracks);
}

// A generator the column's type cannot take: exit 2 and seed.yaml's position, not the
// database's refusal (exit 3), and nothing written.
TEST_P(SeedCli, AGeneratorThatDoesNotFitTheTypeIsASeedYamlError) {
  testing::write_file(dir_ / "seeds/seed.yaml",
                      "tables:\n  track:\n    columns:\n      id: email\n");
  auto r = run_retort({"seed", "--rows", "3"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("seed.yaml:4:7: seed: table \"track\": column \"id\": generator "
                       "\"email\" cannot fill a column of type "),
            std::string::npos)
      << r.err;
  EXPECT_EQ(count("artist"), 0);
}

TEST_P(SeedCli, AUniqueColumnThatRunsOutOfValuesWarns) {
  // Two names for a unique column: two artists, and a warning instead of a silent shortfall.
  testing::write_file(dir_ / "seeds/seed.yaml",
                      "tables:\n  artist:\n    columns:\n      name: {choice: [Nina, Otis]}\n");
  const std::string line = "(name) ran out of distinct values: wrote 2 of 5 rows";
  auto r = run_retort({"seed", "--rows", "5"}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("artist: 2 rows"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("warning: seed: table \"artist\": "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(line), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("warning"), std::string::npos) << "stdout carries the summary only";
  r = run_retort({"seed", "--rows", "5", "--truncate", "--format", "json"}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["tables"][0]["rows"], 2);
  EXPECT_EQ(j["tables"][0]["requested"], 5);
  EXPECT_NE(j["tables"][0]["warning"].get<std::string>().find(line), std::string::npos) << r.out;
  EXPECT_FALSE(j["tables"][1].contains("warning")) << r.out;
  EXPECT_EQ(count("artist"), 2);
}

TEST_P(SeedCli, DbResetDropsUpgradesAndSeeds) {
  ASSERT_EQ(run_retort({"seed", "--rows", "20"}, dir_.path()).exit_code, 0);
  auto r = run_retort({"db", "reset"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("refusing to drop the database without --yes"), std::string::npos) << r.err;
  EXPECT_EQ(count("artist"), 20);  // nothing changed
  r = run_retort({"db", "reset", "--yes", "--rows", "6"}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("applied 1 revisions"), std::string::npos) << r.out;
  EXPECT_EQ(count("artist"), 6);
  EXPECT_EQ(count("track"), 6);
  EXPECT_EQ(count("retort_version"), 1);
  r = run_retort({"db"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
}

TEST_P(SeedCli, FixturesOnlyAndTheProgressBarOnATerminal) {
  testing::write_file(dir_ / "seeds/seed.yaml",
                      "tables:\n  artist:\n    fixtures:\n      - {name: Nina, email: n@x.y}\n");
  auto r = run_retort({"seed", "--fixtures-only"}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count("artist"), 1);
  EXPECT_EQ(count("track"), 0);
  // util-linux `script` gives the command a terminal: the bar (rows, rows/s) goes to it.
  r = testing::run_process(
      {"script", "-qec", std::string(RETORT_BINARY) + " seed --truncate --rows 5000", "/dev/null"},
      dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("rows/s"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("] artist"), std::string::npos) << r.out;
  EXPECT_EQ(count("artist"), 5001);
}

INSTANTIATE_TEST_SUITE_P(Dialects, SeedCli, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort
