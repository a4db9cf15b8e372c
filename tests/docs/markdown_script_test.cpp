// The reader of documentation sessions: what it runs and how it compares output.
#include <gtest/gtest.h>

#include <stdexcept>

#include "markdown_script.hpp"

namespace retort::testing {
namespace {

TEST(MarkdownScript, ReadsFilesCommandsOutputsAndExitCodes) {
  std::string doc =
      "# Title\n"
      "<!-- file: models/schema.yaml -->\n"
      "```yaml\n"
      "tables: {}\n"
      "```\n"
      "Text.\n"
      "<!-- expect-exit: 1 -->\n"
      "```console\n"
      "$ retort check\n"
      "differs\n"
      "$ retort upgrade \\\n"
      "    --url x\n"
      "```\n"
      "<!-- doc-test: skip -->\n"
      "```console\n"
      "$ apt-get install x\n"
      "```\n"
      "```sh\n"
      "$ not a console block\n"
      "```\n";
  std::vector<ScriptStep> steps = parse_markdown_script(doc);
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0].kind, ScriptStep::Kind::kWriteFile);
  EXPECT_EQ(steps[0].path, "models/schema.yaml");
  EXPECT_EQ(steps[0].content, "tables: {}\n");
  EXPECT_EQ(steps[0].line, 4);
  EXPECT_EQ(steps[1].command, "retort check");
  EXPECT_EQ(steps[1].expected_exit, 1);
  EXPECT_EQ(steps[1].expected, (std::vector<std::string>{"differs"}));
  EXPECT_EQ(steps[1].line, 9);
  EXPECT_EQ(steps[2].command, "retort upgrade \\\n    --url x");
  EXPECT_EQ(steps[2].expected_exit, 0);
}

TEST(MarkdownScript, AnOnlyMarkerTiesTheNextBlockToOneDatabase) {
  std::string doc =
      "<!-- doc-test: only postgresql -->\n"
      "```console\n"
      "$ psql -c 'SELECT 1'\n"
      "$ psql -c 'SELECT 2'\n"
      "```\n"
      "```console\n"
      "$ retort current\n"
      "```\n";
  std::vector<ScriptStep> steps = parse_markdown_script(doc);
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0].only, "postgresql");
  EXPECT_EQ(steps[1].only, "postgresql");
  EXPECT_EQ(steps[2].only, "");
}

TEST(MarkdownScript, ASetupCommentIsHiddenShellAndFreshStartsANewSession) {
  std::string doc =
      "Intro.\n"
      "<!-- doc-test: setup\n"
      "retort init >/dev/null\n"
      "sqlite3 app.db 'CREATE TABLE t (id INTEGER)'\n"
      "-->\n"
      "```console\n"
      "$ retort current\n"
      "```\n"
      "<!-- doc-test: fresh -->\n"
      "<!-- doc-test: only postgresql -->\n"
      "<!-- doc-test: setup\n"
      "-->\n"
      "```console\n"
      "$ retort heads\n"
      "```\n";
  std::vector<ScriptStep> steps = parse_markdown_script(doc);
  ASSERT_EQ(steps.size(), 5u);
  EXPECT_EQ(steps[0].kind, ScriptStep::Kind::kSetup);
  EXPECT_EQ(steps[0].line, 2);
  EXPECT_EQ(steps[0].command,
            "retort init >/dev/null\nsqlite3 app.db 'CREATE TABLE t (id INTEGER)'\n");
  EXPECT_EQ(steps[0].only, "");
  EXPECT_EQ(steps[1].kind, ScriptStep::Kind::kRun);
  EXPECT_EQ(steps[1].line, 7);
  EXPECT_EQ(steps[2].kind, ScriptStep::Kind::kFresh);
  EXPECT_EQ(steps[2].line, 9);
  // `only` applies to the setup that follows it, and is used up by it.
  EXPECT_EQ(steps[3].kind, ScriptStep::Kind::kSetup);
  EXPECT_EQ(steps[3].command, "");
  EXPECT_EQ(steps[3].only, "postgresql");
  EXPECT_EQ(steps[4].command, "retort heads");
  EXPECT_EQ(steps[4].only, "");
}

// The message of the error parse_markdown_script throws for `doc`, or "" when it throws none.
std::string parse_error(const std::string& doc) {
  try {
    parse_markdown_script(doc);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(MarkdownScript, MalformedSetupCommentsNameTheLine) {
  EXPECT_EQ(parse_error("text\n<!-- doc-test: setup\ntrue\n"),
            "line 2: unterminated doc-test setup comment (no --> line)");
  // A renderer would end the comment at the first "-->" and show the rest.
  EXPECT_EQ(parse_error("<!-- doc-test: setup\ntrue\necho a --> b\n-->\n"),
            "line 3: a setup comment must end with a line holding only -->");
  EXPECT_EQ(parse_error("<!-- doc-test: setup\ntrue --> \n"),
            "line 2: a setup comment must end with a line holding only -->");
  EXPECT_EQ(parse_error("<!-- doc-test: setup -->\n"),
            "line 1: a setup comment holds its shell on the lines after \"<!-- doc-test: "
            "setup\" and ends with a line \"-->\"");
  EXPECT_EQ(parse_error("\n<!-- doc-test: refresh -->\n"),
            "line 2: unknown doc-test marker \"refresh\"");
}

TEST(MarkdownScript, MalformedDocumentsNameTheLine) {
  EXPECT_THROW(parse_markdown_script("<!-- doc-test: sometimes -->\n```console\n$ x\n```\n"),
               std::runtime_error);
  EXPECT_THROW(parse_markdown_script("```console\n$ x\n"), std::runtime_error);
  EXPECT_EQ(parse_error("x\n<!-- file: a.yaml -->\ntext\n"),
            "line 2: the file marker for \"a.yaml\" has no block after it");
  EXPECT_THROW(parse_markdown_script("```console\noutput first\n```\n"), std::runtime_error);
}

TEST(MarkdownScript, LinesMatchExactlyOrThroughEllipses) {
  using V = std::vector<std::string>;
  EXPECT_TRUE(lines_match(V{"a", "b"}, V{"a", "b  "}, nullptr));
  EXPECT_FALSE(lines_match(V{"a", "b"}, V{"a"}, nullptr));
  EXPECT_FALSE(lines_match(V{"a"}, V{"a", "b"}, nullptr));
  EXPECT_TRUE(lines_match(V{"took ... s (... rows)"}, V{"took 0.12 s (100 rows)"}, nullptr));
  EXPECT_FALSE(lines_match(V{"took ... s"}, V{"took 0.12 ms"}, nullptr));
  EXPECT_TRUE(lines_match(V{"first", "...", "last"}, V{"first", "x", "y", "last"}, nullptr));
  EXPECT_TRUE(lines_match(V{"first", "...", "last"}, V{"first", "last"}, nullptr));
  EXPECT_FALSE(lines_match(V{"first", "...", "last"}, V{"first", "x"}, nullptr));
  std::string why;
  EXPECT_FALSE(lines_match(V{"x"}, V{"y"}, &why));
  EXPECT_NE(why.find("| y"), std::string::npos);
}

TEST(MarkdownScript, RevisionIdsMatchAnyId) {
  using V = std::vector<std::string>;
  EXPECT_TRUE(lines_match(V{"3f2a9c1b7d4e (head)"}, V{"0a1b2c3d4e5f (head)"}, nullptr));
  // Not an id: no digit, or not 12 characters.
  EXPECT_FALSE(lines_match(V{"abcdefabcdef"}, V{"fedcbafedcba"}, nullptr));
  EXPECT_FALSE(lines_match(V{"3f2a9c1b7d4e0"}, V{"0a1b2c3d4e5f1"}, nullptr));
}

}  // namespace
}  // namespace retort::testing
