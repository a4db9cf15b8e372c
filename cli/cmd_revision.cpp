// retort revision -m MSG [--autogenerate] [--head REV] [--splice] [--branch-label L ...]
//                 [--depends-on REV ...] [--rev-id ID] [--rename TABLE.OLD=NEW ...]
//                 [--rename-table OLD=NEW ...] [--schema S ...] [--include GLOB ...]
//                 [--exclude GLOB ...] [--allow-empty]
//
// On a terminal (stdin and stdout), autogenerate asks about each likely rename.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <string>

#include <unistd.h>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command_revision.hpp"

namespace retort::cli {
namespace {

CLI::Option* add_list(CLI::App& command, const std::string& name, std::vector<std::string>& list,
                      const std::string& help, const std::string& type) {
  return command.add_option(name, list, help)->type_name(type)->allow_extra_args(false);
}

bool ask_rename(const RenameCandidate& candidate) {
  std::cout << "did you rename " << candidate.description() << "? [y/N] " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return !answer.empty() && (answer[0] == 'y' || answer[0] == 'Y');
}

nlohmann::json renames_json(const std::vector<RenameCandidate>& candidates) {
  nlohmann::json out = nlohmann::json::array();
  for (const RenameCandidate& c : candidates) {
    out.push_back({{"description", c.description()}, {"hint", c.hint()}});
  }
  return out;
}

}  // namespace

// Shared with cmd_merge.cpp.
void print_revision_result(const RevisionCommandResult& result, bool json) {
  if (json) {
    nlohmann::json out = {{"written", result.written},
                          {"path", result.path.string()},
                          {"id", result.id},
                          {"down_revisions", result.down_revisions},
                          {"branch_labels", result.branch_labels},
                          {"depends_on", result.depends_on},
                          {"operations", result.upgrade.size()},
                          {"likely_renames", renames_json(result.likely_renames)}};
    std::cout << out.dump(2) << '\n';
    return;
  }
  if (!result.written) {
    std::cout << "no changes detected; nothing written (--allow-empty writes an empty "
                 "revision)\n";
    return;
  }
  std::cout << "wrote " << result.path.string() << " (revision " << result.id;
  if (!result.upgrade.empty()) {
    std::cout << ", " << result.upgrade.size()
              << (result.upgrade.size() == 1 ? " operation" : " operations");
  }
  std::cout << ")\n";
  for (const RenameCandidate& c : result.likely_renames) {
    std::cout << "  likely rename: " << c.description()
              << " (marked in the file; to write it as a rename, delete the file and rerun with "
              << c.hint() << ")\n";
  }
}

CommandAction setup_revision(CLI::App& command, const GlobalOptions& globals) {
  auto options = std::make_shared<RevisionCommandOptions>();
  auto head = std::make_shared<std::string>();
  auto rev_id = std::make_shared<std::string>();
  command.add_option("-m,--message", options->message, "The revision's message")->type_name("MSG");
  command.add_flag("--autogenerate", options->autogenerate,
                   "Write the operations that take the database (at head) to the models file");
  command.add_option("--head", *head, "The parent (default: the head; base for a new root)")
      ->type_name("REV");
  command.add_flag("--splice", options->splice, "Allow a parent that is not a head");
  add_list(command, "--branch-label", options->branch_labels, "Branch label (repeatable)", "L");
  add_list(command, "--depends-on", options->depends_on, "Dependency (repeatable)", "REV");
  command.add_option("--rev-id", *rev_id, "The new revision's id (default: random)")
      ->type_name("ID");
  add_list(command, "--rename", options->renames,
           "Column TABLE.OLD was renamed NEW (autogenerate; repeatable)", "TABLE.OLD=NEW");
  add_list(command, "--rename-table", options->rename_tables,
           "Table OLD was renamed NEW (autogenerate; repeatable)", "OLD=NEW");
  add_list(command, "--schema", options->schemas,
           "PostgreSQL schema to compare, besides the config's (repeatable)", "S");
  add_list(command, "--include", options->include, "Only tables matching GLOB (repeatable)",
           "GLOB");
  add_list(command, "--exclude", options->exclude, "Leave out tables matching GLOB (repeatable)",
           "GLOB");
  command.add_flag("--allow-empty", options->allow_empty,
                   "Write a revision even when autogenerate finds no difference");
  return [options, head, rev_id, &command, &globals] {
    if (command.count("--head") > 0) options->head = *head;
    if (command.count("--rev-id") > 0) options->rev_id = *rev_id;
    options->project = globals.project_options();
    if (::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO)) options->confirm_rename = ask_rename;
    print_revision_result(revision_command(*options), globals.json());
    return kExitOk;
  };
}

}  // namespace retort::cli
