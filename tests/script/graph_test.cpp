// The revision graph: construction, validation errors, structure queries, label propagation.
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

TEST(RevisionGraph, EmptyGraph) {
  RevisionGraph graph;
  EXPECT_TRUE(graph.empty());
  EXPECT_TRUE(graph.heads().empty());
  EXPECT_TRUE(graph.resolve("head").empty());
  EXPECT_TRUE(graph.upgrade_steps({}, "head").empty());
  EXPECT_TRUE(graph.history().empty());
}

TEST(RevisionGraph, LinearStructure) {
  RevisionGraph graph = linear_graph();
  EXPECT_EQ(graph.size(), 4u);
  EXPECT_EQ(graph.heads(), Ids({"d"}));
  EXPECT_EQ(graph.bases(), Ids({"a"}));
  EXPECT_TRUE(graph.branch_points().empty());
  EXPECT_TRUE(graph.merge_points().empty());
  EXPECT_EQ(graph.ancestors({"c"}), Ids({"a", "b"}));
  EXPECT_EQ(graph.descendants({"b"}), Ids({"c", "d"}));
  EXPECT_TRUE(graph.is_ancestor("a", "d"));
  EXPECT_FALSE(graph.is_ancestor("d", "a"));
  EXPECT_FALSE(graph.is_ancestor("b", "b"));
  EXPECT_EQ(graph.children("b"), Ids({"c"}));
}

TEST(RevisionGraph, TopologicalOrderKeepsBranchesTogether) {
  // Given in a scrambled order; every revision must follow its parents, each branch whole.
  RevisionGraph graph({rev("d2", {"c2"}), rev("c1", {"b"}), rev("a"), rev("c2", {"b"}),
                       rev("d1", {"c1"}), rev("b", {"a"})});
  Ids order;
  for (const Revision& revision : graph.revisions()) order.push_back(revision.id);
  EXPECT_EQ(order, Ids({"a", "b", "c1", "d1", "c2", "d2"}));
}

TEST(RevisionGraph, BranchesAndMerges) {
  RevisionGraph branched = branched_graph();
  EXPECT_EQ(branched.heads(), Ids({"d1", "d2"}));
  EXPECT_EQ(branched.branch_points(), Ids({"b"}));
  EXPECT_EQ(branched.children("b"), Ids({"c1", "c2"}));
  RevisionGraph merged = merged_graph();
  EXPECT_EQ(merged.heads(), Ids({"e"}));
  EXPECT_EQ(merged.merge_points(), Ids({"m"}));
  EXPECT_EQ(merged.ancestors({"m"}), Ids({"a", "b", "c1", "c2"}));
  EXPECT_TRUE(merged.is_ancestor("c2", "e"));
}

TEST(RevisionGraph, DependenciesAreNotAncestryForHeads) {
  RevisionGraph graph = dependent_graph();
  EXPECT_EQ(graph.heads(), Ids({"a2", "b2"}));  // a2 stays the head of its line
  EXPECT_EQ(graph.bases(), Ids({"b1", "a1"}));
  EXPECT_EQ(graph.dependents("a2"), Ids({"b2"}));
  EXPECT_EQ(graph.ancestors({"b2"}), Ids({"b1", "a1", "a2"}));
  EXPECT_EQ(graph.ancestors({"b2"}, false), Ids({"b1"}));
  EXPECT_TRUE(graph.is_ancestor("a1", "b2"));
}

TEST(RevisionGraph, DependsOnAcceptsLabelsAndPrefixes) {
  RevisionGraph graph({rev("a1aaaa", {}, {"alpha"}), rev("b1bbbb"),
                       rev("c1cccc", {"b1bbbb"}, {}, {"alpha"}),
                       rev("d1dddd", {"c1cccc"}, {}, {"b1b"})});
  EXPECT_EQ(graph.get("c1cccc").depends_on, Ids({"a1aaaa"}));
  EXPECT_EQ(graph.get("d1dddd").depends_on, Ids({"b1bbbb"}));
}

TEST(RevisionGraph, LabelsPropagateToDescendantsAndDownToTheBranchPoint) {
  RevisionGraph branched = branched_graph();
  EXPECT_EQ(branched.branch_labels("c1"), Ids({"left"}));
  EXPECT_EQ(branched.branch_labels("d1"), Ids({"left"}));
  EXPECT_EQ(branched.branch_labels("d2"), Ids({"right"}));
  EXPECT_TRUE(branched.branch_labels("b").empty());  // the branch point keeps no label
  // On a straight line a label reaches the root.
  RevisionGraph line({rev("a"), rev("b", {"a"}, {"main"}), rev("c", {"b"})});
  EXPECT_EQ(line.branch_labels("a"), Ids({"main"}));
  EXPECT_EQ(line.branch_labels("c"), Ids({"main"}));
}

TEST(RevisionGraph, CycleIsNamed) {
  std::vector<std::string> cycle;
  try {
    RevisionGraph({rev("a", {"c"}), rev("b", {"a"}), rev("c", {"b"}), rev("x")});
    FAIL() << "no cycle reported";
  } catch (const CycleError& e) {
    cycle = e.revisions();
    EXPECT_STREQ(e.what(),
                 "revisions form a cycle through down_revision/depends_on: a -> c -> b -> a");
  }
  std::sort(cycle.begin(), cycle.end());
  EXPECT_EQ(cycle, Ids({"a", "b", "c"}));
  EXPECT_EQ(error_of<CycleError>([] { RevisionGraph({rev("a", {"a"})}); }),
            "revisions form a cycle through down_revision/depends_on: a -> a");
  // A cycle closed by depends_on.
  EXPECT_FALSE(error_of<CycleError>([] {
                 RevisionGraph({rev("a", {}, {}, {"b"}), rev("b", {"a"})});
               }).empty());
}

TEST(RevisionGraph, UnknownDownRevision) {
  Revision orphan = rev("b", {"zz"});
  orphan.path = "versions/b.yaml";
  try {
    RevisionGraph({rev("a"), orphan});
    FAIL();
  } catch (const UnknownRevisionError& e) {
    EXPECT_EQ(e.name(), "zz");
    EXPECT_STREQ(e.what(),
                 "versions/b.yaml: revision \"b\": down_revision \"zz\" is not a known revision");
  }
  EXPECT_EQ(error_of<UnknownRevisionError>([] {
              RevisionGraph({rev("a1b2c3"), rev("b", {"a1"})});
            }),
            "revision \"b\": down_revision \"a1\" is not a known revision (did you mean "
            "\"a1b2c3\"?)");
  EXPECT_EQ(error_of<UnknownRevisionError>([] { RevisionGraph({rev("b", {}, {}, {"nope"})}); }),
            "revision \"b\": depends_on \"nope\" is not a known revision or branch label");
}

// Errors about a link name the line of the key that declares it, and the closest id.
TEST(RevisionGraph, LinkErrorsNameTheLineOfTheirKey) {
  Revision b = rev("b", {"a2"});
  b.path = "versions/b.yaml";
  b.source = "# b\nrevision: b\ndown_revision : a2\ndepends_on: [x]\n";
  EXPECT_EQ(error_of<UnknownRevisionError>([&] { RevisionGraph({rev("a1"), b}); }),
            "versions/b.yaml:3:1: revision \"b\": down_revision \"a2\" is not a known revision "
            "(did you mean \"a1\"?)");
  b.down_revisions = {"a1"};
  b.depends_on = {"x"};
  EXPECT_EQ(error_of<UnknownRevisionError>([&] { RevisionGraph({rev("a1"), b}); }),
            "versions/b.yaml:4:1: revision \"b\": depends_on \"x\" is not a known revision or "
            "branch label");
  b.depends_on = {};
  b.down_revisions = {"b"};
  EXPECT_EQ(error_of<CycleError>([&] { RevisionGraph({rev("a1"), b}); }),
            "versions/b.yaml:3:1: revisions form a cycle through down_revision/depends_on: b -> b");
}

TEST(RevisionGraph, AmbiguousDependsOn) {
  try {
    RevisionGraph({rev("abc1"), rev("abc2"), rev("x", {}, {}, {"abc"})});
    FAIL();
  } catch (const AmbiguousRevisionError& e) {
    EXPECT_EQ(e.candidates(), Ids({"abc1", "abc2"}));
  }
}

TEST(RevisionGraph, DuplicateIdsAndLabels) {
  Revision first = rev("a");
  first.path = "v/1.yaml";
  Revision second = rev("a");
  second.path = "v/2.yaml";
  EXPECT_EQ(error_of<RevisionError>([&] {
              RevisionGraph({first, second});
            }),
            "v/2.yaml: revision id \"a\" is already declared (v/1.yaml)");
  EXPECT_EQ(error_of<RevisionError>([] {
              RevisionGraph({rev("a", {}, {"x"}), rev("b", {"a"}, {"x"})});
            }),
            "branch label \"x\" of revision \"b\" is already used by revision \"a\"");
  EXPECT_EQ(error_of<RevisionError>([] { RevisionGraph({rev("a", {}, {"a"})}); }),
            "branch label \"a\" of revision \"a\" is also a revision id");
}

TEST(RevisionGraph, NamesMustFitTheTargetGrammar) {
  EXPECT_EQ(error_of<RevisionError>([] { RevisionGraph({rev("head")}); }),
            "revision id \"head\" is a reserved word (head, heads, base, current)");
  EXPECT_EQ(error_of<RevisionError>([] { RevisionGraph({rev("a@b")}); }),
            "revision id \"a@b\" contains one of '@', ':', ',' or a space");
  EXPECT_EQ(error_of<RevisionError>([] { RevisionGraph({rev("-1")}); }),
            "revision id \"-1\" starts with '-'");
  EXPECT_EQ(error_of<RevisionError>([] { RevisionGraph({rev("a", {}, {"x:y"})}); }),
            "branch label \"x:y\" contains one of '@', ':', ',' or a space");
  EXPECT_EQ(error_of<RevisionError>([] { RevisionGraph({rev("")}); }), "revision id \"\" is empty");
  EXPECT_EQ(error_of<RevisionError>([] { RevisionGraph({rev(std::string("zz\0", 3))}); }),
            "revision id \"zz?\" contains a control character");
  EXPECT_EQ(error_of<RevisionError>([] { RevisionGraph({rev("a", {}, {"x\x1b[31m"})}); }),
            "branch label \"x?[31m\" contains a control character");
}

TEST(RevisionGraph, ErrorsAreInputErrors) {
  try {
    RevisionGraph({rev("a", {"a"})});
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
  }
}

}  // namespace
}  // namespace retort::testing
