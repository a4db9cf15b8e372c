// Offline mode: the script of upgrade_sql / downgrade_sql, run through the database's own
// client (sqlite3, psql) on a fresh database, leaves the same schema, data, version rows and
// log rows as the online run of the same chain.
#include <cstdlib>
#include <fstream>

#include "retort/error.hpp"
#include "runtime/runtime_fixture.hpp"

namespace retort::testing {
namespace {

using Heads = std::vector<std::string>;

// Tables with a foreign key and indexes, an enum (a type on PostgreSQL, a CHECK on SQLite),
// bulk_insert, a data execute, a change SQLite makes by rebuilding the table, and a
// non-transactional revision.
const char* const kChain[5][2] = {
    {"off_0001_artist.yaml", R"y(revision: off0001
down_revision: null
message: create artist
upgrade:
  - create_enum: {name: mood, values: [happy, sad]}
  - create_table:
      name: artist
      columns:
        id: {type: integer, primary_key: true}
        name: {type: varchar(40), nullable: false}
        mood: {type: enum(mood)}
downgrade:
  - drop_table: {name: artist}
  - drop_enum: {name: mood, values: [happy, sad]}
)y"},
    {"off_0002_track.yaml", R"y(revision: off0002
down_revision: off0001
message: create track
upgrade:
  - create_table:
      name: track
      columns:
        id: {type: integer, primary_key: true}
        artist_id: {type: integer, references: artist.id, on_delete: cascade}
        title: {type: text}
  - create_index: {table: track, name: ix_track_title, columns: [title]}
downgrade:
  - drop_index: {table: track, name: ix_track_title}
  - drop_table: {name: track}
)y"},
    {"off_0003_data.yaml", R"y(revision: off0003
down_revision: off0002
message: "seed: it's data"
upgrade:
  - bulk_insert: {table: artist, key: [id], rows: [{id: 1, name: "Nina's", mood: happy}, {id: 2, name: Bo, mood: null}]}
  - execute: {sql: "INSERT INTO track (id, artist_id, title) VALUES (10, 1, 'a; b'); INSERT INTO track (id, artist_id, title) VALUES (11, 2, 'c')", reverse: "DELETE FROM track WHERE id IN (10, 11)"}
downgrade:
  - execute: "DELETE FROM track WHERE id IN (10, 11)"
  - bulk_delete: {table: artist, key: [id], rows: [{id: 1}, {id: 2}]}
)y"},
    {"off_0004_not_null.yaml", R"y(revision: off0004
down_revision: off0003
message: title not null
upgrade:
  - alter_column: {table: track, column: title, nullable: {from: true, to: false}}
  - add_column: {table: artist, column: rating, type: integer, nullable: false, default: "0"}
downgrade:
  - drop_column: {table: artist, column: rating, type: integer, nullable: false, default: "0"}
  - alter_column: {table: track, column: title, nullable: {from: false, to: true}}
)y"},
    {"off_0005_index.yaml", R"y(revision: off0005
down_revision: off0004
message: index outside a transaction
transactional: false
upgrade:
  - create_index: {table: artist, name: ix_artist_name, columns: [name]}
downgrade:
  - drop_index: {table: artist, name: ix_artist_name}
)y"},
};

struct DatabaseState {
  MetaData schema;
  Heads heads;
  std::vector<std::string> log;  // "revision direction checksum"
  std::vector<std::string> rows;
  bool operator==(const DatabaseState&) const = default;
};

void PrintTo(const DatabaseState& s, std::ostream* os) {
  *os << s.schema.tables.size() << " tables; heads";
  for (const auto& h : s.heads) *os << ' ' << h;
  *os << "; log " << s.log.size() << "; rows";
  for (const auto& r : s.rows) *os << " [" << r << ']';
}

class OfflineTest : public RuntimeTest {
 protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (const auto& file : kRevisionFiles) {
      std::filesystem::remove(dir_ / "migrations/versions" / file[0]);
    }
    for (const auto& file : kChain) write_revision(file[0], file[1]);
    if (GetParam() == "postgresql") {
      pg2_ = std::make_unique<PgTestDatabase>(*pg_server_url());
      engine2_.emplace(pg2_->url());
    } else {
      engine2_.emplace(Url::parse("sqlite:///" + (dir_ / "offline.db").string()));
    }
  }

  // Runs `script` with the dialect's client on the second database; returns the exit code.
  int run_client(const std::string& script) {
    const std::filesystem::path file = dir_ / "script.sql";
    write_file(file, script);
    const std::string err = (dir_ / "client.err").string();
    std::string command;
    if (GetParam() == "postgresql") {
      command = "psql -X -q -v ON_ERROR_STOP=1 -f '" + file.string() + "' '" +
                pg2_->url().to_string() + "' > /dev/null 2> '" + err + "'";
    } else {
      command = "sqlite3 -bail '" + (dir_ / "offline.db").string() + "' < '" + file.string() +
                "' > /dev/null 2> '" + err + "'";
    }
    const int status = std::system(command.c_str());
    client_err_ = read_file(err);
    return status;
  }

  DatabaseState state(Connection& conn) {
    DatabaseState s;
    s.schema = schema(conn);
    s.heads = current_heads(conn);
    for (const LogEntry& e : read_log(conn)) {
      s.log.push_back(e.revision +
                      (e.direction == MigrationDirection::kUpgrade ? " up " : " down ") +
                      e.checksum);
    }
    const std::pair<const char*, const char*> queries[] = {
        {"artist", "SELECT id, name, mood FROM artist ORDER BY id"},
        {"track", "SELECT id, artist_id, title FROM track ORDER BY id"}};
    for (const auto& [table, query] : queries) {
      if (s.schema.find_table(table) == nullptr) continue;
      for (const Row row : conn.query(query)) {
        std::string text;
        for (std::size_t c = 0; c < 3; ++c) text += row.is_null(c) ? "NULL," : row.text(c) + ",";
        s.rows.push_back(text);
      }
    }
    return s;
  }

  std::string upgrade_script(std::string_view range, const RuntimeOptions& options = {}) {
    Connection conn = connect();
    return upgrade_sql(scripts().graph(), conn.dialect(), range, options);
  }

  std::unique_ptr<PgTestDatabase> pg2_;
  std::optional<Engine> engine2_;
  std::string client_err_;
};

TEST_P(OfflineTest, UpgradeScriptMatchesOnlineRun) {
  Connection online = connect();
  upgrade(online, scripts().graph(), "head");
  const std::string script = upgrade_script("head");
  EXPECT_NE(script.find("CREATE TABLE IF NOT EXISTS \"retort_version\""), std::string::npos);
  // SQLite rebuilds track (off0004): enforcement is switched off around the transaction.
  const std::string keys_off = online.dialect().foreign_keys_enforcement_sql(false);
  if (!keys_off.empty()) {
    EXPECT_LT(script.find(keys_off), script.find("BEGIN")) << script;
  }
  ASSERT_EQ(run_client(script), 0) << client_err_ << "\n" << script;
  Connection offline = engine2_->connect();
  const DatabaseState expected = state(online);
  EXPECT_EQ(expected.rows.size(), 4u);
  EXPECT_EQ(state(offline), expected) << script;
}

TEST_P(OfflineTest, PartialRangesAndDowngradeMatchOnlineRuns) {
  Connection online = connect();
  Connection offline = engine2_->connect();
  upgrade(online, scripts().graph(), "off0002");
  ASSERT_EQ(run_client(upgrade_script(":off0002")), 0) << client_err_;
  EXPECT_EQ(state(offline), state(online));

  upgrade(online, scripts().graph(), "head");
  ASSERT_EQ(run_client(upgrade_script("off0002:head")), 0) << client_err_;
  EXPECT_EQ(state(offline), state(online));

  downgrade(online, scripts().graph(), "off0001");
  const std::string down = downgrade_sql(scripts().graph(), online.dialect(), "head:off0001");
  EXPECT_NE(down.find("DELETE FROM \"artist\""), std::string::npos) << down;
  ASSERT_EQ(run_client(down), 0) << client_err_ << "\n" << down;
  EXPECT_EQ(state(offline), state(online)) << down;
  EXPECT_EQ(current_heads(offline), Heads{"off0001"});

  downgrade(online, scripts().graph(), "base");
  ASSERT_EQ(run_client(downgrade_sql(scripts().graph(), online.dialect(), "off0001:base")), 0)
      << client_err_;
  EXPECT_EQ(state(offline), state(online));
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST_P(OfflineTest, TransactionsFollowTheRunsModes) {
  Connection conn = connect();
  const std::string begin = conn.dialect().begin_migration_sql() + ";\n";
  const bool outside = !conn.dialect().migration_lock_is_transaction();
  // One transaction; where the dialect allows, the last (non-transactional) revision runs
  // after its COMMIT.
  const std::string whole = upgrade_script("head");
  EXPECT_EQ(count(whole, begin), 1u) << whole;
  EXPECT_EQ(count(whole, "COMMIT;\n"), 1u) << whole;
  EXPECT_EQ(whole.find("COMMIT;\n") < whole.find("ix_artist_name"), outside) << whole;
  RuntimeOptions per_revision;
  per_revision.transaction_per_migration = true;
  const std::string each = upgrade_script("head", per_revision);
  EXPECT_EQ(count(each, begin), outside ? 4u : 5u) << each;
  EXPECT_EQ(count(each, "COMMIT;\n"), outside ? 4u : 5u) << each;
  ASSERT_EQ(run_client(each), 0) << client_err_;
  Connection online = connect();
  upgrade(online, scripts().graph(), "head", per_revision);
  Connection offline = engine2_->connect();
  EXPECT_EQ(state(offline), state(online));
}

TEST_P(OfflineTest, ExecuteMadeSchemaIsAClearError) {
  write_revision("0006_raw.yaml", R"y(revision: off0006
down_revision: off0005
message: raw table
upgrade:
  - execute: "CREATE TABLE raw (id integer)"
  - add_column: {table: raw, column: extra, type: text}
downgrade: []
)y");
  try {
    upgrade_script("head");
    FAIL() << "no error";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("0006_raw.yaml: upgrade operation 2"), std::string::npos) << message;
    EXPECT_NE(message.find("offline mode"), std::string::npos) << message;
  }
}

TEST_P(OfflineTest, VersionTableIsTheConfigured) {
  RuntimeOptions options;
  options.version_table = "my_versions";
  const std::string script = upgrade_script("off0001", options);
  EXPECT_NE(script.find("INSERT INTO \"my_versions\" (version_num) VALUES ('off0001')"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("INSERT INTO \"my_versions_log\""), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Dialects, OfflineTest, ::testing::Values("sqlite", "postgresql"));

TEST(OfflineSqliteTest, RebuildAfterExecuteTriggerIsRefused) {
  TempDir dir;
  std::vector<Revision> revisions(2);
  revisions[0] = parse_revision(R"y(revision: t1
upgrade:
  - create_table: {name: a, columns: {id: {type: integer, primary_key: true}, x: text}}
  - execute: "CREATE TRIGGER trg AFTER INSERT ON a BEGIN SELECT 1; END"
)y");
  revisions[1] = parse_revision(R"y(revision: t2
down_revision: t1
upgrade:
  - alter_column: {table: a, column: x, nullable: {from: true, to: false}}
)y");
  const RevisionGraph graph(revisions);
  try {
    upgrade_sql(graph, dialect_for("sqlite"), "t1:t2");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("triggers"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace retort::testing
