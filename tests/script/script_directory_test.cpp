// Loading a script directory from disk.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>

#include "retort/revision_graph.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {

using testing::TempDir;
using testing::write_file;

std::string revision_text(const std::string& id, const std::string& down) {
  return "revision: " + id + "\ndown_revision: " + (down.empty() ? "null" : down) +
         "\nbranch_labels: []\ndepends_on: []\nmessage: step " + id +
         "\ncreated: 2026-11-22T10:00:00Z\nupgrade:\n  - create_table:\n      name: t_" + id +
         "\n      columns:\n        id: {type: integer, primary_key: true}\n"
         "downgrade:\n  - drop_table: {name: t_" +
         id + "}\n";
}

TEST(ScriptDirectory, LoadsTheVersionsDirectory) {
  TempDir dir;
  write_file(dir / "migrations/versions/0001_first.yaml", revision_text("aaa1", ""));
  write_file(dir / "migrations/versions/0002_second.yaml", revision_text("bbb2", "aaa1"));
  write_file(dir / "migrations/versions/notes.txt", "not a revision");
  write_file(dir / "migrations/versions/.0003_draft.yaml", "broken: [");
  write_file(dir / "migrations/versions/old/0004.yaml", "broken: [");
  const ScriptDirectory scripts = ScriptDirectory::load(dir / "migrations");
  EXPECT_EQ(scripts.versions_dir(), dir / "migrations/versions");
  const RevisionGraph& graph = scripts.graph();
  EXPECT_EQ(graph.size(), 2u);
  EXPECT_EQ(graph.heads(), std::vector<std::string>({"bbb2"}));
  const Revision& second = graph.get("bbb2");
  EXPECT_EQ(second.path, dir / "migrations/versions/0002_second.yaml");
  EXPECT_EQ(second.checksum, sha256_hex(revision_text("bbb2", "aaa1")));
  EXPECT_EQ(second.source, revision_text("bbb2", "aaa1"));
  const auto quick = load_revisions(dir / "migrations/versions", {.checksums = false});
  EXPECT_TRUE(quick[0].checksum.empty());
}

TEST(ScriptDirectory, DuplicateIdsNameBothFiles) {
  TempDir dir;
  write_file(dir / "versions/1.yaml", revision_text("same", ""));
  write_file(dir / "versions/2.yaml", revision_text("same", ""));
  try {
    ScriptDirectory::load(dir.path());
    FAIL();
  } catch (const RevisionError& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "versions/2.yaml").string() +
                                         ": revision id \"same\" is already declared by " +
                                         (dir / "versions/1.yaml").string());
  }
}

TEST(ScriptDirectory, ErrorsNameTheFile) {
  TempDir dir;
  EXPECT_THROW(ScriptDirectory::load(dir.path()), InputError);  // no versions/
  write_file(dir / "versions/1.yaml", revision_text("a1", ""));
  write_file(dir / "versions/2.yaml", "revision: b2\ndown_revison: a1\n");
  try {
    ScriptDirectory::load(dir.path());
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              (dir / "versions/2.yaml").string() +
                  ":2:1: unknown key \"down_revison\" (did you mean \"down_revision\"?)");
  }
  write_file(dir / "versions/2.yaml", revision_text("b2", "a0"));
  try {
    ScriptDirectory::load(dir.path());
    FAIL();
  } catch (const UnknownRevisionError& e) {
    EXPECT_EQ(e.location().file, (dir / "versions/2.yaml").string());
  }
}

// Five thousand files in a chain load and build (timing is printed, not asserted: the
// figures for the report come from an optimised build).
TEST(ScriptDirectory, FiveThousandFiles) {
  TempDir dir;
  std::filesystem::create_directories(dir / "versions");
  const int count = 5000;
  std::string previous;
  for (int i = 0; i < count; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "%012x", static_cast<unsigned>(i) * 2654435761u);
    std::ofstream(dir / ("versions/" + std::string(id) + ".yaml")) << revision_text(id, previous);
    previous = id;
  }
  const auto start = std::chrono::steady_clock::now();
  const ScriptDirectory scripts = ScriptDirectory::load(dir.path());
  const auto heads = scripts.graph().heads();
  const auto elapsed = std::chrono::steady_clock::now() - start;
  std::printf("[ info ] loaded %d revision files and built the graph in %.1f ms\n", count,
              std::chrono::duration<double, std::milli>(elapsed).count());
  EXPECT_EQ(scripts.graph().size(), static_cast<std::size_t>(count));
  EXPECT_EQ(heads, std::vector<std::string>({previous}));
  const auto t1 = std::chrono::steady_clock::now();
  EXPECT_EQ(scripts.graph().upgrade_steps({}, "head").size(), static_cast<std::size_t>(count));
  const auto t2 = std::chrono::steady_clock::now();
  EXPECT_EQ(scripts.graph().history().size(), static_cast<std::size_t>(count));
  const auto t3 = std::chrono::steady_clock::now();
  std::printf("[ info ] upgrade steps base->head %.1f ms, full history %.1f ms\n",
              std::chrono::duration<double, std::milli>(t2 - t1).count(),
              std::chrono::duration<double, std::milli>(t3 - t2).count());
}

}  // namespace
}  // namespace retort
