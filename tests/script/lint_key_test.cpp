// The revision header reader accepts the `lint:` key (read by the lint layer) in its block and
// flow forms, and both readers agree on the fields around it.
#include <gtest/gtest.h>

#include "retort/revision.hpp"
#include "script/revision_header.hpp"

namespace retort {
namespace {

TEST(RevisionFileLintKey, BlockFormIsSkippedByTheFastReader) {
  const std::string text =
      "revision: a\nlint:\n  ignore:\n    - rule: RT001\n      reason: \"ok\"\nmessage: m\n";
  const auto fast = detail::script::scan_header_fast(text);
  ASSERT_TRUE(fast.has_value());
  ASSERT_EQ(fast->size(), 3u);
  EXPECT_EQ((*fast)[1].key, "lint");
  EXPECT_EQ((*fast)[2].key, "message");
  EXPECT_EQ((*fast)[2].line, 6);
  const Revision revision = parse_revision(text);
  EXPECT_EQ(revision.id, "a");
  EXPECT_EQ(revision.message, "m");
}

TEST(RevisionFileLintKey, FlowFormGoesThroughYamlCpp) {
  const Revision revision =
      parse_revision("revision: a\nlint: {ignore: [{rule: RT001, reason: ok}]}\nmessage: m\n");
  EXPECT_EQ(revision.message, "m");
}

TEST(RevisionFileLintKey, AMistypedKeySuggestsLint) {
  try {
    parse_revision("revision: a\nlnt: {}\n", "v/a.yaml");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "v/a.yaml:2:1: unknown key \"lnt\" (did you mean \"lint\"?)");
  }
}

}  // namespace
}  // namespace retort
