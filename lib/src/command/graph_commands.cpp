// branches and show: what the revision graph says about branch points and single revisions.
// Neither reads a database.
#include "retort/command_runtime.hpp"
#include "retort/ops.hpp"

namespace retort {
namespace {

ScriptDirectory load_graph(const ProjectOptions& options, bool checksums) {
  const ProjectContext project = ProjectContext::load(options);
  LoadRevisionsOptions load;
  load.checksums = checksums;
  return ScriptDirectory::load(project.config.script_path(), load);
}

std::vector<std::string> descriptions(const Revision& revision, std::string_view key) {
  std::vector<std::string> out;
  const std::string file =
      revision.path.empty() ? "revision " + revision.id : revision.path.string();
  for (const Operation& op : parse_operations_at(revision.source, key, file)) {
    out.push_back(describe(op));
  }
  return out;
}

}  // namespace

GraphCommandResult branches_command(const BranchesCommandOptions& options) {
  const ScriptDirectory scripts = load_graph(options.project, false);
  return {scripts.graph().branch_entries()};
}

ShowCommandResult show_command(const ShowCommandOptions& options) {
  const ScriptDirectory scripts = load_graph(options.project, true);
  const RevisionGraph& graph = scripts.graph();
  ShowCommandResult result;
  for (HistoryEntry& entry : graph.show(options.target)) {
    const Revision& revision = graph.get(entry.id);
    ShownRevision shown;
    shown.checksum = revision.checksum;
    shown.transactional = revision.transactional;
    shown.upgrade_operations = descriptions(revision, "upgrade");
    shown.downgrade_operations = descriptions(revision, "downgrade");
    shown.entry = std::move(entry);
    result.revisions.push_back(std::move(shown));
  }
  return result;
}

}  // namespace retort
