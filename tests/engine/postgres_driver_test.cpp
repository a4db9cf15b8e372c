// PostgreSQL-specific behaviour of the libpq driver, tested through its ConnectionImpl:
// connection failures, error translation, type mapping, notices, prepared statements and
// broken connections. The dialect-neutral engine behaviour is tested elsewhere.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/driver.hpp"
#include "retort/error.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {

using detail::ConnectionImpl;
using testing::PgTestDatabase;

std::unique_ptr<ConnectionImpl> open(const Url& url, EngineOptions options = {}) {
  return detail::open_postgres(url, options);
}

// Runs `action`, which must throw DatabaseError, and returns the error.
template <typename F>
DatabaseError expect_database_error(F&& action) {
  try {
    action();
  } catch (const DatabaseError& e) {
    return e;
  }
  ADD_FAILURE() << "no DatabaseError thrown";
  return DatabaseError("");
}

// A TCP socket bound to an ephemeral port on 127.0.0.1; listens when asked to.
class LocalSocket {
 public:
  explicit LocalSocket(bool listen) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    if (listen) {
      EXPECT_EQ(::listen(fd_, 4), 0);
    }
  }
  ~LocalSocket() { ::close(fd_); }
  LocalSocket(const LocalSocket&) = delete;
  LocalSocket& operator=(const LocalSocket&) = delete;
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

TEST(PostgresConnect, RefusedPortNamesRedactedUrlNotPassword) {
  RETORT_REQUIRE_PG();
  int port = 0;
  {
    LocalSocket bound(false);  // bound but not listening: connections are refused
    port = bound.port();
    const Url url =
        Url::parse("postgresql://retort:s3cret-pw@127.0.0.1:" + std::to_string(port) + "/x");
    const DatabaseError e = expect_database_error([&] { open(url); });
    const std::string what = e.what();
    EXPECT_NE(what.find("postgresql: connecting to postgresql://retort:***@127.0.0.1:" +
                        std::to_string(port) + "/x: "),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("refused"), std::string::npos) << what;
    EXPECT_EQ(what.find("s3cret-pw"), std::string::npos) << what;
    EXPECT_EQ(e.code(), "");
  }
}

TEST(PostgresConnect, WrongPasswordReports28P01) {
  RETORT_REQUIRE_PG();
  Url url = *testing::pg_server_url();
  const std::string real_password = url.password.value_or("");
  url.password = "not-the-password";
  const DatabaseError e = expect_database_error([&] { open(url); });
  const std::string what = e.what();
  EXPECT_EQ(e.code(), "28P01") << what;
  EXPECT_NE(what.find(url.redacted()), std::string::npos) << what;
  EXPECT_NE(what.find("password authentication failed"), std::string::npos) << what;
  EXPECT_NE(what.find("(SQLSTATE 28P01)"), std::string::npos) << what;
  EXPECT_EQ(what.find("not-the-password"), std::string::npos) << what;
  if (!real_password.empty()) {
    EXPECT_EQ(what.find(real_password), std::string::npos) << what;
  }
  EXPECT_EQ(what.find("LOCATION"), std::string::npos) << what;
  EXPECT_NE(e.server_message().find("password authentication failed"), std::string::npos);
}

TEST(PostgresConnect, MissingDatabaseReports3D000) {
  RETORT_REQUIRE_PG();
  Url url = *testing::pg_server_url();
  url.database = "retort_no_such_database";
  const DatabaseError e = expect_database_error([&] { open(url); });
  const std::string what = e.what();
  EXPECT_EQ(e.code(), "3D000") << what;
  EXPECT_NE(what.find(url.redacted()), std::string::npos) << what;
  EXPECT_NE(what.find("retort_no_such_database\" does not exist"), std::string::npos) << what;
  EXPECT_EQ(e.server_message(), "database \"retort_no_such_database\" does not exist");
  if (url.password) {
    EXPECT_EQ(what.find(*url.password), std::string::npos) << what;
  }
}

TEST(PostgresConnect, UnknownUrlOptionIsADatabaseError) {
  RETORT_REQUIRE_PG();
  Url url = *testing::pg_server_url();
  url.query.emplace_back("no_such_option", "1");
  const DatabaseError e = expect_database_error([&] { open(url); });
  EXPECT_NE(std::string(e.what()).find("no_such_option"), std::string::npos) << e.what();
}

TEST(PostgresConnect, ServerThatNeverAnswersTimesOut) {
  RETORT_REQUIRE_PG();
  LocalSocket silent(true);  // the kernel accepts; nobody ever answers
  const Url url =
      Url::parse("postgresql://retort:pw-silent@127.0.0.1:" + std::to_string(silent.port()) +
                 "/x?connect_timeout=2");
  const auto start = std::chrono::steady_clock::now();
  const DatabaseError e = expect_database_error([&] { open(url); });
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_NE(std::string(e.what()).find("timeout expired after 2 s"), std::string::npos) << e.what();
  EXPECT_GE(elapsed, std::chrono::milliseconds(1900));
  EXPECT_LT(elapsed, std::chrono::seconds(10));
}

TEST(PostgresConnect, SetsApplicationNameUnlessTheUrlDoes) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*testing::pg_server_url());
  auto conn = open(db.url());
  EXPECT_EQ(conn->query("SELECT current_setting('application_name')", {})[0].text(0), "retort");
  EXPECT_EQ(conn->dialect().kind(), DialectKind::kPostgres);

  Url custom = db.url();
  custom.query.emplace_back("application_name", "mine");
  custom.query.emplace_back("sslmode", "disable");
  auto other = open(custom);
  EXPECT_EQ(other->query("SELECT current_setting('application_name')", {})[0].text(0), "mine");
}

TEST(PostgresStatementErrors, CarrySqlstateAndServerMessage) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*testing::pg_server_url());
  auto conn = open(db.url());
  const DatabaseError e =
      expect_database_error([&] { conn->query("SELECT * FROM\n  missing_table", {}); });
  EXPECT_EQ(e.code(), "42P01");
  EXPECT_EQ(e.server_message(), "relation \"missing_table\" does not exist");
  EXPECT_EQ(std::string(e.what()),
            "postgresql: SELECT * FROM missing_table: relation \"missing_table\" does not exist "
            "(SQLSTATE 42P01)");
  EXPECT_TRUE(conn->healthy());
}

TEST(PostgresStatementErrors, IncludeDetailAndHint) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*testing::pg_server_url());
  auto conn = open(db.url());
  conn->execute("CREATE TABLE t (id integer PRIMARY KEY); INSERT INTO t VALUES (1)");
  const DatabaseError dup =
      expect_database_error([&] { conn->query("INSERT INTO t VALUES ($1)", {1}); });
  EXPECT_EQ(dup.code(), "23505");
  EXPECT_NE(std::string(dup.what()).find("\nDETAIL: Key (id)=(1) already exists."),
            std::string::npos)
      << dup.what();

  const DatabaseError no_fn =
      expect_database_error([&] { conn->execute("SELECT no_such_function(1)"); });
  EXPECT_EQ(no_fn.code(), "42883");
  EXPECT_NE(std::string(no_fn.what()).find("\nHINT: No function matches"), std::string::npos)
      << no_fn.what();
}

TEST(PostgresStatementErrors, QuoteAtMost200CharactersOfSql) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*testing::pg_server_url());
  auto conn = open(db.url());
  const std::string sql = "SELECT " + std::string(300, 'x') + " FROM nowhere";
  const DatabaseError e = expect_database_error([&] { conn->execute(sql); });
  const std::string what = e.what();
  EXPECT_NE(what.find("postgresql: " + sql.substr(0, 200) + "...: "), std::string::npos);
  EXPECT_EQ(what.find(sql.substr(0, 201)), std::string::npos);
}

TEST(PostgresTypes, MapEveryOidToItsValueType) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*testing::pg_server_url());
  auto conn = open(db.url());
  conn->execute("CREATE TYPE mood AS ENUM ('happy', 'sad')");
  const Result r = conn->query(
      "SELECT 1::int2, 2::int4, 9223372036854775807::int8, 4::oid, 1.5::float4, 0.1::float8, "
      "true, false, '\\x00ff41'::bytea, 1.50::numeric, 'x'::text, 'y'::varchar(3), "
      "'2024-02-29'::date, '2024-02-29 12:30:00'::timestamp, '{\"a\": 1}'::json, "
      "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, 'sad'::mood, NULL::int4, NULL::text, "
      "'NaN'::float8, '-Infinity'::float8",
      {});
  ASSERT_EQ(r.size(), 1u);
  const Row row = r[0];
  const std::vector<Value> expected = {
      Value(1),
      Value(2),
      Value(std::numeric_limits<long long>::max()),
      Value(4),
      Value(1.5),
      Value(0.1),
      Value(1),
      Value(0),
      Value(Blob{0x00, 0xff, 0x41}),
      Value("1.50"),
      Value("x"),
      Value("y"),
      Value("2024-02-29"),
      Value("2024-02-29 12:30:00"),
      Value("{\"a\": 1}"),
      Value("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
      Value("sad"),
      Value(),
      Value(),
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(row[i], expected[i]) << "column " << i << ": " << row[i].to_display();
  }
  EXPECT_EQ(row[19].type(), Value::Type::kReal);
  EXPECT_TRUE(std::isnan(row[19].real()));
  EXPECT_EQ(row[20], Value(-std::numeric_limits<double>::infinity()));
}

TEST(PostgresTypes, ParametersRoundTrip) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*testing::pg_server_url());
  auto conn = open(db.url());
  const Blob bytes = {0x00, 0x01, 0x27, 0x5c, 0xff, 0x00};
  const long long min = std::numeric_limits<long long>::min();
  const Result r = conn->query(
      "SELECT $1::int8, $2::float8, $3::text, $4::bytea, $5::int4 IS NULL, $6, $7::float8",
      {min, 0.1, "it's \"quoted\" \xc3\xa9", bytes, nullptr, bytes,
       std::numeric_limits<double>::infinity()});
  EXPECT_EQ(r[0][0], Value(min));
  EXPECT_EQ(r[0][1], Value(0.1));
  EXPECT_EQ(r[0][2], Value("it's \"quoted\" \xc3\xa9"));
  EXPECT_EQ(r[0][3], Value(bytes));
  EXPECT_EQ(r[0][4], Value(1));
  EXPECT_EQ(r[0][5], Value(bytes)) << "an untyped blob parameter is sent as bytea";
  EXPECT_EQ(r[0][6], Value(std::numeric_limits<double>::infinity()));

  EXPECT_THROW(conn->query("SELECT $1::text", {std::string("a\0b", 3)}), DatabaseError);
}

TEST(PostgresTypes, RowsAffectedCountsChangesNotQueries) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*testing::pg_server_url());
  auto conn = open(db.url());
  conn->execute("CREATE TABLE t (id integer, b bytea)");
  EXPECT_EQ(
      conn->query("INSERT INTO t VALUES (1, $1), (2, $1), (3, NULL)", {Blob{1, 2}}).rows_affected(),
      3);
  EXPECT_EQ(conn->query("UPDATE t SET id = id + 10 WHERE id > $1", {1}).rows_affected(), 2);
  const Result select = conn->query("SELECT id, b FROM t ORDER BY id", {});
  EXPECT_EQ(select.rows_affected(), 0);
  ASSERT_EQ(select.size(), 3u);
  EXPECT_EQ(select.columns(), (std::vector<std::string>{"id", "b"}));
  EXPECT_EQ(select[0]["b"], Value(Blob{1, 2}));
  EXPECT_TRUE(select[2].is_null(1));
  EXPECT_EQ(conn->query("DELETE FROM t", {}).rows_affected(), 3);
}

TEST(PostgresExecute, RunsSeveralStatements) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*testing::pg_server_url());
  auto conn = open(db.url());
  conn->execute(
      "CREATE TABLE a (id integer);\n"
      "INSERT INTO a VALUES (1);\n"
      "INSERT INTO a VALUES (2);");
  EXPECT_EQ(conn->query("SELECT count(*) FROM a", {})[0].integer(0), 2);
  // One implicit transaction: a failure in the middle undoes the earlier statements.
  const DatabaseError e = expect_database_error(
      [&] { conn->execute("INSERT INTO a VALUES (3); INSERT INTO a VALUES ('x'); "); });
  EXPECT_EQ(e.code(), "22P02");
  EXPECT_EQ(conn->query("SELECT count(*) FROM a", {})[0].integer(0), 2);
  conn->execute("");  // an empty script is fine
}

TEST(PostgresExecute, CopyFromStdinFailsAndLeavesConnectionUsable) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*testing::pg_server_url());
  auto conn = open(db.url());
  conn->execute("CREATE TABLE a (id integer)");
  EXPECT_THROW(conn->execute("COPY a FROM STDIN"), DatabaseError);
  EXPECT_THROW(conn->execute("COPY a TO STDOUT"), DatabaseError);
  EXPECT_TRUE(conn->healthy());
  EXPECT_EQ(conn->query("SELECT 7", {})[0].integer(0), 7);
}

TEST(PostgresNotices, GoToTheLoggerNeverToStderr) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*testing::pg_server_url());
  std::vector<std::pair<LogLevel, std::string>> logged;
  EngineOptions options;
  options.logger = [&](LogLevel level, std::string_view message) {
    logged.emplace_back(level, std::string(message));
  };
  auto conn = open(db.url(), options);
  auto silent = open(db.url());  // no logger: notices are dropped

  ::testing::internal::CaptureStderr();
  conn->execute("DO $$ BEGIN RAISE NOTICE 'hello notice'; RAISE WARNING 'careful'; END $$");
  silent->execute("DO $$ BEGIN RAISE NOTICE 'dropped notice'; END $$");
  silent->execute("DROP TABLE IF EXISTS not_there");
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(err, "");

  ASSERT_EQ(logged.size(), 2u);
  EXPECT_EQ(logged[0].first, LogLevel::kDebug);
  EXPECT_EQ(logged[0].second, "postgresql: NOTICE: hello notice");
  EXPECT_EQ(logged[1].first, LogLevel::kWarning);
  EXPECT_EQ(logged[1].second, "postgresql: WARNING: careful");
}

int prepared_count(ConnectionImpl& conn) {
  return static_cast<int>(
      conn.query("SELECT count(*) FROM pg_prepared_statements", {})[0].integer(0));
}

TEST(PostgresPrepared, RunRepeatedlyAndDeallocateOnDestruction) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*testing::pg_server_url());
  auto conn = open(db.url());
  conn->execute("CREATE TABLE t (id integer, name text, data bytea)");
  {
    auto insert = conn->prepare("INSERT INTO t VALUES ($1, $2, $3)");
    auto other = conn->prepare("SELECT name FROM t WHERE id = $1");
    EXPECT_EQ(prepared_count(*conn), 2);
    EXPECT_EQ(insert->execute({1, "one", Blob{9}}).rows_affected(), 1);
    EXPECT_EQ(insert->execute({2, nullptr, nullptr}).rows_affected(), 1);
    EXPECT_EQ(other->execute({1})[0][0], Value("one"));
    EXPECT_TRUE(other->execute({2})[0].is_null(0));
    const DatabaseError e = expect_database_error([&] { insert->execute({"x", "y", nullptr}); });
    EXPECT_EQ(e.code(), "22P02");
    EXPECT_NE(std::string(e.what()).find("INSERT INTO t VALUES ($1, $2, $3)"), std::string::npos);
  }
  EXPECT_EQ(prepared_count(*conn), 0);
  EXPECT_EQ(conn->query("SELECT data FROM t WHERE id = 1", {})[0][0], Value(Blob{9}));

  const DatabaseError bad = expect_database_error([&] { conn->prepare("SELECT FROM WHERE"); });
  EXPECT_EQ(bad.code(), "42601");
}

TEST(PostgresPrepared, OutlivingItsConnectionFailsCleanly) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*testing::pg_server_url());
  auto conn = open(db.url());
  auto statement = conn->prepare("SELECT 1");
  conn.reset();
  EXPECT_THROW(statement->execute({}), DatabaseError);
  statement.reset();  // must not touch the closed connection
}

TEST(PostgresHealth, TerminatedBackendIsUnhealthy) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*testing::pg_server_url());
  auto victim = open(db.url());
  auto killer = open(db.url());
  ASSERT_TRUE(victim->healthy());
  const std::int64_t pid = victim->query("SELECT pg_backend_pid()", {})[0].integer(0);
  // The timeout makes pg_terminate_backend wait until the backend has exited.
  EXPECT_EQ(killer->query("SELECT pg_terminate_backend($1::int4, 5000)", {pid})[0][0], Value(1));
  EXPECT_FALSE(victim->healthy());
  EXPECT_THROW(victim->query("SELECT 1", {}), DatabaseError);
  EXPECT_FALSE(victim->healthy());
  EXPECT_TRUE(killer->healthy());
}

TEST(PostgresHealth, FailedTransactionIsUnhealthyUntilRolledBack) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*testing::pg_server_url());
  auto conn = open(db.url());
  EXPECT_FALSE(conn->in_transaction());
  conn->execute("BEGIN");
  EXPECT_TRUE(conn->in_transaction());
  EXPECT_TRUE(conn->healthy());
  EXPECT_THROW(conn->execute("SELECT 1/0"), DatabaseError);
  EXPECT_FALSE(conn->healthy());
  const DatabaseError aborted = expect_database_error([&] { conn->query("SELECT 1", {}); });
  EXPECT_EQ(aborted.code(), "25P02");
  conn->execute("ROLLBACK");
  EXPECT_TRUE(conn->healthy());
  EXPECT_FALSE(conn->in_transaction());
}

}  // namespace
}  // namespace retort
