// retort list-templates
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command.hpp"

namespace retort::cli {

CommandAction setup_list_templates(CLI::App& /*command*/, const GlobalOptions& globals) {
  return [&globals] {
    std::vector<TemplateInfo> templates = list_templates();
    if (globals.json()) {
      nlohmann::json out = nlohmann::json::array();
      for (const TemplateInfo& t : templates) {
        out.push_back({{"name", t.name}, {"description", t.description}});
      }
      std::cout << out.dump(2) << '\n';
      return kExitOk;
    }
    std::size_t width = 0;
    for (const TemplateInfo& t : templates) width = std::max(width, t.name.size());
    for (const TemplateInfo& t : templates) {
      std::cout << t.name << std::string(width - t.name.size() + 2, ' ') << t.description << '\n';
    }
    return kExitOk;
  };
}

}  // namespace retort::cli
