// retort lint [RANGE]: the revisions through the lint rules (docs/lint.md). Exit 1 when an
// error-level finding is not ignored.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command_tools.hpp"

namespace retort::cli {
namespace {

// The file as the user would type it: relative to the working directory when inside it.
std::string shown_path(const LintFinding& finding) {
  if (finding.file.empty()) return "revision " + finding.revision;
  std::error_code ec;
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  const std::filesystem::path relative = finding.file.lexically_relative(cwd);
  if (ec || relative.empty() || *relative.begin() == "..") return finding.file.string();
  return relative.string();
}

nlohmann::ordered_json finding_json(const LintFinding& f) {
  const LintRule* rule = find_lint_rule(f.rule);
  nlohmann::ordered_json out;
  out["rule"] = f.rule;
  out["name"] = rule ? std::string(rule->name) : std::string();
  out["severity"] = to_string(f.severity);
  out["revision"] = f.revision;
  out["file"] =
      f.file.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(f.file.string());
  out["line"] = f.line;
  out["message"] = f.message;
  out["fix"] = f.fix;
  out["ignored"] = f.ignored;
  out["ignore_reason"] =
      f.ignored ? nlohmann::ordered_json(f.ignore_reason) : nlohmann::ordered_json(nullptr);
  return out;
}

void print(const LintCommandResult& result, bool json) {
  std::size_t counts[3] = {0, 0, 0};
  std::size_t ignored = 0;
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const LintFinding& f : result.lint.findings) {
    findings.push_back(finding_json(f));
    if (f.ignored) {
      ++ignored;
      continue;
    }
    ++counts[static_cast<int>(f.severity)];
    if (!json) {
      std::cout << shown_path(f) << ':' << f.line << ": " << f.rule << ' ' << to_string(f.severity)
                << ": " << f.message << " (fix: " << f.fix << ")\n";
    }
  }
  if (json) {
    nlohmann::ordered_json out;
    out["dialect"] = result.dialect;
    out["revisions_checked"] = result.lint.revisions_checked;
    out["errors"] = counts[0];
    out["warnings"] = counts[1];
    out["infos"] = counts[2];
    out["ignored"] = ignored;
    out["findings"] = std::move(findings);
    std::cout << out.dump(2) << '\n';
    return;
  }
  std::cout << counts[0] << (counts[0] == 1 ? " error, " : " errors, ") << counts[1]
            << (counts[1] == 1 ? " warning, " : " warnings, ") << counts[2] << " info in "
            << result.lint.revisions_checked << " revision(s) for " << result.dialect;
  if (ignored > 0) std::cout << " (" << ignored << " ignored)";
  std::cout << '\n';
}

}  // namespace

CommandAction setup_lint(CLI::App& command, const GlobalOptions& globals) {
  auto options = std::make_shared<LintCommandOptions>();
  command.add_option("range", options->range, "Only the revisions A:B, A: or :B (default: all)")
      ->type_name("RANGE");
  return [options, &globals] {
    options->project = globals.project_options();
    const LintCommandResult result = lint_command(*options);
    print(result, globals.json());
    return result.lint.has_errors() ? kExitFindings : kExitOk;
  };
}

}  // namespace retort::cli
