// End to end: retort lint on a project, with the URL's dialect choosing the dialect rules, text
// and JSON output, exit codes, ignores and a range.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <memory>

#include "support/test_support.hpp"

namespace retort {
namespace {
using testing::run_retort;
using testing::write_file;

const char* const kCreate =
    "revision: r1\ndown_revision: null\nmessage: create\nupgrade:\n"
    "  - create_table: {name: track, columns: {id: {type: integer, primary_key: true},\n"
    "      title: varchar(100)}}\n"
    "downgrade:\n  - drop_table: {name: track}\n";
const char* const kIndex =
    "revision: r2\ndown_revision: r1\nmessage: index\nupgrade:\n"
    "  - create_index: {table: track, name: ix_title, columns: [title]}\n"
    "downgrade:\n  - drop_index: {table: track, name: ix_title, columns: [title]}\n";
const char* const kDrop =
    "revision: r3\ndown_revision: r2\nmessage: drop\nupgrade:\n"
    "  - drop_table: {name: track, columns: {id: {type: integer, primary_key: true}, title: "
    "varchar(100)}}\n"
    "downgrade:\n  - execute: \"SELECT 1\"\n";

class LintCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string url = "sqlite:///app.db";
    if (GetParam() == "postgresql") {
      RETORT_REQUIRE_PG();
      url = testing::pg_server_url()->to_string();
    }
    write_file(dir_ / "retort.yaml", "database_url: " + url + "\n");
    write_file(dir_ / "migrations/versions/1.yaml", kCreate);
    write_file(dir_ / "migrations/versions/2.yaml", kIndex);
  }
  testing::RunResult retort(const std::vector<std::string>& args) {
    return run_retort(args, dir_.path());
  }
  bool pg() const { return GetParam() == "postgresql"; }
  testing::TempDir dir_;
};

TEST_P(LintCli, WarningsExitZeroErrorsExitOne) {
  auto r = retort({"lint"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string concurrently =
      "migrations/versions/2.yaml:5: RT009 warning: creating index \"ix_title\" on existing table "
      "\"track\" without CONCURRENTLY blocks writes to it while the index builds (fix: ";
  EXPECT_EQ(r.out.find(concurrently) != std::string::npos, pg()) << r.out;
  EXPECT_NE(r.out.find(pg() ? "0 errors, 1 warning, 0 info in 2 revision(s) for postgresql\n"
                            : "0 errors, 0 warnings, 0 info in 2 revision(s) for sqlite\n"),
            std::string::npos)
      << r.out;

  write_file(dir_ / "migrations/versions/3.yaml", kDrop);
  r = retort({"lint"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("migrations/versions/3.yaml:5: RT001 error: dropping table \"track\" "
                       "deletes its rows (fix: keep the table"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.err, "");
}

TEST_P(LintCli, JsonAndRange) {
  write_file(dir_ / "migrations/versions/3.yaml", kDrop);
  auto r = retort({"lint", "r3:", "--format", "json"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["dialect"], GetParam());
  EXPECT_EQ(json["revisions_checked"], 1);
  EXPECT_EQ(json["errors"], 1);
  ASSERT_EQ(json["findings"].size(), 1u);
  const auto& f = json["findings"][0];
  EXPECT_EQ(f["rule"], "RT001");
  EXPECT_EQ(f["name"], "drop-table");
  EXPECT_EQ(f["severity"], "error");
  EXPECT_EQ(f["revision"], "r3");
  EXPECT_EQ(f["line"], 5);
  EXPECT_TRUE(f["file"].get<std::string>().ends_with("migrations/versions/3.yaml"));
  EXPECT_EQ(f["ignored"], false);
  EXPECT_TRUE(f["ignore_reason"].is_null());
}

TEST_P(LintCli, AnIgnoredErrorExitsZero) {
  write_file(
      dir_ / "migrations/versions/3.yaml",
      std::string(kDrop) + "lint:\n  ignore:\n    - {rule: RT001, reason: \"archived to S3\"}\n");
  auto r = retort({"--format", "json", "lint"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["ignored"], 1);
  EXPECT_EQ(json["errors"], 0);
  r = retort({"lint"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("(1 ignored)"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("RT001"), std::string::npos) << r.out;
}

TEST_P(LintCli, AnIgnoreWithoutReasonIsAnInputError) {
  write_file(dir_ / "migrations/versions/3.yaml",
             std::string(kDrop) + "lint:\n  ignore:\n    - rule: RT001\n");
  auto r = retort({"lint"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("3.yaml:10:7: lint: ignoring RT001 needs a reason"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, "");
}

INSTANTIATE_TEST_SUITE_P(Dialects, LintCli, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort
