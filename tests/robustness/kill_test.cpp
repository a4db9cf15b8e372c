// Fault injection: the real binary killed with SIGKILL just before each statement of an
// `upgrade` (RETORT_TEST_KILL_AFTER_STATEMENTS, docs/testing.md), on both dialects and in both
// transaction modes; a second `upgrade` must then finish, leave the schema a clean upgrade
// gives, and have applied every revision exactly once (version rows, log rows and data).
#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "robustness/robustness_fixture.hpp"

namespace retort::testing {
namespace {

// Five revisions touching every kind of step: tables, a column, an index, rows (bound
// values with quotes), a raw statement, and on SQLite two table rebuilds (NOT NULL, CHECK).
const std::vector<std::pair<std::string, std::string>> kRevisions = {
    {"0001_tables.yaml", R"y(revision: rev0001
down_revision: null
message: artist and album
upgrade:
  - create_table:
      name: artist
      columns:
        id: {type: integer, primary_key: true}
        name: {type: varchar(40), nullable: false}
  - create_table:
      name: album
      columns:
        id: {type: integer, primary_key: true}
        artist_id: {type: integer, references: artist.id}
        title: {type: text}
downgrade: []
)y"},
    {"0002_rating.yaml", R"y(revision: rev0002
down_revision: rev0001
message: rating and an index
upgrade:
  - add_column: {table: artist, column: rating, type: integer}
  - create_index: {table: artist, name: ix_artist_name, columns: [name]}
downgrade: []
)y"},
    {"0003_rows.yaml", R"y(revision: rev0003
down_revision: rev0002
message: artists
upgrade:
  - bulk_insert:
      table: artist
      key: [id]
      rows:
        - {id: 1, name: "O'Brien", rating: 3}
        - {id: 2, name: "back\\slash", rating: 4}
        - {id: 3, name: "x\"; DROP TABLE album; --", rating: 5}
downgrade: []
)y"},
    {"0004_title.yaml", R"y(revision: rev0004
down_revision: rev0003
message: titles required
upgrade:
  - execute: "INSERT INTO album (id, artist_id, title) VALUES (10, 1, 'First')"
  - alter_column: {table: album, column: title, nullable: {from: true, to: false}}
downgrade: []
)y"},
    {"0005_check.yaml", R"y(revision: rev0005
down_revision: rev0004
message: ratings are positive
upgrade:
  - create_check_constraint: {table: artist, name: ck_artist_rating, sql: "rating >= 0"}
  - create_index: {table: album, name: ix_album_title, columns: [title], unique: true}
downgrade: []
)y"},
};

const std::vector<std::string> kAllRevisions = {"rev0001", "rev0002", "rev0003", "rev0004",
                                                "rev0005"};

// The last statement an --echo run logged ("info: <sql>", possibly several lines long).
std::string last_statement(const std::string& err) {
  const std::size_t at = err.rfind("info: ");
  return at == std::string::npos ? std::string("(none)") : err.substr(at + 6);
}

class KillTest : public RobustnessTest {
 protected:
  // Kills `upgrade` before statement `first`, `first + stride`, ... until a run gets through;
  // checks each point. Returns the statements the runs died before. (Every point of every run
  // would take too long for the suite; the two modes start at different offsets.)
  std::vector<std::string> kill_at_statements(bool per_migration, int first, int stride) {
    write_project(kRevisions, per_migration ? "transaction_per_migration: true\n" : "");
    EXPECT_EQ(retort({"upgrade"}).exit_code, 0);
    const DatabaseState clean = state();
    EXPECT_EQ(clean.heads, std::vector<std::string>{"rev0005"});
    std::vector<std::string> killed_before;
    for (int point = first; point < 500; point += stride) {
      reset_database();
      const RunResult killed = retort(
          {"--echo", "upgrade"}, {{"RETORT_TEST_KILL_AFTER_STATEMENTS", std::to_string(point)}});
      if (killed.exit_code == 0) break;  // the run has fewer statements: every point is done
      EXPECT_EQ(killed.exit_code, 128 + 9) << "point " << point << ": " << killed.err;
      killed_before.push_back(last_statement(killed.err));
      SCOPED_TRACE("killed before statement " + std::to_string(point) + ": " +
                   killed_before.back());
      const RunResult again = retort({"upgrade"});
      EXPECT_EQ(again.exit_code, 0) << again.err;
      expect_applied_once(clean);
      if (::testing::Test::HasFailure()) break;  // one broken point is enough to report
    }
    std::cout << "killed " << killed_before.size() << " runs at distinct statements\n";
    return killed_before;
  }

  // PostgreSQL runs fewer statements (about 35 and 44 here, SQLite 60 and 72), so every one
  // of them is a kill point there; every third on SQLite. Both give at least 20 points.
  int stride() const { return is_postgres() ? 1 : 3; }

  void expect_applied_once(const DatabaseState& clean) {
    const DatabaseState now = state();
    EXPECT_TRUE(now.schema == clean.schema) << "schema after recovery:\n"
                                            << dump_models(now.schema) << "clean upgrade:\n"
                                            << dump_models(clean.schema);
    EXPECT_EQ(now.heads, std::vector<std::string>{"rev0005"});
    std::vector<std::string> logged;
    for (const LogEntry& entry : now.log) {
      EXPECT_EQ(entry.direction, MigrationDirection::kUpgrade);
      logged.push_back(entry.revision);
    }
    EXPECT_EQ(logged, kAllRevisions);
    EXPECT_EQ(count_rows("artist"), 3);
    EXPECT_EQ(count_rows("album"), 1);
  }
};

TEST_P(KillTest, EveryThirdPointOfOneTransactionRun) {
  const std::vector<std::string> points = kill_at_statements(false, 1, stride());
  EXPECT_GE(points.size(), 20u);
}

TEST_P(KillTest, EveryThirdPointOfATransactionPerRevisionRun) {
  const std::vector<std::string> points = kill_at_statements(true, 2, stride());
  EXPECT_GE(points.size(), 20u);
  // The points cover the bookkeeping and the gaps between revisions, not just the DDL.
  auto seen = [&](const std::string& text) {
    for (const std::string& p : points) {
      if (p.find(text) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(seen("\"retort_version\"")) << "no kill inside the version-table update";
  EXPECT_TRUE(seen("\"retort_version_log\"")) << "no kill inside the log insert";
  EXPECT_TRUE(seen("COMMIT") || seen("RELEASE")) << "no kill at a revision's end";
}

INSTANTIATE_TEST_SUITE_P(Dialects, KillTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::testing
