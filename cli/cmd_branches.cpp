// retort branches [--verbose]: the branch points of the revision graph and their children.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command_runtime.hpp"
#include "runtime_output.hpp"

namespace retort::cli {

CommandAction setup_branches(CLI::App& command, const GlobalOptions& globals) {
  auto verbose = std::make_shared<bool>(false);
  command.add_flag("--verbose", *verbose, "Show each branch point's parent, path and message");
  return [verbose, &globals] {
    BranchesCommandOptions options;
    options.project = globals.project_options();
    const GraphCommandResult result = branches_command(options);
    if (globals.json()) {
      nlohmann::json out = nlohmann::json::array();
      for (const HistoryEntry& entry : result.entries) {
        nlohmann::json item = entry_json(entry);
        item["children"] = entry.children;
        out.push_back(std::move(item));
      }
      std::cout << out.dump(2) << '\n';
      return kExitOk;
    }
    for (const HistoryEntry& entry : result.entries) {
      std::cout << (*verbose ? entry_block(entry) : entry_line(entry)) << '\n';
      for (const std::string& child : entry.children) {
        std::cout << "  -> " << child << '\n';
      }
    }
    return kExitOk;
  };
}

}  // namespace retort::cli
