// retort.yaml, the project configuration. Values may use ${VAR} and ${VAR:-default}.
//
//   database_url: ${DATABASE_URL:-sqlite:///dev.db}
//   models: models/schema.yaml
//   script_location: migrations
//   version_table: retort_version
//   transaction_per_migration: false
//   file_template: "{rev}_{slug}"      # revision file names, ".yaml" appended
//   seeds: seeds/seed.yaml
//   schemas: [public, audit]          # PostgreSQL schemas autogenerate/check compare
//   include: ["app_*"]                # table globs compared (none: every table)
//   exclude: ["tmp_*", "*_backup"]
//
// Every key is optional; an empty file means all defaults. An unknown key is an error.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retort {

struct Config {
  std::filesystem::path file;  // the retort.yaml this came from (empty: defaults)
  std::filesystem::path root;  // the directory holding it; relative paths start here
  std::string database_url = "sqlite:///dev.db";
  std::filesystem::path models = "models/schema.yaml";
  std::filesystem::path script_location = "migrations";
  std::string version_table = "retort_version";
  // Run each revision in its own transaction instead of one transaction for the whole run.
  bool transaction_per_migration = false;
  // The name of a new revision file, without ".yaml": {rev} (the revision id), {slug} (the
  // message in lower_snake_case, cut to 40 characters), {year} {month} {day} {hour}
  // {minute} {second} (UTC, zero-padded).
  std::string file_template = "{rev}_{slug}";
  // The seed configuration `retort seed` reads.
  std::filesystem::path seeds = "seeds/seed.yaml";
  // What autogenerate, check and diff compare (CompareOptions / InspectOptions): PostgreSQL
  // schemas (empty: the current one) and table-name globs. The command line's --schema,
  // --include and --exclude add to these.
  std::vector<std::string> schemas;
  std::vector<std::string> include;
  std::vector<std::string> exclude;

  // `models` and `script_location` resolved against `root` (unchanged when absolute).
  std::filesystem::path models_path() const;
  std::filesystem::path script_path() const;
  std::filesystem::path seeds_path() const;
  // retort's own tables: the version table and its log (log_table_name), which inspection,
  // comparison and seeding leave out.
  std::vector<std::string> version_tables() const;
};

// The name find_config looks for.
inline constexpr std::string_view kConfigFileName = "retort.yaml";

// Looks up an environment variable; returns nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;
// The process environment.
EnvLookup process_env();

// Expands ${VAR} and ${VAR:-default} (default used when VAR is unset or empty; the default
// may itself hold references); "$$" is a literal "$", and a "$" followed by anything else is
// kept as is. VAR is [A-Za-z_][A-Za-z0-9_]*. Throws InputError (without a location) for an
// unset variable without default or a malformed reference.
std::string expand_env(std::string_view text, const EnvLookup& env);

// The nearest retort.yaml in `start` or its parents (absolute), if any.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

// Reads and validates a config file, expanding ${VAR} in every value. Throws InputError
// naming file:line:column (or just the file when it cannot be read).
Config load_config(const std::filesystem::path& file, const EnvLookup& env = process_env());

}  // namespace retort
