// retort verify: every revision up, down and up again on a scratch database, then head
// against the models file. Exit 1 at the first failure.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

#include "command.hpp"
#include "exit_codes.hpp"
#include "retort/command_tools.hpp"

namespace retort::cli {
namespace {

nlohmann::ordered_json failure_json(const VerifyFailure& f) {
  nlohmann::ordered_json out;
  out["revision"] =
      f.revision.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(f.revision);
  out["file"] =
      f.file.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(f.file.string());
  out["stage"] = f.stage;
  out["message"] = f.message;
  out["differences"] = f.differences;
  return out;
}

void print_json(const VerifyCommandResult& result) {
  nlohmann::ordered_json out;
  out["ok"] = result.ok();
  out["dialect"] = result.dialect;
  out["verified"] = result.verified;
  out["skipped"] = result.skipped;
  out["models_checked"] = result.models_checked;
  out["models"] = result.models.string();
  out["failure"] = result.failure ? failure_json(*result.failure) : nlohmann::ordered_json(nullptr);
  std::cout << out.dump(2) << '\n';
}

void print_text(const VerifyCommandResult& result) {
  for (const std::string& id : result.verified) {
    std::cout << "ok " << id << ": upgrade, downgrade, upgrade\n";
  }
  for (const std::string& note : result.skipped)
    std::cout << "skipped downgrade of " << note << '\n';
  if (const auto& f = result.failure) {
    std::cout << "FAILED";
    if (!f->revision.empty()) std::cout << " at revision " << f->revision;
    if (!f->file.empty()) std::cout << " (" << f->file.string() << ")";
    std::cout << ", " << f->stage << ": " << f->message << '\n';
    for (const std::string& d : f->differences) std::cout << "  " << d << '\n';
    return;
  }
  if (result.models_checked) {
    std::cout << "models: head matches " << result.models.string() << '\n';
  } else {
    std::cout << "models: not checked, " << result.models.string() << " does not exist\n";
  }
  std::cout << "verified " << result.verified.size() << " revision(s) on a scratch "
            << result.dialect << " database\n";
}

}  // namespace

CommandAction setup_verify(CLI::App& /*command*/, const GlobalOptions& globals) {
  return [&globals] {
    VerifyCommandOptions options;
    options.project = globals.project_options();
    const VerifyCommandResult result = verify_command(options);
    if (globals.json()) {
      print_json(result);
    } else {
      print_text(result);
    }
    return result.ok() ? kExitOk : kExitFindings;
  };
}

}  // namespace retort::cli
