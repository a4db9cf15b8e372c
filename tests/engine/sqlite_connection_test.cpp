// SQLite-only behaviour of the driver and the pool.
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "engine/connection_fixture.hpp"
#include "retort/error.hpp"

namespace retort::testing {
namespace {

namespace fs = std::filesystem;

Url file_url(const fs::path& path) { return Url::parse("sqlite:///" + path.string()); }

EngineOptions with_mode(OpenMode mode) {
  EngineOptions options;
  options.mode = mode;
  return options;
}

TEST(SqliteConnection, ForeignKeysAreOn) {
  TempDir dir;
  Engine engine(file_url(dir / "a.db"));
  EXPECT_EQ(engine.connect().query("PRAGMA foreign_keys")[0].integer(0), 1);
}

// "nope" is an identifier, never the string 'nope': an index on a misspelt column is an
// error rather than an index on a constant.
TEST(SqliteConnection, DoubleQuotedStringLiteralsAreOff) {
  TempDir dir;
  Engine engine(file_url(dir / "a.db"));
  Connection conn = engine.connect();
  conn.execute("CREATE TABLE t (id integer)");
  EXPECT_THROW(conn.execute("CREATE INDEX i ON t (\"nope\")"), DatabaseError);
  EXPECT_THROW(conn.query("SELECT \"nope\" FROM t"), DatabaseError);
  conn.execute("CREATE INDEX i ON t (\"id\")");
}

TEST(SqliteConnection, BusyTimeoutComesFromTheOptions) {
  TempDir dir;
  EngineOptions options;
  options.busy_timeout_ms = 1234;
  Engine engine(file_url(dir / "a.db"), options);
  EXPECT_EQ(engine.connect().query("PRAGMA busy_timeout")[0].integer(0), 1234);
}

TEST(SqliteConnection, MissingFileIsNotCreatedInReadOnlyOrReadWriteMode) {
  TempDir dir;
  const fs::path path = dir / "missing.db";
  for (OpenMode mode : {OpenMode::kReadOnly, OpenMode::kReadWrite}) {
    Engine engine(file_url(path), with_mode(mode));
    try {
      engine.connect();
      ADD_FAILURE() << "opened a missing file";
    } catch (const DatabaseError& e) {
      EXPECT_EQ(std::string(e.what()),
                "sqlite: database file \"" + path.string() + "\" does not exist");
    }
    EXPECT_FALSE(fs::exists(path));
  }
}

TEST(SqliteConnection, MissingDirectoryIsNotCreated) {
  TempDir dir;
  Engine engine(file_url(dir / "nodir" / "x.db"));
  EXPECT_THROW(engine.connect(), DatabaseError);
  EXPECT_FALSE(fs::exists(dir / "nodir"));
}

TEST(SqliteConnection, ReadOnlyRefusesWrites) {
  TempDir dir;
  Engine(file_url(dir / "a.db")).connect().execute("CREATE TABLE t (a INTEGER)");
  Connection conn = Engine(file_url(dir / "a.db"), with_mode(OpenMode::kReadOnly)).connect();
  EXPECT_EQ(conn.query("SELECT count(*) FROM t")[0].integer(0), 0);
  try {
    conn.execute("INSERT INTO t (a) VALUES (1)");
    FAIL() << "wrote through a read-only connection";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), "8") << e.what();  // SQLITE_READONLY
  }
}

TEST(SqliteConnection, FileThatIsNotADatabaseFailsAtOpen) {
  TempDir dir;
  write_file(dir / "junk.db", std::string(4096, 'x'));
  try {
    Engine(file_url(dir / "junk.db")).connect();
    FAIL() << "opened junk";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), "26") << e.what();  // SQLITE_NOTADB
    EXPECT_NE(std::string(e.what()).find("sqlite: opening \""), std::string::npos) << e.what();
  }
}

TEST(SqliteConnection, ErrorMessageFormat) {
  Engine engine(Url::parse("sqlite://"));
  Connection conn = engine.connect();
  try {
    conn.query("SELECT *\n  FROM nope");
    FAIL();
  } catch (const DatabaseError& e) {
    EXPECT_STREQ(e.what(), "sqlite: SELECT * FROM nope: no such table: nope (code 1)");
    EXPECT_EQ(e.server_message(), "no such table: nope");
  }
  std::string long_sql = "SELECT " + std::string(300, '1') + " FROM nope";
  try {
    conn.query(long_sql);
    FAIL();
  } catch (const DatabaseError& e) {
    EXPECT_EQ(std::string(e.what()).find(std::string(250, '1')), std::string::npos);
  }
}

TEST(SqliteConnection, ExtendedCodes) {
  Engine engine(Url::parse("sqlite://"));
  Connection conn = engine.connect();
  conn.execute(
      "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (pid INTEGER REFERENCES p (id))");
  try {
    conn.query("INSERT INTO c (pid) VALUES (5)");
    FAIL();
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), "787");  // SQLITE_CONSTRAINT_FOREIGNKEY
  }
}

TEST(SqliteConnection, MisuseIsAUsageError) {
  Engine engine(Url::parse("sqlite://"));
  Connection conn = engine.connect();
  EXPECT_THROW(conn.query("SELECT 1; SELECT 2"), UsageError);
  EXPECT_THROW(conn.query("SELECT ?", {}), UsageError);
  EXPECT_THROW(conn.query("SELECT ?", {1, 2}), UsageError);
  EXPECT_THROW(conn.prepare("  "), UsageError);
  EXPECT_EQ(conn.query("SELECT 1; -- trailing comment")[0].integer(0), 1);
}

TEST(SqliteConnection, MemoryDatabaseIsSharedByTheEnginesConnections) {
  for (const char* text : {"sqlite://", "sqlite:///:memory:"}) {
    Engine engine(Url::parse(text));
    {
      Connection first = engine.connect();
      Connection second = engine.connect();
      first.execute("CREATE TABLE m (a INTEGER); INSERT INTO m (a) VALUES (7)");
      EXPECT_EQ(second.query("SELECT a FROM m")[0].integer(0), 7) << text;
    }
    // Survives its connections (the pool keeps it alive), even with no idle connections.
    EngineOptions no_idle;
    no_idle.pool_size = 0;
    Engine other(Url::parse(text), no_idle);
    other.connect().execute("CREATE TABLE o (a INTEGER)");
    EXPECT_EQ(other.connect().query("SELECT count(*) FROM o")[0].integer(0), 0);
    EXPECT_EQ(engine.connect().query("SELECT a FROM m")[0].integer(0), 7);
    // Another engine has its own database.
    EXPECT_THROW(other.connect().query("SELECT a FROM m"), DatabaseError);
  }
}

TEST(SqliteConnection, PoolReusesIdleConnections) {
  TempDir dir;
  LogCapture log;
  EngineOptions options;
  options.logger = log.sink();
  Engine engine(file_url(dir / "a.db"), options);
  {
    Connection conn = engine.connect();
    conn.execute("CREATE TEMP TABLE only_here (a INTEGER)");
  }
  // The same underlying connection comes back: its temp table is still there.
  EXPECT_EQ(engine.connect().query("SELECT count(*) FROM only_here")[0].integer(0), 0);
  EXPECT_EQ(log.count(LogLevel::kDebug, "opened a connection"), 1u);
}

TEST(SqliteConnection, PoolKeepsAtMostPoolSizeIdleConnections) {
  TempDir dir;
  LogCapture log;
  EngineOptions options;
  options.logger = log.sink();
  options.pool_size = 1;
  Engine engine(file_url(dir / "a.db"), options);
  {
    Connection a = engine.connect();
    Connection b = engine.connect();
  }
  EXPECT_EQ(log.count(LogLevel::kDebug, "opened a connection"), 2u);
  EXPECT_EQ(log.count(LogLevel::kDebug, "closed a connection"), 1u);
  engine.connect();
  EXPECT_EQ(log.count(LogLevel::kDebug, "opened a connection"), 2u);
}

TEST(SqliteConnection, ConnectionLeftInsideRawTransactionIsRolledBackByThePool) {
  TempDir dir;
  Engine engine(file_url(dir / "a.db"));
  engine.connect().execute("CREATE TABLE t (a INTEGER)");
  {
    Connection conn = engine.connect();
    conn.execute("BEGIN; INSERT INTO t (a) VALUES (1)");
  }
  Connection conn = engine.connect();
  EXPECT_EQ(conn.query("SELECT count(*) FROM t")[0].integer(0), 0);
  Transaction tx(conn);  // would fail if a transaction were still open
  tx.commit();
}

TEST(SqliteConnection, EngineLendsConnectionsToSeveralThreads) {
  TempDir dir;
  EngineOptions options;
  options.pool_size = 2;
  Engine engine(file_url(dir / "a.db"), options);
  engine.connect().execute("CREATE TABLE t (a INTEGER)");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&engine, t] {
      for (int i = 0; i < 20; ++i) {
        Connection conn = engine.connect();
        Transaction tx(conn);
        conn.query("INSERT INTO t (a) VALUES (?)", {t * 100 + i});
        tx.commit();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(engine.connect().query("SELECT count(DISTINCT a) FROM t")[0].integer(0), 80);
}

TEST(SqliteConnection, RelativePathIsRelativeToTheWorkingDirectory) {
  TempDir dir;
  const fs::path previous = fs::current_path();
  fs::current_path(dir.path());
  try {
    Engine(Url::parse("sqlite:///rel.db")).connect().execute("CREATE TABLE t (a INTEGER)");
  } catch (...) {
    fs::current_path(previous);
    throw;
  }
  fs::current_path(previous);
  EXPECT_TRUE(fs::exists(dir / "rel.db"));
}

TEST(SqliteConnection, EngineRejectsUnknownDialect) {
  Url url = Url::parse("sqlite://");
  url.dialect = "oracle";
  EXPECT_THROW(Engine{url}, UsageError);
}

}  // namespace
}  // namespace retort::testing
