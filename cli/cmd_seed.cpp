// retort seed [--rows N] [--table T=N ...] [--random-seed S] [--truncate] [--fixtures-only]
#include <CLI/CLI.hpp>

#include <memory>

#include "command.hpp"
#include "exit_codes.hpp"
#include "seed_output.hpp"

namespace retort::cli {

CommandAction setup_seed(CLI::App& command, const GlobalOptions& globals) {
  auto flags = std::make_shared<SeedFlags>();
  add_seed_options(command, *flags, /*with_truncate=*/true);
  return [flags, &globals] {
    SeedCommandOptions options;
    options.project = globals.project_options();
    options.seed = seed_options(*flags, globals.quiet || globals.json());
    options.seed_file = flags->file;
    const SeedCommandResult result = seed_command(options);
    print_seed(result.redacted_url, result.result, globals.json());
    return kExitOk;
  };
}

}  // namespace retort::cli
