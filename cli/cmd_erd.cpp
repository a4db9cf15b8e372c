// retort erd [--from models|FILE|URL] [--format mermaid|dot] [-o FILE]: the tables and their
// relationships as a Mermaid erDiagram or a Graphviz graph; .svg and .png through `dot`.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command_tools.hpp"
#include "retort/error.hpp"

namespace retort::cli {
namespace {

struct ErdArguments {
  ErdCommandOptions options;
  std::string format;
  std::string output;
};

}  // namespace

CommandAction setup_erd(CLI::App& command, const GlobalOptions& globals) {
  auto args = std::make_shared<ErdArguments>();
  command
      .add_option("--from", args->options.from,
                  "models (the config's models file, the default), a models FILE or a database URL")
      ->type_name("models|FILE|URL");
  // Declared on the command, this --format shadows the global one when it follows `erd`.
  command.add_option("--format", args->format, "mermaid (the default) or dot")
      ->check(CLI::IsMember({"mermaid", "dot"}))
      ->type_name("mermaid|dot");
  command
      .add_option("-o,--output", args->output,
                  "Write to FILE; .svg and .png are drawn by Graphviz's dot")
      ->type_name("FILE");
  return [args, &globals] {
    ErdCommandOptions& options = args->options;
    if (args->format.empty() && globals.json()) {
      throw UsageError("erd: draws mermaid or dot (--format mermaid|dot); it has no JSON form");
    }
    if (!args->format.empty()) {
      options.format = args->format == "dot" ? ErdFormat::kDot : ErdFormat::kMermaid;
    }
    if (!args->output.empty()) options.output = args->output;
    options.project = globals.project_options();
    const ErdCommandResult result = erd_command(options);
    if (result.written) {
      if (globals.logger) globals.logger(LogLevel::kInfo, "erd: wrote " + result.written->string());
    } else {
      std::cout << result.text << std::flush;
    }
    return kExitOk;
  };
}

}  // namespace retort::cli
