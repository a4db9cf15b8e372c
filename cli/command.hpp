// What every subcommand shares: the global options, and the table of subcommands generated
// from commands.def.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "retort/command.hpp"
#include "retort/log.hpp"

namespace CLI {
class App;
}

namespace retort::cli {

enum class OutputFormat { kText, kJson };

// The options accepted before or after any subcommand.
struct GlobalOptions {
  std::string config_file;         // -c/--config; empty: find retort.yaml upward
  std::optional<std::string> url;  // --url
  bool echo = false;               // --echo
  OutputFormat format = OutputFormat::kText;
  bool quiet = false;    // -q
  bool verbose = false;  // -v
  LogSink logger;        // set up from quiet/verbose once the command line is parsed

  bool json() const { return format == OutputFormat::kJson; }
  // The library's view of these options, for commands that work on a project.
  ProjectOptions project_options() const;
};

// Runs a parsed subcommand and returns its exit code; throws retort::Error on failure.
using CommandAction = std::function<int()>;

// Declares the subcommand's options on `command` and returns the action that runs it.
using CommandSetup = CommandAction (*)(CLI::App& command, const GlobalOptions& globals);

#define RETORT_COMMAND(id, name, description) \
  CommandAction setup_##id(CLI::App& command, const GlobalOptions& globals);
#include "commands.def"
#undef RETORT_COMMAND

struct CommandSpec {
  std::string_view name;
  std::string_view description;
  CommandSetup setup;
};

inline constexpr CommandSpec kCommands[] = {
#define RETORT_COMMAND(id, name, description) {name, description, &setup_##id},
#include "commands.def"
#undef RETORT_COMMAND
};

}  // namespace retort::cli
