// retort inspect: reflects a live database into the model and renders it as a models file,
// JSON or SQL.
#include "command/autogenerate.hpp"
#include "command/model_json.hpp"
#include "command/output_file.hpp"
#include "retort/command.hpp"
#include "retort/ddl.hpp"
#include "retort/error.hpp"
#include "retort/models_file.hpp"
#include "retort/runtime.hpp"

namespace retort {
namespace fs = std::filesystem;

namespace {

// The URL to inspect: the command's argument, else --url, else a config's database_url. The
// defaults of Config are not used here: inspecting "dev.db" because no config was found would
// be a guess.
std::string database_url(const InspectCommandOptions& options, const ProjectContext& project) {
  if (options.url) return *options.url;
  if (options.project.url) return *options.project.url;
  if (project.config_found) return project.database_url;
  throw UsageError(
      "inspect: no database given; pass a URL (retort inspect sqlite:///app.db), --url URL, "
      "or run inside a project whose retort.yaml sets database_url");
}

// Views and triggers are not part of the model; say they were seen so that their absence
// from the output is no surprise.
void log_extras(const LogSink& logger, const InspectExtras& extras) {
  if (!logger) return;
  auto list = [](const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
  };
  if (!extras.views.empty()) {
    logger(LogLevel::kInfo, "inspect: views are not part of the model: " + list(extras.views));
  }
  if (!extras.triggers.empty()) {
    logger(LogLevel::kInfo,
           "inspect: triggers are not part of the model: " + list(extras.triggers));
  }
}

fs::path output_path(const InspectCommandOptions& options) {
  fs::path path = *options.output;
  if (path.is_relative() && !options.project.working_directory.empty()) {
    path = options.project.working_directory / path;
  }
  return path;
}

}  // namespace

std::string render_model(const MetaData& metadata, InspectFormat format, const Dialect& dialect) {
  switch (format) {
    case InspectFormat::kYaml:
      break;
    case InspectFormat::kJson:
      return detail::model_to_json(metadata).dump(2) + "\n";
    case InspectFormat::kSql: {
      std::string out;
      for (const std::string& statement : create_all_sql(metadata, dialect)) {
        out += statement + ";\n";
      }
      return out;
    }
  }
  return dump_models(metadata);
}

InspectCommandResult inspect(const InspectCommandOptions& options) {
  ProjectOptions project_options = options.project;
  project_options.require_config = false;
  ProjectContext project = ProjectContext::load(project_options);
  const Url url = Url::parse(database_url(options, project));

  Engine engine(url, detail::read_only_options(project));
  if (!options.schemas.empty() && !engine.dialect().has_schemas()) {
    throw UsageError("inspect: --schema: " + std::string(engine.dialect().name()) +
                     " databases have no schemas");
  }
  Connection conn = engine.connect();

  // The config's filters apply too (when a config was found), the command line's add to them.
  const InspectOptions inspect_options = detail::inspect_options(
      project.config,
      detail::merged_filters(project.config, options.schemas, options.include, options.exclude),
      engine.dialect());

  InspectCommandResult result;
  result.redacted_url = url.redacted();
  result.metadata = reflect(conn, inspect_options, &result.extras);
  log_extras(project.engine_options.logger, result.extras);
  result.text = render_model(result.metadata, options.format, engine.dialect());
  if (options.output) detail::write_file_atomically(output_path(options), result.text);
  return result;
}

}  // namespace retort
