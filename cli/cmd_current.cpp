// retort current [--verbose]: the revisions the version table records.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command_runtime.hpp"
#include "runtime_output.hpp"

namespace retort::cli {

CommandAction setup_current(CLI::App& command, const GlobalOptions& globals) {
  auto verbose = std::make_shared<bool>(false);
  command.add_flag("--verbose", *verbose, "Show each revision's parent, path and message");
  return [verbose, &globals] {
    CurrentCommandOptions options;
    options.project = globals.project_options();
    const CurrentCommandResult result = current_command(options);
    if (globals.json()) {
      nlohmann::json out = {{"url", result.redacted_url}, {"heads", entries_json(result.heads)}};
      std::cout << out.dump(2) << '\n';
      return kExitOk;
    }
    if (*verbose) std::cout << "Current revision(s) for " << result.redacted_url << ":\n";
    for (const HistoryEntry& entry : result.heads) {
      std::cout << (*verbose ? entry_block(entry) : entry.id + (entry.is_head ? " (head)" : ""))
                << '\n';
    }
    return kExitOk;
  };
}

}  // namespace retort::cli
