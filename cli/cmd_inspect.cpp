// retort inspect [URL] [--format yaml|json|sql] [-o FILE] [--schema S ...] [--include GLOB ...]
//                [--exclude GLOB ...]
//
// inspect's own --format names what it renders. The global --format text|json (before the
// command) still works and means yaml|json here, so that `retort --format json inspect` gives
// JSON as it does for every command.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <string>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command.hpp"

namespace retort::cli {
namespace {

// "yaml", "json", "sql", or "text" (the global option's word for the default), into the enum's
// value that CLI11 then reads into InspectFormat.
std::string parse_inspect_format(std::string& value) {
  InspectFormat format;
  if (value == "yaml" || value == "text") {
    format = InspectFormat::kYaml;
  } else if (value == "json") {
    format = InspectFormat::kJson;
  } else if (value == "sql") {
    format = InspectFormat::kSql;
  } else {
    return "expected yaml, json or sql, not \"" + value + "\"";
  }
  value = std::to_string(static_cast<int>(format));
  return "";
}

struct InspectArguments {
  InspectCommandOptions options;
  std::string url;
  std::string output;
};

}  // namespace

CommandAction setup_inspect(CLI::App& command, const GlobalOptions& globals) {
  auto args = std::make_shared<InspectArguments>();
  InspectCommandOptions& options = args->options;
  command.add_option("url", args->url, "Database to inspect (default: --url, else the config's)")
      ->type_name("URL");
  // Declared on the command, this --format shadows the global one when it follows `inspect`.
  CLI::Option* format =
      command
          .add_option("--format", options.format,
                      "Output: yaml (a models file, the default; text means yaml too), json or "
                      "sql (CREATE statements)")
          ->transform(CLI::Validator(parse_inspect_format, "", "inspect format"))
          ->type_name("yaml|json|sql");
  command.add_option("-o,--output", args->output, "Write to FILE (atomically) instead of stdout")
      ->type_name("FILE");
  command
      .add_option("--schema", options.schemas,
                  "PostgreSQL schema to read (repeatable; default: the current schema)")
      ->type_name("S")
      ->allow_extra_args(false);
  command.add_option("--include", options.include, "Only tables matching GLOB (repeatable)")
      ->type_name("GLOB")
      ->allow_extra_args(false);
  command.add_option("--exclude", options.exclude, "Leave out tables matching GLOB (repeatable)")
      ->type_name("GLOB")
      ->allow_extra_args(false);

  return [args, format, &command, &globals] {
    InspectCommandOptions& options = args->options;
    if (format->count() == 0 && globals.json()) options.format = InspectFormat::kJson;
    if (command.count("url") > 0) options.url = args->url;
    if (!args->output.empty()) options.output = args->output;
    options.project = globals.project_options();
    InspectCommandResult result = inspect(options);
    if (!options.output) {
      std::cout << result.text << std::flush;
    } else if (globals.logger) {
      const std::size_t tables = result.metadata.tables.size();
      globals.logger(LogLevel::kInfo, "inspect: wrote " + options.output->string() + " (" +
                                          std::to_string(tables) +
                                          (tables == 1 ? " table" : " tables") + " from " +
                                          result.redacted_url + ")");
    }
    return kExitOk;
  };
}

}  // namespace retort::cli
