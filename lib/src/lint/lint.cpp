// lint(): walks the revisions in topological order, tracking the schema their upgrade
// operations build, and checks the revisions in the range.
#include <algorithm>
#include <unordered_set>

#include "lint/lint_internal.hpp"

namespace retort {
namespace {

using detail::lint::RawFinding;
using detail::lint::RevisionLayout;

// The revision as a whole: no downgrade for its upgrade, transactional: false.
void check_revision(const Revision& revision, const RevisionLayout& layout,
                    std::vector<RawFinding>& out) {
  if (!layout.upgrade.empty() && !layout.has_downgrade) {
    out.push_back({"RT006", -1,
                   "the revision has " + std::to_string(layout.upgrade.size()) +
                       " upgrade operation(s) and no downgrade: it cannot be reversed"});
  }
  if (!revision.transactional) {
    out.push_back({"RT010", -2,
                   "the revision runs outside a transaction (transactional: false): a failure "
                   "leaves it half applied"});
  }
}

int line_of(const RawFinding& raw, const RevisionLayout& layout) {
  if (raw.operation >= 0 && raw.operation < static_cast<int>(layout.upgrade_lines.size())) {
    return layout.upgrade_lines[raw.operation];
  }
  return raw.operation == -2 ? layout.transactional_line : layout.upgrade_line;
}

void place(const Revision& revision, const RevisionLayout& layout,
           const std::vector<RawFinding>& raw, LintResult& result) {
  std::vector<LintFinding> placed;
  for (const RawFinding& r : raw) {
    const LintRule& rule = *find_lint_rule(r.rule);
    LintFinding finding;
    finding.rule = r.rule;
    finding.severity = rule.severity;
    finding.revision = revision.id;
    finding.file = revision.path;
    finding.line = line_of(r, layout);
    finding.message = r.message;
    finding.fix = std::string(rule.fix);
    if (auto it = layout.ignores.find(r.rule); it != layout.ignores.end()) {
      finding.ignored = true;
      finding.ignore_reason = it->second;
    }
    placed.push_back(std::move(finding));
  }
  std::stable_sort(placed.begin(), placed.end(),
                   [](const LintFinding& a, const LintFinding& b) { return a.line < b.line; });
  result.findings.insert(result.findings.end(), placed.begin(), placed.end());
}

}  // namespace

bool LintResult::has_errors() const {
  return std::any_of(findings.begin(), findings.end(), [](const LintFinding& f) {
    return f.severity == LintSeverity::kError && !f.ignored;
  });
}

LintResult lint(const RevisionGraph& graph, const Dialect& dialect, const LintOptions& options) {
  std::unordered_set<std::string> in_range;
  for (const HistoryEntry& entry : graph.history(options.range)) in_range.insert(entry.id);
  LintResult result;
  MetaData state;
  for (const Revision& revision : graph.revisions()) {
    const bool report = in_range.count(revision.id) > 0;
    const RevisionLayout layout = detail::lint::read_layout(revision, report);
    detail::lint::RevisionChecker checker(dialect, state);
    checker.check(layout.upgrade);
    if (!report) continue;
    ++result.revisions_checked;
    std::vector<RawFinding>& raw = checker.findings();
    check_revision(revision, layout, raw);
    place(revision, layout, raw, result);
  }
  return result;
}

}  // namespace retort
