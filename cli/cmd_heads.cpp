// retort heads [--verbose]: the heads of the revision graph (no database needed).
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command_runtime.hpp"
#include "runtime_output.hpp"

namespace retort::cli {

CommandAction setup_heads(CLI::App& command, const GlobalOptions& globals) {
  auto verbose = std::make_shared<bool>(false);
  command.add_flag("--verbose", *verbose, "Show each head's parent, path and message");
  return [verbose, &globals] {
    HeadsCommandOptions options;
    options.project = globals.project_options();
    const GraphCommandResult result = heads_command(options);
    if (globals.json()) {
      std::cout << entries_json(result.entries).dump(2) << '\n';
      return kExitOk;
    }
    for (const HistoryEntry& entry : result.entries) {
      std::cout << (*verbose ? entry_block(entry) : entry.id + " (head)") << '\n';
    }
    return kExitOk;
  };
}

}  // namespace retort::cli
