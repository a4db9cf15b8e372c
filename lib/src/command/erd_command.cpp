// retort erd: loads the models file or reflects a database, renders the diagram, and writes
// it, through Graphviz's `dot` for images.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "command/autogenerate.hpp"
#include "command/output_file.hpp"
#include "retort/command_tools.hpp"
#include "retort/error.hpp"
#include "retort/inspect.hpp"
#include "retort/models_file.hpp"
#include "retort/runtime.hpp"

extern char** environ;

namespace retort {
namespace fs = std::filesystem;

namespace {

fs::path in_project(fs::path path, const ProjectOptions& project) {
  if (path.is_relative() && !project.working_directory.empty()) {
    path = project.working_directory / path;
  }
  return path;
}

MetaData load_source(const ErdCommandOptions& options, const ProjectContext& project) {
  if (options.from.empty() || options.from == "models") {
    return load_models(project.config.models_path());
  }
  const fs::path path = in_project(options.from, options.project);
  const std::string ext = path.extension().string();
  if (ext == ".yaml" || ext == ".yml") return load_models(path);
  EngineOptions engine_options = project.engine_options;
  engine_options.mode = OpenMode::kReadOnly;
  engine_options.pool_size = 1;
  Engine engine(Url::parse(options.from), engine_options);
  Connection conn = engine.connect();
  InspectOptions inspect;
  inspect.schemas = detail::project_schemas(project);
  inspect.version_tables = project.config.version_tables();
  return reflect(conn, inspect);
}

// Closes a file descriptor on scope exit.
struct FdCloser {
  int fd = -1;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

// Runs `dot -T<format> -o <out> <in>` without a shell; dot's stderr is captured for the
// message when it fails.
void run_dot(const std::string& program, const std::string& format, const fs::path& in,
             const fs::path& out, const fs::path& target) {
  const fs::path errors = detail::temporary_beside(target);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<std::string> args = {program, "-T" + format, "-o", out.string(), in.string()};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned =
      ::posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  std::error_code ignored;
  if (spawned != 0) {
    fs::remove(errors, ignored);
    if (spawned == ENOENT) {
      throw UsageError("erd: writing \"" + target.string() + "\" needs Graphviz's \"" + program +
                       "\" program, which is not on PATH; install graphviz (apt-get install "
                       "graphviz, brew install graphviz), or write .mmd or .dot instead");
    }
    throw UsageError("erd: cannot run \"" + program + "\": " + std::strerror(spawned));
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::ifstream error_file(errors);
  std::stringstream message;
  message << error_file.rdbuf();
  fs::remove(errors, ignored);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string text = message.str();
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    throw InputError(SourceLocation{target.string()},
                     "erd: " + program + " failed" + (text.empty() ? "" : ": " + text));
  }
}

// Renders `dot_text` into the image `target` (its extension names the format), atomically.
void render_image(const std::string& program, const std::string& dot_text, const fs::path& target) {
  const std::string format = target.extension().string().substr(1);
  const fs::path source = detail::temporary_beside(target);
  const fs::path image = detail::temporary_beside(target);
  std::error_code ignored;
  try {
    detail::write_file_atomically(source, dot_text);
    run_dot(program, format, source, image, target);
  } catch (...) {
    fs::remove(source, ignored);
    fs::remove(image, ignored);
    throw;
  }
  fs::remove(source, ignored);
  std::error_code ec;
  fs::rename(image, target, ec);
  if (ec) {
    fs::remove(image, ignored);
    throw InputError(SourceLocation{target.string()}, "cannot write the output: " + ec.message());
  }
}

}  // namespace

ErdCommandResult erd_command(const ErdCommandOptions& options) {
  ProjectOptions project_options = options.project;
  project_options.require_config = options.from.empty() || options.from == "models";
  const ProjectContext project = ProjectContext::load(project_options);
  const MetaData metadata = load_source(options, project);
  ErdCommandResult result;
  if (!options.output) {
    result.text = render_erd(metadata, options.format.value_or(ErdFormat::kMermaid));
    return result;
  }
  const fs::path target = in_project(*options.output, options.project);
  const std::string ext = target.extension().string();
  if (ext == ".svg" || ext == ".png") {
    if (options.format == ErdFormat::kMermaid) {
      throw UsageError("erd: " + ext +
                       " images are drawn by Graphviz from DOT; leave out "
                       "--format mermaid, or write a .mmd file");
    }
    result.text = render_erd(metadata, ErdFormat::kDot);
    render_image(options.dot_program, result.text, target);
  } else {
    const bool dot = ext == ".dot" || ext == ".gv";
    result.text =
        render_erd(metadata, options.format.value_or(dot ? ErdFormat::kDot : ErdFormat::kMermaid));
    detail::write_file_atomically(target, result.text);
  }
  result.written = target;
  return result;
}

}  // namespace retort
