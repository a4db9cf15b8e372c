// retort upgrade [TARGET] [--lock-timeout SECONDS] [--sql]
#include <CLI/CLI.hpp>

#include <memory>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command_runtime.hpp"
#include "runtime_output.hpp"

namespace retort::cli {

CommandAction setup_upgrade(CLI::App& command, const GlobalOptions& globals) {
  auto options = std::make_shared<MigrateCommandOptions>();
  command
      .add_option("target", options->target,
                  "Revision to upgrade to (default: head; e.g. +1, an id, label@head)")
      ->type_name("TARGET");
  add_lock_timeout_option(command, options->lock_timeout_ms);
  command.add_flag(
      "--sql", options->sql,
      "Print the SQL script for the range [FROM:]TO instead of running it (offline mode)");
  return [options, &globals] {
    options->project = globals.project_options();
    print_run(upgrade_command(*options), globals.json(), "upgrade");
    return kExitOk;
  };
}

}  // namespace retort::cli
