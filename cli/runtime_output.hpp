// Text and JSON rendering shared by the runtime commands (upgrade, downgrade, stamp, current,
// heads, history).
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "retort/command_runtime.hpp"

namespace CLI {
class App;
}

namespace retort::cli {

// Alembic's one-line form: "rev0001 -> rev0002 (head) (current), add rating".
std::string entry_line(const HistoryEntry& entry);
// Several lines: "Rev: ...", "Parent: ...", "Path: ...", then the message indented.
std::string entry_block(const HistoryEntry& entry);
nlohmann::json entry_json(const HistoryEntry& entry);
nlohmann::json entries_json(const std::vector<HistoryEntry>& entries);
// Prints a run: one line per revision run and the heads after, or the JSON object.
void print_run(const MigrateCommandResult& result, bool json, const char* verb);
// Adds --lock-timeout SECONDS to `command`, storing milliseconds in `ms` (negative: forever).
void add_lock_timeout_option(CLI::App& command, int& ms);

}  // namespace retort::cli
