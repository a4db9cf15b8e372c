// Lint: flags revisions that are likely to fail or hurt in production (destructive,
// irreversible, locking or non-transactional operations) before they run. Each rule has a
// stable id and a severity; docs/lint.md shows each with a bad example and the fix.
//
//   retort::ScriptDirectory scripts = retort::ScriptDirectory::load("migrations");
//   retort::LintResult result = retort::lint(scripts.graph(), retort::dialect_for("sqlite"));
//   if (result.has_errors()) { ... }
//
// A revision silences a rule for itself, with a reason, in its file:
//
//   lint:
//     ignore:
//       - {rule: RT005, reason: "the table is empty in production"}
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "retort/dialect.hpp"
#include "retort/revision_graph.hpp"

namespace retort {

enum class LintSeverity { kError, kWarning, kInfo };

// "error", "warning", "info".
const char* to_string(LintSeverity severity);

struct LintRule {
  std::string_view id;    // "RT001"; never reused or renumbered
  std::string_view name;  // "drop-table"
  LintSeverity severity;
  std::string_view summary;  // what the rule flags, one line
  std::string_view fix;      // what to do instead, one line
};

// Every rule, in id order.
const std::vector<LintRule>& lint_rules();
// The rule with this id, or nullptr.
const LintRule* find_lint_rule(std::string_view id);

struct LintFinding {
  std::string rule;  // the rule's id
  LintSeverity severity = LintSeverity::kWarning;
  std::string revision;
  std::filesystem::path file;  // the revision's file; empty for a revision built in memory
  int line = 0;                // 1-based line of the operation or key; 0 when unknown
  std::string message;         // `dropping table "track" deletes its rows`
  std::string fix;             // the rule's fix
  // Silenced by the revision's `lint: {ignore: ...}`; the reason given there.
  bool ignored = false;
  std::string ignore_reason;
  bool operator==(const LintFinding&) const = default;
};

struct LintResult {
  // In revision order (topological, oldest first), then by line.
  std::vector<LintFinding> findings;
  std::size_t revisions_checked = 0;
  // True when some finding of error severity is not ignored.
  bool has_errors() const;
};

struct LintOptions {
  // The revisions to report on, in history's range grammar ("", "A:B", "A:", ":B"); every
  // revision is still read, in order, to know which tables exist before each one.
  std::string range;
};

// Lints the `upgrade:` operations of the graph's revisions for `dialect` (rules about SQLite
// rebuilds or PostgreSQL's CONCURRENTLY only fire on their dialect). A table is "existing" for
// a revision unless that revision creates it. Throws InputError naming file:line:column for a
// malformed `lint:` key (unknown rule, missing reason) or malformed operations, and
// RevisionError for a bad range.
LintResult lint(const RevisionGraph& graph, const Dialect& dialect,
                const LintOptions& options = {});

}  // namespace retort
