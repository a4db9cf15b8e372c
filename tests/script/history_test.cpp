// What history, heads, branches, show and current print.
#include <gtest/gtest.h>

#include "graph_fixtures.hpp"

namespace retort::testing {
namespace {

TEST(History, NewestFirstWithMarkers) {
  RevisionGraph graph = merged_graph();
  const auto entries = graph.history("", {"c1"});
  EXPECT_EQ(entry_ids(entries), Ids({"e", "m", "c2", "c1", "b", "a"}));
  EXPECT_TRUE(entries[0].is_head);
  EXPECT_TRUE(entries[1].is_merge_point);
  EXPECT_EQ(entries[1].down_revisions, Ids({"c1", "c2"}));
  EXPECT_TRUE(entries[3].is_current);
  EXPECT_FALSE(entries[2].is_current);
  EXPECT_TRUE(entries[4].is_branch_point);
  EXPECT_EQ(entries[4].children, Ids({"c1", "c2"}));
  EXPECT_TRUE(entries[5].is_base);
  EXPECT_EQ(entries[5].message, "revision a");
}

TEST(History, BranchesAreContiguous) {
  EXPECT_EQ(entry_ids(branched_graph().history()), Ids({"d2", "c2", "d1", "c1", "b", "a"}));
}

TEST(History, Ranges) {
  RevisionGraph graph = linear_graph();
  EXPECT_EQ(entry_ids(graph.history("b:d")), Ids({"d", "c", "b"}));
  EXPECT_EQ(entry_ids(graph.history(":b")), Ids({"b", "a"}));
  EXPECT_EQ(entry_ids(graph.history("c:")), Ids({"d", "c"}));
  EXPECT_EQ(entry_ids(graph.history("current:", {"b"})), Ids({"d", "c", "b"}));
  EXPECT_EQ(entry_ids(graph.history("-1:current", {"c"})), Ids({"c", "b"}));
  // "base" (no revision) as the lower end is ":B" ("lint base:head" in CI checks everything).
  EXPECT_EQ(entry_ids(graph.history("base:head")), Ids({"d", "c", "b", "a"}));
  EXPECT_EQ(entry_ids(graph.history("base:b")), Ids({"b", "a"}));
  EXPECT_EQ(entry_ids(graph.history("base:")), Ids({"d", "c", "b", "a"}));
  EXPECT_EQ(entry_ids(graph.history("current:", {})), Ids({"d", "c", "b", "a"}));
  try {
    graph.history("d:b");
    FAIL();
  } catch (const NotAncestorError& e) {
    EXPECT_STREQ(e.what(), "history range \"d:b\": \"d\" is not an ancestor of \"b\"");
  }
  RevisionGraph branched = branched_graph();
  EXPECT_EQ(entry_ids(branched.history("b:left@head")), Ids({"d1", "c1", "b"}));
  EXPECT_THROW(branched.history("c1:d2"), NotAncestorError);
}

TEST(History, LabelsAndDependencies) {
  RevisionGraph graph = dependent_graph();
  const HistoryEntry b2 = graph.entry("b2");
  EXPECT_EQ(b2.depends_on, Ids({"a2"}));
  EXPECT_EQ(graph.entry("a2").dependents, Ids({"b2"}));
  EXPECT_TRUE(graph.entry("a2").is_head);
  EXPECT_EQ(branched_graph().entry("d1").branch_labels, Ids({"left"}));
}

TEST(History, HeadsBranchesShow) {
  RevisionGraph graph = branched_graph();
  const auto heads = graph.head_entries({"d2"});
  EXPECT_EQ(entry_ids(heads), Ids({"d1", "d2"}));
  EXPECT_FALSE(heads[0].is_current);
  EXPECT_TRUE(heads[1].is_current);
  const auto branches = graph.branch_entries();
  EXPECT_EQ(entry_ids(branches), Ids({"b"}));
  EXPECT_EQ(branches[0].children, Ids({"c1", "c2"}));
  EXPECT_EQ(entry_ids(graph.show("left@head")), Ids({"d1"}));
  EXPECT_EQ(entry_ids(graph.show("heads")), Ids({"d1", "d2"}));
  EXPECT_EQ(entry_ids(graph.show("c2")), Ids({"c2"}));
  EXPECT_THROW(graph.show("c"), AmbiguousRevisionError);
}

}  // namespace
}  // namespace retort::testing
