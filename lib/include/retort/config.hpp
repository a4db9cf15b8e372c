// retort.yaml, the project configuration. Values may use ${VAR} and ${VAR:-default}.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace retort {

struct Config {
  std::filesystem::path file;  // the retort.yaml this came from (empty: defaults)
  std::filesystem::path root;  // the directory holding it; relative paths start here
  std::string database_url = "sqlite:///dev.db";
  std::filesystem::path models = "models/schema.yaml";
  std::filesystem::path script_location = "migrations";
  std::string version_table = "retort_version";
  bool transaction_per_migration = false;

  // `models` and `script_location` resolved against `root`.
  std::filesystem::path models_path() const;
  std::filesystem::path script_path() const;
};

// Looks up an environment variable; returns nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;
// The process environment.
EnvLookup process_env();

// Expands ${VAR} and ${VAR:-default} (default used when VAR is unset or empty); "$$" is a
// literal "$". Throws InputError for an unset variable without default or a malformed
// reference.
std::string expand_env(std::string_view text, const EnvLookup& env);

// The nearest retort.yaml in `start` or its parents, if any.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

// Reads and validates a config file. Throws InputError naming file:line:column.
Config load_config(const std::filesystem::path& file, const EnvLookup& env = process_env());

}  // namespace retort
