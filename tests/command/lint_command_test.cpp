// lint_command on a project directory: the dialect comes from the database URL (no database
// is opened), the range limits the report.
#include <gtest/gtest.h>

#include "retort/command_tools.hpp"
#include "retort/error.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
using testing::write_file;

class LintCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "migrations/versions/1.yaml",
               "revision: r1\nupgrade:\n  - create_table: {name: t, columns: {id: integer}}\n"
               "downgrade:\n  - drop_table: {name: t}\n");
    write_file(dir_ / "migrations/versions/2.yaml",
               "revision: r2\ndown_revision: r1\nupgrade:\n"
               "  - create_index: {table: t, name: ix_t, columns: [id]}\n"
               "downgrade:\n  - drop_index: {table: t, name: ix_t, columns: [id]}\n");
  }
  LintCommandResult run(const std::string& url, const std::string& range = "") {
    write_file(dir_ / "retort.yaml", "database_url: " + url + "\n");
    LintCommandOptions options;
    options.project.working_directory = dir_.path();
    options.range = range;
    return lint_command(options);
  }
  testing::TempDir dir_;
};

TEST_F(LintCommandTest, TheDialectComesFromTheUrlWithoutConnecting) {
  // Nothing listens on port 1: the database is never opened.
  const LintCommandResult pg = run("postgresql://u:p@127.0.0.1:1/none");
  EXPECT_EQ(pg.dialect, "postgresql");
  ASSERT_EQ(pg.lint.findings.size(), 1u);
  EXPECT_EQ(pg.lint.findings[0].rule, "RT009");
  EXPECT_EQ(pg.lint.findings[0].file, dir_ / "migrations/versions/2.yaml");
  EXPECT_EQ(pg.lint.findings[0].line, 4);
  const LintCommandResult sqlite = run("sqlite:///never_created.db");
  EXPECT_EQ(sqlite.dialect, "sqlite");
  EXPECT_TRUE(sqlite.lint.findings.empty());
  EXPECT_FALSE(std::filesystem::exists(dir_ / "never_created.db"));
}

TEST_F(LintCommandTest, Range) {
  EXPECT_EQ(run("postgresql://h/db", ":r1").lint.revisions_checked, 1u);
  EXPECT_TRUE(run("postgresql://h/db", ":r1").lint.findings.empty());
  EXPECT_THROW(run("postgresql://h/db", "r2:r1"), RevisionError);
}

}  // namespace
}  // namespace retort
