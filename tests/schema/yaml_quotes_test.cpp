// The open-quote check shared by every loader that reads YAML with yaml-cpp
// (schema/yaml_quotes.hpp): yaml-cpp alone accepts a quoted scalar still open at the end of
// the input and reads the rest of the file into it.
#include "schema/yaml_quotes.hpp"

#include <gtest/gtest.h>

#include <string>

#include <yaml-cpp/exceptions.h>

#include "schema/yaml_document.hpp"
#include "schema/yaml_fast_parser.hpp"

namespace retort::detail {
namespace {

// "line:column: message" (1-based) of load_yaml's error, or "(no error)".
std::string load_error(const std::string& text) {
  try {
    load_yaml(text);
  } catch (const YAML::Exception& e) {
    return std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) + ": " + e.msg;
  }
  return "(no error)";
}

// The same from yaml-cpp's event parser, the models loader's general path.
std::string events_error(const std::string& text) {
  try {
    parse_yaml_events(text);
  } catch (const YamlSyntaxError& e) {
    return std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) + ": " +
           e.message;
  }
  return "(no error)";
}

struct Case {
  const char* text;
  const char* error;
};

const Case kOpen[] = {
    {"a: \"abc\nb: 1\n", "1:4: unterminated quoted string"},
    {"a: 'abc\nb: 1\n", "1:4: unterminated quoted string"},
    // Without a final line break yaml-cpp sees the end itself.
    {"a: x\nb: \"abc", "2:8: illegal EOF in scalar"},
    {"a: \"ends in an escaped quote\\\"\n", "1:4: unterminated quoted string"},
    {"a: 'ends in a doubled quote''\n", "1:4: unterminated quoted string"},
    {"a: &anchor !!str \"abc\n", "1:18: unterminated quoted string"},
    {"a: !!str\n  # a comment\n  'abc\n", "3:3: unterminated quoted string"},
    {"a: !\"x\nb: 1\n", "1:5: unterminated quoted string"},   // the tag "!", then a quote
    {"a: !e!x'y \"z\n", "1:11: unterminated quoted string"},  // "'" is a tag character
    {"- 1\n- - \"abc\n", "2:5: unterminated quoted string"},
    {"\"abc: 1\n", "1:1: unterminated quoted string"},
    {"\xEF\xBB\xBF"
     "a: 1\nb: \"x\n",
     "2:4: unterminated quoted string"},
};

TEST(YamlQuotes, AQuoteOpenAtTheEndIsAnErrorAtTheQuote) {
  for (const Case& c : kOpen) {
    EXPECT_EQ(load_error(c.text), c.error) << c.text;
    EXPECT_EQ(events_error(c.text), c.error) << c.text;
    EXPECT_FALSE(parse_yaml_fast(c.text).has_value()) << c.text;
  }
}

TEST(YamlQuotes, ClosedQuotesAreAccepted) {
  const char* kClosed[] = {
      "a: \"x\\\"y\"\nb: 'it''s'\n",
      "a: \"two\n  lines\"\n",
      "a: |\n  \"not a quote\n",
      "a: >\n  'folded\n",
      "a: it's plain\nb: say \"hi\n",
      "a: &x \"v\"\nb: *x\nc: [*x, *x]\n",
      "a: ''\nb: \"\"\n",
      "{\"k\": 1}: v\n",
      "",
  };
  for (const char* text : kClosed) {
    EXPECT_EQ(load_error(text), "(no error)") << text;
    EXPECT_EQ(events_error(text), "(no error)") << text;
  }
}

TEST(YamlQuotes, AliasesDoNotMakeTheWalkExponential) {
  std::string text = "a0: &a0 [\"x\", \"y\"]\n";
  for (int i = 1; i < 40; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    text +=
        "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev + ", " + prev + "]\n";
  }
  EXPECT_EQ(load_error(text + "z: \"open\n"), "41:4: unterminated quoted string");
}

}  // namespace
}  // namespace retort::detail
