// Building the graph: name indexes, link resolution, the topological order (with cycle
// detection) and Alembic's branch-label propagation.
#include <algorithm>

#include "retort/revision_graph.hpp"
#include "retort/suggest.hpp"
#include "script/graph_internal.hpp"

namespace retort {
namespace {

using detail::script::location_of;

std::string declared_in(const Revision& revision) {
  return revision.path.empty() ? std::string("in memory") : revision.path.string();
}

}  // namespace

void RevisionGraph::index_names() {
  const Index n = static_cast<Index>(revisions_.size());
  by_id_.resize(n);
  for (Index i = 0; i < n; ++i) by_id_[i] = i;
  std::sort(by_id_.begin(), by_id_.end(), [this](Index a, Index b) {
    return revisions_[a].id < revisions_[b].id || (revisions_[a].id == revisions_[b].id && a < b);
  });
  for (Index k = 1; k < n; ++k) {
    const Revision& first = revisions_[by_id_[k - 1]];
    const Revision& second = revisions_[by_id_[k]];
    if (first.id == second.id) {
      throw RevisionError(location_of(second, "revision"), "revision id " + in_quotes(second.id) +
                                                               " is already declared (" +
                                                               declared_in(first) + ")");
    }
  }
  labels_.clear();
  for (Index i = 0; i < n; ++i) {
    for (const std::string& label : revisions_[i].branch_labels) labels_.emplace_back(label, i);
  }
  std::sort(labels_.begin(), labels_.end());
  for (std::size_t k = 0; k < labels_.size(); ++k) {
    const Revision& owner = revisions_[labels_[k].second];
    if (k > 0 && labels_[k - 1].first == labels_[k].first) {
      throw RevisionError(location_of(owner, "branch_labels"),
                          "branch label " + in_quotes(labels_[k].first) + " of revision " +
                              in_quotes(owner.id) + " is already used by revision " +
                              in_quotes(revisions_[labels_[k - 1].second].id));
    }
    if (find_index(labels_[k].first) >= 0) {
      throw RevisionError(location_of(owner, "branch_labels"),
                          "branch label " + in_quotes(labels_[k].first) + " of revision " +
                              in_quotes(owner.id) + " is also a revision id");
    }
  }
}

// down_revision must name an exact id; depends_on may also use a label or a unique prefix.
void RevisionGraph::resolve_links() {
  const Index n = static_cast<Index>(revisions_.size());
  down_.assign(n, {});
  deps_.assign(n, {});
  for (Index i = 0; i < n; ++i) {
    const Revision& revision = revisions_[i];
    for (const std::string& down : revision.down_revisions) {
      const Index target = find_index(down);
      if (target >= 0) {
        down_[i].push_back(target);
        continue;
      }
      std::string message = "revision " + in_quotes(revision.id) + ": down_revision " +
                            in_quotes(down) + " is not a known revision";
      const Indices guesses = prefix_matches(down);
      std::optional<std::string> guess;
      if (guesses.size() == 1) {
        guess = revisions_[guesses[0]].id;
      } else if (guesses.empty()) {
        std::vector<std::string> ids;
        for (const Revision& r : revisions_) ids.push_back(r.id);
        guess = did_you_mean(down, ids);
      }
      if (guess) message += " (did you mean " + in_quotes(*guess) + "?)";
      throw UnknownRevisionError(location_of(revision, "down_revision"), down, message);
    }
    for (const std::string& dep : revision.depends_on) {
      Index target = find_index(dep);
      if (target < 0) target = declaring_revision(dep);
      if (target < 0) {
        const Indices matches = prefix_matches(dep);
        if (matches.empty()) {
          throw UnknownRevisionError(location_of(revision, "depends_on"), dep,
                                     "revision " + in_quotes(revision.id) + ": depends_on " +
                                         in_quotes(dep) +
                                         " is not a known revision or branch label");
        }
        if (matches.size() > 1) {
          throw AmbiguousRevisionError(
              dep, ids_of(matches),
              location_of(revision, "depends_on").to_string() + ": revision " +
                  in_quotes(revision.id) + ": depends_on " + in_quotes(dep) +
                  " matches several revisions: " + detail::script::join(ids_of(matches)));
        }
        target = matches[0];
      }
      if (std::find(deps_[i].begin(), deps_[i].end(), target) == deps_[i].end()) {
        deps_[i].push_back(target);
      }
    }
  }
}

// Depth-first from the heads, following down_revisions then depends_on, emitting each
// revision after its parents: every branch comes out contiguous, which keeps history readable
// and applies one branch at a time. Heads are taken in id order for a stable result.
RevisionGraph::Indices RevisionGraph::topological_order() const {
  const Index n = static_cast<Index>(revisions_.size());
  std::vector<char> has_next(n, 0);
  for (Index i = 0; i < n; ++i) {
    for (Index p : down_[i]) has_next[p] = 1;
    for (Index p : deps_[i]) has_next[p] = 1;
  }
  Indices starts;
  for (Index i : by_id_) {
    if (!has_next[i]) starts.push_back(i);
  }
  for (Index i : by_id_) starts.push_back(i);  // anything left is on a cycle
  enum : char { kWhite, kGray, kBlack };
  std::vector<char> color(n, kWhite);
  std::vector<std::pair<Index, std::size_t>> stack;  // revision, next parent to visit
  Indices order;
  order.reserve(n);
  for (Index start : starts) {
    if (color[start] != kWhite) continue;
    stack.emplace_back(start, 0);
    color[start] = kGray;
    while (!stack.empty()) {
      auto& [at, next] = stack.back();
      const std::size_t parents = down_[at].size() + deps_[at].size();
      if (next == parents) {
        color[at] = kBlack;
        order.push_back(at);
        stack.pop_back();
        continue;
      }
      const Index parent =
          next < down_[at].size() ? down_[at][next] : deps_[at][next - down_[at].size()];
      ++next;
      if (color[parent] == kWhite) {
        color[parent] = kGray;
        stack.emplace_back(parent, 0);
      } else if (color[parent] == kGray) {
        std::vector<std::string> cycle;
        auto from = std::find_if(stack.begin(), stack.end(),
                                 [parent](const auto& entry) { return entry.first == parent; });
        for (; from != stack.end(); ++from) cycle.push_back(revisions_[from->first].id);
        throw CycleError(
            location_of(revisions_[at], next <= down_[at].size() ? "down_revision" : "depends_on"),
            std::move(cycle));
      }
    }
  }
  return order;
}

// Stores revisions in `order` and rebuilds every index-based table; depends_on becomes ids.
void RevisionGraph::reorder(const Indices& order) {
  const Index n = static_cast<Index>(order.size());
  Indices position(n);
  for (Index k = 0; k < n; ++k) position[order[k]] = k;
  std::vector<Revision> revisions(n);
  std::vector<Indices> down(n), deps(n);
  for (Index k = 0; k < n; ++k) {
    revisions[k] = std::move(revisions_[order[k]]);
    for (Index p : down_[order[k]]) down[k].push_back(position[p]);
    for (Index p : deps_[order[k]]) deps[k].push_back(position[p]);
  }
  revisions_ = std::move(revisions);
  down_ = std::move(down);
  deps_ = std::move(deps);
  children_.assign(n, {});
  dependents_.assign(n, {});
  for (Index k = 0; k < n; ++k) {
    revisions_[k].depends_on.clear();
    for (Index p : deps_[k]) revisions_[k].depends_on.push_back(revisions_[p].id);
    for (Index p : down_[k]) children_[p].push_back(k);
    for (Index p : deps_[k]) dependents_[p].push_back(k);
  }
  for (Index& i : by_id_) i = position[i];
  for (auto& entry : labels_) entry.second = position[entry.second];
}

// Alembic's rule: a label reaches every descendant of the revision that declares it, and
// its ancestors down to (not including) the nearest branch point or merge point.
void RevisionGraph::propagate_labels() {
  const Index n = static_cast<Index>(revisions_.size());
  propagated_labels_.assign(n, {});
  for (const auto& [label, owner] : labels_) {
    for (Index i : closure({owner}, false, false, true)) propagated_labels_[i].push_back(label);
    Index at = owner;
    while (children_[at].size() + dependents_[at].size() <= 1 && down_[at].size() <= 1) {
      if (at != owner) propagated_labels_[at].push_back(label);
      if (down_[at].empty()) break;
      at = down_[at][0];
    }
  }
  for (auto& labels : propagated_labels_) {
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  }
}

}  // namespace retort
