// Upgrade and downgrade step lists across branches, merges and dependencies, with the version
// table's row changes; offline ranges; stamp.
#include <gtest/gtest.h>

#include "graph_fixtures.hpp"

namespace retort::testing {
namespace {

TEST(UpgradeSteps, LinearFromBaseAndFromTheMiddle) {
  RevisionGraph graph = linear_graph();
  const auto steps = graph.upgrade_steps({}, "head");
  EXPECT_EQ(step_ids(steps), Ids({"a", "b", "c", "d"}));
  EXPECT_EQ(steps[0], (MigrationStep{"a", MigrationDirection::kUpgrade, {}, {"a"}}));
  EXPECT_EQ(steps[1], (MigrationStep{"b", MigrationDirection::kUpgrade, {"a"}, {"b"}}));
  EXPECT_EQ(step_ids(graph.upgrade_steps({"b"}, "head")), Ids({"c", "d"}));
  EXPECT_EQ(step_ids(graph.upgrade_steps({"b"}, "+1")), Ids({"c"}));
  EXPECT_EQ(step_ids(graph.upgrade_steps({}, "c")), Ids({"a", "b", "c"}));
}

TEST(UpgradeSteps, AnAppliedTargetIsANoOp) {
  RevisionGraph graph = linear_graph();
  EXPECT_TRUE(graph.upgrade_steps({"d"}, "head").empty());
  EXPECT_TRUE(graph.upgrade_steps({"d"}, "b").empty());  // as Alembic: nothing to do
  EXPECT_TRUE(graph.upgrade_steps({"d"}, "base").empty());
}

TEST(UpgradeSteps, BranchesOneAtATime) {
  RevisionGraph graph = branched_graph();
  const auto steps = graph.upgrade_steps({}, "heads");
  EXPECT_EQ(step_ids(steps), Ids({"a", "b", "c1", "d1", "c2", "d2"}));
  EXPECT_EQ(steps[4], (MigrationStep{"c2", MigrationDirection::kUpgrade, {}, {"c2"}}));
  EXPECT_EQ(heads_after({}, steps), Ids({"d1", "d2"}));
  EXPECT_THROW(graph.upgrade_steps({}, "head"), MultipleHeadsError);
  EXPECT_EQ(step_ids(graph.upgrade_steps({"d1"}, "right@head")), Ids({"c2", "d2"}));
  EXPECT_EQ(heads_after({"d1"}, graph.upgrade_steps({"d1"}, "d2")), Ids({"d1", "d2"}));
  EXPECT_EQ(step_ids(graph.upgrade_steps({"d1"}, "heads")), Ids({"c2", "d2"}));
}

TEST(UpgradeSteps, MergeAppliedOnceAndJoinsTheHeads) {
  RevisionGraph graph = merged_graph();
  const auto steps = graph.upgrade_steps({}, "head");
  EXPECT_EQ(step_ids(steps), Ids({"a", "b", "c1", "c2", "m", "e"}));
  EXPECT_EQ(steps[4], (MigrationStep{"m", MigrationDirection::kUpgrade, {"c1", "c2"}, {"m"}}));
  EXPECT_EQ(heads_after({}, steps), Ids({"e"}));
  const auto rest = graph.upgrade_steps({"c1"}, "head");
  EXPECT_EQ(step_ids(rest), Ids({"c2", "m", "e"}));
  EXPECT_EQ(heads_after({"c1"}, rest), Ids({"e"}));
}

TEST(UpgradeSteps, DependenciesArePulledIn) {
  RevisionGraph graph = dependent_graph();
  const auto steps = graph.upgrade_steps({}, "b2");
  EXPECT_EQ(step_ids(steps), Ids({"b1", "a1", "a2", "b2"}));
  EXPECT_EQ(steps[3], (MigrationStep{"b2", MigrationDirection::kUpgrade, {"b1", "a2"}, {"b2"}}));
  EXPECT_EQ(heads_after({}, steps), Ids({"b2"}));  // b2 implies a2
  EXPECT_TRUE(graph.upgrade_steps({"b2"}, "heads").empty());
  EXPECT_EQ(step_ids(graph.upgrade_steps({"a1"}, "b2")), Ids({"b1", "a2", "b2"}));
}

TEST(DowngradeSteps, LinearNewestFirst) {
  RevisionGraph graph = linear_graph();
  const auto steps = graph.downgrade_steps({"d"}, "b");
  EXPECT_EQ(step_ids(steps), Ids({"d", "c"}));
  EXPECT_EQ(steps[0], (MigrationStep{"d", MigrationDirection::kDowngrade, {"d"}, {"c"}}));
  EXPECT_EQ(heads_after({"d"}, steps), Ids({"b"}));
  EXPECT_EQ(step_ids(graph.downgrade_steps({"d"}, "base")), Ids({"d", "c", "b", "a"}));
  EXPECT_TRUE(heads_after({"d"}, graph.downgrade_steps({"d"}, "base")).empty());
  EXPECT_EQ(step_ids(graph.downgrade_steps({"d"}, "-2")), Ids({"d", "c"}));
  EXPECT_EQ(step_ids(graph.downgrade_steps({"b"}, "-2")), Ids({"b", "a"}));
  EXPECT_TRUE(graph.downgrade_steps({"d"}, "d").empty());
  EXPECT_TRUE(graph.downgrade_steps({}, "base").empty());
}

TEST(DowngradeSteps, TargetMustBeApplied) {
  RevisionGraph linear = linear_graph();
  try {
    linear.downgrade_steps({"b"}, "c");
    FAIL();
  } catch (const NotAncestorError& e) {
    EXPECT_STREQ(e.what(), "downgrade target \"c\" is not applied: the database is at b");
  }
  RevisionGraph branched = branched_graph();
  EXPECT_THROW(branched.downgrade_steps({"d1"}, "c2"), NotAncestorError);
  EXPECT_THROW(branched.downgrade_steps({"d1", "d2"}, "-1"), MultipleHeadsError);
  EXPECT_THROW(branched.downgrade_steps({"d1", "d2"}, "heads"), MultipleHeadsError);
  EXPECT_THROW(linear.downgrade_steps({}, "-1"), NotAncestorError);
}

TEST(DowngradeSteps, AcrossBranches) {
  RevisionGraph graph = branched_graph();
  const auto to_b = graph.downgrade_steps({"d1", "d2"}, "b");
  EXPECT_EQ(step_ids(to_b), Ids({"d2", "c2", "d1", "c1"}));
  EXPECT_EQ(to_b[1], (MigrationStep{"c2", MigrationDirection::kDowngrade, {"c2"}, {}}));
  EXPECT_EQ(heads_after({"d1", "d2"}, to_b), Ids({"b"}));
  const auto one_branch = graph.downgrade_steps({"d1", "d2"}, "c1");
  EXPECT_EQ(step_ids(one_branch), Ids({"d1"}));
  EXPECT_EQ(heads_after({"d1", "d2"}, one_branch), Ids({"c1", "d2"}));
  EXPECT_EQ(step_ids(graph.downgrade_steps({"d1", "d2"}, "right@-1")), Ids({"d2"}));
  // label@REV at a branch point keeps the other branch.
  EXPECT_EQ(step_ids(graph.downgrade_steps({"d1", "d2"}, "left@b")), Ids({"d1", "c1"}));
  // label@base removes the branch down to where it forks, not the shared trunk.
  const auto right_base = graph.downgrade_steps({"d1", "d2"}, "right@base");
  EXPECT_EQ(step_ids(right_base), Ids({"d2", "c2"}));
  EXPECT_EQ(heads_after({"d1", "d2"}, right_base), Ids({"d1"}));
  EXPECT_EQ(step_ids(graph.downgrade_steps({"d1", "d2"}, "base")),
            Ids({"d2", "c2", "d1", "c1", "b", "a"}));
}

TEST(DowngradeSteps, UnmergingRestoresBothParents) {
  RevisionGraph graph = merged_graph();
  const auto unmerge = graph.downgrade_steps({"e"}, "c1");
  EXPECT_EQ(step_ids(unmerge), Ids({"e", "m"}));
  EXPECT_EQ(unmerge[1], (MigrationStep{"m", MigrationDirection::kDowngrade, {"m"}, {"c1", "c2"}}));
  EXPECT_EQ(heads_after({"e"}, unmerge), Ids({"c1", "c2"}));
  const auto to_b = graph.downgrade_steps({"e"}, "b");
  EXPECT_EQ(step_ids(to_b), Ids({"e", "m", "c2", "c1"}));
  EXPECT_EQ(heads_after({"e"}, to_b), Ids({"b"}));
  EXPECT_THROW(graph.downgrade_steps({"m"}, "-1"), AmbiguousRevisionError);
}

TEST(DowngradeSteps, DependentsGoFirst) {
  RevisionGraph graph = dependent_graph();
  const auto steps = graph.downgrade_steps({"b2"}, "a1");
  EXPECT_EQ(step_ids(steps), Ids({"b2", "a2"}));
  EXPECT_EQ(steps[0], (MigrationStep{"b2", MigrationDirection::kDowngrade, {"b2"}, {"b1", "a2"}}));
  EXPECT_EQ(heads_after({"b2"}, steps), Ids({"a1", "b1"}));
}

TEST(RangeSteps, OfflineUpgradeAndDowngrade) {
  RevisionGraph graph = linear_graph();
  EXPECT_EQ(step_ids(graph.upgrade_range_steps("b:d")), Ids({"c", "d"}));
  EXPECT_EQ(step_ids(graph.upgrade_range_steps("c")), Ids({"a", "b", "c"}));
  EXPECT_EQ(step_ids(graph.upgrade_range_steps(":b")), Ids({"a", "b"}));
  EXPECT_EQ(step_ids(graph.upgrade_range_steps("b:")), Ids({"c", "d"}));
  try {
    graph.upgrade_range_steps("c:a");
    FAIL();
  } catch (const NotAncestorError& e) {
    EXPECT_STREQ(e.what(), "range \"c:a\": \"c\" is not an ancestor of \"a\"");
  }
  EXPECT_EQ(step_ids(graph.downgrade_range_steps("d:b")), Ids({"d", "c"}));
  EXPECT_EQ(step_ids(graph.downgrade_range_steps("d:base")), Ids({"d", "c", "b", "a"}));
  EXPECT_THROW(graph.downgrade_range_steps("b:d"), NotAncestorError);
  EXPECT_THROW(graph.downgrade_range_steps("d:"), UsageError);
}

TEST(Stamp, ReplacesTheHeadsInTheTargetsLine) {
  RevisionGraph graph = branched_graph();
  EXPECT_EQ(graph.stamp_heads({"d1"}, "d2"), Ids({"d1", "d2"}));
  EXPECT_EQ(graph.stamp_heads({"d1"}, "c1"), Ids({"c1"}));
  EXPECT_EQ(graph.stamp_heads({"d1", "d2"}, "a"), Ids({"a"}));
  EXPECT_EQ(graph.stamp_heads({}, "heads"), Ids({"d1", "d2"}));
  EXPECT_TRUE(graph.stamp_heads({"d1", "d2"}, "base").empty());
  EXPECT_EQ(graph.stamp_heads({"d1", "d2"}, "right@base"), Ids({"d1"}));
  EXPECT_EQ(graph.stamp_heads({"c1"}, "b"), Ids({"b"}));
}

}  // namespace
}  // namespace retort::testing
