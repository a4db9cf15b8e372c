#include <gtest/gtest.h>

#include "retort/command.hpp"

namespace retort {
namespace {

const std::vector<std::string> kCommands = {"init", "list-templates", "upgrade", "downgrade"};

TEST(DidYouMean, TranspositionIsOneEdit) {
  EXPECT_EQ(did_you_mean("inti", kCommands), "init");
  EXPECT_EQ(did_you_mean("upgarde", kCommands), "upgrade");
}

TEST(DidYouMean, InsertionsDeletionsSubstitutions) {
  EXPECT_EQ(did_you_mean("int", kCommands), "init");
  EXPECT_EQ(did_you_mean("initt", kCommands), "init");
  EXPECT_EQ(did_you_mean("list-tempaltes", kCommands), "list-templates");
  EXPECT_EQ(did_you_mean("databse_url", {"database_url", "models"}), "database_url");
}

TEST(DidYouMean, UniquePrefixIsSuggested) {
  EXPECT_EQ(did_you_mean("list", kCommands), "list-templates");
}

TEST(DidYouMean, FarWordsGetNoSuggestion) {
  EXPECT_EQ(did_you_mean("frobnicate", kCommands), std::nullopt);
  EXPECT_EQ(did_you_mean("x", kCommands), std::nullopt);
  EXPECT_EQ(did_you_mean("", kCommands), std::nullopt);
  EXPECT_EQ(did_you_mean("init", {}), std::nullopt);
}

TEST(DidYouMean, TiesGoToTheEarlierCandidate) {
  EXPECT_EQ(did_you_mean("ab", {"ax", "ay"}), "ax");
  EXPECT_EQ(did_you_mean("ab", {"ay", "ax"}), "ay");
}

}  // namespace
}  // namespace retort
