// revision and merge as library functions: hand-written revisions (parents, labels,
// dependencies, ids, the template, file names, no overwrite), the revision file writer, and
// autogenerate (on SQLite and PostgreSQL) with its rename detection.
#include "retort/command_revision.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "retort/command_runtime.hpp"
#include "retort/error.hpp"
#include "retort/revision_graph.hpp"
#include "script/revision_header.hpp"
#include "script/revision_writer.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_file;

// 2026-11-22T10:00:00Z
constexpr std::chrono::system_clock::time_point kNow{std::chrono::seconds(1795341600)};

RevisionEnvironment fixed_environment() {
  auto counter = std::make_shared<int>(0);
  return {[] { return kNow; },
          [counter] { return "id" + std::to_string(++*counter) + "0000000000"; }};
}

class RevisionCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "retort.yaml",
               "database_url: sqlite:///" + (dir_ / "app.db").string() + "\n");
    fs::create_directories(dir_ / "migrations/versions");
  }
  RevisionCommandOptions options(const std::string& message) {
    RevisionCommandOptions o;
    o.project.working_directory = dir_.path();
    o.message = message;
    o.environment = environment_;
    return o;
  }
  RevisionCommandResult make(const std::string& message, const std::string& id,
                             std::optional<std::string> head = std::nullopt) {
    RevisionCommandOptions o = options(message);
    o.rev_id = id;
    o.head = std::move(head);
    return revision_command(o);
  }
  RevisionGraph graph() const { return ScriptDirectory::load(dir_ / "migrations").graph(); }
  TempDir dir_;
  RevisionEnvironment environment_ = fixed_environment();
};

TEST_F(RevisionCommandTest, ChainOfHandWrittenRevisions) {
  const RevisionCommandResult first = revision_command(options("create artist"));
  EXPECT_TRUE(first.written);
  EXPECT_EQ(first.id, "id10000000000");
  EXPECT_TRUE(first.down_revisions.empty());
  EXPECT_EQ(first.path, dir_ / "migrations/versions/id10000000000_create_artist.yaml");
  const RevisionCommandResult second = revision_command(options("add rating"));
  EXPECT_EQ(second.down_revisions, std::vector<std::string>{first.id});
  const Revision loaded = load_revision(second.path);
  EXPECT_EQ(loaded.id, second.id);
  EXPECT_EQ(loaded.down_revisions, second.down_revisions);
  EXPECT_EQ(loaded.message, "add rating");
  EXPECT_EQ(loaded.created, "2026-11-22T10:00:00Z");
  EXPECT_TRUE(loaded.transactional);
  EXPECT_TRUE(parse_operations_at(loaded.source, "upgrade", "f").empty());
  EXPECT_TRUE(parse_operations_at(loaded.source, "downgrade", "f").empty());
  EXPECT_EQ(graph().heads(), std::vector<std::string>{second.id});
}

TEST_F(RevisionCommandTest, RandomIdsAreTwelveHexCharacters) {
  RevisionCommandOptions o = options("x");
  o.environment.new_id = nullptr;
  const RevisionCommandResult r = revision_command(o);
  ASSERT_EQ(r.id.size(), 12u);
  EXPECT_EQ(r.id.find_first_not_of("0123456789abcdef"), std::string::npos) << r.id;
}

TEST_F(RevisionCommandTest, MessagesRoundTripWhateverTheyHold) {
  const std::vector<std::string> messages = {"add: a colon",
                                             "# not a comment",
                                             "say \"hi\" and 'bye'",
                                             "back\\slash",
                                             "null",
                                             "true",
                                             "multi\nline\ttab",
                                             "- dash",
                                             "[x, y]",
                                             "{a: b}",
                                             "ünïcode ✓",
                                             "trailing space ",
                                             "",
                                             "bell\x07"};
  int n = 0;
  for (const std::string& message : messages) {
    const RevisionCommandResult r = make(message, "m" + std::to_string(++n));
    const Revision loaded = load_revision(r.path);
    EXPECT_EQ(loaded.message, message) << r.path;
    // The fast header reader and yaml-cpp agree on every message.
    const std::string text = testing::read_file(r.path);
    if (auto fast = detail::script::scan_header_fast(text)) {
      const auto full = detail::script::scan_header_yaml(text, "f");
      ASSERT_EQ(fast->size(), full.size());
      for (std::size_t i = 0; i < full.size(); ++i) {
        if (full[i].key == "message") {
          EXPECT_EQ((*fast)[i].scalar.text, message);
        }
      }
    }
  }
}

TEST_F(RevisionCommandTest, MultipleHeadsNeedHead) {
  make("root", "r1");
  make("a", "a1", "r1");
  RevisionCommandOptions o = options("b");
  o.head = "r1";
  EXPECT_THROW(revision_command(o), UsageError);  // r1 is no head
  o.splice = true;
  EXPECT_EQ(revision_command(o).down_revisions, std::vector<std::string>{"r1"});
  try {
    revision_command(options("c"));
    FAIL() << "expected MultipleHeadsError";
  } catch (const MultipleHeadsError& e) {
    EXPECT_EQ(e.heads().size(), 2u);
    EXPECT_NE(std::string(e.what()).find("a1"), std::string::npos) << e.what();
  }
  EXPECT_EQ(make("c", "c1", "a1@head").down_revisions, std::vector<std::string>{"a1"});
  EXPECT_TRUE(make("new root", "n1", "base").down_revisions.empty());
}

TEST_F(RevisionCommandTest, LabelsDependenciesAndIds) {
  make("root", "r1");
  RevisionCommandOptions o = options("labelled");
  o.branch_labels = {"shop", "cart"};
  o.rev_id = "s1";
  revision_command(o);
  o = options("dependent");
  o.head = "base";
  o.depends_on = {"shop", "r"};
  o.rev_id = "d1";
  const RevisionCommandResult d = revision_command(o);
  EXPECT_EQ(d.depends_on, (std::vector<std::string>{"s1", "r1"}));
  const RevisionGraph g = graph();
  EXPECT_EQ(g.get("s1").branch_labels, (std::vector<std::string>{"shop", "cart"}));
  EXPECT_EQ(g.get("d1").depends_on, (std::vector<std::string>{"s1", "r1"}));

  o = options("dup");
  o.rev_id = "r1";
  EXPECT_THROW(revision_command(o), UsageError);
  for (const char* bad : {"a b", "-x", ".x", "a/b", "a:b", "x@y", ""}) {
    o.rev_id = bad;
    EXPECT_THROW(revision_command(o), UsageError) << bad;
  }
  o = options("label used");
  o.head = "s1";
  o.branch_labels = {"shop"};
  EXPECT_THROW(revision_command(o), RevisionError);
  o = options("unknown dependency");
  o.head = "s1";
  o.depends_on = {"nothing"};
  EXPECT_THROW(revision_command(o), RevisionError);
  EXPECT_EQ(graph().size(), 3u);  // nothing written by the failures
}

TEST_F(RevisionCommandTest, NeverReplacesAFile) {
  write_file(dir_ / "migrations/versions/x1_same.yaml.keep", "");
  write_file(dir_ / "migrations/versions/x1_same.yaml", "revision: other\ndown_revision: null\n");
  try {
    make("same", "x1");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("exists already"), std::string::npos) << e.what();
  }
  EXPECT_EQ(testing::read_file(dir_ / "migrations/versions/x1_same.yaml"),
            "revision: other\ndown_revision: null\n");
  for (const auto& entry : fs::directory_iterator(dir_ / "migrations/versions")) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos);
  }
}

TEST_F(RevisionCommandTest, ProjectTemplateAndFileTemplate) {
  write_file(dir_ / "retort.yaml",
             "database_url: sqlite:///x.db\n"
             "file_template: \"{year}{month}{day}_{hour}{minute}_{rev}\"\n");
  write_file(dir_ / "migrations/script.yaml.tmpl",
             "# house style\nrevision: {{ revision }}\ndown_revision: {{down_revision}}\n"
             "branch_labels: {{branch_labels}}\ndepends_on: {{depends_on}}\n"
             "message: {{message}}\ncreated: {{created}}\ntransactional: false\n"
             "upgrade: {{upgrade}}\ndowngrade: {{downgrade}}\n");
  const RevisionCommandResult r = make("m", "t1");
  EXPECT_EQ(r.path.filename(), "20261122_1000_t1.yaml");
  EXPECT_FALSE(load_revision(r.path).transactional);
  EXPECT_EQ(testing::read_file(r.path).substr(0, 14), "# house style\n");

  write_file(dir_ / "migrations/script.yaml.tmpl", "revision: {{revison}}\n");
  try {
    make("m", "t2");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("script.yaml.tmpl:1:11: unknown placeholder "
                                         "\"{{revison}}\" (did you mean \"{{revision}}\"?)"),
              std::string::npos)
        << e.what();
  }
  write_file(dir_ / "migrations/script.yaml.tmpl", "revision: {{revision}}\n");
  EXPECT_THROW(make("m", "t3"), InputError);  // the header would not read back
  fs::remove(dir_ / "migrations/script.yaml.tmpl");
  write_file(dir_ / "retort.yaml", "file_template: \"{rev}_{nope}\"\n");
  EXPECT_THROW(make("m", "t4"), InputError);
  write_file(dir_ / "retort.yaml", "file_template: \"../{rev}\"\n");
  EXPECT_THROW(make("m", "t5"), InputError);
}

TEST(RevisionWriter, SlugsAndFileNames) {
  using detail::script::slugify;
  EXPECT_EQ(slugify("Add track, rating & Co."), "add_track_rating_co");
  EXPECT_EQ(slugify("  --  "), "");
  EXPECT_EQ(slugify(std::string(60, 'a')).size(), 40u);
  EXPECT_EQ(slugify("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbb"),
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  EXPECT_EQ(detail::script::render_file_name("{rev}_{slug}", "c", "ab", "", kNow), "ab");
  EXPECT_EQ(detail::script::render_file_name("{second}{minute}-{rev}", "c", "ab", "", kNow),
            "0000-ab");
  EXPECT_EQ(detail::script::yaml_scalar("abc123"), "abc123");
  EXPECT_EQ(detail::script::yaml_scalar("null"), "\"null\"");
  EXPECT_EQ(detail::script::yaml_double_quoted("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
}

TEST_F(RevisionCommandTest, MergeHeads) {
  make("root", "r1");
  make("a", "a1", "r1");
  RevisionCommandOptions o = options("b");
  o.head = "r1";
  o.splice = true;
  o.rev_id = "b1";
  revision_command(o);
  MergeCommandOptions merge;
  merge.project.working_directory = dir_.path();
  merge.environment = environment_;
  merge.message = "merge";
  merge.revisions = {"a1"};
  EXPECT_THROW(merge_command(merge), UsageError);  // one revision
  merge.revisions = {"r1", "a1"};
  EXPECT_THROW(merge_command(merge), UsageError);  // r1 is an ancestor of a1
  merge.revisions = {"heads"};
  merge.rev_id = "m1";
  const RevisionCommandResult r = merge_command(merge);
  EXPECT_EQ(r.down_revisions.size(), 2u);
  const RevisionGraph g = graph();
  EXPECT_EQ(g.heads(), std::vector<std::string>{"m1"});
  EXPECT_EQ(g.merge_points(), std::vector<std::string>{"m1"});
  EXPECT_EQ(make("after", "z1").down_revisions, std::vector<std::string>{"m1"});
}

}  // namespace
}  // namespace retort
