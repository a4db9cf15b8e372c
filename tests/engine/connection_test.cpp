// Statements on both backends: bound parameters, results, prepared statements, errors, echo.
#include <limits>

#include "engine/connection_fixture.hpp"
#include "retort/error.hpp"

namespace retort::testing {
namespace {

class ConnectionTest : public ConnectionFixture {};

TEST_P(ConnectionTest, TypedParametersRoundTrip) {
  conn().execute("CREATE TABLE v (k INTEGER PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, t TEXT, b " +
                 blob_type() + ")");
  const std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  const std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  const std::string unicode = "na\xC3\xAFve \xE2\x98\x83 'quoted' \"double\" ; --";
  const Blob zeros = {0x00, 0x01, 0x00, 0xff, 0x00};
  const std::vector<std::vector<Value>> rows = {
      {1, nullptr, nullptr, nullptr, nullptr},
      {2, static_cast<long long>(kMin), -1.25, unicode, zeros},
      {3, static_cast<long long>(kMax), 1e300, "", Blob{}},
      {4, 0, 0.1, "x", Blob{0}},
  };
  const std::string insert = "INSERT INTO v (k, i, r, t, b) VALUES (" + p(1) + ", " + p(2) + ", " +
                             p(3) + ", " + p(4) + ", " + p(5) + ")";
  for (const auto& row : rows) conn().query(insert, row);

  Result result = conn().query("SELECT k, i, r, t, b FROM v ORDER BY k");
  ASSERT_EQ(result.size(), rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      EXPECT_EQ(result.cell(r, c), rows[r][c])
          << "row " << r << " column " << c << ": " << result.cell(r, c).to_display();
    }
  }
}

TEST_P(ConnectionTest, ColumnNamesAndEmptyResults) {
  Result result = conn().query("SELECT 1 AS one, 'x' AS \"Two Words\"");
  EXPECT_EQ(result.columns(), (std::vector<std::string>{"one", "Two Words"}));
  EXPECT_EQ(result[0]["Two Words"].text(), "x");
  conn().execute("CREATE TABLE e (a INTEGER)");
  Result empty = conn().query("SELECT a FROM e");
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.columns(), std::vector<std::string>{"a"});
}

TEST_P(ConnectionTest, RowsAffected) {
  conn().execute("CREATE TABLE n (a INTEGER)");
  EXPECT_EQ(conn().query("INSERT INTO n (a) VALUES (1), (2), (3)").rows_affected(), 3);
  EXPECT_EQ(conn().query("UPDATE n SET a = a + 10 WHERE a >= " + p(1), {2}).rows_affected(), 2);
  EXPECT_EQ(conn().query("UPDATE n SET a = 0 WHERE a < 0").rows_affected(), 0);
  EXPECT_EQ(conn().query("SELECT a FROM n").rows_affected(), 0);
  EXPECT_EQ(conn().query("CREATE TABLE n2 (a INTEGER)").rows_affected(), 0);
  EXPECT_EQ(conn().query("DELETE FROM n").rows_affected(), 3);
}

TEST_P(ConnectionTest, ExecuteRunsEveryStatementOfAScript) {
  conn().execute(
      "CREATE TABLE a (x INTEGER);\n-- a comment\nCREATE TABLE b (y INTEGER);\n"
      "INSERT INTO a (x) VALUES (1); INSERT INTO b (y) VALUES (2);  ");
  EXPECT_EQ(count_rows("a"), 1);
  EXPECT_EQ(count_rows("b"), 1);
}

TEST_P(ConnectionTest, PreparedStatementsAreReusable) {
  conn().execute("CREATE TABLE s (k INTEGER, v TEXT)");
  Statement insert = conn().prepare("INSERT INTO s (k, v) VALUES (" + p(1) + ", " + p(2) + ")");
  for (int k = 1; k <= 5; ++k) {
    EXPECT_EQ(insert.execute({k, "v" + std::to_string(k)}).rows_affected(), 1);
  }
  Statement select = conn().prepare("SELECT v FROM s WHERE k = " + p(1));
  EXPECT_EQ(select.execute({3})[0].text(0), "v3");
  EXPECT_EQ(select.execute({5})[0].text(0), "v5");
  EXPECT_TRUE(select.execute({9}).empty());
  // A failing run does not spoil the statement.
  Statement strict = conn().prepare("SELECT 10 / " + p(1));
  EXPECT_EQ(strict.execute({2})[0].integer(0), 5);
}

TEST_P(ConnectionTest, ErrorsCarryTheDatabaseCode) {
  try {
    conn().query("SELECT * FROM no_such_table");
    FAIL() << "no error";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), missing_table_code()) << e.what();
    EXPECT_NE(std::string(e.what()).find("no_such_table"), std::string::npos) << e.what();
    EXPECT_FALSE(e.server_message().empty());
  }
  conn().execute("CREATE TABLE u (a INTEGER UNIQUE)");
  conn().query("INSERT INTO u (a) VALUES (1)");
  try {
    conn().query("INSERT INTO u (a) VALUES (" + p(1) + ")", {1});
    FAIL() << "no error";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), unique_violation_code()) << e.what();
  }
  // The connection is still usable.
  EXPECT_EQ(count_rows("u"), 1);
}

TEST_P(ConnectionTest, EchoLogsStatementsWithParameters) {
  conn().execute("CREATE TABLE t (a INTEGER, b TEXT)");
  log().clear();
  const std::string insert = "INSERT INTO t (a, b) VALUES (" + p(1) + ", " + p(2) + ")";
  conn().query(insert, {42, "x"});
  Statement prepared = conn().prepare(insert);
  prepared.execute({7, nullptr});
  {
    Transaction tx(conn());
    tx.commit();
  }
  std::vector<std::string> info = log().at(LogLevel::kInfo);
  EXPECT_EQ(info, (std::vector<std::string>{insert + " [params: 42, 'x']",
                                            insert + " [params: 7, NULL]", "BEGIN", "COMMIT"}));
}

TEST_P(ConnectionTest, NoEchoWithoutTheOption) {
  LogCapture quiet;
  EngineOptions options;
  options.logger = quiet.sink();
  Engine engine(url(), options);
  Connection conn = engine.connect();
  conn.query("SELECT 1");
  EXPECT_TRUE(quiet.at(LogLevel::kInfo).empty());
  // Connections are reported at debug level with the redacted URL.
  ASSERT_FALSE(quiet.at(LogLevel::kDebug).empty());
  EXPECT_NE(quiet.at(LogLevel::kDebug)[0].find(url().redacted()), std::string::npos);
}

TEST_P(ConnectionTest, FailedStatementsAreLoggedAtDebug) {
  log().clear();
  EXPECT_THROW(conn().query("SELECT * FROM missing_one"), DatabaseError);
  EXPECT_EQ(log().count(LogLevel::kDebug, "statement failed on " + url().redacted() + ": "), 1u);
}

TEST_P(ConnectionTest, MovedFromConnectionIsAUsageError) {
  Connection other = std::move(conn());
  EXPECT_EQ(other.query("SELECT 1")[0].integer(0), 1);
  EXPECT_THROW(conn().query("SELECT 1"), UsageError);
  conn() = std::move(other);
  EXPECT_EQ(conn().query("SELECT 2")[0].integer(0), 2);
}

RETORT_INSTANTIATE_BACKENDS(ConnectionTest);

}  // namespace
}  // namespace retort::testing
