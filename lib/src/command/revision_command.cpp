// revision and merge: a new revision file from the project's template, its parents chosen in
// the revision graph and, with --autogenerate, its operations from comparing the models file
// with the database.
#include <algorithm>
#include <random>

#include "command/autogenerate.hpp"
#include "command/templates.hpp"
#include "retort/command_revision.hpp"
#include "retort/error.hpp"
#include "retort/models_file.hpp"
#include "retort/revision_graph.hpp"
#include "script/revision_header.hpp"
#include "script/revision_writer.hpp"

namespace retort {
namespace fs = std::filesystem;
using detail::script::RevisionFileContent;

namespace {

constexpr std::string_view kTemplateName = "script.yaml.tmpl";

std::string random_id() {
  std::random_device device;
  std::uniform_int_distribution<int> nibble(0, 15);
  std::string id;
  for (int i = 0; i < 12; ++i) id += "0123456789abcdef"[nibble(device)];
  return id;
}

// Ids and labels appear in targets and file names: [A-Za-z0-9_.-], not starting with '-'
// (a relative step) or '.' (a hidden file).
void check_name(const std::string& name, const char* what) {
  const bool safe = !name.empty() && name[0] != '-' && name[0] != '.' &&
                    std::all_of(name.begin(), name.end(), [](char c) {
                      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                             (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
                    });
  if (!safe) {
    throw UsageError(std::string(what) + " \"" + name +
                     "\" must be made of letters, digits, '_', '.' and '-', and not start with "
                     "'-' or '.'");
  }
}

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// The parent of a new revision: --head (any target naming one revision, or base), else the
// single head.
std::vector<std::string> choose_parent(const RevisionGraph& graph,
                                       const RevisionCommandOptions& options) {
  if (!options.head) {
    std::vector<std::string> heads = graph.heads();
    if (heads.size() > 1) {
      throw MultipleHeadsError(heads, "multiple heads: " + joined(heads) +
                                          "; pass --head (an id or label@head) or merge them "
                                          "(retort merge heads)");
    }
    return heads;
  }
  std::vector<std::string> parent = graph.resolve(*options.head);
  if (parent.size() > 1) {
    throw MultipleHeadsError(parent, "--head " + *options.head + " names several revisions: " +
                                         joined(parent) + "; name one");
  }
  if (!parent.empty() && !graph.children(parent[0]).empty() && !options.splice) {
    throw UsageError("revision " + parent[0] +
                     " is not a head; pass --splice to start a new branch from it");
  }
  return parent;
}

std::string template_text(const ProjectContext& project, std::string& name) {
  const fs::path path = project.config.script_path() / kTemplateName;
  std::error_code ec;
  if (fs::exists(path, ec)) {
    name = path.string();
    return detail::script::read_whole_file(path);
  }
  name = "<built-in " + std::string(kTemplateName) + ">";
  for (const detail::TemplateFile& file : detail::template_files("generic")) {
    if (file.path == "migrations/" + std::string(kTemplateName)) return std::string(file.contents);
  }
  throw UsageError("no " + std::string(kTemplateName) + " in \"" +
                   project.config.script_path().string() + "\"");
}

std::string pick_id(const RevisionGraph& graph, const std::optional<std::string>& rev_id,
                    const RevisionEnvironment& environment) {
  if (rev_id) {
    check_name(*rev_id, "--rev-id");
    if (graph.contains(*rev_id)) {
      throw UsageError("--rev-id: revision " + *rev_id + " exists already (" +
                       graph.get(*rev_id).path.string() + ")");
    }
    return *rev_id;
  }
  for (;;) {
    std::string id = environment.new_id ? environment.new_id() : random_id();
    if (!graph.contains(id)) return id;
  }
}

// Checks the new revision against the graph (labels unique and not ids, depends_on found,
// no cycle) by building the graph with it.
void validate_in_graph(const RevisionGraph& graph, const Revision& revision) {
  for (const std::string& label : revision.branch_labels) check_name(label, "branch label");
  std::vector<Revision> all = graph.revisions();
  all.push_back(revision);
  const RevisionGraph with_new(std::move(all));
  (void)with_new;
}

// Renders, checks that the file reads back to exactly the header given (a project template
// may have lost a field), and writes it.
fs::path write_revision(const ProjectContext& project, const ScriptDirectory& scripts,
                        const RevisionFileContent& content,
                        std::chrono::system_clock::time_point now) {
  std::string template_name;
  const std::string tmpl = template_text(project, template_name);
  const std::string text = detail::script::render_revision_template(tmpl, template_name, content);
  const Revision back = parse_revision(text, template_name);
  const Revision& want = content.header;
  if (back.id != want.id || back.down_revisions != want.down_revisions ||
      back.branch_labels != want.branch_labels || back.depends_on != want.depends_on ||
      back.message != want.message || back.created != want.created) {
    throw InputError(SourceLocation{template_name},
                     "the template does not give back the revision's header; it must hold "
                     "revision, down_revision, branch_labels, depends_on, message and created "
                     "placeholders");
  }
  const std::string name = detail::script::render_file_name(
      project.config.file_template, project.config.file.string(), want.id, want.message, now);
  const fs::path path = fs::absolute(scripts.versions_dir() / (name + ".yaml"));
  detail::script::write_new_file(path, text);
  return path;
}

RevisionCommandResult finish(const ProjectContext& project, const ScriptDirectory& scripts,
                             RevisionFileContent content, const RevisionEnvironment& env) {
  const auto now = env.now ? env.now() : std::chrono::system_clock::now();
  content.header.created = detail::script::iso_utc(now);
  RevisionCommandResult result;
  result.path = write_revision(project, scripts, content, now);
  result.written = true;
  result.id = content.header.id;
  result.down_revisions = content.header.down_revisions;
  result.branch_labels = content.header.branch_labels;
  result.depends_on = content.header.depends_on;
  return result;
}

ScriptDirectory load_scripts(const ProjectContext& project) {
  LoadRevisionsOptions load;
  load.checksums = false;
  return ScriptDirectory::load(project.config.script_path(), load);
}

// The operations that take the database (at head) to the models, with renames confirmed or
// marked.
struct Generated {
  std::vector<Operation> upgrade;
  std::vector<RenameCandidate> marked;
};

Generated autogenerate(const ProjectContext& project, const RevisionGraph& graph,
                       const RevisionCommandOptions& options) {
  const MetaData models = load_models(project.config.models_path());
  const detail::SchemaFilters filters = detail::with_model_schemas(
      detail::merged_filters(project.config, options.schemas, options.include, options.exclude),
      models);
  detail::LiveDatabase database(project);
  const Dialect& dialect = database.dialect();
  CompareOptions hints = detail::compare_options(project.config, filters, dialect);
  for (const std::string& hint : options.renames) {
    hints.column_renames.push_back(parse_rename_hint(hint, false));
  }
  for (const std::string& hint : options.rename_tables) {
    hints.table_renames.push_back(parse_rename_hint(hint, true));
  }
  detail::require_at_head(database.state(project, graph));
  const MetaData live = database.reflect(detail::inspect_options(project.config, filters, dialect));

  Generated out;
  out.upgrade = compare(live, models, dialect, hints);
  const std::vector<RenameCandidate> candidates = detail::rename_candidates(out.upgrade);
  if (!options.confirm_rename) {
    out.marked = candidates;
    return out;
  }
  bool confirmed = false;
  for (const RenameCandidate& candidate : candidates) {
    if (!options.confirm_rename(candidate)) continue;
    const RenameHint hint = detail::rename_hint(candidate);
    (candidate.is_table ? hints.table_renames : hints.column_renames).push_back(hint);
    confirmed = true;
  }
  if (confirmed) out.upgrade = compare(live, models, dialect, hints);
  return out;
}

}  // namespace

RevisionCommandResult revision_command(const RevisionCommandOptions& options) {
  const ProjectContext project = ProjectContext::load(options.project);
  const ScriptDirectory scripts = load_scripts(project);
  const RevisionGraph& graph = scripts.graph();
  RevisionFileContent content;
  Revision& header = content.header;
  header.id = pick_id(graph, options.rev_id, options.environment);
  header.down_revisions = choose_parent(graph, options);
  header.branch_labels = options.branch_labels;
  for (const std::string& dependency : options.depends_on) {
    header.depends_on.push_back(graph.resolve_id(dependency));
  }
  header.message = options.message;
  validate_in_graph(graph, header);

  Generated generated;
  std::vector<Operation> downgrade;
  if (options.autogenerate) {
    generated = autogenerate(project, graph, options);
    if (generated.upgrade.empty() && !options.allow_empty) return {};
    downgrade = reverse(generated.upgrade);
    content.upgrade = detail::emit_with_rename_comments(generated.upgrade, generated.marked);
    content.downgrade = emit_operations(downgrade, 2);
  }
  RevisionCommandResult result = finish(project, scripts, std::move(content), options.environment);
  result.upgrade = std::move(generated.upgrade);
  result.downgrade = std::move(downgrade);
  result.likely_renames = std::move(generated.marked);
  return result;
}

RevisionCommandResult merge_command(const MergeCommandOptions& options) {
  const ProjectContext project = ProjectContext::load(options.project);
  const ScriptDirectory scripts = load_scripts(project);
  const RevisionGraph& graph = scripts.graph();
  std::vector<std::string> parents;
  for (const std::string& target : options.revisions) {
    for (std::string& id : graph.resolve(target)) {
      if (std::find(parents.begin(), parents.end(), id) == parents.end()) parents.push_back(id);
    }
  }
  if (parents.size() < 2) {
    throw UsageError(
        "merge: name at least two revisions (or \"heads\" when there are several); "
        "got " +
        std::to_string(parents.size()));
  }
  for (const std::string& a : parents) {
    for (const std::string& b : parents) {
      if (graph.is_ancestor(a, b)) {
        throw UsageError("merge: " + a + " is an ancestor of " + b + "; merge heads of branches");
      }
    }
  }
  RevisionFileContent content;
  content.header.down_revisions = parents;
  content.header.branch_labels = options.branch_labels;
  content.header.message = options.message;
  content.header.id = pick_id(graph, options.rev_id, options.environment);
  validate_in_graph(graph, content.header);
  return finish(project, scripts, std::move(content), options.environment);
}

}  // namespace retort
