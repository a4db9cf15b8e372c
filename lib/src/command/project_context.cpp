// ProjectContext: the config and database URL every project command starts from.
#include <system_error>

#include "retort/command.hpp"
#include "retort/error.hpp"

namespace retort {
namespace fs = std::filesystem;

namespace {

fs::path working_directory(const ProjectOptions& options) {
  if (!options.working_directory.empty()) return options.working_directory;
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (ec) throw UsageError("cannot determine the working directory: " + ec.message());
  return cwd;
}

// The config file to load, or nullopt for the defaults.
std::optional<fs::path> locate_config(const ProjectOptions& options, const fs::path& cwd) {
  if (!options.config_file.empty()) {
    fs::path file = options.config_file;
    if (file.is_relative() && !options.working_directory.empty()) file = cwd / file;
    std::error_code ec;
    if (!fs::exists(file, ec)) {
      throw UsageError("config file \"" + options.config_file.string() + "\" does not exist");
    }
    return file;
  }
  if (std::optional<fs::path> found = find_config(cwd)) return found;
  if (options.require_config) {
    throw UsageError("no " + std::string(kConfigFileName) + " in \"" + cwd.string() +
                     "\" or its parents (create a project with \"retort init\" or pass -c FILE)");
  }
  return std::nullopt;
}

}  // namespace

ProjectContext ProjectContext::load(const ProjectOptions& options, const EnvLookup& env) {
  ProjectContext context;
  fs::path cwd = working_directory(options);
  if (std::optional<fs::path> file = locate_config(options, cwd)) {
    context.config = load_config(*file, env);
    context.config_found = true;
  } else {
    context.config.root = fs::absolute(cwd).lexically_normal();
  }
  context.database_url = options.url ? *options.url : context.config.database_url;
  context.engine_options.echo = options.echo;
  context.engine_options.logger = options.logger;
  return context;
}

}  // namespace retort
