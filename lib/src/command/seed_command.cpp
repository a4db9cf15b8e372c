// `retort seed` and `retort db reset` as library functions: the project's config, its
// seed.yaml and its database, handed to seed() (lib/src/seed).
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "command/autogenerate.hpp"
#include "retort/command_runtime.hpp"
#include "retort/ddl.hpp"
#include "retort/error.hpp"
#include "retort/inspect.hpp"
#include "retort/models_file.hpp"
#include "retort/runtime.hpp"
#include "retort/seed.hpp"
#include "retort/suggest.hpp"

namespace retort {
namespace {

std::filesystem::path seed_file(const ProjectContext& project, const std::filesystem::path& given,
                                const std::filesystem::path& working_directory) {
  if (given.empty()) return project.config.seeds_path();  // missing: defaults for every table
  const std::filesystem::path path =
      given.is_absolute() || working_directory.empty() ? given : working_directory / given;
  // A file the user names must be there: a typo would otherwise seed with the defaults.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw UsageError("seed: --file " + path.string() +
                     (std::filesystem::exists(path, ec) ? ": not a file" : ": no such file"));
  }
  return path;
}

// --table T=N names a table the database has (by name or schema.name).
void check_table_rows(const SeedOptions& options, const MetaData& metadata) {
  std::vector<std::string> names;
  for (const Table& table : metadata.tables) names.push_back(table.display_name());
  for (const auto& entry : options.table_rows) {
    const std::string& name = entry.first;
    const std::uint64_t rows = entry.second;
    const bool found =
        std::any_of(metadata.tables.begin(), metadata.tables.end(),
                    [&](const Table& t) { return t.display_name() == name || t.name == name; });
    if (found) continue;
    std::string message = "seed: --table " + name + "=" + std::to_string(rows) +
                          ": the database has no table " + in_quotes(name);
    if (std::optional<std::string> guess = did_you_mean(name, names)) {
      message += "; did you mean " + in_quotes(*guess) + "?";
    }
    throw UsageError(message);
  }
}

// Reflects the project's tables (not the version tables) and seeds them on `conn`.
SeedResult seed_project(Connection& conn, const ProjectContext& project, SeedOptions options,
                        const std::filesystem::path& file) {
  const SeedConfig config = load_seed_config(file);
  InspectOptions inspect;
  inspect.schemas = detail::project_schemas(project);
  inspect.version_tables = project.config.version_tables();
  const MetaData metadata = reflect(conn, inspect);
  check_table_rows(options, metadata);
  for (const std::string& table : inspect.version_tables) options.skip_tables.push_back(table);
  return seed(conn, metadata, config, options);
}

}  // namespace

SeedCommandResult seed_command(const SeedCommandOptions& options) {
  const ProjectContext project = ProjectContext::load(options.project);
  const std::filesystem::path file =
      seed_file(project, options.seed_file, options.project.working_directory);
  Engine engine(Url::parse(project.database_url), project.engine_options);
  Connection conn = engine.connect();
  SeedCommandResult result;
  result.redacted_url = conn.redacted_url();
  result.result = seed_project(conn, project, options.seed, file);
  return result;
}

ResetCommandResult db_reset_command(const ResetCommandOptions& options) {
  const ProjectContext project = ProjectContext::load(options.project);
  const std::filesystem::path file =
      seed_file(project, options.seed_file, options.project.working_directory);
  // Read the seed file first: a malformed one stops the reset before anything is dropped. So
  // does one (or a --table) naming what the models file, when there is one, does not have.
  const SeedConfig config = load_seed_config(file);
  std::error_code ec;
  if (std::filesystem::is_regular_file(project.config.models_path(), ec)) {
    const MetaData models = load_models(project.config.models_path());
    check_seed_config(models, config);
    check_table_rows(options.seed, models);
  }
  ResetCommandResult result;
  {
    Engine engine(Url::parse(project.database_url), project.engine_options);
    Connection conn = engine.connect();
    result.redacted_url = conn.redacted_url();
    InspectOptions inspect;
    inspect.schemas = detail::project_schemas(project);
    inspect.version_tables = {};  // the version tables go too
    const MetaData live = reflect(conn, inspect);
    for (const Table& t : live.tables) result.dropped_tables.push_back(t.display_name());
    drop_all(conn, live);
  }
  MigrateCommandOptions migrate;
  migrate.project = options.project;
  migrate.lock_timeout_ms = options.lock_timeout_ms;
  result.revisions_applied = upgrade_command(migrate).run.applied.size();

  Engine engine(Url::parse(project.database_url), project.engine_options);
  Connection conn = engine.connect();
  result.result = seed_project(conn, project, options.seed, file);
  return result;
}

}  // namespace retort
