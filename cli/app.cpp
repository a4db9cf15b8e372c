#include "app.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "command.hpp"
#include "exit_codes.hpp"
#include "logging.hpp"
#include "retort/command.hpp"
#include "retort/error.hpp"

namespace retort::cli {
namespace {

// A command-line mistake in retort's words: "retort merge: missing argument REVISIONS (see
// "retort merge --help")" rather than CLI11's "revisions is required".
std::string usage_message(const CLI::ParseError& e, const CLI::App& app) {
  std::string message = e.what();
  const std::string_view text = message;
  if (dynamic_cast<const CLI::RequiredError*>(&e) && text.ends_with(" is required") &&
      text.find(' ') == text.size() - std::string_view(" is required").size()) {
    std::string name(text.substr(0, text.find(' ')));
    if (!name.starts_with("-")) std::transform(name.begin(), name.end(), name.begin(), ::toupper);
    message = "missing " + std::string(name.starts_with("-") ? "option " : "argument ") + name;
  } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) && text.starts_with("-") &&
             text.ends_with(" missing")) {
    message = std::string(text.substr(0, text.find(':'))) + " needs a value";
  } else if (dynamic_cast<const CLI::ExtrasError*>(&e) && text.find(": ") != std::string::npos) {
    // CLI11 lists the extra arguments last first.
    std::vector<std::string> extras;
    std::string_view rest = text.substr(text.find(": ") + 2);
    while (!rest.empty()) {
      const std::size_t space = rest.find(' ');
      extras.emplace(extras.begin(), rest.substr(0, space));
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
    message = extras.size() == 1 ? "unexpected argument" : "unexpected arguments";
    for (std::size_t i = 0; i < extras.size(); ++i) message += (i ? " " : ": ") + extras[i];
  }
  std::string command;  // "db reset"
  const CLI::App* innermost = &app;
  for (auto commands = app.get_subcommands(); !commands.empty();
       commands = commands[0]->get_subcommands()) {
    command += (command.empty() ? "" : " ") + commands[0]->get_name();
    innermost = commands[0];
  }
  if (text == "A subcommand is required") {
    message = "expected a command:";
    for (const CLI::App* sub : innermost->get_subcommands({}))
      message += (message.ends_with(":") ? " " : ", ") + sub->get_name();
  }
  return (command.empty() ? "" : command + ": ") + message + " (see \"retort " +
         (command.empty() ? "" : command + " ") + "--help\")";
}

// The global options that take a value, to skip their values when looking for the command.
const std::vector<std::string> kValueOptions = {"-c", "--config", "--url", "--format"};

// Turns "text" / "json" into the enum's value, which CLI11 then reads into OutputFormat.
std::string parse_format(std::string& value) {
  if (value == "text") {
    value = std::to_string(static_cast<int>(OutputFormat::kText));
  } else if (value == "json") {
    value = std::to_string(static_cast<int>(OutputFormat::kJson));
  } else {
    return "expected text or json, not \"" + value + "\"";
  }
  return "";
}

void add_global_options(CLI::App& app, GlobalOptions& globals, std::string& url) {
  app.add_option("-c,--config", globals.config_file,
                 "Project config (default: the nearest retort.yaml upward)")
      ->type_name("FILE");
  app.add_option("--url", url, "Database URL; overrides database_url of the config")
      ->type_name("URL");
  app.add_flag("--echo", globals.echo, "Log every SQL statement (on stderr)");
  app.add_option("--format", globals.format, "Output format: text (default) or json")
      ->transform(CLI::Validator(parse_format, "", "format"))
      ->type_name("text|json");
  app.add_flag("-q,--quiet", globals.quiet, "Log warnings and errors only");
  app.add_flag("-v,--verbose", globals.verbose, "Log debug messages too");
  app.set_version_flag("--version", std::string("retort ") + retort::version(),
                       "Print the version and exit");
}

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const CommandSpec& spec : kCommands) names.emplace_back(spec.name);
  return names;
}

// CLI11 would report a mistyped command as an unexpected argument; find the first word that
// is not an option (nor an option's value) and, if it is no command, say what it may be.
void check_command_name(const std::vector<std::string>& args) {
  std::vector<std::string> names = command_names();
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") return;
    if (arg.size() > 1 && arg[0] == '-') {
      if (std::find(kValueOptions.begin(), kValueOptions.end(), arg) != kValueOptions.end()) ++i;
      continue;
    }
    if (std::find(names.begin(), names.end(), arg) != names.end()) return;
    std::string message = "unknown command \"" + arg + "\"";
    if (auto guess = did_you_mean(arg, names)) {
      throw UsageError(message + "; did you mean \"" + *guess + "\"?");
    }
    throw UsageError(message + " (see \"retort --help\")");
  }
}

Verbosity verbosity_of(const GlobalOptions& globals) {
  if (globals.quiet && globals.verbose)
    throw UsageError("-q/--quiet and -v/--verbose exclude each other");
  if (globals.quiet) return Verbosity::kQuiet;
  return globals.verbose ? Verbosity::kVerbose : Verbosity::kNormal;
}

// Completes the global options once the command line is parsed.
void finish_global_options(const CLI::App& app, const std::string& url, GlobalOptions& globals) {
  if (app.count("--url") > 0) globals.url = url;
  // Checked for every command, even one that reads no config, so that a mistyped -c is never
  // silently ignored.
  std::error_code ec;
  if (!globals.config_file.empty() && !std::filesystem::exists(globals.config_file, ec)) {
    throw UsageError("config file \"" + globals.config_file + "\" does not exist");
  }
  globals.logger = setup_logging(verbosity_of(globals));
}

}  // namespace

ProjectOptions GlobalOptions::project_options() const {
  ProjectOptions options;
  options.config_file = config_file;
  options.url = url;
  options.echo = echo;
  options.logger = logger;
  return options;
}

int run(int argc, char** argv) {
  GlobalOptions globals;
  std::string url;
  CLI::App app("retort: schema migrations for SQLite and PostgreSQL", "retort");
  app.get_formatter()->label("SUBCOMMAND", "COMMAND");
  app.fallthrough();  // global options may also follow the command (inherited by commands)
  app.require_subcommand(0, 1);
  app.footer("Run \"retort COMMAND --help\" for the options of one command.");
  add_global_options(app, globals, url);

  std::vector<std::pair<CLI::App*, CommandAction>> actions;
  for (const CommandSpec& spec : kCommands) {
    CLI::App* command = app.add_subcommand(std::string(spec.name), std::string(spec.description));
    command->group("Commands");
    command->footer("Global options (see \"retort --help\") may come before or after COMMAND.");
    actions.emplace_back(command, spec.setup(*command, globals));
  }

  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cout << app.help();
    return kExitOk;
  }
  check_command_name(args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    throw UsageError(usage_message(e, app));
  }
  finish_global_options(app, url, globals);

  for (auto& [command, action] : actions) {
    if (command->parsed()) return action();
  }
  throw UsageError("no command given (see \"retort --help\")");
}

}  // namespace retort::cli
