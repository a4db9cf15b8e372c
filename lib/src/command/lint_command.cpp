// retort lint: the project's revisions through the lint rules, for the dialect of its
// database URL (the database itself is not opened).
#include "retort/command_tools.hpp"
#include "retort/revision_graph.hpp"
#include "retort/url.hpp"

namespace retort {

LintCommandResult lint_command(const LintCommandOptions& options) {
  const ProjectContext project = ProjectContext::load(options.project);
  const ScriptDirectory scripts = ScriptDirectory::load(project.config.script_path());
  const Dialect& dialect = dialect_for(Url::parse(project.database_url).dialect);
  LintCommandResult result;
  result.dialect = std::string(dialect.name());
  LintOptions lint_options;
  lint_options.range = options.range;
  result.lint = lint(scripts.graph(), dialect, lint_options);
  return result;
}

}  // namespace retort
