// The revision-file header loader: every accepted form, the fast reader agreeing with
// yaml-cpp, and errors with exact file:line:column.
#include <gtest/gtest.h>

#include "retort/revision.hpp"
#include "script/revision_header.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {

const char* const kTypical = R"(revision: 3f2a9c1b7d4e
down_revision: 1a2b3c4d5e6f
branch_labels: []
depends_on: []
message: add track
created: 2026-11-22T10:00:00Z
upgrade:
  - create_table: {name: track, columns: [{name: id, type: integer}]}
  - execute: |
      # not a comment
      UPDATE x SET y = 1;
downgrade:
  - drop_table: {name: track}
)";

// The fast reader answers for `text`, with as many keys as yaml-cpp finds.
void expect_fast_reader_answers(const char* text) {
  SCOPED_TRACE(text);
  const auto fast = detail::script::scan_header_fast(text);
  ASSERT_TRUE(fast.has_value());
  EXPECT_EQ(fast->size(), detail::script::scan_header_yaml(text, "t.yaml").size());
}

std::string error_of(std::string_view text) {
  try {
    parse_revision(text, "v/r.yaml");
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no InputError for:\n" << text;
  return {};
}

TEST(RevisionFile, TypicalHeader) {
  const Revision revision = parse_revision(kTypical, "v/r.yaml");
  EXPECT_EQ(revision.id, "3f2a9c1b7d4e");
  EXPECT_EQ(revision.down_revisions, std::vector<std::string>({"1a2b3c4d5e6f"}));
  EXPECT_TRUE(revision.branch_labels.empty());
  EXPECT_TRUE(revision.depends_on.empty());
  EXPECT_EQ(revision.message, "add track");
  EXPECT_EQ(revision.created, "2026-11-22T10:00:00Z");
  EXPECT_TRUE(revision.transactional);
  EXPECT_TRUE(revision.path.empty());
  EXPECT_EQ(revision.source, kTypical);
  EXPECT_EQ(revision.checksum, sha256_hex(kTypical));
  EXPECT_TRUE(detail::script::scan_header_fast(kTypical).has_value());  // the fast path takes it
}

TEST(RevisionFile, DownRevisionForms) {
  EXPECT_TRUE(parse_revision("revision: a\ndown_revision: null\n").down_revisions.empty());
  EXPECT_TRUE(parse_revision("revision: a\ndown_revision: ~\n").down_revisions.empty());
  EXPECT_TRUE(parse_revision("revision: a\ndown_revision:\n").down_revisions.empty());
  EXPECT_TRUE(parse_revision("revision: a\n").down_revisions.empty());
  const std::vector<std::string> merge = {"b1", "c2"};
  EXPECT_EQ(parse_revision("revision: a\ndown_revision: [b1, 'c2']\n").down_revisions, merge);
  EXPECT_EQ(parse_revision("revision: a\ndown_revision:\n  - b1\n  - c2\n").down_revisions, merge);
  EXPECT_EQ(parse_revision("revision: a\ndown_revision:\n- b1\n- \"c2\"\n").down_revisions, merge);
  EXPECT_EQ(parse_revision("revision: a\ndown_revision: \"null\"\n").down_revisions,
            std::vector<std::string>({"null"}));
}

TEST(RevisionFile, OtherFields) {
  const Revision revision = parse_revision(
      "---\n# comment\nrevision: 'it''s'\nbranch_labels: main\ndepends_on: [x1, y2]\n"
      "message: \"say \\\"hi\\\"\\n\"  # trailing comment\ntransactional: false\n"
      "skip_lint: [destructive]\n");
  EXPECT_EQ(revision.id, "it's");
  EXPECT_EQ(revision.branch_labels, std::vector<std::string>({"main"}));
  EXPECT_EQ(revision.depends_on, std::vector<std::string>({"x1", "y2"}));
  EXPECT_EQ(revision.message, "say \"hi\"\n");
  EXPECT_FALSE(revision.transactional);
}

TEST(RevisionFile, FormsOutsideTheFastSubsetStillParse) {
  const char* const block = "revision: a\nmessage: |\n  two\n  lines\n";
  EXPECT_FALSE(detail::script::scan_header_fast(block).has_value());
  EXPECT_EQ(parse_revision(block).message, "two\nlines\n");
  EXPECT_EQ(parse_revision("revision: a\nmessage: >-\n  folded\n  text\n").message, "folded text");
  EXPECT_EQ(parse_revision("revision: a\nmessage: first\n  second\n").message, "first second");
  EXPECT_EQ(parse_revision("revision: a\nmessage: \"caf\\u00e9\"\n").message, "caf\xC3\xA9");
  EXPECT_EQ(parse_revision("{revision: a, down_revision: b}").down_revisions,
            std::vector<std::string>({"b"}));
}

TEST(RevisionFile, CarriageReturnsAndByteOrderMark) {
  const Revision revision =
      parse_revision("\xEF\xBB\xBFrevision: a\r\ndown_revision: b\r\nmessage: m\r\n");
  EXPECT_EQ(revision.id, "a");
  EXPECT_EQ(revision.down_revisions, std::vector<std::string>({"b"}));
  EXPECT_EQ(revision.message, "m");
}

// The fast reader must read exactly what yaml-cpp reads wherever it answers.
TEST(RevisionFile, FastReaderAgreesWithYamlCpp) {
  const std::vector<std::string> texts = {
      kTypical,
      "revision: a\ndown_revision: [b1, \"c2\", 'd3']\n",
      "revision: a\ndown_revision:\n  - b1\n  # note\n  - c2\nmessage: x\n",
      "revision: a\ndown_revision:\n- b1\n- c2\n",
      "revision: a\ndown_revision: ~\nbranch_labels: null\ndepends_on:\nmessage: ''\n",
      "revision: a\nmessage: \"q \\\" b \\\\ s \\/ \\t\"\n",
      "revision: a\nmessage: 'it''s # not a comment'\n",
      "revision: a\nmessage: text # comment\ncreated: 2026-11-22T10:00:00Z\n",
      "revision: a\ntransactional: False\n",
      "---\nrevision: a # c\n\n\nupgrade: []\ndowngrade:\n- drop_table: {name: t}\n",
      "revision: a\nmessage: a#b c:d\nskip_lint: true\n",
      "revision: 0123\nmessage: 12.5\n",
      "revision: a\nmessage: tabbed\t# comment\n",
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    const auto fast = detail::script::scan_header_fast(text);
    ASSERT_TRUE(fast.has_value());
    const auto full = detail::script::scan_header_yaml(text, "t.yaml");
    ASSERT_EQ(fast->size(), full.size());
    for (std::size_t i = 0; i < full.size(); ++i) {
      const detail::script::HeaderField& a = (*fast)[i];
      const detail::script::HeaderField& b = full[i];
      EXPECT_EQ(a.key, b.key);
      EXPECT_EQ(a.line, b.line);
      EXPECT_EQ(a.column, b.column);
      if (a.key == "upgrade" || a.key == "downgrade" || a.key == "skip_lint") continue;
      EXPECT_EQ(a.kind, b.kind) << a.key;
      if (a.kind == detail::script::HeaderKind::kScalar) {
        EXPECT_EQ(a.scalar.text, b.scalar.text);
        EXPECT_EQ(a.scalar.plain, b.scalar.plain);
        EXPECT_EQ(a.scalar.line, b.scalar.line);
        EXPECT_EQ(a.scalar.column, b.scalar.column);
      }
      ASSERT_EQ(a.items.size(), b.items.size());
      for (std::size_t k = 0; k < a.items.size(); ++k) {
        EXPECT_EQ(a.items[k].text, b.items[k].text);
        EXPECT_EQ(a.items[k].kind, b.items[k].kind);
        EXPECT_EQ(a.items[k].line, b.items[k].line);
        EXPECT_EQ(a.items[k].column, b.items[k].column);
      }
    }
    EXPECT_EQ(parse_revision(text, "t.yaml"), parse_revision(text, "t.yaml"));
  }
}

// Found by tests/fuzz/fuzz_revision_yaml (corpus file question_mark_in_flow.yaml): yaml-cpp
// ends a plain scalar inside a flow sequence at '?' and refuses what follows; the fast reader
// read "shoppin?cart" as one label. It now leaves the file to yaml-cpp, which names the spot;
// outside a flow sequence '?' inside a plain scalar is ordinary text.
TEST(RevisionFile, AQuestionMarkInAFlowSequenceGoesToYamlCpp) {
  const std::string text = "revision: a\nbranch_labels: [shoppin?cart]\n";
  EXPECT_FALSE(detail::script::scan_header_fast(text).has_value());
  try {
    parse_revision(text, "t.yaml");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("t.yaml:2:24: ", 0), 0u) << e.what();
  }
  EXPECT_TRUE(detail::script::scan_header_fast("revision: a\nmessage: why? not\n").has_value());
}

// Found by tests/fuzz/fuzz_revision_yaml (corpus file carriage_return_at_end.yaml): "\r\n"
// ends a line, but a '\r' ending the text belongs to the last scalar for yaml-cpp.
TEST(RevisionFile, ACarriageReturnEndingTheTextGoesToYamlCpp) {
  EXPECT_TRUE(detail::script::scan_header_fast("revision: a\r\nmessage: m\r\n").has_value());
  const std::string text = "revision: a\r\nmessage: m\r";
  EXPECT_FALSE(detail::script::scan_header_fast(text).has_value());
  EXPECT_EQ(parse_revision(text, "t.yaml").message, "m\r");
}

// Found by tests/fuzz/fuzz_revision_yaml (corpus file tabs_before_value.yaml): yaml-cpp skips
// tabs between ':' and the value; the fast reader kept them in the value.
TEST(RevisionFile, TabsBeforeAValueGoToYamlCpp) {
  for (const char* text :
       {"revision: a\nmessage: \t\tadd track\n", "revision: a\ndown_revision: [\tb]\n",
        "revision: a\ndown_revision:\n- \tb\n"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(detail::script::scan_header_fast(text).has_value());
  }
  EXPECT_EQ(parse_revision("revision: a\nmessage: \t\tadd track\n", "t.yaml").message, "add track");
  // "-" then a tab starts a block entry, as "- " does (corpus file dash_tab_value.yaml).
  EXPECT_FALSE(detail::script::scan_header_fast("revision: -\te6r\n").has_value());
  EXPECT_THROW(parse_revision("revision: -\te6r\n", "t.yaml"), InputError);
}

// Found by tests/fuzz/fuzz_revision_yaml (corpus file quote_open_in_upgrade.yaml): a quoted
// scalar left open in the upgrade block runs on over the lines below it, so "downgrade:" there
// is text, not a key; the fast reader took it for a key. It now leaves such files to yaml-cpp,
// while quotes that close on their line, or sit inside a plain scalar, keep the fast path.
TEST(RevisionFile, AQuoteLeftOpenInASkippedBlockGoesToYamlCpp) {
  const std::string open_quote =
      "revision: a\nupgrade:\n  - execute: \"SELECT 1\n    , 2\"\ndowngrade: []\n";
  EXPECT_FALSE(detail::script::scan_header_fast(open_quote).has_value());
  EXPECT_EQ(detail::script::scan_header_yaml(open_quote, "t.yaml").size(), 3u);
  const std::string swallowed = "revision: a\nupgrade:\n  - execute: \"x\ndowngrade: y\n";
  EXPECT_FALSE(detail::script::scan_header_fast(swallowed).has_value());
  // After a tag the quote opens a scalar too (fuzz_revision_yaml, corpus tag_then_quote.yaml).
  // It stays open to the end of the file: an error (yaml-cpp alone swallowed "downgrade").
  const std::string tagged = "revision: a\nupgrade:\n  - !\"x: 1\ndowngrade: []\n";
  EXPECT_FALSE(detail::script::scan_header_fast(tagged).has_value());
  EXPECT_EQ(error_of(tagged), "v/r.yaml:3:6: invalid YAML: unterminated quoted string");
  for (const char* closed :
       {"revision: a\nupgrade:\n  - execute: \"it's \\\" ok\"  # a \"comment\ndowngrade: []\n",
        "revision: a\nupgrade:\n  - execute: 'it''s'\n  - execute: don't\ndowngrade: []\n",
        "revision: a\nupgrade:\n  - {execute: \"a\", x: ['b', \"c\"]}\ndowngrade: []\n"}) {
    expect_fast_reader_answers(closed);
  }
}

// Found by fuzz_revision_yaml (corpus file quote_after_text_quotes.yaml): in
// `nam 'c')", reverse: "e: track` the first two quotes are text inside a plain scalar and the
// third opens a scalar that yaml-cpp runs on to the end of the file, so "downgrade:" below is
// no key. Pairing quotes from left to right, the fast reader took the second quote for an
// opening and the third for its end. It now follows every reading of the line at once.
TEST(RevisionFile, AQuoteOpenedAfterQuotesInPlainTextGoesToYamlCpp) {
  const std::string text =
      "revision: a\nupgrade:\n  - create_table:\n      nam 'c')\", reverse: \"e: track\n"
      "      columns: x\ndowngrade: []\n";
  EXPECT_FALSE(detail::script::scan_header_fast(text).has_value());
  // The quote stays open to the end of the file: an error (yaml-cpp alone swallowed
  // "downgrade").
  EXPECT_EQ(error_of(text), "v/r.yaml:4:27: invalid YAML: unterminated quoted string");
  for (const char* fast :
       {"revision: a\nupgrade:\n  - execute: UPDATE t SET a = 'x' WHERE b = \"y\n"
        "downgrade: []\n",
        "revision: a\nupgrade:\n  - {execute: \"SELECT '\\\"'\", x: 'it''s'}\ndowngrade: []\n",
        "revision: a\nupgrade:\n  - execute: !!str \"a\" # it's\ndowngrade: []\n"}) {
    expect_fast_reader_answers(fast);
  }
}

// Found by fuzz_revision_yaml (corpus file comment_after_flow_indicator.yaml): yaml-cpp starts
// a comment at a '#' right after a flow indicator ("{#e, ..."), so the brackets after it do
// not count, the flow mapping stays open and swallows the keys below; counting every bracket,
// the fast reader found the line balanced. Brackets inside quotes do not count either. The
// fast reader now reads quotes, brackets and comments by where they stand.
TEST(RevisionFile, BracketsInCommentsAndQuotesDoNotCloseAFlowCollection) {
  for (const char* text : {"revision: a\nupgrade:\n  - alter_column: {#e, b: {c: d}}\nmessage: m\n",
                           "revision: a\nupgrade:\n  - {a: \"]\"\nmessage: m\n",
                           "revision: a\nupgrade:\n  - [a, 'b]'\nmessage: m\n"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(detail::script::scan_header_fast(text).has_value());
    EXPECT_THROW(parse_revision(text, "t.yaml"), InputError);
  }
  for (const char* text :
       {"revision: a\nupgrade:\n  - execute: SELECT a[1], b FROM t # [ {\ndowngrade: []\n",
        "revision: a\nupgrade:\n  - {execute: \"SELECT ']'\", x: [1, {y: z}]}\ndowngrade: []\n",
        "revision: a\nupgrade:\n  - execute: {sql: a,\n      reverse: 'b]'}\ndowngrade: []\n"}) {
    expect_fast_reader_answers(text);
  }
}

// Found by tests/fuzz/fuzz_revision_yaml (corpus file nul_in_message.yaml): the fast reader
// read a header value holding NUL bytes, which yaml-cpp refuses. It now leaves any control
// character to yaml-cpp, so the file is an error either way.
TEST(RevisionFile, FastReaderLeavesControlCharactersToYamlCpp) {
  const std::string text = std::string("revision: a\nmessage: ent'") + std::string(2, '\0') + "\n";
  EXPECT_FALSE(detail::script::scan_header_fast(text).has_value());
  EXPECT_FALSE(detail::script::scan_header_fast("revision: a\x01\n").has_value());
  EXPECT_THROW(parse_revision(text, "t.yaml"), InputError);
}

// Found by fuzz_revision_yaml: a flow mapping left open in a skipped block swallows the
// header keys after it, which yaml-cpp refuses; the fast reader must not read them as keys.
TEST(RevisionFile, FastReaderLeavesAnUnclosedFlowCollectionToYamlCpp) {
  const std::string text =
      "revision: a\n"
      "downgrade:\n"
      "  - drop_column: {table: t, column: c\n"
      "down_revision: null\n";
  EXPECT_FALSE(detail::script::scan_header_fast(text).has_value());
  EXPECT_THROW(parse_revision(text, "t.yaml"), InputError);
  // Balanced brackets over several lines are still read fast.
  EXPECT_TRUE(detail::script::scan_header_fast("revision: a\nupgrade:\n  - execute: {sql: x,\n"
                                               "      reverse: y}\nmessage: m\n")
                  .has_value());
}

// Found by fuzz_revision_yaml in CI (corpus file null_key.yaml): "NULL:" is a null key to
// yaml-cpp, which a header refuses; the fast reader took it for a key named "NULL".
TEST(RevisionFile, ANullWordAsAKeyIsRefused) {
  for (const char* text : {"NULL:\n", "revision: a\nnull: x\n", "revision: a\nNull:\n- b\n"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(detail::script::scan_header_fast(text).has_value());
    EXPECT_THROW(parse_revision(text, "t.yaml"), InputError);
  }
  EXPECT_TRUE(detail::script::scan_header_fast("revision: a\nnullable: x\n").has_value());
}

// Found by fuzz_revision_yaml (corpus file null_items.yaml): the fast reader kept "~" as the
// text of a null item in a sequence, where yaml-cpp has none. Both readers must read the same.
TEST(RevisionFile, ANullItemHasNoText) {
  for (const char* text :
       {"revision: a\ndepends_on: [~]\n", "revision: a\ndepends_on:\n  - null\n"}) {
    SCOPED_TRACE(text);
    const auto fast = detail::script::scan_header_fast(text);
    ASSERT_TRUE(fast.has_value());
    ASSERT_EQ(fast->size(), 2u);
    ASSERT_EQ((*fast)[1].items.size(), 1u);
    EXPECT_EQ((*fast)[1].items[0].kind, detail::script::HeaderKind::kNull);
    EXPECT_EQ((*fast)[1].items[0].text, "");
    EXPECT_EQ(detail::script::scan_header_yaml(text, "t.yaml")[1].items[0].text, "");
    EXPECT_THROW(parse_revision(text, "t.yaml"), InputError);
  }
}

// Found while chasing the above: YAML limits an implicit key to 1024 characters, and yaml-cpp
// refuses a longer one; the fast reader read it.
TEST(RevisionFile, AKeyLongerThanYamlAllowsIsRefused) {
  const std::string longest = "revision: a\n" + std::string(1024, 'k') + ": v\n";
  EXPECT_TRUE(detail::script::scan_header_fast(longest).has_value());
  const std::string too_long = "revision: a\n" + std::string(1025, 'k') + ": v\n";
  EXPECT_FALSE(detail::script::scan_header_fast(too_long).has_value());
  EXPECT_THROW(parse_revision(too_long, "t.yaml"), InputError);
}

TEST(RevisionFile, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(error_of("revision: a\nmesage: hi\n"),
            "v/r.yaml:2:1: unknown key \"mesage\" (did you mean \"message\"?)");
  EXPECT_EQ(error_of("revision: a\n\nupgrades: []\n"),
            "v/r.yaml:3:1: unknown key \"upgrades\" (did you mean \"upgrade\"?)");
  EXPECT_EQ(error_of("revision: a\nzzz: 1\n"), "v/r.yaml:2:1: unknown key \"zzz\"");
  EXPECT_EQ(error_of("revision: a\nmessage: m\ntransactional: maybe\n"),
            "v/r.yaml:3:16: \"transactional\" must be true or false");
  EXPECT_EQ(error_of("revision: a\ntransactional: \"true\"\n"),
            "v/r.yaml:2:16: \"transactional\" must be true or false");
  EXPECT_EQ(error_of("revision: a\ndown_revision: [b, {c: d}]\n"),
            "v/r.yaml:2:20: \"down_revision\" must be null, a string or a list of strings");
  EXPECT_EQ(error_of("revision: a\ndown_revision:\n  - b\n  - ~\n"),
            "v/r.yaml:4:5: \"down_revision\" must be null, a string or a list of strings");
  EXPECT_EQ(error_of("revision: a\ndepends_on: [b, b]\n"),
            "v/r.yaml:2:17: \"depends_on\" lists \"b\" twice");
  EXPECT_EQ(error_of("revision: a\nrevision: b\n"), "v/r.yaml:2:1: duplicate key \"revision\"");
  EXPECT_EQ(error_of("message: m\n"), "v/r.yaml:1:1: missing key \"revision\" (the revision's id)");
  EXPECT_EQ(error_of(""), "v/r.yaml:1:1: missing key \"revision\" (the revision's id)");
  EXPECT_EQ(error_of("revision: ''\n"), "v/r.yaml:1:11: \"revision\" must be a non-empty string");
  EXPECT_EQ(error_of("revision: [a]\n"), "v/r.yaml:1:11: \"revision\" must be a non-empty string");
  EXPECT_EQ(error_of("- a\n- b\n"),
            "v/r.yaml:1:1: a revision file must be a mapping of keys, not a sequence");
  EXPECT_EQ(error_of("revision: a\nmessage: {x: 1}\n"),
            "v/r.yaml:2:10: \"message\" must be a string");
}

TEST(RevisionFile, MalformedYamlInTheHeaderIsReported) {
  EXPECT_EQ(error_of("revision: a\nmessage: [unclosed\n"),
            "v/r.yaml:3:1: invalid YAML: end of sequence flow not found");
  EXPECT_EQ(error_of("revision: a\nmessage: 'x' y\n"),
            "v/r.yaml:2:14: invalid YAML: end of map not found");
  EXPECT_EQ(error_of("revision: a\n  bad: indent\n"),
            "v/r.yaml:2:6: invalid YAML: illegal map value");
}

// yaml-cpp alone reads a quote open at the end of the file as closed there: the message
// would swallow the operations and the revision would apply as empty.
TEST(RevisionFile, AQuoteOpenAtTheEndIsAnError) {
  const std::string swallowing =
      "revision: zz\ndown_revision: ccc333\nmessage: \"unterminated\nupgrade:\n"
      "  - create_table: {name: q, columns: {id: {type: integer, primary_key: true}}}\n"
      "downgrade:\n  - drop_table: {name: q}\n";
  EXPECT_EQ(error_of(swallowing), "v/r.yaml:3:10: invalid YAML: unterminated quoted string");
  EXPECT_EQ(error_of("revision: a\nmessage: 'it''s\n"),
            "v/r.yaml:2:10: invalid YAML: unterminated quoted string");
  EXPECT_EQ(error_of("revision: a\nupgrade:\n  - sql: \"CREATE TABLE q (id int)\n"),
            "v/r.yaml:3:10: invalid YAML: unterminated quoted string");
  EXPECT_FALSE(detail::script::scan_header_fast(swallowing).has_value());
}

// The header loader leaves upgrade/downgrade to the operations layer, which parses and
// reports them; loading the graph does not pay for them.
TEST(RevisionFile, UpgradeBlockIsNotValidatedHere) {
  const std::string text = "revision: a\nupgrade:\n  - create_table: {name: t\n";
  EXPECT_EQ(parse_revision(text).source, text);
}

TEST(RevisionFile, LoadFromDisk) {
  testing::TempDir dir;
  const auto path = dir / "r.yaml";
  testing::write_file(path, "revision: abc\ndown_revision: null\nmessage: first\n");
  const Revision revision = load_revision(path);
  EXPECT_EQ(revision.id, "abc");
  EXPECT_EQ(revision.path, path);
  EXPECT_EQ(revision.checksum, sha256_hex("revision: abc\ndown_revision: null\nmessage: first\n"));
  testing::write_file(path, "revision: abc\nmesage: first\n");
  try {
    load_revision(path);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.location().file, path.string());
    EXPECT_EQ(e.location().line, 2);
    EXPECT_EQ(e.location().column, 1);
  }
  try {
    load_revision(dir / "missing.yaml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("missing.yaml: cannot open the file"), std::string::npos);
  }
}

}  // namespace
}  // namespace retort
