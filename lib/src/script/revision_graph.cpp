// The revision graph: validation, topological order, branch labels and ancestry queries.
// Revisions are stored in topological order, so an index order is a topological order.
#include "retort/revision_graph.hpp"

#include <algorithm>

#include "script/graph_internal.hpp"

namespace retort {
namespace {

using detail::script::location_of;

bool is_keyword(std::string_view name) {
  return name == "head" || name == "heads" || name == "base" || name == "current";
}

// Ids and labels appear in targets, so they must not contain the grammar's punctuation.
void check_name(const Revision& revision, std::string_view name, std::string_view what) {
  std::string problem;
  std::string shown(name);
  if (name.empty()) {
    problem = "is empty";
  } else if (is_keyword(name)) {
    problem = "is a reserved word (head, heads, base, current)";
  } else if (name.front() == '+' || name.front() == '-') {
    problem = "starts with '" + std::string(1, name.front()) + "'";
  } else if (name.find_first_of("@:, \t\r\n") != std::string_view::npos) {
    problem = "contains one of '@', ':', ',' or a space";
  } else if (std::any_of(name.begin(), name.end(), [](char c) {
               return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
             })) {
    problem = "contains a control character";  // e.g. a NUL from "\0" in a quoted id
    // Shown as ? so that the message itself carries none to the terminal.
    std::replace_if(
        shown.begin(), shown.end(),
        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }, '?');
  }
  if (problem.empty()) return;
  throw RevisionError(location_of(revision),
                      std::string(what) + " " + in_quotes(shown) + " " + problem);
}

}  // namespace

namespace detail::script {
SourceLocation location_of(std::string_view text, std::size_t offset, std::string_view file) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {std::string(file), line, static_cast<int>(offset - line_start) + 1};
}

SourceLocation location_of(const Revision& revision, std::string_view key) {
  const SourceLocation file = location_of(revision);
  if (file.file.empty()) return file;
  const std::string_view text = revision.source;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view rest = text.substr(start, end - start);
    if (rest.starts_with(key)) {
      rest.remove_prefix(key.size());
      while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
      if (rest.starts_with(':')) return location_of(text, start, file.file);
    }
    start = end + 1;
  }
  return file;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}
}  // namespace detail::script

CycleError::CycleError(SourceLocation where, std::vector<std::string> cycle)
    : RevisionError(std::move(where), "revisions form a cycle through down_revision/depends_on: " +
                                          detail::script::join(cycle, " -> ") + " -> " +
                                          cycle.front()),
      revisions_(std::move(cycle)) {}

UnknownRevisionError::UnknownRevisionError(SourceLocation where, std::string name,
                                           const std::string& message)
    : RevisionError(std::move(where), message), name_(std::move(name)) {}

AmbiguousRevisionError::AmbiguousRevisionError(std::string name,
                                               std::vector<std::string> candidates,
                                               const std::string& message)
    : RevisionError(message), name_(std::move(name)), candidates_(std::move(candidates)) {}

MultipleHeadsError::MultipleHeadsError(std::vector<std::string> heads, const std::string& message)
    : RevisionError(message), heads_(std::move(heads)) {}

RevisionGraph::RevisionGraph(std::vector<Revision> revisions) { build(std::move(revisions)); }

RevisionGraph::Index RevisionGraph::find_index(std::string_view id) const {
  auto it = std::lower_bound(by_id_.begin(), by_id_.end(), id,
                             [this](Index i, std::string_view v) { return revisions_[i].id < v; });
  return it != by_id_.end() && revisions_[*it].id == id ? *it : -1;
}

RevisionGraph::Index RevisionGraph::index_of(std::string_view id) const {
  const Index index = find_index(id);
  if (index < 0) {
    throw UnknownRevisionError({}, std::string(id), "no revision " + in_quotes(id));
  }
  return index;
}

RevisionGraph::Indices RevisionGraph::prefix_matches(std::string_view prefix) const {
  auto it = std::lower_bound(by_id_.begin(), by_id_.end(), prefix,
                             [this](Index i, std::string_view v) { return revisions_[i].id < v; });
  Indices out;
  for (; it != by_id_.end() && revisions_[*it].id.starts_with(prefix); ++it) out.push_back(*it);
  return out;
}

RevisionGraph::Index RevisionGraph::declaring_revision(std::string_view label) const {
  auto it = std::lower_bound(labels_.begin(), labels_.end(), label,
                             [](const auto& entry, std::string_view v) { return entry.first < v; });
  return it != labels_.end() && it->first == label ? it->second : -1;
}

const Revision& RevisionGraph::get(std::string_view id) const { return revisions_[index_of(id)]; }

std::vector<std::string> RevisionGraph::ids_of(const Indices& indices) const {
  std::vector<std::string> out;
  out.reserve(indices.size());
  for (Index i : indices) out.push_back(revisions_[i].id);
  return out;
}

RevisionGraph::Indices RevisionGraph::closure(const Indices& start, bool upward,
                                              bool include_dependencies, bool include_start) const {
  std::vector<char> seen(revisions_.size(), 0);
  Indices stack = start;
  Indices out;
  for (Index i : start) seen[i] = 1;
  if (include_start) out = start;
  while (!stack.empty()) {
    const Index at = stack.back();
    stack.pop_back();
    auto visit = [&](const Indices& next) {
      for (Index n : next) {
        if (seen[n]) continue;
        seen[n] = 1;
        out.push_back(n);
        stack.push_back(n);
      }
    };
    visit(upward ? down_[at] : children_[at]);
    if (include_dependencies) visit(upward ? deps_[at] : dependents_[at]);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> RevisionGraph::heads() const {
  Indices out;
  for (Index i = 0; i < static_cast<Index>(size()); ++i) {
    if (children_[i].empty()) out.push_back(i);
  }
  return ids_of(out);
}

std::vector<std::string> RevisionGraph::bases() const {
  Indices out;
  for (Index i = 0; i < static_cast<Index>(size()); ++i) {
    if (down_[i].empty()) out.push_back(i);
  }
  return ids_of(out);
}

std::vector<std::string> RevisionGraph::branch_points() const {
  Indices out;
  for (Index i = 0; i < static_cast<Index>(size()); ++i) {
    if (children_[i].size() > 1) out.push_back(i);
  }
  return ids_of(out);
}

std::vector<std::string> RevisionGraph::merge_points() const {
  Indices out;
  for (Index i = 0; i < static_cast<Index>(size()); ++i) {
    if (down_[i].size() > 1) out.push_back(i);
  }
  return ids_of(out);
}

std::vector<std::string> RevisionGraph::children(std::string_view id) const {
  return ids_of(children_[index_of(id)]);
}

std::vector<std::string> RevisionGraph::dependents(std::string_view id) const {
  return ids_of(dependents_[index_of(id)]);
}

std::vector<std::string> RevisionGraph::ancestors(const std::vector<std::string>& ids,
                                                  bool include_dependencies) const {
  Indices start;
  for (const std::string& id : ids) start.push_back(index_of(id));
  return ids_of(closure(start, true, include_dependencies, false));
}

std::vector<std::string> RevisionGraph::descendants(const std::vector<std::string>& ids,
                                                    bool include_dependencies) const {
  Indices start;
  for (const std::string& id : ids) start.push_back(index_of(id));
  return ids_of(closure(start, false, include_dependencies, false));
}

bool RevisionGraph::is_ancestor(std::string_view ancestor, std::string_view descendant) const {
  const Index a = index_of(ancestor);
  const Index d = index_of(descendant);
  if (a >= d) return false;  // topological order: ancestors have smaller indices
  const Indices up = closure({d}, true, true, false);
  return std::binary_search(up.begin(), up.end(), a);
}

std::vector<std::string> RevisionGraph::branch_labels(std::string_view id) const {
  return propagated_labels_[index_of(id)];
}

// ---- construction ------------------------------------------------------------------------

void RevisionGraph::build(std::vector<Revision> input) {
  for (const Revision& revision : input) {
    check_name(revision, revision.id, "revision id");
    for (const std::string& label : revision.branch_labels) {
      check_name(revision, label, "branch label");
    }
  }
  revisions_ = std::move(input);
  index_names();
  resolve_links();
  reorder(topological_order());
  propagate_labels();
}

}  // namespace retort
