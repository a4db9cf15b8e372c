#include "runtime_output.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <iostream>

#include "numbers.hpp"

namespace retort::cli {
namespace {

std::string joined(const std::vector<std::string>& ids, const char* empty) {
  if (ids.empty()) return empty;
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

std::string marks(const HistoryEntry& entry) {
  std::string out;
  if (entry.is_head) out += " (head)";
  if (entry.is_branch_point) out += " (branchpoint)";
  if (entry.is_merge_point) out += " (mergepoint)";
  if (entry.is_current) out += " (current)";
  return out;
}

}  // namespace

std::string entry_line(const HistoryEntry& entry) {
  std::string down = entry.down_revisions.empty() ? "<base>" : joined(entry.down_revisions, "");
  if (entry.down_revisions.size() > 1) down = "(" + down + ")";
  return down + " -> " + entry.id + marks(entry) + ", " + entry.message;
}

std::string entry_block(const HistoryEntry& entry) {
  std::string out = "Rev: " + entry.id + marks(entry) + "\n";
  out += "Parent: " + joined(entry.down_revisions, "<base>") + "\n";
  if (!entry.depends_on.empty()) out += "Depends on: " + joined(entry.depends_on, "") + "\n";
  if (!entry.branch_labels.empty())
    out += "Branch names: " + joined(entry.branch_labels, "") + "\n";
  out += "Path: " + entry.path.string() + "\n\n    " + entry.message + "\n";
  return out;
}

nlohmann::json entry_json(const HistoryEntry& entry) {
  return {{"id", entry.id},
          {"down_revisions", entry.down_revisions},
          {"depends_on", entry.depends_on},
          {"branch_labels", entry.branch_labels},
          {"message", entry.message},
          {"created", entry.created},
          {"path", entry.path.string()},
          {"is_head", entry.is_head},
          {"is_base", entry.is_base},
          {"is_branch_point", entry.is_branch_point},
          {"is_merge_point", entry.is_merge_point},
          {"is_current", entry.is_current}};
}

nlohmann::json entries_json(const std::vector<HistoryEntry>& entries) {
  nlohmann::json out = nlohmann::json::array();
  for (const HistoryEntry& entry : entries) out.push_back(entry_json(entry));
  return out;
}

void print_run(const MigrateCommandResult& result, bool json, const char* verb) {
  const MigrationRunResult& run = result.run;
  if (!result.sql.empty()) {  // offline mode
    if (json) {
      std::cout << nlohmann::json{{"url", result.redacted_url}, {"sql", result.sql}}.dump(2)
                << '\n';
    } else {
      std::cout << result.sql;
    }
    return;
  }
  if (json) {
    nlohmann::json applied = nlohmann::json::array();
    for (const AppliedRevision& a : run.applied) {
      applied.push_back(
          {{"revision", a.revision},
           {"direction", a.direction == MigrationDirection::kUpgrade ? "upgrade" : "downgrade"},
           {"duration_ms", a.duration_ms}});
    }
    nlohmann::json out = {{"url", result.redacted_url},
                          {"heads_before", run.heads_before},
                          {"heads_after", run.heads_after},
                          {"applied", applied}};
    std::cout << out.dump(2) << '\n';
    return;
  }
  for (std::size_t i = 0; i < run.applied.size(); ++i) {
    const AppliedRevision& a = run.applied[i];
    std::cout << (a.direction == MigrationDirection::kUpgrade ? "upgrade " : "downgrade ")
              << a.revision << ", " << result.revisions[i].message << " (" << a.duration_ms
              << " ms)\n";
  }
  if (run.applied.empty() && run.heads_before == run.heads_after) {
    std::cout << "nothing to " << verb << "; at " << joined(run.heads_after, "base") << '\n';
  } else {
    std::cout << "at " << joined(run.heads_after, "base") << '\n';
  }
}

void add_lock_timeout_option(CLI::App& command, int& ms) {
  command
      .add_option_function<std::string>(
          "--lock-timeout",
          [&ms](const std::string& text) {
            ms = static_cast<int>(std::lround(parse_seconds(text).value_or(0) * 1000));
          },
          "Seconds to wait for the migration lock (default: forever); then exit code 4")
      ->type_name("SECONDS")
      ->check(CLI::Validator(
          [](const std::string& text) -> std::string {
            if (parse_seconds(text)) return {};
            return "takes a number of seconds from 0 to " +
                   std::to_string(static_cast<long>(kMaxLockTimeoutSeconds)) + ", not \"" + text +
                   "\"";
          },
          "", "seconds"));
}

}  // namespace retort::cli
