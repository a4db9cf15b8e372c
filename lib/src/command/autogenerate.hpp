// What revision --autogenerate, check, diff and inspect share: the config's filters merged
// with the command line's, the database opened read-only, the models file compared with the
// reflected database, and likely renames found in the result.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "retort/command.hpp"
#include "retort/command_revision.hpp"
#include "retort/diff.hpp"
#include "retort/engine.hpp"
#include "retort/inspect.hpp"
#include "retort/revision_graph.hpp"

namespace retort::detail {

// Schemas and table globs: the config's lists followed by the command line's (duplicates
// dropped).
struct SchemaFilters {
  std::vector<std::string> schemas;
  std::vector<std::string> include;
  std::vector<std::string> exclude;
};
SchemaFilters merged_filters(const Config& config, const std::vector<std::string>& schemas,
                             const std::vector<std::string>& include,
                             const std::vector<std::string>& exclude);

// With no schemas given (config or command line), the schemas a models file names are read
// and compared too, beside the current one: a model of "music"."artist" is then compared with
// the database's "music"."artist" rather than with nothing. Unchanged when schemas were given.
SchemaFilters with_model_schemas(SchemaFilters filters, const MetaData& models);

// The schemas commands that read the project's database (seed, db reset, erd, verify) look
// at: the config's, or without them the current one and those the models file names (when it
// exists and loads; empty, meaning the current schema alone, otherwise).
std::vector<std::string> project_schemas(const ProjectContext& project);

// InspectOptions / CompareOptions with the filters and the config's version and log tables.
// Schemas are dropped for a dialect without them (a config written for PostgreSQL still
// works on a SQLite URL).
InspectOptions inspect_options(const Config& config, const SchemaFilters& filters,
                               const Dialect& dialect);
CompareOptions compare_options(const Config& config, const SchemaFilters& filters,
                               const Dialect& dialect);

// Engine options for reading a database without changing it (a SQLite file is not created).
EngineOptions read_only_options(const ProjectContext& project);

// The project's version rows and the revision graph's heads, for commands that compare the
// database with the models.
struct ProjectState {
  std::vector<std::string> current;  // version rows, sorted
  std::vector<std::string> heads;    // graph heads, sorted
  bool at_head() const { return current == heads; }
};

// The project's database as the comparing commands read it: opened read-only, or not at all
// when it does not exist yet (Dialect::database_exists: a SQLite file before the first
// upgrade). A database that does not exist counts as an empty one at base; it is never
// created. Throws DatabaseError when an existing database cannot be opened.
class LiveDatabase {
 public:
  explicit LiveDatabase(const ProjectContext& project);

  const Dialect& dialect() const { return engine_.dialect(); }
  std::string redacted_url() const { return engine_.url().redacted(); }
  // Null when the database does not exist.
  Connection* connection() { return conn_ ? &*conn_ : nullptr; }
  // The version rows (none when the database does not exist) and `graph`'s heads.
  ProjectState state(const ProjectContext& project, const RevisionGraph& graph);
  // The reflected schema; empty when the database does not exist.
  MetaData reflect(const InspectOptions& options);

 private:
  Engine engine_;
  std::optional<Connection> conn_;
};

// Throws UsageError unless the version rows are the graph's heads.
void require_at_head(const ProjectState& state);

// Column pairs (drop_column + add_column of the same type in one table) and table pairs
// (drop_table + create_table with the same column names and types) in `ops`, in order.
std::vector<RenameCandidate> rename_candidates(const std::vector<Operation>& ops);
// The hint a candidate stands for, as CompareOptions takes it.
RenameHint rename_hint(const RenameCandidate& candidate);

// emit_operations(ops, 2) with a comment line above each operation of a candidate pair:
// "# retort: likely rename of track.titel -> track.title; use --rename track.titel=title".
std::string emit_with_rename_comments(const std::vector<Operation>& ops,
                                      const std::vector<RenameCandidate>& candidates);

}  // namespace retort::detail
