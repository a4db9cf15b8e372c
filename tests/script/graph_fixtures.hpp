// Inline revision graphs for the script tests, in the style of Alembic's test suite.
#pragma once

#include <string>
#include <vector>

#include "retort/revision_graph.hpp"

namespace retort::testing {

inline Revision rev(std::string id, std::vector<std::string> down = {},
                    std::vector<std::string> labels = {},
                    std::vector<std::string> depends_on = {}) {
  Revision revision;
  revision.id = std::move(id);
  revision.down_revisions = std::move(down);
  revision.branch_labels = std::move(labels);
  revision.depends_on = std::move(depends_on);
  revision.message = "revision " + revision.id;
  return revision;
}

using Ids = std::vector<std::string>;

inline Ids step_ids(const std::vector<MigrationStep>& steps) {
  Ids out;
  for (const MigrationStep& step : steps) out.push_back(step.revision);
  return out;
}

// The version table after running `steps` from `current`, applying each step's row changes.
inline Ids heads_after(Ids current, const std::vector<MigrationStep>& steps) {
  for (const MigrationStep& step : steps) {
    for (const std::string& gone : step.removed_heads) std::erase(current, gone);
    for (const std::string& added : step.added_heads) current.push_back(added);
  }
  std::sort(current.begin(), current.end());
  return current;
}

inline Ids entry_ids(const std::vector<HistoryEntry>& entries) {
  Ids out;
  for (const HistoryEntry& entry : entries) out.push_back(entry.id);
  return out;
}

// a <- b <- c <- d
inline RevisionGraph linear_graph() {
  return RevisionGraph({rev("a"), rev("b", {"a"}), rev("c", {"b"}), rev("d", {"c"})});
}

// a <- b, then two branches: b <- c1 <- d1 (label "left") and b <- c2 <- d2 (label "right").
inline RevisionGraph branched_graph() {
  return RevisionGraph({rev("a"), rev("b", {"a"}), rev("c1", {"b"}, {"left"}), rev("d1", {"c1"}),
                        rev("c2", {"b"}, {"right"}), rev("d2", {"c2"})});
}

// a <- b <- {c1, c2} <- m (merge) <- e
inline RevisionGraph merged_graph() {
  return RevisionGraph({rev("a"), rev("b", {"a"}), rev("c1", {"b"}), rev("c2", {"b"}),
                        rev("m", {"c1", "c2"}), rev("e", {"m"})});
}

// Two independent lines; b2 depends on a2 without following it.
inline RevisionGraph dependent_graph() {
  return RevisionGraph({rev("a1"), rev("a2", {"a1"}), rev("b1"), rev("b2", {"b1"}, {}, {"a2"})});
}

}  // namespace retort::testing
