// Fuzzes target resolution and step planning on a small fixed revision graph with branches,
// labels, a merge, a dependency and a second root. The input is "TARGET\nCURRENT1,CURRENT2".
// Every target, range and version-table content must either work or be refused with a
// retort::Error. Planned steps name known revisions once each, and upgrading to a plain
// (non-relative) target a second time plans nothing.
#include <algorithm>
#include <set>

#include "fuzz_support.hpp"
#include "retort/revision_graph.hpp"
#include "script/graph_fixtures.hpp"

using namespace retort;
using retort::testing::heads_after;
using retort::testing::rev;

namespace {

// ae10 <- ae21 <- b310 (left) <- b320 <- d500 (merge) ; ae21 <- c410 (right) <- c420 <- d500;
// c420 depends on b310; a second root e600 (other) <- e610, which depends on ae21.
const RevisionGraph& graph() {
  static const RevisionGraph g({rev("ae10", {}, {"core"}), rev("ae21", {"ae10"}),
                                rev("b310", {"ae21"}, {"left"}), rev("b320", {"b310"}),
                                rev("c410", {"ae21"}, {"right"}),
                                rev("c420", {"c410"}, {}, {"b310"}), rev("d500", {"b320", "c420"}),
                                rev("e600", {}, {"other"}), rev("e610", {"e600"}, {}, {"ae21"})});
  return g;
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(sep, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

void check_steps(const std::vector<MigrationStep>& steps, std::string_view what) {
  std::set<std::string> seen;
  for (const MigrationStep& step : steps) {
    fuzz::check(graph().contains(step.revision), std::string(what) + " names an unknown revision");
    fuzz::check(seen.insert(step.revision).second, std::string(what) + " runs a revision twice");
  }
}

// True when `current` could be a version table: known revisions, none an ancestor of another.
bool is_head_set(const std::vector<std::string>& current) {
  for (const std::string& a : current) {
    if (!graph().contains(a)) return false;
    for (const std::string& b : current) {
      if (a == b ? &a != &b : graph().is_ancestor(a, b)) return false;
    }
  }
  return true;
}

void check_upgrade(const std::vector<std::string>& current, std::string_view target) {
  std::vector<MigrationStep> steps;
  if (!fuzz::expect_typed_errors([&] { steps = graph().upgrade_steps(current, target); })) return;
  check_steps(steps, "upgrade_steps");
  const bool relative = target.find_first_of("+-") != std::string_view::npos;
  if (relative || !is_head_set(current)) return;
  const std::vector<std::string> after = heads_after(current, steps);
  std::vector<MigrationStep> again;
  fuzz::check(fuzz::expect_typed_errors([&] { again = graph().upgrade_steps(after, target); }),
              "upgrading again to the same target fails");
  fuzz::check(again.empty(), "upgrading again to the same target plans steps");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const std::size_t newline = text.find('\n');
  const std::string_view target = text.substr(0, newline);
  const std::vector<std::string> current = newline == std::string_view::npos
                                               ? std::vector<std::string>{}
                                               : split(text.substr(newline + 1), ',');
  const RevisionGraph& g = graph();
  fuzz::expect_typed_errors([&] {
    for (const std::string& id : g.resolve(target, current)) {
      fuzz::check(g.contains(id), "resolve names an unknown revision");
    }
  });
  fuzz::expect_typed_errors([&] { g.resolve_id(target); });
  check_upgrade(current, target);
  fuzz::expect_typed_errors(
      [&] { check_steps(g.downgrade_steps(current, target), "downgrade_steps"); });
  fuzz::expect_typed_errors([&] { g.stamp_heads(current, target); });
  fuzz::expect_typed_errors([&] { g.show(target, current); });
  fuzz::expect_typed_errors([&] { g.history(target, current); });
  fuzz::expect_typed_errors([&] { RevisionGraph::parse_range(target); });
  fuzz::expect_typed_errors(
      [&] { check_steps(g.upgrade_range_steps(target), "upgrade_range_steps"); });
  fuzz::expect_typed_errors(
      [&] { check_steps(g.downgrade_range_steps(target), "downgrade_range_steps"); });
  return 0;
}
