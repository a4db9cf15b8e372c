// retort merge REV REV... -m MSG [--rev-id ID] [--branch-label L ...]; "heads" names every
// head.
#include <CLI/CLI.hpp>

#include <memory>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command_revision.hpp"

namespace retort::cli {

void print_revision_result(const RevisionCommandResult& result, bool json);  // cmd_revision.cpp

CommandAction setup_merge(CLI::App& command, const GlobalOptions& globals) {
  auto options = std::make_shared<MergeCommandOptions>();
  auto rev_id = std::make_shared<std::string>();
  command.add_option("revisions", options->revisions, "Revisions to merge, or \"heads\"")
      ->type_name("REV")
      ->required();
  command.add_option("-m,--message", options->message, "The revision's message")->type_name("MSG");
  command.add_option("--rev-id", *rev_id, "The new revision's id (default: random)")
      ->type_name("ID");
  command.add_option("--branch-label", options->branch_labels, "Branch label (repeatable)")
      ->type_name("L")
      ->allow_extra_args(false);
  return [options, rev_id, &command, &globals] {
    if (command.count("--rev-id") > 0) options->rev_id = *rev_id;
    options->project = globals.project_options();
    print_revision_result(merge_command(*options), globals.json());
    return kExitOk;
  };
}

}  // namespace retort::cli
