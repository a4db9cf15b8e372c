// The review and CI tools, callable from C++: lint (check revisions before they run), verify
// (run every revision up, down and up again on a scratch database) and erd (draw the tables
// and their relationships). docs/cli.md documents the commands, docs/lint.md the rules.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "retort/command.hpp"
#include "retort/lint.hpp"

namespace retort {

// ---- lint ------------------------------------------------------------------------------

struct LintCommandOptions {
  ProjectOptions project;
  // History's range grammar: "", "A:B", "A:", ":B" (default: every revision).
  std::string range;
};

struct LintCommandResult {
  std::string dialect;  // the dialect of the project's database URL, which the rules assume
  LintResult lint;
};

// Loads the project's revisions and lints them for the dialect of its database URL (the
// database is not opened). InputError for malformed revisions or `lint:` keys.
LintCommandResult lint_command(const LintCommandOptions& options);

// ---- verify ----------------------------------------------------------------------------

struct VerifyCommandOptions {
  ProjectOptions project;
};

// Where verify stopped.
struct VerifyFailure {
  std::string revision;  // the revision that failed; empty when the models check failed
  std::filesystem::path file;
  // "upgrade", "downgrade", "round trip" (the schema after the downgrade differs from the
  // schema before the upgrade), "upgrade again", "models" (head differs from the models file).
  std::string stage;
  std::string message;                   // the error, or what differs
  std::vector<std::string> differences;  // "round trip" and "models": describe() of each op
};

struct VerifyCommandResult {
  std::string dialect;
  // The scratch database, password redacted; it no longer exists when verify returns.
  std::string scratch_url;
  std::vector<std::string> verified;  // revisions round-tripped, in the order they ran
  // Revisions run up but not down, because downgrading them alone is not a single step of
  // the graph (a root below other branches, ...): "rev: why".
  std::vector<std::string> skipped;
  bool models_checked = false;  // false when the models file does not exist
  std::filesystem::path models;
  std::optional<VerifyFailure> failure;
  bool ok() const { return !failure.has_value(); }
};

// On a scratch database (a temporary SQLite file; on PostgreSQL a database named
// retort_verify_<random> created and dropped on the server of the project's URL): for each
// revision in topological order, upgrade to it, downgrade one step, check that the reflected
// schema equals the one before the upgrade, and upgrade again; at the end compare the schema
// with the models file. Stops at the first failure (returned, not thrown). Never writes to the
// project's database. Throws for what prevents verifying at all: InputError (config,
// revision files), DatabaseError (the scratch database cannot be created).
VerifyCommandResult verify_command(const VerifyCommandOptions& options);

// ---- erd -------------------------------------------------------------------------------

enum class ErdFormat { kMermaid, kDot };

struct ErdCommandOptions {
  ProjectOptions project;
  // "models" (default: the config's models file), a models file path (.yaml/.yml), or a
  // database URL (reflected read-only).
  std::string from = "models";
  // Unset: DOT when `output` ends in .dot or .gv, else Mermaid.
  std::optional<ErdFormat> format;
  // Write there instead of returning the text only. ".svg" and ".png" are rendered by
  // Graphviz's `dot` (searched in PATH): UsageError saying how to install it when missing.
  std::optional<std::filesystem::path> output;
  // The Graphviz program; a name is searched in PATH.
  std::string dot_program = "dot";
};

struct ErdCommandResult {
  std::string text;  // the diagram source (Mermaid or DOT)
  std::optional<std::filesystem::path> written;
};

ErdCommandResult erd_command(const ErdCommandOptions& options);

// The diagram of `metadata`: tables with their columns and key markers (PK, FK, UK), and one
// relationship per foreign key (many-to-one; one-to-one when the key's columns are unique).
// Deterministic: tables sorted by schema and name, columns in their order.
std::string render_erd(const MetaData& metadata, ErdFormat format);

}  // namespace retort
