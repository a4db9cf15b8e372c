// What history, heads, branches, show and current print, as plain structs; the CLI formats
// them.
#include <algorithm>

#include "retort/revision_graph.hpp"
#include "script/graph_internal.hpp"

namespace retort {

HistoryEntry RevisionGraph::entry_at(Index index, const Indices& current) const {
  const Revision& revision = revisions_[index];
  HistoryEntry entry;
  entry.id = revision.id;
  entry.down_revisions = revision.down_revisions;
  entry.depends_on = revision.depends_on;
  entry.children = ids_of(children_[index]);
  entry.dependents = ids_of(dependents_[index]);
  entry.branch_labels = propagated_labels_[index];
  entry.message = revision.message;
  entry.created = revision.created;
  entry.path = revision.path;
  entry.is_head = children_[index].empty();
  entry.is_base = down_[index].empty();
  entry.is_branch_point = children_[index].size() > 1;
  entry.is_merge_point = down_[index].size() > 1;
  entry.is_current = std::binary_search(current.begin(), current.end(), index);
  return entry;
}

HistoryEntry RevisionGraph::entry(std::string_view id,
                                  const std::vector<std::string>& current) const {
  return entry_at(index_of(id), current_indices(current));
}

std::vector<HistoryEntry> RevisionGraph::history(std::string_view range,
                                                 const std::vector<std::string>& current) const {
  const Indices now = current_indices(current);
  Indices selected;
  if (range.empty()) {
    for (Index i = 0; i < static_cast<Index>(size()); ++i) selected.push_back(i);
  } else {
    const RevisionRange parsed = parse_range(range);
    const Indices upper = resolve_indices(parsed.upper.empty() ? "heads" : parsed.upper, now);
    selected = closure(upper, true, true, true);
    // "base" as the lower end (no revision) leaves every ancestor in, as ":B" does.
    const Indices lower = parsed.lower.empty() ? Indices{} : resolve_indices(parsed.lower, now);
    if (!lower.empty()) {
      for (Index i : lower) {
        if (!std::binary_search(selected.begin(), selected.end(), i)) {
          throw NotAncestorError("history range " + retort::in_quotes(range) + ": " +
                                 retort::in_quotes(revisions_[i].id) + " is not an ancestor of " +
                                 retort::in_quotes(parsed.upper.empty() ? "heads" : parsed.upper));
        }
      }
      const Indices later = closure(lower, false, true, true);
      Indices both;
      std::set_intersection(selected.begin(), selected.end(), later.begin(), later.end(),
                            std::back_inserter(both));
      selected = std::move(both);
    }
  }
  std::vector<HistoryEntry> out;
  out.reserve(selected.size());
  for (auto it = selected.rbegin(); it != selected.rend(); ++it) out.push_back(entry_at(*it, now));
  return out;
}

std::vector<HistoryEntry> RevisionGraph::head_entries(
    const std::vector<std::string>& current) const {
  const Indices now = current_indices(current);
  std::vector<HistoryEntry> out;
  for (Index i = 0; i < static_cast<Index>(size()); ++i) {
    if (children_[i].empty()) out.push_back(entry_at(i, now));
  }
  return out;
}

std::vector<HistoryEntry> RevisionGraph::branch_entries(
    const std::vector<std::string>& current) const {
  const Indices now = current_indices(current);
  std::vector<HistoryEntry> out;
  for (Index i = 0; i < static_cast<Index>(size()); ++i) {
    if (children_[i].size() > 1) out.push_back(entry_at(i, now));
  }
  return out;
}

std::vector<HistoryEntry> RevisionGraph::show(std::string_view target,
                                              const std::vector<std::string>& current) const {
  const Indices now = current_indices(current);
  std::vector<HistoryEntry> out;
  for (Index i : resolve_indices(target, now)) out.push_back(entry_at(i, now));
  return out;
}

}  // namespace retort
