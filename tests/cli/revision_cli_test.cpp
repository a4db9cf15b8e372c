// End to end: revision (hand-written and --autogenerate) and merge through the binary, on a
// SQLite file and a PostgreSQL database; the rename question on a pseudo-terminal.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <memory>

#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include "retort/revision.hpp"
#include "support/project_database.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
namespace fs = std::filesystem;
using testing::read_file;
using testing::run_retort;
using testing::TempDir;
using testing::write_file;

const char* const kModels =
    "tables:\n"
    "  track:\n"
    "    columns:\n"
    "      id: {type: integer, primary_key: true}\n"
    "      titel: {type: text}\n";

// Runs retort on a pseudo-terminal (stdin and stdout both terminals), answering `answer` to
// each prompt ending in "[y/N] ". Returns what the terminal showed and the exit code.
testing::RunResult run_on_terminal(const std::vector<std::string>& args, const fs::path& cwd,
                                   const std::string& answer) {
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid == 0) {
    if (::chdir(cwd.c_str()) != 0) _exit(127);
    std::vector<std::string> argv{RETORT_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> raw;
    for (std::string& arg : argv) raw.push_back(arg.data());
    raw.push_back(nullptr);
    ::execv(raw[0], raw.data());
    _exit(127);
  }
  testing::RunResult result;
  std::size_t answered = 0;
  for (;;) {
    pollfd fd{master, POLLIN, 0};
    if (::poll(&fd, 1, 30000) <= 0) break;  // a hung prompt fails the test below
    char buffer[4096];
    const ssize_t got = ::read(master, buffer, sizeof buffer);
    if (got <= 0) break;  // EIO once the child has exited
    result.out.append(buffer, static_cast<std::size_t>(got));
    std::size_t prompts = 0;
    for (std::size_t at = 0; (at = result.out.find("[y/N] ", at)) != std::string::npos; ++at) {
      ++prompts;
    }
    for (; answered < prompts; ++answered) {
      const std::string line = answer + "\n";
      if (::write(master, line.data(), line.size()) < 0) break;
    }
  }
  ::close(master);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

class RevisionCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") RETORT_REQUIRE_PG();
    db_ = std::make_unique<testing::ProjectDatabase>(GetParam(), dir_.path());
    url_ = db_->url();
    ASSERT_EQ(retort({"init", "."}).exit_code, 0);
    write_file(dir_ / "retort.yaml", "database_url: " + url_ + "\n");
    write_file(dir_ / "models/schema.yaml", kModels);
  }
  testing::RunResult retort(const std::vector<std::string>& args) {
    return run_retort(args, dir_.path());
  }
  fs::path versions() const { return dir_ / "migrations/versions"; }
  TempDir dir_;
  std::unique_ptr<testing::ProjectDatabase> db_;
  std::string url_;
};

TEST_P(RevisionCli, HandWrittenChainBranchAndMerge) {
  auto r = retort({"revision", "-m", "first: one # two", "--rev-id", "r1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("wrote "), std::string::npos);
  const fs::path first = versions() / "r1_first_one_two.yaml";
  ASSERT_TRUE(fs::exists(first)) << r.out;
  EXPECT_EQ(load_revision(first).message, "first: one # two");
  EXPECT_NE(read_file(first).find("transactional: false"), std::string::npos);  // the comment

  r = retort({"--format", "json", "revision", "-m", "second", "--branch-label", "main"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["down_revisions"], nlohmann::json::array({"r1"}));
  EXPECT_EQ(json["branch_labels"], nlohmann::json::array({"main"}));
  EXPECT_EQ(json["id"].get<std::string>().size(), 12u);
  const std::string second = json["id"];

  r = retort({"revision", "-m", "side", "--head", "r1", "--rev-id", "s1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--splice"), std::string::npos) << r.err;
  ASSERT_EQ(
      retort({"revision", "-m", "side", "--head", "r1", "--splice", "--rev-id", "s1"}).exit_code,
      0);
  r = retort({"revision", "-m", "which"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("multiple heads"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("s1"), std::string::npos) << r.err;
  EXPECT_EQ(retort({"revision", "-m", "x", "--rev-id", "bad id"}).exit_code, 2);
  EXPECT_EQ(retort({"revision", "-m", "x", "--rev-id", "s1"}).exit_code, 2);

  r = retort({"merge", "heads", "-m", "join", "--rev-id", "m1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Revision merge = load_revision(versions() / "m1_join.yaml");
  EXPECT_EQ(merge.down_revisions.size(), 2u);
  EXPECT_EQ(retort({"heads"}).out, "m1 (head)\n");
  EXPECT_EQ(retort({"merge", "m1", "-m", "alone"}).exit_code, 2);
  r = retort({"upgrade"});  // the written files run
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("at m1"), std::string::npos) << r.out;
  (void)second;
}

TEST_P(RevisionCli, AutogenerateMarksLikelyRenamesWithoutATerminal) {
  ASSERT_EQ(retort({"upgrade"}).exit_code, 0);  // creates the database
  auto r = retort({"revision", "--autogenerate", "-m", "init", "--rev-id", "a1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1 operation"), std::string::npos) << r.out;
  ASSERT_EQ(retort({"upgrade"}).exit_code, 0);
  r = retort({"revision", "--autogenerate", "-m", "again"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("no changes detected"), std::string::npos) << r.out;
  EXPECT_EQ(std::distance(fs::directory_iterator(versions()), fs::directory_iterator()), 1)
      << "a1 only";

  std::string models = kModels;
  models.replace(models.find("titel"), 5, "title");
  write_file(dir_ / "models/schema.yaml", models);
  r = retort({"revision", "--autogenerate", "-m", "rename", "--rev-id", "a2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("likely rename: track.titel to track.title"), std::string::npos) << r.out;
  EXPECT_NE(read_file(versions() / "a2_rename.yaml")
                .find("# retort: likely rename of track.titel -> track.title; use --rename "
                      "track.titel=title\n  - drop_column:"),
            std::string::npos);
  EXPECT_NE(r.out.find("delete the file and rerun with --rename track.titel=title"),
            std::string::npos)
      << r.out;
  r = retort({"revision", "--autogenerate", "-m", "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("database is not at head"), std::string::npos) << r.err;
  // Following the hint writes the rename.
  fs::remove(versions() / "a2_rename.yaml");
  r = retort({"revision", "--autogenerate", "-m", "rename", "--rev-id", "a2", "--rename",
              "track.titel=title"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(read_file(versions() / "a2_rename.yaml").find("  - rename_column:"),
            std::string::npos);
}

TEST_P(RevisionCli, AutogenerateAsksAboutRenamesOnATerminal) {
  ASSERT_EQ(retort({"upgrade"}).exit_code, 0);
  ASSERT_EQ(retort({"revision", "--autogenerate", "-m", "init"}).exit_code, 0);
  ASSERT_EQ(retort({"upgrade"}).exit_code, 0);
  std::string models = kModels;
  models.replace(models.find("titel"), 5, "title");
  write_file(dir_ / "models/schema.yaml", models);

  auto r = run_on_terminal({"revision", "--autogenerate", "-m", "no", "--rev-id", "n1"},
                           dir_.path(), "n");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("did you rename track.titel to track.title? [y/N] "), std::string::npos)
      << r.out;
  std::string text = read_file(versions() / "n1_no.yaml");
  EXPECT_NE(text.find("- drop_column:"), std::string::npos) << text;
  EXPECT_EQ(text.find("# retort: likely rename"), std::string::npos) << text;  // answered
  fs::remove(versions() / "n1_no.yaml");

  r = run_on_terminal({"revision", "--autogenerate", "-m", "yes", "--rev-id", "y1"}, dir_.path(),
                      "y");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  text = read_file(versions() / "y1_yes.yaml");
  EXPECT_NE(text.find("- rename_column: {table: track, column: titel, to: title}"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("drop_column"), std::string::npos) << text;
  ASSERT_EQ(retort({"upgrade"}).exit_code, 0);
  EXPECT_EQ(retort({"check"}).exit_code, 0);
}

INSTANTIATE_TEST_SUITE_P(Dialects, RevisionCli, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort
