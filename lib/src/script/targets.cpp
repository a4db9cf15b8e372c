// Target resolution in Alembic's grammar (docs/revisions.md): ids, unique prefixes, branch
// labels, head / heads / base / current, relative steps (+N, -N, REV+N, REV-N) and the
// label@ forms.
#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>
#include <string>

#include "retort/error.hpp"
#include "retort/revision_graph.hpp"
#include "script/graph_internal.hpp"

namespace retort {
namespace {

using detail::script::join;

struct Relative {
  std::string_view symbol;  // what the step counts from; empty: the current heads
  int steps = 0;
};

// "abc+2" -> {"abc", 2}; "-1" -> {"", -1}. nullopt when `text` does not end in [+-]digits.
std::optional<Relative> split_relative(std::string_view text) {
  std::size_t digits = text.size();
  while (digits > 0 && text[digits - 1] >= '0' && text[digits - 1] <= '9') --digits;
  if (digits == text.size() || digits == 0) return std::nullopt;
  const char sign = text[digits - 1];
  if (sign != '+' && sign != '-') return std::nullopt;
  int count = 0;
  const char* first = text.data() + digits;
  const char* last = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(first, last, count);
  if (ec == std::errc::result_out_of_range) {
    throw UsageError("the step count of " + in_quotes(text) + " is too large (at most " +
                     std::to_string(std::numeric_limits<int>::max()) + ")");
  }
  if (ptr != last) return std::nullopt;
  return Relative{text.substr(0, digits - 1), sign == '+' ? count : -count};
}

}  // namespace

RevisionRange RevisionGraph::parse_range(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || text.find(':', colon + 1) != std::string_view::npos) {
    throw UsageError("expected a revision range A:B, A: or :B, got " + in_quotes(text));
  }
  return {std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
}

RevisionGraph::Indices RevisionGraph::current_indices(
    const std::vector<std::string>& current) const {
  Indices out;
  for (const std::string& id : current) {
    const Index index = find_index(id);
    if (index < 0) {
      throw UnknownRevisionError({}, id,
                                 "the version table names revision " + in_quotes(id) +
                                     ", which is not in the script directory");
    }
    out.push_back(index);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

RevisionGraph::Index RevisionGraph::resolve_one(std::string_view text) const {
  if (Index exact = find_index(text); exact >= 0) return exact;
  if (Index labelled = declaring_revision(text); labelled >= 0) return labelled;
  const Indices matches = text.empty() ? Indices{} : prefix_matches(text);
  if (matches.size() == 1) return matches[0];
  if (matches.empty()) {
    throw UnknownRevisionError({}, std::string(text),
                               "no revision or branch label " + in_quotes(text));
  }
  throw AmbiguousRevisionError(
      std::string(text), ids_of(matches),
      "revision prefix " + in_quotes(text) + " is ambiguous: " + join(ids_of(matches)));
}

std::string RevisionGraph::resolve_id(std::string_view text) const {
  return revisions_[resolve_one(text)].id;
}

RevisionGraph::Indices RevisionGraph::lineage(Index of) const {
  Indices up = closure({of}, true, false, true);
  Indices down = closure({of}, false, false, false);
  up.insert(up.end(), down.begin(), down.end());
  std::sort(up.begin(), up.end());
  return up;
}

// The members of `of` in the line of descent of `label` (a branch label or a revision).
RevisionGraph::Indices RevisionGraph::filter_lineage(const Indices& of,
                                                     std::string_view label) const {
  if (label.empty()) return of;
  Index branch = declaring_revision(label);
  if (branch < 0) branch = resolve_one(label);
  const Indices members = lineage(branch);
  Indices out;
  for (Index i : of) {
    if (std::binary_search(members.begin(), members.end(), i)) out.push_back(i);
  }
  return out;
}

RevisionGraph::Indices RevisionGraph::resolve_indices(std::string_view target,
                                                      const Indices& current) const {
  std::string_view label;
  std::string_view rest = target;
  if (const std::size_t at = target.find('@'); at != std::string_view::npos) {
    label = target.substr(0, at);
    rest = target.substr(at + 1);
    filter_lineage({}, label);  // reports an unknown label
  }
  Indices all_heads;
  for (Index i = 0; i < static_cast<Index>(size()); ++i) {
    if (children_[i].empty()) all_heads.push_back(i);
  }
  if (rest == "heads") return filter_lineage(all_heads, label);
  if (rest == "head") {
    const Indices heads = filter_lineage(all_heads, label);
    if (heads.size() > 1) {
      const std::string where = label.empty() ? "" : " in branch " + in_quotes(label);
      throw MultipleHeadsError(ids_of(heads), "multiple heads" + where + ": " +
                                                  join(ids_of(heads)) +
                                                  "; use a branch label or merge them");
    }
    return heads;
  }
  if (rest == "base") return {};
  if (rest == "current" && label.empty()) return current;
  if (find_index(rest) < 0 && declaring_revision(rest) < 0) {
    if (auto relative = split_relative(rest)) {
      return resolve_relative(label, relative->symbol, relative->steps, current, target);
    }
  }
  Index found = -1;
  if (label.empty() || find_index(rest) >= 0 || declaring_revision(rest) >= 0) {
    found = resolve_one(rest);
  } else {
    // A prefix only needs to be unique within the branch.
    const Indices matches = filter_lineage(prefix_matches(rest), label);
    found = matches.size() == 1 ? matches[0] : resolve_one(rest);
  }
  if (filter_lineage({found}, label).empty()) {
    throw NotAncestorError("revision " + in_quotes(revisions_[found].id) + " is not in branch " +
                           in_quotes(label));
  }
  return {found};
}

RevisionGraph::Indices RevisionGraph::resolve_relative(std::string_view label,
                                                       std::string_view symbol, int steps,
                                                       const Indices& current,
                                                       std::string_view target) const {
  Index start = -1;  // base
  if (symbol.empty()) {
    const Indices from = filter_lineage(current, label);
    if (from.size() > 1) {
      throw MultipleHeadsError(
          ids_of(from),
          "relative target " + in_quotes(target) +
              " is ambiguous: the database has several current heads: " + join(ids_of(from)) +
              "; use label@" + std::string(target) + " or REV" + std::string(target));
    }
    if (!from.empty()) start = from[0];
  } else {
    const std::string base_target =
        label.empty() ? std::string(symbol) : std::string(label) + "@" + std::string(symbol);
    const Indices from = resolve_indices(base_target, current);
    if (from.size() > 1) {
      throw MultipleHeadsError(
          ids_of(from), in_quotes(symbol) + " names several revisions: " + join(ids_of(from)));
    }
    if (!from.empty()) start = from[0];
  }
  const Index result = walk(start, steps, label, target);
  return result < 0 ? Indices{} : Indices{result};
}

// Steps up through children (steps > 0) or down through down_revisions (steps < 0); -1 is
// base. Every step must be unambiguous, within `label`'s branch when one is given.
RevisionGraph::Index RevisionGraph::walk(Index start, int steps, std::string_view label,
                                         std::string_view target) const {
  Index at = start;
  const auto name = [this](Index i) { return i < 0 ? std::string("base") : revisions_[i].id; };
  for (int taken = 0; taken < std::abs(steps); ++taken) {
    Indices next;
    if (steps > 0) {
      if (at < 0) {
        for (Index i = 0; i < static_cast<Index>(size()); ++i) {
          if (down_[i].empty()) next.push_back(i);
        }
      } else {
        next = children_[at];
      }
    } else {
      if (at < 0) {
        throw NotAncestorError("relative target " + in_quotes(target) + " goes below base after " +
                               std::to_string(taken) + " step(s)");
      }
      next = down_[at];
      if (next.empty()) {
        at = -1;
        continue;
      }
    }
    if (next.size() > 1) next = filter_lineage(next, label);
    if (next.empty()) {
      throw NotAncestorError("relative target " + in_quotes(target) + " goes past the head " +
                             in_quotes(name(at)) + " after " + std::to_string(taken) + " step(s)");
    }
    if (next.size() > 1) {
      const std::string why = steps > 0 ? " has several children: " : " is a merge of ";
      throw AmbiguousRevisionError(std::string(target), ids_of(next),
                                   "relative target " + in_quotes(target) +
                                       " is ambiguous: " + in_quotes(name(at)) + why +
                                       join(ids_of(next)) + "; use a branch label (label@" +
                                       std::string(target.substr(target.find('@') + 1)) + ")");
    }
    at = next[0];
  }
  return at;
}

std::vector<std::string> RevisionGraph::resolve(std::string_view target,
                                                const std::vector<std::string>& current) const {
  return ids_of(resolve_indices(target, current_indices(current)));
}

}  // namespace retort
