// Every command the documentation shows is run here, as a new user would type it, and what it
// prints is compared with what the document says it prints (markdown_script.hpp).
//
// Each document runs as one session in a fresh directory, with the built retort first in PATH
// and DATABASE_URL unset (the templates' retort.yaml then uses SQLite); replay() runs the same
// session on PostgreSQL by setting DATABASE_URL, with the same comparisons (a block marked
// `only sqlite` or `only postgresql` runs in that replay alone). A `doc-test: fresh` marker
// starts a new session: a new directory and, on PostgreSQL, a new database.
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <memory>

#include "markdown_script.hpp"
#include "support/test_support.hpp"

namespace retort::testing {
namespace {
namespace fs = std::filesystem;

std::vector<std::string> output_lines(const RunResult& run) {
  std::vector<std::string> lines;
  std::string text = run.out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// A new session: an empty directory and the database its commands use by default.
struct Session {
  std::unique_ptr<TempDir> directory = std::make_unique<TempDir>();
  std::map<std::string, std::string> env;
};

// Starts a session whose DATABASE_URL is `database_url` (empty: unset, so the templates use
// SQLite).
Session new_session(const std::string& database_url) {
  Session session;
  fs::path bin_dir = fs::path(RETORT_BINARY).parent_path();
  const char* path = std::getenv("PATH");
  session.env = {
      {"PATH", bin_dir.string() + ":" + (path != nullptr ? path : "/usr/bin:/bin")},
      {"HOME", session.directory->path().string()},
      {"DATABASE_URL", database_url},  // empty: unset
      {"NO_COLOR", "1"},
  };
  return session;
}

// Replays `document` (relative to the source tree) in a fresh directory. `new_database`
// returns the URL of a new, empty database for each session (the document's start and each
// `doc-test: fresh` marker); "" means the SQLite default of the templates.
void replay(const std::string& document, const std::function<std::string()>& new_database) {
  std::vector<ScriptStep> steps =
      parse_markdown_script(read_file(fs::path(RETORT_SOURCE_DIR) / document));
  ASSERT_FALSE(steps.empty()) << document << " shows no commands";
  std::string first_database = new_database();
  const std::string database = first_database.empty() ? "sqlite" : "postgresql";
  Session session = new_session(first_database);
  for (const ScriptStep& step : steps) {
    if (!step.only.empty() && step.only != database) continue;
    std::string where = document + ":" + std::to_string(step.line);
    fs::path dir = session.directory->path();
    if (step.kind == ScriptStep::Kind::kFresh) {
      session = new_session(new_database());
    } else if (step.kind == ScriptStep::Kind::kWriteFile) {
      write_file(dir / step.path, step.content);
    } else if (step.kind == ScriptStep::Kind::kSetup) {
      RunResult run =
          run_process({"/bin/sh", "-c", "exec 2>&1\nset -e\n" + step.command}, dir, session.env);
      ASSERT_EQ(run.exit_code, 0) << where << ": the setup failed\n" << run.out;
    } else {
      RunResult run =
          run_process({"/bin/sh", "-c", "exec 2>&1\n" + step.command}, dir, session.env);
      ASSERT_EQ(run.exit_code, step.expected_exit) << where << ": $ " << step.command << "\n"
                                                   << run.out;
      std::string why;
      EXPECT_TRUE(lines_match(step.expected, output_lines(run), &why))
          << where << ": $ " << step.command << "\n"
          << why;
    }
  }
}

// The documents that show a session, in reading order: all run on SQLite.
const char* const kDocuments[] = {
    "README.md",   "docs/tutorial.md", "docs/ci.md",   "docs/adopting.md",
    "docs/cli.md", "docs/config.md",   "docs/lint.md",
};

// The documents that say they work on PostgreSQL too, replayed there with DATABASE_URL set.
const char* const kPostgresqlDocuments[] = {
    "README.md", "docs/tutorial.md", "docs/ci.md", "docs/cli.md", "docs/config.md",
};

class DocExamples : public ::testing::TestWithParam<const char*> {};

TEST_P(DocExamples, RunOnSqlite) {
  replay(GetParam(), [] { return std::string(); });
}

std::string test_name(const ::testing::TestParamInfo<const char*>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Docs, DocExamples, ::testing::ValuesIn(kDocuments), test_name);

class PostgresqlDocExamples : public ::testing::TestWithParam<const char*> {};

TEST_P(PostgresqlDocExamples, RunOnPostgresql) {
  RETORT_REQUIRE_PG();
  std::vector<std::unique_ptr<PgTestDatabase>> databases;  // dropped when the test ends
  replay(GetParam(), [&databases] {
    databases.push_back(std::make_unique<PgTestDatabase>(*pg_server_url()));
    return databases.back()->url().to_string();
  });
}

INSTANTIATE_TEST_SUITE_P(Docs, PostgresqlDocExamples, ::testing::ValuesIn(kPostgresqlDocuments),
                         test_name);

}  // namespace
}  // namespace retort::testing
