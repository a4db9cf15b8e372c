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
  // Offline mode: connect to nothing and return the SQL script (upgrade_sql / downgrade_sql
  // of runtime.hpp) for the dialect of the database URL's scheme. `target` is then a range:
  // upgrade "[A:]B" (default "head", from base), downgrade "A:B".
  bool sql = false;
};

struct MigrateCommandResult {
  std::string redacted_url;
  // Offline mode: the script; `run` and `revisions` stay empty.
  std::string sql;
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
  // Empty the version table first, even of revisions the script directory does not know.
  bool purge = false;
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

struct RepairCommandOptions {
  ProjectOptions project;
  // Revisions whose checksum to re-record (ids, prefixes, labels); empty: every applied
  // revision whose file changed.
  std::vector<std::string> revisions;
  int lock_timeout_ms = -1;
};
struct RepairCommandResult {
  std::string redacted_url;
  std::vector<ChecksumChange> repaired;  // topological order; recorded is the old checksum
};
// repair_checksums() of runtime.hpp on the project's database.
RepairCommandResult repair_command(const RepairCommandOptions& options);

struct BranchesCommandOptions {
  ProjectOptions project;
};
// The branch points of the graph (revisions with several children), each with `children`
// filled; reads no database.
GraphCommandResult branches_command(const BranchesCommandOptions& options);

struct ShowCommandOptions {
  ProjectOptions project;
  std::string target;  // any target; "heads" shows several
};
struct ShownRevision {
  HistoryEntry entry;
  std::string checksum;  // SHA-256 of the file
  bool transactional = true;
  // describe() of each operation of the file's upgrade: and downgrade: blocks.
  std::vector<std::string> upgrade_operations;
  std::vector<std::string> downgrade_operations;
};
struct ShowCommandResult {
  std::vector<ShownRevision> revisions;
};
// Every field of the revisions `target` names; reads no database.
ShowCommandResult show_command(const ShowCommandOptions& options);

}  // namespace retort
