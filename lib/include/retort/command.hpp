// One function per CLI command, callable from C++. Each takes an options struct and returns
// a result struct; the CLI only parses arguments and formats results.
//
// Commands that work on a project start from a ProjectContext:
//
//   retort::ProjectOptions options;           // as the CLI's -c / --url / --echo fill it
//   options.url = "sqlite:///scratch.db";
//   retort::ProjectContext project = retort::ProjectContext::load(options);
//   retort::Engine engine(retort::Url::parse(project.database_url), project.engine_options);
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retort/config.hpp"
#include "retort/engine.hpp"
#include "retort/inspect.hpp"
#include "retort/log.hpp"
#include "retort/schema.hpp"
#include "retort/suggest.hpp"

namespace retort {

// The library's version, e.g. "0.1.0".
const char* version();

// The options every project command shares; the CLI fills them from its global options.
struct ProjectOptions {
  // The config file. Empty: the nearest retort.yaml in `working_directory` or its parents.
  std::filesystem::path config_file;
  // Replaces the config's database_url when set (the CLI's --url).
  std::optional<std::string> url;
  // Where the config search starts. Empty: the process's working directory.
  std::filesystem::path working_directory;
  // Log every SQL statement (becomes EngineOptions::echo).
  bool echo = false;
  // Where the library logs (becomes EngineOptions::logger); nothing is logged when empty.
  LogSink logger;
  // When no config file is given and none is found: true throws UsageError; false uses the
  // defaults of Config, rooted at `working_directory` (for commands that can run on a bare
  // --url, such as inspect).
  bool require_config = true;
};

// A resolved project: its config and the database URL a command should use.
struct ProjectContext {
  Config config;
  // False when no retort.yaml was found and `config` holds the defaults.
  bool config_found = false;
  // The effective URL: ProjectOptions::url when set, else config.database_url (expanded).
  std::string database_url;
  // echo and logger from ProjectOptions; the other fields keep their defaults.
  EngineOptions engine_options;

  // Loads the config named by `options` (UsageError when that file does not exist) or the
  // nearest one, and resolves the database URL. InputError for a malformed config.
  static ProjectContext load(const ProjectOptions& options, const EnvLookup& env = process_env());
};

struct TemplateInfo {
  std::string name;
  std::string description;  // first line of the template's README
};

// The project templates compiled into retort (from migrations_template/), sorted by name.
std::vector<TemplateInfo> list_templates();

struct InitOptions {
  std::filesystem::path directory = ".";
  std::string template_name = "generic";
};

struct InitResult {
  std::filesystem::path directory;
  // Paths created, relative to `directory`, sorted; directories end with '/'.
  std::vector<std::string> created;
};

// Lays out a new project from a template: creates `directory` (and its parents) when needed
// and writes every file of the template except its README. A directory in the template that
// holds only a `.keep` file is created empty. Throws UsageError for an unknown template (with a
// "did you mean") or a directory already holding a file the template would write (other files
// are left alone), and creates nothing then;
// InputError when a file cannot be written.
InitResult init(const InitOptions& options);

// What `inspect` renders (docs/cli.md, "inspect").
enum class InspectFormat {
  kYaml,  // a models file: dump_models of the reflected model
  kJson,  // the model as JSON, in the shape docs/cli.md documents
  kSql,   // create_all_sql for the database's dialect, each statement ending ";\n"
};

struct InspectCommandOptions {
  // Config, --url, echo and logger. A missing config is no error when a URL is given;
  // require_config is ignored.
  ProjectOptions project;
  // The database to inspect (the command's URL argument); wins over project.url, which wins
  // over the config's database_url. UsageError when none of the three is there.
  std::optional<std::string> url;
  InspectFormat format = InspectFormat::kYaml;
  // PostgreSQL schemas to read (default: the current schema) and table-name globs; see
  // InspectOptions. The config's version_table is always left out.
  std::vector<std::string> schemas;
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  // When set, the output is also written there (a temporary file in the same directory, then
  // a rename: readers never see half a file). A relative path starts at
  // project.working_directory when that is set.
  std::optional<std::filesystem::path> output;
};

struct InspectCommandResult {
  std::string redacted_url;  // the database inspected, password replaced by ***
  MetaData metadata;         // the reflected model
  InspectExtras extras;      // views and triggers, which the model does not hold
  std::string text;          // the rendered output, in the requested format
};

// Reflects a live database (opened read-only: a SQLite file that does not exist is an error
// and is not created) and renders it. Throws UsageError without any database URL,
// DatabaseError when the database cannot be reached or read (naming the redacted URL),
// InputError when `output` cannot be written (nothing is written then, and a previous file
// is left as it was).
InspectCommandResult inspect(const InspectCommandOptions& options);

// The rendering behind InspectFormat, for a model held by a database of `dialect`.
std::string render_model(const MetaData& metadata, InspectFormat format, const Dialect& dialect);

}  // namespace retort
