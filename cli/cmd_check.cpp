// retort check [--schema S ...] [--include GLOB ...] [--exclude GLOB ...]
//
// Exit 0 when the database is at head and matches the models; 1 listing the pending
// revisions and the differences otherwise; the usual codes for errors.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command_check.hpp"

namespace retort::cli {
namespace {

std::string joined(const std::vector<std::string>& ids) {
  if (ids.empty()) return "base";
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

void print_json(const CheckCommandResult& result) {
  nlohmann::json pending = nlohmann::json::array();
  for (const HistoryEntry& entry : result.pending) {
    pending.push_back({{"id", entry.id}, {"message", entry.message}});
  }
  nlohmann::json differences = nlohmann::json::array();
  for (const Operation& op : result.differences) {
    differences.push_back({{"operation", std::string(op_name(op))}, {"description", describe(op)}});
  }
  const nlohmann::json out = {{"ok", result.ok()},         {"url", result.redacted_url},
                              {"current", result.current}, {"heads", result.heads},
                              {"pending", pending},        {"differences", differences}};
  std::cout << out.dump(2) << '\n';
}

void print_text(const CheckCommandResult& result) {
  if (result.ok()) {
    std::cout << "ok: the database is at head (" << joined(result.heads)
              << ") and matches the models\n";
    return;
  }
  if (!result.pending.empty()) {
    std::cout << "pending revisions (the database is at " << joined(result.current) << "; head is "
              << joined(result.heads) << "):\n";
    for (const HistoryEntry& entry : result.pending) {
      std::cout << "  " << entry.id << ", " << entry.message << '\n';
    }
  }
  if (!result.differences.empty()) {
    std::cout << "the models differ from the database" << (result.pending.empty() ? "" : " at head")
              << " (" << result.differences.size()
              << (result.differences.size() == 1 ? " operation" : " operations")
              << "; retort revision --autogenerate writes them):\n";
    for (const Operation& op : result.differences) std::cout << "  " << describe(op) << '\n';
  }
}

}  // namespace

CommandAction setup_check(CLI::App& command, const GlobalOptions& globals) {
  auto options = std::make_shared<CheckCommandOptions>();
  for (auto [name, list, help, type] :
       {std::tuple{"--schema", &options->schemas,
                   "PostgreSQL schema to compare, besides the config's (repeatable)", "S"},
        std::tuple{"--include", &options->include, "Only tables matching GLOB (repeatable)",
                   "GLOB"},
        std::tuple{"--exclude", &options->exclude, "Leave out tables matching GLOB (repeatable)",
                   "GLOB"}}) {
    command.add_option(name, *list, help)->type_name(type)->allow_extra_args(false);
  }
  return [options, &globals] {
    options->project = globals.project_options();
    const CheckCommandResult result = check_command(*options);
    if (globals.json()) {
      print_json(result);
    } else {
      print_text(result);
    }
    return result.ok() ? kExitOk : kExitFindings;
  };
}

}  // namespace retort::cli
