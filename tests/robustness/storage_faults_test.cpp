// Faults around the database itself: a lock holder killed (the next run proceeds), a SQLite
// file or directory that cannot be written, a disk that is full. Each failure is one clear
// line with exit 3, and leaves the database as it was.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "retort/dialect.hpp"
#include "robustness/robustness_fixture.hpp"

namespace retort::testing {
namespace {
namespace fs = std::filesystem;

const std::vector<std::pair<std::string, std::string>> kRevisions = {
    {"0001_artist.yaml", R"y(revision: rev0001
down_revision: null
message: create artist
upgrade:
  - create_table: {name: artist, columns: {id: {type: integer, primary_key: true}, name: text}}
downgrade:
  - drop_table: {name: artist}
)y"},
    {"0002_many.yaml", R"y(revision: rev0002
down_revision: rev0001
message: a table of about 2 MB
upgrade:
  - create_table: {name: track, columns: {id: {type: integer, primary_key: true}, pad: text}}
  - execute:
      sqlite: "INSERT INTO track WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) SELECT i, hex(randomblob(50)) FROM n"
      postgresql: "INSERT INTO track SELECT i, md5(i::text) || md5(i::text) FROM generate_series(1, 20000) AS i"
downgrade:
  - drop_table: {name: track}
)y"},
};

// Forks a process that takes the migration lock the way a run does (and, on SQLite, writes
// something under it, so that a hot journal is left behind), then waits to be killed.
pid_t spawn_lock_holder(const std::string& url) {
  int ready[2];
  if (pipe(ready) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    close(ready[0]);
    try {
      Engine engine(Url::parse(url));
      Connection conn = engine.connect();
      const Dialect& dialect = conn.dialect();
      const std::vector<Value> key = {static_cast<long long>(migration_lock_key("retort_version"))};
      if (!dialect.try_session_lock_sql().empty()) {
        conn.query(dialect.try_session_lock_sql(), key);
        conn.execute("BEGIN");
      } else {
        conn.execute(dialect.begin_migration_sql());
      }
      conn.execute("CREATE TABLE half_done (x integer)");
      conn.execute("INSERT INTO artist (id, name) VALUES (99, 'never committed')");
      if (write(ready[1], "x", 1) != 1) _exit(2);
      for (;;) pause();
    } catch (...) {
      _exit(1);
    }
  }
  close(ready[1]);
  char byte = 0;
  const bool ok = read(ready[0], &byte, 1) == 1;
  close(ready[0]);
  if (!ok) throw std::runtime_error("the lock holder failed to take the lock");
  return pid;
}

using StorageFaults = RobustnessTest;

TEST_P(StorageFaults, KilledLockHolderDoesNotBlockTheNextRun) {
  write_project(kRevisions);
  ASSERT_EQ(retort({"upgrade", "rev0001"}).exit_code, 0);
  const pid_t holder = spawn_lock_holder(url_);
  const RunResult blocked = retort({"upgrade", "--lock-timeout", "0.3"});
  EXPECT_EQ(blocked.exit_code, 4) << blocked.err;
  kill(holder, SIGKILL);
  int status = 0;
  waitpid(holder, &status, 0);
  // The database (PostgreSQL) or the OS (SQLite's file lock) released the lock; the holder's
  // writes were rolled back (a hot journal on SQLite).
  const RunResult next = retort({"upgrade", "--lock-timeout", "10"});
  EXPECT_EQ(next.exit_code, 0) << next.err;
  const DatabaseState after = state();
  EXPECT_EQ(after.heads, std::vector<std::string>{"rev0002"});
  EXPECT_EQ(after.log.size(), 2u);
  EXPECT_EQ(count_rows("artist"), 0);
  for (const Table& t : after.schema.tables) EXPECT_NE(t.name, "half_done");
}

INSTANTIATE_TEST_SUITE_P(Dialects, StorageFaults, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

// SQLite only: file permissions and size limits.
class SqliteStorage : public RobustnessBase {
 protected:
  void SetUp() override {
    use_dialect("sqlite");
    write_project(kRevisions);
    ASSERT_EQ(retort({"upgrade", "rev0001"}).exit_code, 0);
    before_ = read_file(dir_ / "app.db");
  }

  // Runs `retort upgrade` with `in_child` applied first; root (which ignores permissions)
  // runs it as `nobody`.
  RunResult upgrade_with(std::function<void()> limit) {
    SpawnOptions options;
    const bool root = geteuid() == 0;
    options.in_child = [limit, root] {
      if (limit) limit();
      if (root && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(126);
    };
    return spawn_process({RETORT_BINARY, "upgrade"}, dir_.path(), options).wait();
  }

  // One line naming the database file, exit 3, and the file and its version unchanged.
  void expect_clean_failure(const RunResult& r, const std::string& reason) {
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_EQ(error_lines(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find(reason), std::string::npos) << r.err;
    EXPECT_EQ(read_file(dir_ / "app.db"), before_) << "the database file changed";
    fs::permissions(dir_.path(), fs::perms::owner_all);
    fs::permissions(dir_ / "app.db", fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(state().heads, std::vector<std::string>{"rev0001"});
    EXPECT_FALSE(fs::exists(dir_ / "app.db-journal"));
  }

  std::string before_;
};

TEST_F(SqliteStorage, ReadOnlyFileIsAClearErrorAndChangesNothing) {
  const fs::perms everyone_rx = fs::perms::owner_all | fs::perms::group_read |
                                fs::perms::group_exec | fs::perms::others_read |
                                fs::perms::others_exec;
  fs::permissions(dir_.path(), everyone_rx | fs::perms::group_write | fs::perms::others_write);
  fs::permissions(dir_ / "app.db",
                  fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  expect_clean_failure(upgrade_with({}), "readonly");
}

TEST_F(SqliteStorage, ReadOnlyDirectoryIsAClearErrorAndChangesNothing) {
  // The file may be written, but the rollback journal cannot be created beside it.
  fs::permissions(dir_.path(), fs::perms::owner_all | fs::perms::group_read |
                                   fs::perms::group_exec | fs::perms::others_read |
                                   fs::perms::others_exec);
  fs::permissions(dir_ / "app.db", fs::perms::all);
  expect_clean_failure(upgrade_with({}), "readonly");
}

TEST_F(SqliteStorage, FullDiskIsAClearErrorAndChangesNothing) {
  // RLIMIT_FSIZE as a full disk: writes past 1 MB fail with EFBIG (SIGXFSZ ignored).
  fs::permissions(dir_.path(), fs::perms::all);
  fs::permissions(dir_ / "app.db", fs::perms::all);
  const RunResult r = upgrade_with([] {
    signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{1 << 20, 1 << 20};
    setrlimit(RLIMIT_FSIZE, &limit);
  });
  expect_clean_failure(r, "disk I/O error");
}

}  // namespace
}  // namespace retort::testing
