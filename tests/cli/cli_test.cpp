// End to end: the retort binary's global behaviour (version, help, typos, options, exit codes).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace retort {
namespace {
using testing::run_retort;
using testing::TempDir;

TEST(Cli, VersionPrintsTheVersion) {
  TempDir dir;
  auto r = run_retort({"--version"}, dir.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "retort 0.1.0\n");
}

// The command names in the "Commands:" section of the help, in order.
std::vector<std::string> listed_commands(const std::string& help) {
  std::vector<std::string> names;
  std::size_t at = help.find("\nCommands:\n");
  if (at == std::string::npos) return names;
  std::istringstream lines(help.substr(at + 11));
  std::string line;
  while (std::getline(lines, line) && line.rfind("  ", 0) == 0) {
    std::istringstream words(line);
    std::string name;
    words >> name;
    names.push_back(name);
  }
  return names;
}

// Every command, in the order "retort --help" lists them (cli/commands.def).
const std::vector<std::string> kCommands = {
    "init",  "list-templates", "revision", "merge",  "upgrade", "downgrade", "current",
    "heads", "branches",       "history",  "show",   "stamp",   "repair",    "check",
    "diff",  "inspect",        "lint",     "verify", "erd",     "seed",      "db"};

TEST(Cli, HelpListsEveryCommandOnceWithItsDescription) {
  TempDir dir;
  auto r = run_retort({"--help"}, dir.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(listed_commands(r.out), kCommands) << r.out;
  EXPECT_NE(r.out.find("Create a new project from a template"), std::string::npos);
  for (const char* option : {"--config", "--url", "--echo", "--format", "--quiet", "--verbose"}) {
    EXPECT_NE(r.out.find(option), std::string::npos) << option;
  }
}

TEST(Cli, NoArgumentsPrintsTheHelp) {
  TempDir dir;
  auto r = run_retort({}, dir.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(listed_commands(r.out), kCommands);
}

TEST(Cli, CommandHelpShowsItsOptions) {
  TempDir dir;
  auto r = run_retort({"init", "--help"}, dir.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--template"), std::string::npos) << r.out;
}

TEST(Cli, MistypedCommandSuggestsTheNearestAndExits2) {
  TempDir dir;
  auto r = run_retort({"inti"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "retort: unknown command \"inti\"; did you mean \"init\"?\n");
  EXPECT_EQ(r.out, "");
}

TEST(Cli, MistypedCommandAfterGlobalOptionsIsFound) {
  TempDir dir;
  auto r = run_retort({"--format", "json", "-c", "x.yaml", "list-templtes"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "retort: unknown command \"list-templtes\"; did you mean \"list-templates\"?\n");
}

TEST(Cli, UnrelatedWordGetsNoSuggestion) {
  TempDir dir;
  auto r = run_retort({"frobnicate"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "retort: unknown command \"frobnicate\" (see \"retort --help\")\n");
}

TEST(Cli, UnknownOptionExits2) {
  TempDir dir;
  auto r = run_retort({"--bogus", "list-templates"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("retort: "), std::string::npos);
  EXPECT_NE(r.err.find("--bogus"), std::string::npos) << r.err;
  auto after = run_retort({"list-templates", "--bogus"}, dir.path());
  EXPECT_EQ(after.exit_code, 2);
  EXPECT_NE(after.err.find("--bogus"), std::string::npos) << after.err;
}

TEST(Cli, BadFormatExits2) {
  TempDir dir;
  auto r = run_retort({"--format", "xml", "list-templates"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("expected text or json, not \"xml\""), std::string::npos) << r.err;
}

// Numbers are digits within a range: "-5" is refused, not read as 2^64 - 5 (which made
// seed write rows until the disk was full), and so are nan, inf and overflows.
TEST(Cli, NumericOptionsRefuseSignsOverflowsAndNonNumbers) {
  TempDir dir;
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"seed", "--rows", "-5"},
       "retort: seed: --rows: takes a whole number from 0 to 1000000000, not \"-5\" (see "
       "\"retort seed --help\")\n"},
      {{"seed", "--rows", "99999999999999999999"},
       "retort: seed: --rows: takes a whole number from 0 to 1000000000, not "
       "\"99999999999999999999\" (see \"retort seed --help\")\n"},
      {{"seed", "--random-seed", "-1"},
       "retort: seed: --random-seed: takes a whole number from 0 to 18446744073709551615, not "
       "\"-1\" (see \"retort seed --help\")\n"},
      {{"db", "reset", "--yes", "--rows", "-1"},
       "retort: db reset: --rows: takes a whole number from 0 to 1000000000, not \"-1\" (see "
       "\"retort db reset --help\")\n"},
      {{"upgrade", "--lock-timeout", "-1"},
       "retort: upgrade: --lock-timeout: takes a number of seconds from 0 to 2000000, not "
       "\"-1\" (see \"retort upgrade --help\")\n"},
      {{"upgrade", "--lock-timeout", "nan"},
       "retort: upgrade: --lock-timeout: takes a number of seconds from 0 to 2000000, not "
       "\"nan\" (see \"retort upgrade --help\")\n"},
      {{"downgrade", "-1", "--lock-timeout", "inf"},
       "retort: downgrade: --lock-timeout: takes a number of seconds from 0 to 2000000, not "
       "\"inf\" (see \"retort downgrade --help\")\n"},
  };
  for (const auto& [args, err] : cases) {
    auto r = run_retort(args, dir.path());
    EXPECT_EQ(r.exit_code, 2) << args[0] << " " << args[1];
    EXPECT_EQ(r.err, err);
  }
  testing::write_file(dir / "retort.yaml", "database_url: sqlite:///app.db\n");
  auto r = run_retort({"seed", "--table", "track=99999999999999999999"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "retort: seed: --table takes NAME=COUNT, a count from 0 to 1000000000, not "
            "\"track=99999999999999999999\"\n");
}

// CLI11's own mistakes in retort's words, naming the command and its help.
TEST(Cli, CommandLineMistakesNameTheCommandAndItsHelp) {
  TempDir dir;
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"merge"}, "retort: merge: missing argument REVISIONS (see \"retort merge --help\")\n"},
      {{"seed", "--rows"}, "retort: seed: --rows needs a value (see \"retort seed --help\")\n"},
      {{"upgrade", "a", "b", "c"},
       "retort: upgrade: unexpected arguments: b c (see \"retort upgrade --help\")\n"},
      {{"--bogus"}, "retort: unexpected argument: --bogus (see \"retort --help\")\n"},
      {{"db"}, "retort: db: expected a command: reset (see \"retort db --help\")\n"},
  };
  for (const auto& [args, err] : cases) {
    auto r = run_retort(args, dir.path());
    EXPECT_EQ(r.exit_code, 2) << args[0];
    EXPECT_EQ(r.err, err);
  }
}

TEST(Cli, QuietAndVerboseExcludeEachOther) {
  TempDir dir;
  auto r = run_retort({"-q", "-v", "list-templates"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("exclude each other"), std::string::npos) << r.err;
}

TEST(Cli, GlobalOptionsWithoutCommandExit2) {
  TempDir dir;
  auto r = run_retort({"-v"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "retort: no command given (see \"retort --help\")\n");
}

TEST(Cli, ListTemplatesText) {
  TempDir dir;
  auto r = run_retort({"list-templates"}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("generic  "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Generic single-database configuration.\n"), std::string::npos) << r.out;
  // Descriptions start in one column.
  std::istringstream lines(r.out);
  std::string line;
  std::size_t column = std::string::npos;
  while (std::getline(lines, line)) {
    std::size_t gap = line.find("  ");
    ASSERT_NE(gap, std::string::npos) << line;
    std::size_t start = line.find_first_not_of(' ', gap);
    if (column == std::string::npos) column = start;
    EXPECT_EQ(start, column) << line;
  }
}

TEST(Cli, ListTemplatesJson) {
  TempDir dir;
  for (auto args : {std::vector<std::string>{"--format", "json", "list-templates"},
                    std::vector<std::string>{"list-templates", "--format", "json"}}) {
    auto r = run_retort(args, dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    nlohmann::json templates = nlohmann::json::parse(r.out);
    ASSERT_TRUE(templates.is_array());
    bool found = false;
    for (const auto& t : templates) {
      if (t.at("name") == "generic") {
        found = true;
        EXPECT_EQ(t.at("description"), "Generic single-database configuration.");
      }
    }
    EXPECT_TRUE(found) << r.out;
  }
}

TEST(Cli, MissingConfigFileExits2) {
  TempDir dir;
  auto r = run_retort({"-c", "nowhere/retort.yaml", "list-templates"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "retort: config file \"nowhere/retort.yaml\" does not exist\n");
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace retort
