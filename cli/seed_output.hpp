// What `seed` and `db reset` share: their seeding options, the progress bar and the summary.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "retort/seed.hpp"

namespace CLI {
class App;
}

namespace retort::cli {

// The seeding options --rows, --table T=N, --random-seed, --truncate, --fixtures-only, --file.
struct SeedFlags {
  std::optional<std::uint64_t> rows;
  std::vector<std::string> tables;  // T=N
  std::optional<std::uint64_t> random_seed;
  bool truncate = false;
  bool fixtures_only = false;
  std::string file;
};
void add_seed_options(CLI::App& command, SeedFlags& flags, bool with_truncate);
// SeedOptions from the flags; UsageError for a --table that is not NAME=COUNT. Sets a
// progress bar on stderr when stderr is a terminal and `quiet` is false.
SeedOptions seed_options(const SeedFlags& flags, bool quiet);
// The summary: one line per table and a total (text), or a JSON object; a table that got
// fewer rows than asked also gets its warning line on stderr (and "warning" in the JSON).
void print_seed(const std::string& url, const SeedResult& result, bool json);

}  // namespace retort::cli
