// retort check: the version rows against the graph's heads, the checksums of applied
// revisions, and the models against the database as it will be once the pending revisions
// are applied.
#include "retort/command_check.hpp"

#include "command/autogenerate.hpp"
#include "retort/error.hpp"
#include "retort/models_file.hpp"
#include "retort/runtime.hpp"

namespace retort {
namespace {

// The same refusal as upgrade's: an applied revision's file must not have changed.
void refuse_changed_files(Connection& conn, const RevisionGraph& graph, const Config& config) {
  RuntimeOptions runtime;
  runtime.version_table = config.version_table;
  for (const ChecksumChange& change : changed_checksums(conn, graph, runtime)) {
    throw InputError(SourceLocation{change.path.string(), 0, 0},
                     "revision " + change.revision + " was changed after it was applied on " +
                         change.applied_at + " (checksum " + change.recorded.substr(0, 12) +
                         ", now " + change.current.substr(0, 12) +
                         "); restore the file, or review the change and accept it (retort "
                         "repair " +
                         change.revision + ")");
  }
}

// Applies the pending revisions' upgrade operations to `live` in memory.
void apply_pending(const RevisionGraph& graph, const std::vector<MigrationStep>& steps,
                   MetaData& live) {
  for (const MigrationStep& step : steps) {
    const Revision& revision = graph.get(step.revision);
    const std::string file =
        revision.path.empty() ? "revision " + revision.id : revision.path.string();
    apply_operations(live, parse_operations_at(revision.source, "upgrade", file));
  }
}

}  // namespace

CheckCommandResult check_command(const CheckCommandOptions& options) {
  const ProjectContext project = ProjectContext::load(options.project);
  const ScriptDirectory scripts = ScriptDirectory::load(project.config.script_path());
  const RevisionGraph& graph = scripts.graph();
  const MetaData models = load_models(project.config.models_path());
  const detail::SchemaFilters filters = detail::with_model_schemas(
      detail::merged_filters(project.config, options.schemas, options.include, options.exclude),
      models);

  detail::LiveDatabase database(project);
  const Dialect& dialect = database.dialect();
  CheckCommandResult result;
  result.redacted_url = database.redacted_url();
  const detail::ProjectState state = database.state(project, graph);
  result.current = state.current;
  result.heads = state.heads;
  if (Connection* conn = database.connection()) refuse_changed_files(*conn, graph, project.config);
  const std::vector<MigrationStep> steps = graph.upgrade_steps(state.current, "heads");
  for (const MigrationStep& step : steps) {
    result.pending.push_back(graph.entry(step.revision, state.current));
  }

  MetaData live = database.reflect(detail::inspect_options(project.config, filters, dialect));
  CompareOptions compare_options = detail::compare_options(project.config, filters, dialect);
  if (!steps.empty()) {
    apply_pending(graph, steps, live);
    compare_options.from_is_model = true;  // part of it is now in the models' spelling
  }
  result.differences = compare(live, models, dialect, compare_options);
  return result;
}

}  // namespace retort
