// The fast YAML path against yaml-cpp's: every document either falls back or gives the same
// tree (kinds, scalars, marks), and it never accepts a document yaml-cpp rejects.
#include "schema/yaml_fast_parser.hpp"

#include <gtest/gtest.h>

#include "schema/yaml_document_generator.hpp"

#include <random>
#include <string>
#include <vector>

namespace retort::detail {
namespace {

// What happened to one document: "fast" (same tree), "fallback" (yaml-cpp accepts it),
// "rejected" (both paths refuse it), or a failure message.
std::string differential(const std::string& text) {
  std::optional<YamlDocument> events;
  std::string error;
  try {
    events = parse_yaml_events(text);
  } catch (const YamlSyntaxError& e) {
    error = e.message;
  }
  const std::optional<YamlDocument> fast = parse_yaml_fast(text);
  if (!fast) return events ? "fallback" : "rejected";
  if (!events) return "fast path accepted what yaml-cpp rejects (" + error + ")";
  std::string why;
  if (!same_tree(fast->root(), events->root(), &why)) return "trees differ: " + why;
  return "fast";
}

// Documents inside the subset: the fast path must take them and agree.
const char* const kInSubset[] = {
    "",
    "# only a comment\n\n",
    "a: 1\n",
    "a: 1",
    "a:\n",
    "a: \n",
    "a:\nb: 2\n",
    "a: caf\xc3\xa9\nb: \xe2\x82\xac\n",
    "a:   # comment\n  b: 1\n",
    "a: b c  \nd: e#f # comment\n",
    "a :  x\n\"q\": 1\n'r' : 2\n",
    "x: ~\ny: null\nz: Null\nw: NULL\nv: \"null\"\nu: 'NULL'\nt: nulls\n",
    "- a\n- b\n-\n- c\n",
    "-\n  a: 1\n- - x\n  - y\n- a: 1\n  b:\n  c: [1, 2]\n",
    "a:\n- x\n- y\nb:\n  - z\n",
    "a:\n  b:\n    c:\n      d: deep\n  e: 1\nf: 2\n",
    "- a:\n  - x\n  b: 1\n- a:\n- c\n",
    "seq: [a, b, 'c d', \"e\\tf\", [g, h], {i: j}]\n",
    "map: {a: 1, b: [x, y], c: {d: e}, 'f': \"g\", h, i: , j:}\n",
    "json: {\"a\":1, \"b\":[true,false], \"c\":\"d\"}\n",
    "flow: [a, b,]\nm: {a: 1,}\ne: []\nf: {}\n",
    "multi: {a: 1,\n  b: 2,\n    c: [x,\n y]\n  }\nnext: 1\n",
    "tail: [\n  one,\n  two\n]\n",
    "tail: [\n  one\n\n  , two # c\n]\n",
    "q1: 'it''s'\nq2: \"say \\\"hi\\\"\"\nq3: "
    "\"\\x41\\u00e9\\U0001F600\\n\\\\\\/\\0\\a\\b\\e\\f\\r\\v\\ \"\n",
    "q4: \"\\L\\P\"\nq5: ''\nq6: \"\"\nq7: '  lead and trail  '\n",
    "plain: a:b and c,d [e] {f} g#h -i ?j\nneg: -1\nfloat: 3.14e-2\nbool: true\n",
    "unicode: h\xC3\xA9llo \xE6\x97\xA5\xE6\x9C\xAC\n\xC3\xA9: 1\n",
    "---\na: 1\n",
    "--- # comment\n- x\n...\n",
    "---\n",
    "---\n...\n",
    "a: 1\n---\nthis: [is, ignored\n",
    "a: 1\n...\n# end\n",
    "  indented: root\n  other: 1\n",
    "'quoted root'\n",
    "[flow, root]\n",
    "plain root\n",
    "a:\n  # a comment between\n\n  b: 1\n# column 0 comment\nc: 2\n",
    "a: x\n  # deeper comment\nb: y\n",
    "key: value # comment: with colon\n",
    "\"a\": {\"b\": [\"c\", 'd']}\n",
    "a: |\n  literal\n  text\n\n\nb: >-\n  folded\n  text\n\n  para\n    more\n  end\n",
    "- |+\n  keep\n\n- >2\n    indented\n  x\n- |-\n  strip\n\n\n- >\n\n  lead\n",
    "a: | # comment\n   deep\n    deeper\nb: 1\n",
    "s: |\n  # not a comment\n  x\n# a comment\nt: >+\n  a\n  b\n\n",
    "|\n  root literal\n",
    "a: |",
    "a: >\n  x\n\n\n   y\n  z\n",
    "a:\n  own line\nb: 1\n",
    "{a: 1}\n",
    "a: [x,\n]\n",
    "key with spaces: v\n'a''b': c\n",
    "a: 'x'#c\nb: 'y' # c\n",
    "- 'x'#c\n- \"y\" \n",
    "--- \n",
    "a: {b: }\nc: {d:\n}\n",
    "- [a,\n   b]\n- c\n",
    "a: x:y:z\nb: x :y\n",
    "a: 'x' \n  \nb: 2\n",
    "a:\n\n\n  b: 1\n",
    "a: {\"k\":v, 'l':w}\n",
    "- [a, b]\n- {c: d}\n-   spaced\n",
    "a:\n  - b\n  -\n  - c: d\n    e: f\n",
};

// Documents outside the subset (or malformed): the fast path must fall back.
const char* const kOutOfSubset[] = {
    // A missing value at the end of a text whose last line has no line break: yaml-cpp marks
    // it at column 0 or further along that line, depending on what the line holds and what
    // came before (fuzz_yaml_differential).
    "a:",
    "a:   ",
    "- a\n-",
    "a:\n  b:",
    "\n-\n\n-   -\n#",
    "---\n-\n# y\n    - \n\n# y\n  \n\n# y\n    ",
    "a:\n   ",
    "a:\n  b:\n   ",
    "- \n  ",
    "a:\n  # c\n  ",
    // Ill-formed UTF-8, which yaml-cpp replaces (shifting its columns; fuzz_yaml_differential):
    // a truncated sequence, a stray continuation byte, an overlong form, a surrogate.
    "key: |#\n  block \xe0"
    "extothe\n  mo: >\ntables:\n  artist:\n    columns:\n   ",
    "a: x\x80y\nb:\n  ",
    "a: \xc0\xaf\nb:\n  ",
    "a: \xed\xa0\x80\nb:\n  ",
    "a: \xf4\x90\x80\x80\nb:\n  ",
    "a: \xff\xfe\x80 bytes\n",
    "a: &anchor 1\nb: *anchor\n",
    "a: !tag x\n",
    "? complex\n: key\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: multi\n  line plain\n",
    "a: 'multi\n  line quoted'\n",
    "a: \"escaped \\\n  break\"\n",
    "a:\tb\n",
    "a: 1\r\nb: 2\r\n",
    "\xEF\xBB\xBF"
    "a: 1\n",
    "[a: 1]\n",
    "[a, , b]\n",
    "a: b: c\n",
    "a: [x\n",
    "a: 'x\n",
    "a:\n  b: 1\n c: 2\n",
    "- a\nb: 1\n",
    "a: 1\n...\nmore: 1\n",
    "a: \"\\q\"\n",
    "a: \"\\uD800\"\n",
    "{a: what?}\n",
    "plain\nroot continues\n",
    "? x\n",
    "a: &x 1\n",
    "a: *x\n",
    "k: - x\n",
    "c: x: \n",
    "a: |0\n  x\n",
    "a: |x\n  x\n",
};

TEST(YamlFastParser, HandWrittenDocumentsInTheSubsetTakeTheFastPathAndAgree) {
  for (const char* text : kInSubset) {
    EXPECT_EQ(differential(text), "fast") << "document:\n" << text;
  }
}

TEST(YamlFastParser, DocumentsOutsideTheSubsetFallBackAndStillParse) {
  for (const char* text : kOutOfSubset) {
    const std::string result = differential(text);
    EXPECT_TRUE(result == "fallback" || result == "rejected") << result << "\ndocument:\n" << text;
  }
  const YamlDocument doc = YamlDocument::parse("a: &x [1, 2]\nb: *x\nc: |\n  two\n  lines\n");
  ASSERT_TRUE(doc.root().is_map());
  EXPECT_EQ(doc.root().find("b")->items.size(), 2u);
  EXPECT_EQ(doc.root().find("c")->scalar, "two\nlines\n");
}

TEST(YamlFastParser, SyntaxErrorsKeepYamlCppsMessageAndMark) {
  try {
    YamlDocument::parse("a: 1\nb: [x, y\n");
    FAIL() << "no error";
  } catch (const YamlSyntaxError& e) {
    try {
      parse_yaml_events("a: 1\nb: [x, y\n");
    } catch (const YamlSyntaxError& reference) {
      EXPECT_EQ(e.message, reference.message);
      EXPECT_EQ(e.mark.line, reference.mark.line);
      EXPECT_EQ(e.mark.column, reference.mark.column);
    }
  }
}

TEST(YamlFastParser, SameTreeNamesTheFirstDifference) {
  const YamlDocument a = parse_yaml_events("x: [1, 2]\n");
  const YamlDocument b = parse_yaml_events("x: [1, 3]\n");
  std::string why;
  EXPECT_TRUE(same_tree(a.root(), a.root(), &why));
  EXPECT_FALSE(same_tree(a.root(), b.root(), &why));
  EXPECT_EQ(why, "root{0}.value[1]: scalar \"2\" at 0:7 vs scalar \"3\" at 0:7");
}

TEST(YamlFastParser, GeneratedDocumentsAgreeWithYamlCpp) {
  retort::testing::DocumentGenerator generator(20261122);
  int fast = 0;
  int valid = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string text = generator.document();
    const std::string result = differential(text);
    if (result == "fast") ++fast;
    if (result != "rejected") ++valid;
    ASSERT_TRUE(result == "fast" || result == "fallback" || result == "rejected")
        << result << "\ndocument:\n"
        << text;
  }
  RecordProperty("fast", fast);
  RecordProperty("valid", valid);
  // Most valid generated documents are inside the subset: the fast path must take them.
  EXPECT_GT(fast, valid * 3 / 4) << fast << " fast of " << valid << " valid documents";
}

TEST(YamlFastParser, MutatedDocumentsNeverDisagree) {
  retort::testing::DocumentGenerator generator(7);
  std::mt19937 rng(11);
  static const char kInserts[] = " :-#,[]{}'\"\n?&*!|>";
  for (int i = 0; i < 3000; ++i) {
    std::string text = generator.document();
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const std::size_t at = rng() % text.size();
      if (rng() % 2) {
        text.erase(at, 1);
      } else {
        text.insert(at, 1, kInserts[rng() % (sizeof(kInserts) - 1)]);
      }
    }
    const std::string result = differential(text);
    ASSERT_TRUE(result == "fast" || result == "fallback" || result == "rejected")
        << result << "\ndocument:\n"
        << text;
  }
}

}  // namespace
}  // namespace retort::detail
