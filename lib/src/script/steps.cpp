// Upgrade and downgrade steps, after Alembic's iterate_revisions: an upgrade applies what
// the target needs and the database lacks, parents first; a downgrade removes what descends
// from the target's children, newest first. Each step also says how the version table's
// heads change (docs/revisions.md, "Steps").
#include <algorithm>

#include "retort/revision_graph.hpp"
#include "script/graph_internal.hpp"

namespace retort {
namespace {

using detail::script::join;

template <typename T>
bool has(const std::vector<T>& sorted, const T& value) {
  return std::binary_search(sorted.begin(), sorted.end(), value);
}

template <typename T>
std::vector<T> difference(const std::vector<T>& a, const std::vector<T>& b) {
  std::vector<T> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

template <typename T>
std::vector<T> intersection(const std::vector<T>& a, const std::vector<T>& b) {
  std::vector<T> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

}  // namespace

std::vector<MigrationStep> RevisionGraph::upgrade_from(const Indices& current,
                                                       const Indices& targets) const {
  const Indices applied = closure(current, true, true, true);
  const Indices required = closure(targets, true, true, true);
  Indices heads = current;
  std::vector<MigrationStep> steps;
  for (Index r : difference(required, applied)) {
    MigrationStep step{revisions_[r].id, MigrationDirection::kUpgrade, {}, {revisions_[r].id}};
    // The new revision follows every head it names: those rows give way to it.
    Indices parents = down_[r];
    parents.insert(parents.end(), deps_[r].begin(), deps_[r].end());
    std::sort(parents.begin(), parents.end());
    for (Index gone : intersection(heads, parents))
      step.removed_heads.push_back(revisions_[gone].id);
    heads = difference(heads, parents);
    heads.insert(std::upper_bound(heads.begin(), heads.end(), r), r);
    steps.push_back(std::move(step));
  }
  return steps;
}

std::vector<MigrationStep> RevisionGraph::downgrade_from(const Indices& current,
                                                         const Indices& roots, Index target) const {
  const Indices applied = closure(current, true, true, true);
  Indices drop = intersection(closure(roots, false, true, true), applied);
  if (target >= 0 && drop.empty() && !has(applied, target)) {
    const std::string at = current.empty() ? "base" : join(ids_of(current));
    throw NotAncestorError("downgrade target " + in_quotes(revisions_[target].id) +
                           " is not applied: the database is at " + at);
  }
  Indices heads = current;
  std::vector<MigrationStep> steps;
  for (auto it = drop.rbegin(); it != drop.rend(); ++it) {
    const Index r = *it;
    MigrationStep step{revisions_[r].id, MigrationDirection::kDowngrade, {}, {}};
    if (has(heads, r)) step.removed_heads.push_back(revisions_[r].id);
    heads.erase(std::remove(heads.begin(), heads.end(), r), heads.end());
    // A parent becomes a head again unless another head still follows it.
    Indices parents = down_[r];
    parents.insert(parents.end(), deps_[r].begin(), deps_[r].end());
    std::sort(parents.begin(), parents.end());
    parents.erase(std::unique(parents.begin(), parents.end()), parents.end());
    const Indices still_needed = closure(heads, true, true, false);
    for (Index p : parents) {
      if (has(heads, p) || has(still_needed, p)) continue;
      step.added_heads.push_back(revisions_[p].id);
      heads.insert(std::upper_bound(heads.begin(), heads.end(), p), p);
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

std::vector<MigrationStep> RevisionGraph::upgrade_steps(const std::vector<std::string>& current,
                                                        std::string_view target) const {
  const Indices from = current_indices(current);
  return upgrade_from(from, resolve_indices(target, from));
}

// The revisions a downgrade to `target` must remove are the descendants of these roots.
RevisionGraph::Indices RevisionGraph::downgrade_roots(std::string_view target,
                                                      const Indices& current,
                                                      Index& target_index) const {
  target_index = -1;
  const std::size_t at = target.find('@');
  const std::string_view label = at == std::string_view::npos ? "" : target.substr(0, at);
  Indices all_bases;
  for (Index i = 0; i < static_cast<Index>(size()); ++i) {
    if (down_[i].empty()) all_bases.push_back(i);
  }
  const Indices targets = resolve_indices(target, current);
  if (targets.size() > 1) {
    throw MultipleHeadsError(
        ids_of(targets), "downgrade target " + in_quotes(target) +
                             " names several revisions: " + join(ids_of(targets)) + "; name one");
  }
  if (targets.empty()) {
    if (label.empty()) return all_bases;
    const Index owner = declaring_revision(label);
    if (owner < 0) return filter_lineage(all_bases, label);
    // label@base: the lowest revisions that carry the label, so that a branch that forks
    // from a shared trunk is removed without the trunk.
    Indices roots;
    auto carries = [this, label](Index i) {
      return has(propagated_labels_[i], std::string(label));
    };
    for (Index i = 0; i < static_cast<Index>(size()); ++i) {
      if (carries(i) && std::none_of(down_[i].begin(), down_[i].end(), carries)) {
        roots.push_back(i);
      }
    }
    return roots;
  }
  target_index = targets[0];
  Indices roots = children_[target_index];
  if (!label.empty() && roots.size() > 1) roots = filter_lineage(roots, label);
  return roots;
}

std::vector<MigrationStep> RevisionGraph::downgrade_steps(const std::vector<std::string>& current,
                                                          std::string_view target) const {
  const Indices from = current_indices(current);
  Index target_index = -1;
  const Indices roots = downgrade_roots(target, from, target_index);
  return downgrade_from(from, roots, target_index);
}

std::vector<MigrationStep> RevisionGraph::upgrade_range_steps(std::string_view range) const {
  RevisionRange parsed{"", std::string(range)};
  if (range.find(':') != std::string_view::npos) parsed = parse_range(range);
  const Indices from = resolve_indices(parsed.lower.empty() ? "base" : parsed.lower, {});
  const Indices targets = resolve_indices(parsed.upper.empty() ? "heads" : parsed.upper, from);
  const Indices required = closure(targets, true, true, true);
  for (Index i : from) {
    if (!has(required, i)) {
      throw NotAncestorError("range " + in_quotes(range) + ": " + in_quotes(revisions_[i].id) +
                             " is not an ancestor of " + in_quotes(parsed.upper));
    }
  }
  return upgrade_from(from, targets);
}

std::vector<MigrationStep> RevisionGraph::downgrade_range_steps(std::string_view range) const {
  const RevisionRange parsed = parse_range(range);
  if (parsed.lower.empty() || parsed.upper.empty()) {
    throw UsageError("an offline downgrade needs both ends of the range, FROM:TO, got " +
                     in_quotes(range));
  }
  const Indices from = resolve_indices(parsed.lower, {});
  Index target_index = -1;
  const Indices roots = downgrade_roots(parsed.upper, from, target_index);
  return downgrade_from(from, roots, target_index);
}

std::vector<std::string> RevisionGraph::stamp_heads(const std::vector<std::string>& current,
                                                    std::string_view target) const {
  const Indices from = current_indices(current);
  if (target == "base") return {};
  Indices heads = from;
  const Indices targets = resolve_indices(target, from);
  if (targets.empty()) {  // label@base: clear that branch only
    const std::size_t at = target.find('@');
    const Indices in_branch =
        at == std::string_view::npos ? from : filter_lineage(from, target.substr(0, at));
    return ids_of(difference(from, in_branch));
  }
  for (Index t : targets) {
    const Indices related = closure({t}, true, true, true);
    const Indices later = closure({t}, false, true, false);
    heads.erase(std::remove_if(heads.begin(), heads.end(),
                               [&](Index h) { return has(related, h) || has(later, h); }),
                heads.end());
  }
  heads.insert(heads.end(), targets.begin(), targets.end());
  std::sort(heads.begin(), heads.end());
  const Indices implied = closure(heads, true, true, false);
  return ids_of(difference(heads, implied));
}

}  // namespace retort
