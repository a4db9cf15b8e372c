// The runtime commands, callable from C++: upgrade, downgrade, stamp, current, heads, history.
// An application migrates itself at start-up with:
//
//   retort::MigrateCommandOptions options;
//   options.project.config_file = "retort.yaml";
//   retort::MigrateCommandResult result = retort::upgrade_command(options);  // to "head"
#pragma once
#include <string>
#include <vector>

#include "retort/command.hpp"
#include "retort/revision_graph.hpp"
#include "retort/runtime.hpp"

namespace retort {

struct MigrateCommandOptions {
  ProjectOptions project;
  // upgrade: default "head"; downgrade: required (UsageError when empty).
  std::string target;
  // Milliseconds to wait for the migration lock; negative waits forever.
  int lock_timeout_ms = -1;
};

struct MigrateCommandResult {
  std::string redacted_url;
  MigrationRunResult run;
  // The revisions run, as the graph describes them, in run order (parallel to run.applied).
  std::vector<HistoryEntry> revisions;
};

// Loads the project's config and script directory, connects, and runs upgrade() /
// downgrade() from runtime.hpp with the config's version_table and transaction_per_migration.
MigrateCommandResult upgrade_command(const MigrateCommandOptions& options);
MigrateCommandResult downgrade_command(const MigrateCommandOptions& options);

struct StampCommandOptions {
  ProjectOptions project;
  std::vector<std::string> targets;  // at least one
  int lock_timeout_ms = -1;
};
MigrateCommandResult stamp_command(const StampCommandOptions& options);

struct CurrentCommandOptions {
  ProjectOptions project;
};
struct CurrentCommandResult {
  std::string redacted_url;
  std::vector<HistoryEntry> heads;  // one per row of the version table, marked is_current
};
// Reads the version table (creates nothing). UnknownRevisionError when a row names a revision
// that has no file.
CurrentCommandResult current_command(const CurrentCommandOptions& options);

struct HeadsCommandOptions {
  ProjectOptions project;
};
struct GraphCommandResult {
  std::vector<HistoryEntry> entries;
};
// The heads of the revision graph; reads no database.
GraphCommandResult heads_command(const HeadsCommandOptions& options);

struct HistoryCommandOptions {
  ProjectOptions project;
  std::string range;  // "", "A:B", "A:", ":B" (RevisionGraph::history)
  // Connect to mark the current revisions (and allow "current" in the range).
  bool indicate_current = false;
};
// Newest first.
GraphCommandResult history_command(const HistoryCommandOptions& options);

}  // namespace retort
