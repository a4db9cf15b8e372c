// retort db reset [--yes]: drop everything, upgrade to head, seed (development only).
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/url.hpp"
#include "runtime_output.hpp"
#include "seed_output.hpp"

namespace retort::cli {
namespace {

// Asks on the terminal; true when the user types "yes".
bool confirm_reset(const GlobalOptions& globals) {
  ProjectContext project = ProjectContext::load(globals.project_options());
  std::cerr << "db reset drops every table of " << Url::parse(project.database_url).redacted()
            << ", upgrades to head and seeds it. Type \"yes\" to continue: " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "yes" || answer == "y";
}

}  // namespace

CommandAction setup_db(CLI::App& command, const GlobalOptions& globals) {
  command.require_subcommand(1, 1);
  CLI::App* reset = command.add_subcommand("reset", "Drop everything, upgrade to head and seed");
  reset->fallthrough();
  auto flags = std::make_shared<SeedFlags>();
  auto yes = std::make_shared<bool>(false);
  auto lock_ms = std::make_shared<int>(-1);
  reset->add_flag("-y,--yes", *yes, "Do not ask for confirmation (required without a terminal)");
  add_seed_options(*reset, *flags, /*with_truncate=*/false);
  add_lock_timeout_option(*reset, *lock_ms);
  return [reset, flags, yes, lock_ms, &globals] {
    if (!reset->parsed()) throw UsageError("db: a subcommand is required (reset)");
    if (!*yes) {
      if (!::isatty(STDIN_FILENO))
        throw UsageError(
            "db reset: refusing to drop the database without --yes when standard "
            "input is not a terminal");
      if (!confirm_reset(globals)) {
        std::cerr << "db reset: not confirmed; nothing was changed\n";
        return static_cast<int>(kExitUsage);
      }
    }
    ResetCommandOptions options;
    options.project = globals.project_options();
    options.seed = seed_options(*flags, globals.quiet || globals.json());
    options.seed_file = flags->file;
    options.lock_timeout_ms = *lock_ms;
    const ResetCommandResult result = db_reset_command(options);
    if (!globals.json()) {
      std::cout << "dropped " << result.dropped_tables.size() << " tables; applied "
                << result.revisions_applied << " revisions\n";
    }
    print_seed(result.redacted_url, result.result, globals.json());
    return static_cast<int>(kExitOk);
  };
}

}  // namespace retort::cli
