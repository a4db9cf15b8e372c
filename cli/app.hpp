// The command line: global options, the subcommands of commands.def, dispatch.
#pragma once

namespace retort::cli {

// Parses the command line, runs the chosen subcommand and returns its exit code. Prints help
// and the version itself; throws UsageError for a bad command line and lets the command's
// retort::Error escape (main maps both to exit codes).
int run(int argc, char** argv);

}  // namespace retort::cli
