// retort diff: loads two schemas (each a database or a models file), compares them with the
// diff engine and renders the operations as SQL, YAML or JSON.
#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>

#include "command/autogenerate.hpp"
#include "retort/command_diff.hpp"
#include "retort/error.hpp"
#include "retort/inspect.hpp"
#include "retort/models_file.hpp"
#include "retort/runtime.hpp"

namespace retort {
namespace fs = std::filesystem;

namespace {

// One side of the diff: a models file or a reflected database.
struct Side {
  bool is_file = false;
  MetaData model;
  const Dialect* dialect = nullptr;  // the database's; null for a file
};

std::optional<fs::path> models_path(const std::string& text, const DiffCommandOptions& options) {
  fs::path path = text;
  if (path.is_relative() && !options.project.working_directory.empty()) {
    path = options.project.working_directory / path;
  }
  const std::string ext = path.extension().string();
  if ((ext != ".yaml" && ext != ".yml") || text.find("://") != std::string::npos) {
    return std::nullopt;
  }
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return path;
  // A models file, not a URL: say so rather than "invalid database URL".
  throw UsageError("diff: " + text + ": no such models file" +
                   (fs::exists(path, ec) ? " (not a regular file)" : ""));
}

std::optional<Side> file_side(const std::string& text, const DiffCommandOptions& options) {
  std::optional<fs::path> path = models_path(text, options);
  if (!path) return std::nullopt;
  return Side{true, load_models(*path), nullptr};
}

Side database_side(const std::string& text, const DiffCommandOptions& options,
                   const ProjectContext& project, const detail::SchemaFilters& filters,
                   const char* which) {
  if (text.empty()) throw UsageError(std::string("diff: --") + which + " is required");
  Side side;
  Engine engine(Url::parse(text), detail::read_only_options(project));
  side.dialect = &engine.dialect();
  if (!options.schemas.empty() && !side.dialect->has_schemas()) {
    throw UsageError("diff: --schema: " + std::string(side.dialect->name()) +
                     " databases have no schemas");
  }
  Connection conn = engine.connect();
  side.model = reflect(conn, detail::inspect_options(project.config, filters, *side.dialect));
  return side;
}

// The dialect both sides agree on, or --dialect.
const Dialect& pick_dialect(const Side& from, const Side& to, const DiffCommandOptions& options) {
  const Dialect* chosen = options.dialect ? &dialect_for(*options.dialect) : nullptr;
  for (const Side* side : {&from, &to}) {
    if (!side->dialect) continue;
    if (chosen && chosen->kind() != side->dialect->kind()) {
      throw UsageError("diff: a " + std::string(side->dialect->name()) +
                       " database cannot be compared as " + std::string(chosen->name()));
    }
    chosen = side->dialect;
  }
  if (!chosen) {
    throw UsageError(
        "diff: both sides are models files; say which database to compare for with --dialect "
        "sqlite|postgresql");
  }
  return *chosen;
}

nlohmann::ordered_json yaml_to_json(const YAML::Node& node) {
  if (node.IsMap()) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& item : node) out[item.first.as<std::string>()] = yaml_to_json(item.second);
    return out;
  }
  if (node.IsSequence()) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& item : node) out.push_back(yaml_to_json(item));
    return out;
  }
  if (!node.IsScalar()) return nullptr;
  const std::string text = node.Scalar();
  if (node.Tag() == "?") {  // a plain scalar: YAML's null, booleans and integers
    if (text == "null" || text == "~") return nullptr;
    if (text == "true" || text == "false") return text == "true";
    if (!text.empty() && text.find_first_not_of("-0123456789") == std::string::npos &&
        text.size() < 16 && text != "-") {
      return std::stoll(text);
    }
  }
  return text;
}

std::vector<std::string> statements(const std::vector<SqlStep>& steps) {
  std::vector<std::string> out;
  for (const SqlStep& step : steps) {
    if (!step.sql.empty()) out.push_back(step.sql);
  }
  return out;
}

std::string render_json(const std::vector<Operation>& operations, const Dialect& dialect,
                        MetaData state) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Operation& op : operations) {
    nlohmann::ordered_json item;
    item["operation"] = std::string(op_name(op));
    item["description"] = describe(op);
    item["reversible"] = reverse(op).op.has_value();
    item["sql"] = statements(compile_steps(op, dialect, state));
    apply_operation(state, op);
    const YAML::Node node = YAML::Load(emit_operations({op}));
    item["definition"] = yaml_to_json(node[0].begin()->second);
    out.push_back(std::move(item));
  }
  return out.dump(2) + "\n";
}

}  // namespace

std::string render_operations(const std::vector<Operation>& operations, DiffFormat format,
                              const Dialect& dialect, const MetaData& from) {
  switch (format) {
    case DiffFormat::kYaml:
      return emit_operations(operations);
    case DiffFormat::kJson:
      return render_json(operations, dialect, from);
    case DiffFormat::kSql:
      break;
  }
  std::string out;
  MetaData state = from;
  for (const Operation& op : operations) {
    out += "-- " + describe(op) + "\n";
    for (const std::string& sql : statements(compile_steps(op, dialect, state))) {
      out += sql + ";\n";
    }
    apply_operation(state, op);
  }
  return out;
}

DiffCommandResult diff(const DiffCommandOptions& options) {
  ProjectOptions project_options = options.project;
  project_options.require_config = false;
  const ProjectContext project = ProjectContext::load(project_options);
  detail::SchemaFilters filters =
      detail::merged_filters(project.config, options.schemas, options.include, options.exclude);
  // Hints first: a malformed one is reported before any database is opened.
  std::vector<RenameHint> column_renames;
  std::vector<RenameHint> table_renames;
  for (const std::string& hint : options.renames) {
    column_renames.push_back(parse_rename_hint(hint, false));
  }
  for (const std::string& hint : options.rename_tables) {
    table_renames.push_back(parse_rename_hint(hint, true));
  }
  // Models files first: the schemas they name are read from a database on the other side.
  std::optional<Side> from_file = file_side(options.from, options);
  std::optional<Side> to_file = file_side(options.to, options);
  for (const std::optional<Side>* file : {&from_file, &to_file}) {
    if (*file) filters = detail::with_model_schemas(std::move(filters), (*file)->model);
  }
  const Side from = from_file ? std::move(*from_file)
                              : database_side(options.from, options, project, filters, "from");
  const Side to =
      to_file ? std::move(*to_file) : database_side(options.to, options, project, filters, "to");
  const Dialect& dialect = pick_dialect(from, to, options);
  CompareOptions compare_options = detail::compare_options(project.config, filters, dialect);
  compare_options.column_renames = std::move(column_renames);
  compare_options.table_renames = std::move(table_renames);
  compare_options.from_is_model = from.is_file;

  DiffCommandResult result;
  result.dialect = std::string(dialect.name());
  result.operations = compare(from.model, to.model, dialect, compare_options);
  const MetaData current = from.is_file ? stored_form(from.model, dialect) : from.model;
  result.text = render_operations(result.operations, options.format, dialect, current);
  return result;
}

}  // namespace retort
