// End to end: --echo logs every SQL statement a command runs, with its parameters, on stderr.
#include <gtest/gtest.h>

#include "retort/engine.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
using testing::run_retort;
using testing::TempDir;

TEST(EchoCli, InspectLogsEveryStatementOnStderr) {
  TempDir dir;
  {
    Engine engine(Url::parse("sqlite:///" + (dir / "app.db").string()));
    Connection conn = engine.connect();
    conn.execute("CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  }
  auto quiet = run_retort({"inspect", "sqlite:///app.db"}, dir.path());
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.err.find("sqlite_schema"), std::string::npos) << quiet.err;

  auto echoed = run_retort({"--echo", "inspect", "sqlite:///app.db"}, dir.path());
  ASSERT_EQ(echoed.exit_code, 0) << echoed.err;
  // The catalog queries appear on stderr, the model alone on stdout.
  EXPECT_NE(echoed.err.find("SELECT"), std::string::npos) << echoed.err;
  EXPECT_NE(echoed.err.find("sqlite_schema"), std::string::npos) << echoed.err;
  EXPECT_EQ(echoed.out, quiet.out);
}

TEST(EchoCli, EchoedStatementsNeverShowThePassword) {
  RETORT_REQUIRE_PG();
  testing::PgTestDatabase db(*testing::pg_server_url());
  ASSERT_TRUE(db.url().password.has_value());
  TempDir dir;
  auto r = run_retort({"--echo", "-v", "inspect", db.url().to_string()}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("pg_namespace"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(*db.url().password), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find(*db.url().password), std::string::npos) << r.out;
}

}  // namespace
}  // namespace retort
