// retort history [-r RANGE] [-i] [--verbose]: the revisions, newest first.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command_runtime.hpp"
#include "runtime_output.hpp"

namespace retort::cli {

namespace {
struct HistoryArguments {
  HistoryCommandOptions options;
  bool verbose = false;
};
}  // namespace

CommandAction setup_history(CLI::App& command, const GlobalOptions& globals) {
  auto args = std::make_shared<HistoryArguments>();
  command.add_option("-r,--rev-range", args->options.range, "Only A:B, A: or :B")
      ->type_name("RANGE");
  command.add_flag("-i,--indicate-current", args->options.indicate_current,
                   "Connect to the database and mark the current revisions");
  command.add_flag("--verbose", args->verbose, "Show each revision's parent, path and message");
  return [args, &globals] {
    args->options.project = globals.project_options();
    const GraphCommandResult result = history_command(args->options);
    if (globals.json()) {
      std::cout << entries_json(result.entries).dump(2) << '\n';
      return kExitOk;
    }
    for (const HistoryEntry& entry : result.entries) {
      std::cout << (args->verbose ? entry_block(entry) : entry_line(entry)) << '\n';
    }
    return kExitOk;
  };
}

}  // namespace retort::cli
