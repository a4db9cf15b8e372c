// retort init [DIR] [--template NAME]
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command.hpp"

namespace retort::cli {
namespace {

// "migrations/versions/" is shown as "versions/" under "migrations/": sorted paths list a
// directory before its contents, so indentation by depth draws the tree.
void print_tree(const std::vector<std::string>& created) {
  for (const std::string& path : created) {
    std::string_view entry = path;
    if (entry.ends_with('/')) entry.remove_suffix(1);
    std::size_t depth = std::count(entry.begin(), entry.end(), '/');
    std::string_view name = entry.substr(entry.rfind('/') + 1);
    std::cout << std::string(2 * (depth + 1), ' ') << name << (path.ends_with('/') ? "/" : "")
              << '\n';
  }
}

}  // namespace

CommandAction setup_init(CLI::App& command, const GlobalOptions& globals) {
  auto options = std::make_shared<InitOptions>();
  command.add_option("directory", options->directory, "Where to create the project (default: .)")
      ->type_name("DIR");
  command
      .add_option("-t,--template", options->template_name,
                  "The template to use (default: generic; see list-templates)")
      ->type_name("NAME");
  return [options, &globals] {
    InitResult result = init(*options);
    if (globals.json()) {
      nlohmann::json out = {{"directory", result.directory.string()}, {"created", result.created}};
      std::cout << out.dump(2) << '\n';
    } else {
      std::cout << "Created project in " << result.directory.string() << '\n';
      print_tree(result.created);
    }
    return kExitOk;
  };
}

}  // namespace retort::cli
