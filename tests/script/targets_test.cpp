// Target resolution: every form of Alembic's grammar and every resolution error.
#include <gtest/gtest.h>

#include "graph_fixtures.hpp"

namespace retort::testing {
namespace {

template <typename E, typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  ADD_FAILURE() << "no exception of the expected type";
  return {};
}

TEST(Targets, FullIdsPrefixesAndLabels) {
  RevisionGraph graph({rev("abc123"), rev("abd456", {"abc123"}, {"tip"}), rev("ab", {"abd456"})});
  EXPECT_EQ(graph.resolve("abc123"), Ids({"abc123"}));
  EXPECT_EQ(graph.resolve("abc"), Ids({"abc123"}));
  EXPECT_EQ(graph.resolve("abd4"), Ids({"abd456"}));
  EXPECT_EQ(graph.resolve("ab"), Ids({"ab"}));       // an exact id wins over a prefix
  EXPECT_EQ(graph.resolve("tip"), Ids({"abd456"}));  // a label names its revision
  EXPECT_EQ(graph.resolve_id("abc1"), "abc123");
}

TEST(Targets, AmbiguousPrefixListsCandidates) {
  RevisionGraph graph({rev("abc123"), rev("abd456", {"abc123"})});
  try {
    graph.resolve("a");
    FAIL();
  } catch (const AmbiguousRevisionError& e) {
    EXPECT_EQ(e.name(), "a");
    EXPECT_EQ(e.candidates(), Ids({"abc123", "abd456"}));
    EXPECT_STREQ(e.what(), "revision prefix \"a\" is ambiguous: abc123, abd456");
  }
}

TEST(Targets, UnknownRevision) {
  RevisionGraph graph = linear_graph();
  EXPECT_EQ(error_of<UnknownRevisionError>([&] { graph.resolve("zz"); }),
            "no revision or branch label \"zz\"");
  EXPECT_EQ(error_of<UnknownRevisionError>([&] { graph.resolve("nolabel@head"); }),
            "no revision or branch label \"nolabel\"");
  EXPECT_EQ(error_of<UnknownRevisionError>([&] { graph.upgrade_steps({"gone"}, "head"); }),
            "the version table names revision \"gone\", which is not in the script directory");
}

TEST(Targets, HeadHeadsBase) {
  RevisionGraph linear = linear_graph();
  EXPECT_EQ(linear.resolve("head"), Ids({"d"}));
  EXPECT_EQ(linear.resolve("heads"), Ids({"d"}));
  EXPECT_TRUE(linear.resolve("base").empty());
  RevisionGraph branched = branched_graph();
  EXPECT_EQ(branched.resolve("heads"), Ids({"d1", "d2"}));
  try {
    branched.resolve("head");
    FAIL();
  } catch (const MultipleHeadsError& e) {
    EXPECT_EQ(e.heads(), Ids({"d1", "d2"}));
    EXPECT_STREQ(e.what(), "multiple heads: d1, d2; use a branch label or merge them");
  }
}

TEST(Targets, RelativeToCurrent) {
  RevisionGraph graph = linear_graph();
  EXPECT_EQ(graph.resolve("+1"), Ids({"a"}));  // from base
  EXPECT_EQ(graph.resolve("+2"), Ids({"b"}));
  EXPECT_EQ(graph.resolve("+1", {"b"}), Ids({"c"}));
  EXPECT_EQ(graph.resolve("-1", {"c"}), Ids({"b"}));
  EXPECT_TRUE(graph.resolve("-3", {"c"}).empty());  // exactly down to base
  EXPECT_EQ(error_of<NotAncestorError>([&] { graph.resolve("-4", {"c"}); }),
            "relative target \"-4\" goes below base after 3 step(s)");
  EXPECT_EQ(error_of<NotAncestorError>([&] { graph.resolve("+2", {"c"}); }),
            "relative target \"+2\" goes past the head \"d\" after 1 step(s)");
  EXPECT_EQ(graph.resolve("current", {"c"}), Ids({"c"}));
  // A count too large for a step count is refused, not read as 0 ("nothing to upgrade").
  EXPECT_EQ(error_of<UsageError>([&] { graph.resolve("+99999999999999999999"); }),
            "the step count of \"+99999999999999999999\" is too large (at most 2147483647)");
  EXPECT_THROW(graph.resolve("c-18446744073709551617", {"c"}), UsageError);
}

TEST(Targets, RelativeToARevision) {
  RevisionGraph graph = linear_graph();
  EXPECT_EQ(graph.resolve("b+2"), Ids({"d"}));
  EXPECT_EQ(graph.resolve("d-3"), Ids({"a"}));
  EXPECT_EQ(graph.resolve("head-1"), Ids({"c"}));
  EXPECT_EQ(graph.resolve("base+1"), Ids({"a"}));
  EXPECT_THROW(graph.resolve("d+1"), NotAncestorError);
}

TEST(Targets, RelativeAcrossBranchesNeedsALabel) {
  RevisionGraph graph = branched_graph();
  try {
    graph.resolve("+1", {"b"});
    FAIL();
  } catch (const AmbiguousRevisionError& e) {
    EXPECT_EQ(e.candidates(), Ids({"c1", "c2"}));
    EXPECT_STREQ(e.what(),
                 "relative target \"+1\" is ambiguous: \"b\" has several children: c1, c2; use "
                 "a branch label (label@+1)");
  }
  EXPECT_EQ(graph.resolve("left@+1", {"b"}), Ids({"c1"}));
  EXPECT_EQ(graph.resolve("right@+1", {"b"}), Ids({"c2"}));
  EXPECT_EQ(graph.resolve("right@+3"), Ids({"c2"}));  // from base: a, b, c2
  EXPECT_EQ(graph.resolve("left@b+1"), Ids({"c1"}));
  EXPECT_EQ(graph.resolve("left@head-1"), Ids({"c1"}));
  try {
    graph.resolve("-1", {"d1", "d2"});
    FAIL();
  } catch (const MultipleHeadsError& e) {
    EXPECT_EQ(e.heads(), Ids({"d1", "d2"}));
  }
  EXPECT_EQ(graph.resolve("right@-1", {"d1", "d2"}), Ids({"c2"}));
  EXPECT_THROW(graph.resolve("head-1"), MultipleHeadsError);
}

TEST(Targets, RelativeThroughAMergeIsAmbiguous) {
  RevisionGraph graph = merged_graph();
  EXPECT_EQ(error_of<AmbiguousRevisionError>([&] { graph.resolve("-1", {"m"}); }),
            "relative target \"-1\" is ambiguous: \"m\" is a merge of c1, c2; use a branch "
            "label (label@-1)");
  EXPECT_EQ(graph.resolve("e-1"), Ids({"m"}));
  EXPECT_THROW(graph.resolve("e-2"), AmbiguousRevisionError);
}

TEST(Targets, LabelForms) {
  RevisionGraph graph = branched_graph();
  EXPECT_EQ(graph.resolve("left@head"), Ids({"d1"}));
  EXPECT_EQ(graph.resolve("right@heads"), Ids({"d2"}));
  EXPECT_TRUE(graph.resolve("left@base").empty());
  EXPECT_EQ(graph.resolve("left@c"), Ids({"c1"}));  // the prefix is unique within the branch
  EXPECT_EQ(graph.resolve("left@b"), Ids({"b"}));   // ancestors are in the branch
  EXPECT_THROW(graph.resolve("c"), AmbiguousRevisionError);
  EXPECT_EQ(error_of<NotAncestorError>([&] { graph.resolve("left@d2"); }),
            "revision \"d2\" is not in branch \"left\"");
  // A revision id works as the branch too.
  EXPECT_EQ(graph.resolve("c2@head"), Ids({"d2"}));
  RevisionGraph two_heads_in_branch({rev("a", {}, {"x"}), rev("b", {"a"}), rev("c", {"a"})});
  EXPECT_EQ(error_of<MultipleHeadsError>([&] { two_heads_in_branch.resolve("x@head"); }),
            "multiple heads in branch \"x\": b, c; use a branch label or merge them");
}

TEST(Targets, Ranges) {
  EXPECT_EQ(RevisionGraph::parse_range("a:b"), (RevisionRange{"a", "b"}));
  EXPECT_EQ(RevisionGraph::parse_range(":b"), (RevisionRange{"", "b"}));
  EXPECT_EQ(RevisionGraph::parse_range("a:"), (RevisionRange{"a", ""}));
  EXPECT_THROW(RevisionGraph::parse_range("a"), UsageError);
  EXPECT_THROW(RevisionGraph::parse_range("a:b:c"), UsageError);
}

}  // namespace
}  // namespace retort::testing
