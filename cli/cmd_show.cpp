// retort show REV: every field of one revision (or of each, for "heads").
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command_runtime.hpp"
#include "runtime_output.hpp"

namespace retort::cli {
namespace {

std::string list_text(const std::vector<std::string>& items) {
  if (items.empty()) return "(none)";
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

void print_text(const ShownRevision& shown) {
  const HistoryEntry& e = shown.entry;
  std::cout << "Rev: " << e.id << (e.is_head ? " (head)" : "")
            << (e.is_branch_point ? " (branchpoint)" : "")
            << (e.is_merge_point ? " (mergepoint)" : "") << '\n'
            << "Parent: " << (e.down_revisions.empty() ? "<base>" : list_text(e.down_revisions))
            << '\n'
            << "Children: " << list_text(e.children) << '\n'
            << "Branch names: " << list_text(e.branch_labels) << '\n'
            << "Depends on: " << list_text(e.depends_on) << '\n'
            << "Created: " << e.created << '\n'
            << "Path: " << e.path.string() << '\n'
            << "Checksum: " << shown.checksum << '\n'
            << "Transactional: " << (shown.transactional ? "yes" : "no") << "\n\n    " << e.message
            << "\n\nUpgrade:\n";
  for (const std::string& op : shown.upgrade_operations) std::cout << "  - " << op << '\n';
  std::cout << "Downgrade:\n";
  for (const std::string& op : shown.downgrade_operations) std::cout << "  - " << op << '\n';
}

}  // namespace

CommandAction setup_show(CLI::App& command, const GlobalOptions& globals) {
  auto options = std::make_shared<ShowCommandOptions>();
  command.add_option("revision", options->target, "Revision to show (an id, prefix, label, head)")
      ->type_name("REV")
      ->required();
  return [options, &globals] {
    options->project = globals.project_options();
    const ShowCommandResult result = show_command(*options);
    if (globals.json()) {
      nlohmann::json out = nlohmann::json::array();
      for (const ShownRevision& shown : result.revisions) {
        nlohmann::json item = entry_json(shown.entry);
        item["children"] = shown.entry.children;
        item["dependents"] = shown.entry.dependents;
        item["checksum"] = shown.checksum;
        item["transactional"] = shown.transactional;
        item["upgrade"] = shown.upgrade_operations;
        item["downgrade"] = shown.downgrade_operations;
        out.push_back(std::move(item));
      }
      std::cout << out.dump(2) << '\n';
      return kExitOk;
    }
    for (std::size_t i = 0; i < result.revisions.size(); ++i) {
      if (i) std::cout << '\n';
      print_text(result.revisions[i]);
    }
    return kExitOk;
  };
}

}  // namespace retort::cli
