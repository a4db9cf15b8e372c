// retort diff --from A --to B [--format sql|yaml|json] [--dialect D] [--schema S ...]
//             [--include GLOB ...] [--exclude GLOB ...] [--rename TABLE.OLD=NEW ...]
//             [--rename-table OLD=NEW ...]
//
// Exit 0 whether or not the sides differ (`check` is the gate). The global --format json
// (before the command) means diff's json.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <string>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command_diff.hpp"

namespace retort::cli {
namespace {

std::string parse_diff_format(std::string& value) {
  DiffFormat format;
  if (value == "sql") {
    format = DiffFormat::kSql;
  } else if (value == "yaml") {
    format = DiffFormat::kYaml;
  } else if (value == "json") {
    format = DiffFormat::kJson;
  } else {
    return "expected sql, yaml or json, not \"" + value + "\"";
  }
  value = std::to_string(static_cast<int>(format));
  return "";
}

struct DiffArguments {
  DiffCommandOptions options;
  std::string dialect;
};

CLI::Option* add_list(CLI::App& command, const std::string& name, std::vector<std::string>& list,
                      const std::string& help, const std::string& type) {
  return command.add_option(name, list, help)->type_name(type)->allow_extra_args(false);
}

}  // namespace

CommandAction setup_diff(CLI::App& command, const GlobalOptions& globals) {
  auto args = std::make_shared<DiffArguments>();
  DiffCommandOptions& options = args->options;
  command.add_option("--from", options.from, "The current schema: a database URL or models file")
      ->type_name("URL|FILE")
      ->required();
  command.add_option("--to", options.to, "The desired schema: a database URL or models file")
      ->type_name("URL|FILE")
      ->required();
  CLI::Option* format =
      command
          .add_option("--format", options.format,
                      "Output: sql (the default), yaml (revision operations) or json")
          ->transform(CLI::Validator(parse_diff_format, "", "diff format"))
          ->type_name("sql|yaml|json");
  command
      .add_option("--dialect", args->dialect,
                  "sqlite or postgresql; needed when both sides are models files")
      ->type_name("D");
  add_list(command, "--schema", options.schemas, "PostgreSQL schema to compare (repeatable)", "S");
  add_list(command, "--include", options.include, "Only tables matching GLOB (repeatable)", "GLOB");
  add_list(command, "--exclude", options.exclude, "Leave out tables matching GLOB (repeatable)",
           "GLOB");
  add_list(command, "--rename", options.renames,
           "Column TABLE.OLD was renamed NEW, not dropped and added (repeatable)", "TABLE.OLD=NEW");
  add_list(command, "--rename-table", options.rename_tables,
           "Table OLD was renamed NEW, not dropped and added (repeatable)", "OLD=NEW");

  return [args, format, &command, &globals] {
    DiffCommandOptions& options = args->options;
    if (format->count() == 0 && globals.json()) options.format = DiffFormat::kJson;
    if (command.count("--dialect") > 0) options.dialect = args->dialect;
    options.project = globals.project_options();
    const DiffCommandResult result = diff(options);
    std::cout << result.text << std::flush;
    if (globals.logger) {
      const std::size_t n = result.operations.size();
      globals.logger(LogLevel::kDebug, "diff: " + std::to_string(n) +
                                           (n == 1 ? " operation" : " operations") + " (" +
                                           result.dialect + ")");
    }
    return kExitOk;
  };
}

}  // namespace retort::cli
