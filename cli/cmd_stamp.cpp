// retort stamp REV... [--purge] [--lock-timeout SECONDS]: sets the version table without running
// anything.
#include <CLI/CLI.hpp>

#include <memory>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command_runtime.hpp"
#include "runtime_output.hpp"

namespace retort::cli {

CommandAction setup_stamp(CLI::App& command, const GlobalOptions& globals) {
  auto options = std::make_shared<StampCommandOptions>();
  command.add_option("revisions", options->targets, "Revisions to record (e.g. head, base, an id)")
      ->type_name("REV")
      ->required();
  add_lock_timeout_option(command, options->lock_timeout_ms);
  command.add_flag("--purge", options->purge,
                   "Empty the version table first, even of revisions no file declares");
  return [options, &globals] {
    options->project = globals.project_options();
    print_run(stamp_command(*options), globals.json(), "stamp");
    return kExitOk;
  };
}

}  // namespace retort::cli
