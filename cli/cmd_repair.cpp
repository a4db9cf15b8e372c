// retort repair [REV...] [--lock-timeout SECONDS]: after review, re-records the checksum of
// applied revisions whose file changed, so that upgrade runs again.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command_runtime.hpp"
#include "runtime_output.hpp"

namespace retort::cli {

CommandAction setup_repair(CLI::App& command, const GlobalOptions& globals) {
  auto options = std::make_shared<RepairCommandOptions>();
  command
      .add_option("revisions", options->revisions,
                  "Applied revisions to re-record (default: every one whose file changed)")
      ->type_name("REV");
  add_lock_timeout_option(command, options->lock_timeout_ms);
  return [options, &globals] {
    options->project = globals.project_options();
    const RepairCommandResult result = repair_command(*options);
    if (globals.json()) {
      nlohmann::json repaired = nlohmann::json::array();
      for (const ChecksumChange& c : result.repaired) {
        repaired.push_back({{"revision", c.revision},
                            {"path", c.path.string()},
                            {"old", c.recorded},
                            {"new", c.current},
                            {"applied_at", c.applied_at},
                            {"changed", c.recorded != c.current}});
      }
      std::cout << nlohmann::json{{"url", result.redacted_url}, {"repaired", repaired}}.dump(2)
                << '\n';
      return kExitOk;
    }
    for (const ChecksumChange& c : result.repaired) {
      std::cout << c.revision << ": " << c.recorded.substr(0, 12) << " -> "
                << c.current.substr(0, 12) << (c.recorded == c.current ? " (unchanged)" : "")
                << " (" << c.path.string() << ")\n";
    }
    if (result.repaired.empty()) std::cout << "no applied revision changed\n";
    return kExitOk;
  };
}

}  // namespace retort::cli
