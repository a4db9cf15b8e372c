// The PostgreSQL server stopped (pg_ctl stop -m immediate, as a crash) in the middle of an
// `upgrade`: a clear one-line error with exit 3, and after the restart nothing half-applied.
// Uses a throwaway server of its own (scripts/pg-test-server with its own RETORT_PG_STATE), so
// the shared test server is not disturbed.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "robustness/robustness_fixture.hpp"

namespace retort::testing {
namespace {

const std::vector<std::pair<std::string, std::string>> kRevisions = {
    {"0001_artist.yaml", kArtistRevision},
    {"0002_slow.yaml", R"y(revision: rev0002
down_revision: rev0001
message: a slow revision
upgrade:
  - create_table: {name: track, columns: {id: {type: integer, primary_key: true}}}
  - execute: "INSERT INTO track VALUES (1)"
  - execute: "SELECT pg_sleep(30)"
downgrade:
  - drop_table: {name: track}
)y"},
};

// A PostgreSQL server of this test's own, stopped and removed at the end.
class OwnServer {
 public:
  explicit OwnServer(const std::filesystem::path& state)
      : env_{{"RETORT_PG_STATE", state.string()}} {}
  ~OwnServer() { script("stop"); }
  RunResult script(const std::string& command) {
    return run_process({std::string(RETORT_SOURCE_DIR) + "/scripts/pg-test-server", command},
                       RETORT_SOURCE_DIR, env_);
  }

 private:
  std::map<std::string, std::string> env_;
};

// Waits until the server runs `pg_sleep` for a client (the run is inside rev0002).
bool wait_for_sleep(const Url& url) {
  Engine engine(url);
  Connection conn = engine.connect();
  for (int i = 0; i < 1000; ++i) {
    const Result r = conn.query(
        "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND "
        "state = 'active'",
        {});
    if (r.cell(0, 0).integer() > 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

class ServerStop : public RobustnessBase {};

TEST_F(ServerStop, MidRunCrashIsAClearErrorAndLeavesNothingHalfApplied) {
  RETORT_REQUIRE_PG();  // the same environment runs PostgreSQL tests
  TempDir state_dir;
  OwnServer server(state_dir / "state");
  const RunResult started = server.script("start");
  ASSERT_EQ(started.exit_code, 0) << started.err;
  std::string server_url = server.script("url").out;
  server_url.erase(server_url.find_last_not_of('\n') + 1);
  url_ = server_url;
  dialect_ = "postgresql";
  {
    // The test servers trade durability for speed (synchronous_commit off: a COMMIT returns
    // before its WAL is written, and an immediate stop loses it). This test is about retort,
    // so its server keeps what it acknowledged.
    Engine engine(Url::parse(url_));
    Connection conn = engine.connect();
    conn.execute("ALTER SYSTEM SET synchronous_commit = on");
    conn.execute("SELECT pg_reload_conf()");
  }

  for (const bool per_migration : {false, true}) {
    SCOPED_TRACE(per_migration ? "transaction per migration" : "one transaction");
    reset_database();
    write_project(kRevisions, per_migration ? "transaction_per_migration: true\n" : "");
    ChildProcess run = spawn_process({RETORT_BINARY, "upgrade"}, dir_.path(), {});
    ASSERT_TRUE(wait_for_sleep(Url::parse(url_)));
    const RunResult crashed = server.script("crash");
    ASSERT_EQ(crashed.exit_code, 0) << crashed.err;
    const RunResult r = run.wait();
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_EQ(error_lines(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find("0002_slow.yaml"), std::string::npos) << r.err;
    EXPECT_FALSE(shows_server_password(r.err)) << r.err;

    // While the server is down: a clear error naming the database, without the password.
    const RunResult down = retort({"current"});
    EXPECT_EQ(down.exit_code, 3) << down.err;
    EXPECT_EQ(error_lines(down.err).size(), 1u) << down.err;
    EXPECT_FALSE(shows_server_password(down.err)) << down.err;

    const RunResult resumed = server.script("resume");
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
    const DatabaseState after = state();
    std::vector<std::string> tables;
    for (const Table& t : after.schema.tables) tables.push_back(t.name);
    if (per_migration) {  // rev0001 was committed on its own; rev0002 not at all
      EXPECT_EQ(after.heads, std::vector<std::string>{"rev0001"});
      EXPECT_EQ(after.log.size(), 1u);
      EXPECT_EQ(tables, std::vector<std::string>{"artist"});
    } else {  // one transaction: nothing
      EXPECT_TRUE(after.heads.empty());
      EXPECT_TRUE(after.log.empty());
      EXPECT_TRUE(tables.empty());
    }
  }
}

}  // namespace
}  // namespace retort::testing
