// Every command the documentation shows is run here, as a new user would type it, and what it
// prints is compared with what the document says it prints (markdown_script.hpp).
//
// Each document runs as one session in a fresh directory, with the built retort first in PATH
// and DATABASE_URL unset (the templates' retort.yaml then uses SQLite); replay() runs the same
// session on PostgreSQL by setting DATABASE_URL, with the same comparisons (a block marked
// `only sqlite` or `only postgresql` runs in that replay alone).
#include <gtest/gtest.h>

#include <cstdlib>

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

// Replays `document` (relative to the source tree) in a fresh directory; `database_url`
// empty means the SQLite default of the templates.
void replay(const std::string& document, const std::string& database_url) {
  std::vector<ScriptStep> steps =
      parse_markdown_script(read_file(fs::path(RETORT_SOURCE_DIR) / document));
  ASSERT_FALSE(steps.empty()) << document << " shows no commands";
  TempDir session;
  fs::path bin_dir = fs::path(RETORT_BINARY).parent_path();
  const char* path = std::getenv("PATH");
  std::map<std::string, std::string> env{
      {"PATH", bin_dir.string() + ":" + (path != nullptr ? path : "/usr/bin:/bin")},
      {"HOME", session.path().string()},
      {"DATABASE_URL", database_url},  // empty: unset
      {"NO_COLOR", "1"},
  };
  const std::string database = database_url.empty() ? "sqlite" : "postgresql";
  for (const ScriptStep& step : steps) {
    if (!step.only.empty() && step.only != database) continue;
    std::string where = document + ":" + std::to_string(step.line);
    if (step.kind == ScriptStep::Kind::kWriteFile) {
      write_file(session / step.path, step.content);
      continue;
    }
    RunResult run =
        run_process({"/bin/sh", "-c", "exec 2>&1\n" + step.command}, session.path(), env);
    ASSERT_EQ(run.exit_code, step.expected_exit) << where << ": $ " << step.command << "\n"
                                                 << run.out;
    std::string why;
    EXPECT_TRUE(lines_match(step.expected, output_lines(run), &why))
        << where << ": $ " << step.command << "\n"
        << why;
  }
}

// The documents that show a session, in reading order: all run on SQLite.
const char* const kDocuments[] = {
    "docs/tutorial.md",
    "docs/ci.md",
    "docs/adopting.md",
};

// The documents that say they work on PostgreSQL too, replayed there with DATABASE_URL set.
const char* const kPostgresqlDocuments[] = {
    "docs/tutorial.md",
    "docs/ci.md",
};

class DocExamples : public ::testing::TestWithParam<const char*> {};

TEST_P(DocExamples, RunOnSqlite) { replay(GetParam(), ""); }

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
  PgTestDatabase db(*pg_server_url());
  replay(GetParam(), db.url().to_string());
}

INSTANTIATE_TEST_SUITE_P(Docs, PostgresqlDocExamples, ::testing::ValuesIn(kPostgresqlDocuments),
                         test_name);

}  // namespace
}  // namespace retort::testing
