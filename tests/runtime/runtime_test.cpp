// upgrade / downgrade / stamp on a real database of each dialect: version rows, log rows,
// failures leaving the database as before, changed files, the lock.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "retort/error.hpp"
#include "runtime/runtime_fixture.hpp"

namespace retort::testing {
namespace {

using Heads = std::vector<std::string>;

TEST_P(RuntimeTest, UpgradeHeadThenDowngradeBase) {
  Connection conn = connect();
  const ScriptDirectory dir = scripts();
  EXPECT_EQ(current_heads(conn), Heads{});
  const MigrationRunResult up = upgrade(conn, dir.graph(), "head");
  EXPECT_EQ(up.heads_before, Heads{});
  EXPECT_EQ(up.heads_after, Heads{"rev0004"});
  ASSERT_EQ(up.applied.size(), 4u);
  EXPECT_EQ(up.applied[0].revision, "rev0001");
  EXPECT_EQ(current_heads(conn), Heads{"rev0004"});
  EXPECT_EQ(table_names(conn), (Heads{"artist", "track"}));
  EXPECT_EQ(conn.query("SELECT name FROM artist").cell(0, 0).text(), "Nina");
  const MetaData reflected = schema(conn);
  const Table* artist = reflected.find_table("artist");
  ASSERT_NE(artist, nullptr);
  EXPECT_EQ(artist->columns.size(), 3u);

  const std::vector<LogEntry> log = read_log(conn);
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[3].revision, "rev0004");
  EXPECT_EQ(log[3].seq, 4);
  EXPECT_EQ(log[3].checksum, dir.graph().get("rev0004").checksum);
  EXPECT_EQ(log[3].direction, MigrationDirection::kUpgrade);

  // Already at head: nothing to do.
  EXPECT_TRUE(upgrade(conn, dir.graph(), "head").applied.empty());

  const MigrationRunResult down = downgrade(conn, dir.graph(), "base");
  ASSERT_EQ(down.applied.size(), 4u);
  EXPECT_EQ(down.applied[0].revision, "rev0004");
  EXPECT_EQ(current_heads(conn), Heads{});
  EXPECT_EQ(table_names(conn), Heads{});
  const std::vector<LogEntry> after = read_log(conn);
  ASSERT_EQ(after.size(), 8u);
  EXPECT_EQ(after[4].revision, "rev0004");
  EXPECT_EQ(after[4].direction, MigrationDirection::kDowngrade);
  // The version table itself has exactly the heads.
  EXPECT_EQ(conn.query("SELECT COUNT(*) FROM retort_version").cell(0, 0).integer(), 0);
}

// SQLite has no enum types (an enum column is a CHECK) and its reflection none: the downgrade
// of a revision that created an enum still runs there, as on PostgreSQL.
TEST_P(RuntimeTest, AnEnumCreatedByARevisionIsDroppedByItsDowngrade) {
  for (const auto& file : kRevisionFiles) {
    std::filesystem::remove(dir_ / "migrations" / "versions" / file[0]);
  }
  write_revision("enum.yaml", R"y(revision: enum0001
down_revision: null
message: songs
upgrade:
  - create_enum: {name: mood, values: [happy, sad]}
  - create_table: {name: song, columns: {id: {type: integer, primary_key: true}, mood: {type: enum(mood)}}}
downgrade:
  - drop_table: {name: song}
  - drop_enum: {name: mood}
)y");
  Connection conn = connect();
  upgrade(conn, scripts().graph(), "head");
  EXPECT_THROW(conn.execute("INSERT INTO song (id, mood) VALUES (1, 'angry')"), DatabaseError);
  downgrade(conn, scripts().graph(), "base");
  EXPECT_EQ(current_heads(conn), Heads{});
  EXPECT_EQ(schema(conn), MetaData{});
  upgrade(conn, scripts().graph(), "head");  // on PostgreSQL: the type was really dropped
  EXPECT_EQ(current_heads(conn), Heads{"enum0001"});
}

// rev0005 creates t with unnamed constraints; rev0006, written by autogenerate after a rename
// of a to c and the constraints' removal, is planned from the tracked schema alone.
constexpr const char* kUnnamedConstraints = R"y(revision: rev0005
down_revision: rev0004
message: t
upgrade:
  - create_table:
      name: t
      columns:
        id: {type: integer, primary_key: true}
        a: integer
        b: integer
        n: integer
      unique:
        - {columns: [a, b]}
      checks:
        - {sql: "a > 0"}
        - {sql: "n > 0"}
downgrade:
  - drop_table: {name: t}
)y";

TEST_P(RuntimeTest, UnnamedConstraintsAreFoundAfterAColumnRename) {
  write_revision("0005_t.yaml", kUnnamedConstraints);
  write_revision("0006_rename.yaml", R"y(revision: rev0006
down_revision: rev0005
message: rename a
upgrade:
  - rename_column: {table: t, column: a, to: c}
  - drop_constraint: {table: t, type: unique, columns: [c, b]}
  - drop_constraint: {table: t, type: check, sql: "c > 0"}
  - drop_constraint: {table: t, type: check, sql: "n > 0"}
downgrade:
  - create_check_constraint: {table: t, sql: "n > 0"}
  - create_check_constraint: {table: t, sql: "c > 0"}
  - create_unique_constraint: {table: t, columns: [c, b]}
  - rename_column: {table: t, column: c, to: a}
)y");
  Connection conn = connect();
  upgrade(conn, scripts().graph(), "head");
  MetaData reflected = schema(conn);
  const Table* t = reflected.find_table("t");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->unique_constraints.empty());
  EXPECT_TRUE(t->check_constraints.empty());
  downgrade(conn, scripts().graph(), "rev0005");
  reflected = schema(conn);
  t = reflected.find_table("t");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->unique_constraints, (std::vector<UniqueConstraint>{{"", {"a", "b"}}}));
  upgrade(conn, scripts().graph(), "head");
  EXPECT_EQ(current_heads(conn), Heads{"rev0006"});
}

// A revision that cannot be compiled is refused before anything runs, naming its file and
// operation like every other failure.
// PostgreSQL cannot tell two unnamed CHECKs on one column apart (t_n_check, t_n_check1): the
// drop is refused, naming the file and the operation. SQLite drops a CHECK by its definition.
TEST_P(RuntimeTest, UncompilableOperationNamesFileAndOperation) {
  write_revision("0005_t.yaml", kUnnamedConstraints);
  write_revision("0006_twin.yaml", R"y(revision: rev0006
down_revision: rev0005
message: twin checks
upgrade:
  - create_check_constraint: {table: t, sql: "n < 100"}
  - drop_constraint: {table: t, type: check, sql: "n > 0"}
downgrade: []
)y");
  Connection conn = connect();
  if (GetParam() == "sqlite") {
    upgrade(conn, scripts().graph(), "head");
    EXPECT_EQ(current_heads(conn), Heads{"rev0006"});
    return;
  }
  try {
    upgrade(conn, scripts().graph(), "head");
    FAIL() << "upgrade succeeded";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("0006_twin.yaml: upgrade operation 2 (drop constraint"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("\"t_n_check\""), std::string::npos) << message;
  }
  EXPECT_EQ(current_heads(conn), Heads{});
}

TEST_P(RuntimeTest, RelativeSteps) {
  Connection conn = connect();
  const ScriptDirectory dir = scripts();
  upgrade(conn, dir.graph(), "+1");
  EXPECT_EQ(current_heads(conn), Heads{"rev0001"});
  upgrade(conn, dir.graph(), "+2");
  EXPECT_EQ(current_heads(conn), Heads{"rev0003"});
  EXPECT_EQ(table_names(conn), (Heads{"artist", "track"}));
  downgrade(conn, dir.graph(), "-1");
  EXPECT_EQ(current_heads(conn), Heads{"rev0002"});
  EXPECT_EQ(table_names(conn), Heads{"artist"});
  upgrade(conn, dir.graph(), "rev0004");
  EXPECT_EQ(current_heads(conn), Heads{"rev0004"});
  EXPECT_EQ(read_log(conn).size(), 6u);
}

void expect_failure_names_revision(const std::exception& e) {
  const std::string message = e.what();
  EXPECT_NE(message.find("0004_seed.yaml"), std::string::npos) << message;
  EXPECT_NE(message.find("upgrade operation 2"), std::string::npos) << message;
  EXPECT_NE(message.find("no_such_table"), std::string::npos) << message;
}

TEST_P(RuntimeTest, FailureRollsBackTheWholeRun) {
  write_revision("0004_seed.yaml", kFailingRevision4);
  Connection conn = connect();
  const ScriptDirectory dir = scripts();
  upgrade(conn, dir.graph(), "rev0001");
  const MetaData before = schema(conn);
  const std::size_t log_before = read_log(conn).size();
  try {
    upgrade(conn, dir.graph(), "head");
    FAIL() << "upgrade succeeded";
  } catch (const DatabaseError& e) {
    expect_failure_names_revision(e);
  }
  EXPECT_EQ(schema(conn), before);
  EXPECT_EQ(current_heads(conn), Heads{"rev0001"});
  EXPECT_EQ(read_log(conn).size(), log_before);
  // The connection is usable and a fixed file then applies.
  write_revision("0004_seed.yaml", kRevisionFiles[3][1]);
  upgrade(conn, scripts().graph(), "head");
  EXPECT_EQ(current_heads(conn), Heads{"rev0004"});
}

TEST_P(RuntimeTest, FailureKeepsGoodRevisionsPerMigration) {
  write_revision("0004_seed.yaml", kFailingRevision4);
  Connection conn = connect();
  const ScriptDirectory dir = scripts();
  RuntimeOptions options;
  options.transaction_per_migration = true;
  upgrade(conn, dir.graph(), "rev0003", options);
  const MetaData at_3 = schema(conn);
  downgrade(conn, dir.graph(), "rev0001", options);
  try {
    upgrade(conn, dir.graph(), "head", options);
    FAIL() << "upgrade succeeded";
  } catch (const DatabaseError& e) {
    expect_failure_names_revision(e);
  }
  EXPECT_EQ(schema(conn), at_3);
  EXPECT_EQ(current_heads(conn), Heads{"rev0003"});
  const std::vector<LogEntry> log = read_log(conn);
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.back().revision, "rev0003");
}

TEST_P(RuntimeTest, ChangedFileOfAppliedRevisionStopsUpgrade) {
  Connection conn = connect();
  upgrade(conn, scripts().graph(), "rev0002");
  write_revision("0001_artist.yaml", std::string(kRevisionFiles[0][1]) + "# edited\n");
  try {
    upgrade(conn, scripts().graph(), "head");
    FAIL() << "upgrade succeeded";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("0001_artist.yaml"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("changed after it was applied"), std::string::npos);
  }
  EXPECT_EQ(current_heads(conn), Heads{"rev0002"});
  // Accepted after review, the edited file no longer stops an upgrade.
  EXPECT_EQ(accept_checksums(conn, scripts().graph()), Heads{"rev0001"});
  EXPECT_EQ(accept_checksums(conn, scripts().graph()), Heads{});
  EXPECT_EQ(read_log(conn)[0].checksum, scripts().graph().get("rev0001").checksum);
  // An edit to a revision not applied yet is fine.
  write_revision("0003_track.yaml", std::string(kRevisionFiles[2][1]) + "# edited\n");
  upgrade(conn, scripts().graph(), "head");
  EXPECT_EQ(current_heads(conn), Heads{"rev0004"});
}

TEST_P(RuntimeTest, Stamp) {
  Connection conn = connect();
  const ScriptDirectory dir = scripts();
  const MigrationRunResult result = stamp(conn, dir.graph(), {"rev0002"});
  EXPECT_EQ(result.heads_after, Heads{"rev0002"});
  EXPECT_EQ(current_heads(conn), Heads{"rev0002"});
  EXPECT_EQ(table_names(conn), Heads{});
  stamp(conn, dir.graph(), {"base"});
  EXPECT_EQ(current_heads(conn), Heads{});
}

TEST_P(RuntimeTest, LockHeldElsewhereTimesOut) {
  Connection holder = connect();
  Connection conn = connect();
  const ScriptDirectory dir = scripts();
  upgrade(conn, dir.graph(), "rev0001");
  // Hold the lock as another run would: the advisory lock (PostgreSQL) or the write lock of
  // an open transaction (SQLite).
  const Dialect& dialect = holder.dialect();
  const std::vector<Value> key = {static_cast<long long>(migration_lock_key("retort_version"))};
  if (!dialect.try_session_lock_sql().empty()) {
    ASSERT_EQ(holder.query(dialect.try_session_lock_sql(), key).cell(0, 0).integer(), 1);
  } else {
    holder.execute(dialect.begin_migration_sql());
  }
  RuntimeOptions options;
  options.lock_timeout_ms = 200;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(upgrade(conn, dir.graph(), "head", options), LockTimeoutError);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(150));
  EXPECT_EQ(current_heads(conn), Heads{"rev0001"});
  if (!dialect.session_unlock_sql().empty()) {
    holder.query(dialect.session_unlock_sql(), key);
  } else {
    holder.execute("ROLLBACK");
  }
  // Once released, the run goes through.
  upgrade(conn, dir.graph(), "head", options);
  EXPECT_EQ(current_heads(conn), Heads{"rev0004"});
}

TEST_P(RuntimeTest, ConcurrentRunsApplyEachRevisionOnce) {
  const ScriptDirectory dir = scripts();
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      try {
        Connection conn = connect();
        RuntimeOptions options;
        options.lock_timeout_ms = 20000;
        upgrade(conn, dir.graph(), "head", options);
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  Connection conn = connect();
  EXPECT_EQ(current_heads(conn), Heads{"rev0004"});
  EXPECT_EQ(read_log(conn).size(), 4u);
}

INSTANTIATE_TEST_SUITE_P(Dialects, RuntimeTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::testing
