// No password in any output: a PostgreSQL URL with a password full of URL-special characters,
// given through --url, the config file and ${DATABASE_URL}, never appears in what retort
// prints (stdout, stderr, --echo and -v logs, JSON, errors, offline SQL) or writes (revision
// files), whether the command succeeds or fails.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/sql_builder.hpp"
#include "retort/engine.hpp"
#include "robustness/robustness_fixture.hpp"

namespace retort::testing {
namespace {

// The password, with characters that need percent-encoding in a URL. "Zq9" is in it raw and
// encoded, so a partial leak (a password cut at a special character) is caught as well.
const std::string kPassword = "p@ss:w/rd?#%&Zq9 'x\"";
const std::string kMarker = "Zq9";

const char* const kRevision = kArtistRevision;

const char* const kFailingRevision = R"y(revision: rev0002
down_revision: rev0001
message: broken
upgrade:
  - execute: "INSERT INTO no_such_table VALUES (1)"
downgrade: []
)y";

const char* const kModels = R"y(tables:
  artist:
    columns:
      id: {type: integer, primary_key: true}
      name: text
)y";

enum class Source { kFlag, kConfig, kEnvironment };

class SecretsTest : public ::testing::TestWithParam<Source> {
 protected:
  void SetUp() override {
    RETORT_REQUIRE_PG();
    server_ = *pg_server_url();
    db_ = std::make_unique<PgTestDatabase>(server_);
    role_ = "retort_secret_" + std::to_string(getpid());
    Engine engine(server_);
    Connection conn = engine.connect();
    // DDL takes no parameters: the password goes in as a quoted literal.
    conn.execute("DROP ROLE IF EXISTS " + quote_identifier(role_));
    conn.execute("CREATE ROLE " + quote_identifier(role_) + " LOGIN SUPERUSER PASSWORD " +
                 quote_literal(kPassword));
    write_file(dir_ / "models/schema.yaml", kModels);
    write_file(dir_ / "migrations/versions/0001_artist.yaml", kRevision);
  }
  void TearDown() override {
    if (role_.empty() || !db_) return;
    db_.reset();  // drops the database (and the role's connections to it)
    Engine engine(server_);
    Connection conn = engine.connect();
    conn.execute("DROP ROLE IF EXISTS " + quote_identifier(role_));
  }

  // The URL of the test database as the secret role, with `password` and `port` changed.
  Url url(const std::string& password = kPassword, std::optional<int> port = {},
          std::string database = {}) const {
    Url u = db_->url();
    u.user = role_;
    u.password = password;
    if (port) u.port = *port;
    if (!database.empty()) u.database = database;
    return u;
  }

  // Runs retort with `u` given the way GetParam() says.
  RunResult run(const Url& u, std::vector<std::string> args) {
    const std::string text = u.to_string();
    std::map<std::string, std::string> env;
    std::string config = "models: models/schema.yaml\nscript_location: migrations\n";
    switch (GetParam()) {
      case Source::kFlag:
        args.insert(args.begin(), {"--url", text});
        config += "database_url: sqlite:///unused.db\n";
        break;
      case Source::kConfig:
        config += "database_url: \"" + text + "\"\n";
        break;
      case Source::kEnvironment:
        config += "database_url: ${DATABASE_URL}\n";
        env["DATABASE_URL"] = text;
        break;
    }
    write_file(dir_ / "retort.yaml", config);
    return run_retort(args, dir_.path(), env);
  }

  // The password in none of the outputs, in any spelling: the marker is in the raw password
  // and in its percent-encoded form; the test server's own password must not show either.
  static void expect_no_secret(const RunResult& r, const std::string& what) {
    EXPECT_EQ(r.out.find(kMarker), std::string::npos) << what << " stdout:\n" << r.out;
    EXPECT_EQ(r.err.find(kMarker), std::string::npos) << what << " stderr:\n" << r.err;
    EXPECT_FALSE(shows_server_password(r.out + r.err)) << what << ":\n" << r.out << r.err;
  }

  Url server_;
  std::unique_ptr<PgTestDatabase> db_;
  std::string role_;
  TempDir dir_;
};

TEST_P(SecretsTest, EveryCommandsOutputLeavesThePasswordOut) {
  std::vector<std::vector<std::string>> commands = {{"upgrade"},
                                                    {"current"},
                                                    {"history", "-i"},
                                                    {"inspect"},
                                                    {"stamp", "rev0001"},
                                                    {"downgrade", "base"},
                                                    {"upgrade", "rev0001"},
                                                    {"check"},
                                                    {"repair"}};
  if (GetParam() == Source::kFlag) {
    commands.push_back({"diff", "--from", url().to_string(), "--to", "models/schema.yaml"});
  }
  for (const auto& command : commands) {
    for (const std::vector<std::string>& flags :
         std::vector<std::vector<std::string>>{{"--echo", "-v"}, {"--format", "json"}}) {
      std::vector<std::string> args = flags;
      args.insert(args.end(), command.begin(), command.end());
      const RunResult r = run(url(), args);
      const std::string what = ::testing::PrintToString(args);
      // check exits 1 for the pending difference; every other command succeeds.
      EXPECT_TRUE(r.exit_code == 0 || (command[0] == "check" && r.exit_code == 1))
          << what << " exit " << r.exit_code << ": " << r.err;
      expect_no_secret(r, what);
    }
  }
}

TEST_P(SecretsTest, ConnectionErrorsLeaveThePasswordOut) {
  // A wrong password, a port nobody listens on, a database that does not exist.
  const int closed_port = 1;  // privileged and unused: connecting is refused
  const std::vector<std::pair<std::string, Url>> cases = {
      {"wrong password", url("wrong" + kPassword)},
      {"refused", url(kPassword, closed_port)},
      {"missing database", url(kPassword, {}, "no_such_db_" + std::to_string(getpid()))}};
  for (const auto& [what, u] : cases) {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"upgrade"}, {"--format", "json", "current"}, {"--echo", "-v", "inspect"}}) {
      const RunResult r = run(u, args);
      EXPECT_EQ(r.exit_code, 3) << what << ": " << r.err;
      expect_no_secret(r, what);
      if (args[0] == "upgrade") {  // without -v, the error is one line
        EXPECT_EQ(error_lines(r.err).size(), 1u) << what << ": " << r.err;
      }
    }
  }
}

// libpq also takes the password as a query parameter (?password=...): hidden alike, in the
// JSON "url" fields, logs and connection errors.
TEST_P(SecretsTest, APasswordInTheQueryIsHiddenToo) {
  auto in_query = [&](const std::string& password) {
    Url u = url();
    u.password.reset();
    u.query.emplace_back("password", password);
    return u;
  };
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--echo", "-v", "upgrade"},
           {"--format", "json", "current"},
           {"--format", "json", "seed", "--rows", "2"},
           {"--format", "json", "check"},
           {"-v", "inspect"}}) {
    const RunResult r = run(in_query(kPassword), args);
    const std::string what = ::testing::PrintToString(args);
    EXPECT_TRUE(r.exit_code == 0 || (args[2] == "check" && r.exit_code == 1))
        << what << " exit " << r.exit_code << ": " << r.err;
    expect_no_secret(r, what);
  }
  const RunResult r = run(in_query("wrong" + kPassword), {"--format", "json", "current"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  expect_no_secret(r, "wrong password in the query");
}

TEST_P(SecretsTest, FailingRevisionLeavesThePasswordOut) {
  write_file(dir_ / "migrations/versions/0002_fail.yaml", kFailingRevision);
  const RunResult r = run(url(), {"--echo", "-v", "upgrade"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("no_such_table"), std::string::npos) << r.err;
  expect_no_secret(r, "failing revision");
}

TEST_P(SecretsTest, OfflineSqlLeavesThePasswordOut) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"-v", "upgrade", "--sql"},
                                             {"--format", "json", "upgrade", "--sql"},
                                             {"-v", "downgrade", "--sql", "rev0001:base"}}) {
    const RunResult r = run(url(), args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(args.back() == "--sql" ? "CREATE TABLE" : "DROP TABLE"), std::string::npos)
        << r.out;
    expect_no_secret(r, ::testing::PrintToString(args));
  }
}

TEST_P(SecretsTest, WrittenRevisionFilesLeaveThePasswordOut) {
  ASSERT_EQ(run(url(), {"upgrade"}).exit_code, 0);
  const RunResult r = run(url(), {"-v", "revision", "--autogenerate", "-m", "add name"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_no_secret(r, "revision --autogenerate");
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_ / "migrations/versions")) {
    const std::string text = read_file(entry.path());
    ++files;
    EXPECT_EQ(text.find(kMarker), std::string::npos) << entry.path() << ":\n" << text;
  }
  EXPECT_EQ(files, 2);
}

INSTANTIATE_TEST_SUITE_P(Sources, SecretsTest,
                         ::testing::Values(Source::kFlag, Source::kConfig, Source::kEnvironment),
                         [](const auto& info) {
                           switch (info.param) {
                             case Source::kFlag:
                               return std::string("url_flag");
                             case Source::kConfig:
                               return std::string("config_file");
                             case Source::kEnvironment:
                               return std::string("environment");
                           }
                           return std::string();
                         });

}  // namespace
}  // namespace retort::testing
