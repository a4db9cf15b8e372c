#include "seed_output.hpp"

#include <unistd.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

#include "numbers.hpp"
#include "retort/error.hpp"

namespace retort::cli {
namespace {

// One line redrawn in place on stderr: table, rows, rows per second.
void draw_progress(const SeedProgress& p) {
  const double rate = p.seconds > 0 ? static_cast<double>(p.total_rows) / p.seconds : 0;
  const int width = 24;
  const int filled =
      p.total_target
          ? static_cast<int>(width * std::min<double>(1.0, static_cast<double>(p.total_rows) /
                                                               static_cast<double>(p.total_target)))
          : 0;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(width, '.');
  std::fprintf(stderr, "\r[%s] %-20.20s %10llu rows %10.0f rows/s", bar.c_str(), p.table.c_str(),
               static_cast<unsigned long long>(p.total_rows), rate);
  std::fflush(stderr);
}

}  // namespace

void add_seed_options(CLI::App& command, SeedFlags& flags, bool with_truncate) {
  command.add_option("--rows", flags.rows, "Rows per table (default: seed.yaml's, else 10)")
      ->type_name("N")
      ->check(whole_number(kMaxSeedRows));
  command
      .add_option("--table", flags.tables,
                  "Rows for one table, e.g. --table track=500 (repeatable)")
      ->type_name("T=N");
  command
      .add_option("--random-seed", flags.random_seed,
                  "Seed of the generator: the same rows on every run and database")
      ->type_name("S")
      ->check(whole_number(UINT64_MAX));
  if (with_truncate)
    command.add_flag("--truncate", flags.truncate, "Delete the tables' rows first");
  command.add_flag("--fixtures-only", flags.fixtures_only,
                   "Write the fixtures only, no generated rows");
  command
      .add_option("--file", flags.file,
                  "The seed file (default: the config's seeds, seeds/seed.yaml)")
      ->type_name("PATH");
}

SeedOptions seed_options(const SeedFlags& flags, bool quiet) {
  SeedOptions options;
  options.rows = flags.rows;
  options.random_seed = flags.random_seed;
  options.truncate = flags.truncate;
  options.fixtures_only = flags.fixtures_only;
  for (const std::string& spec : flags.tables) {
    const auto eq = spec.rfind('=');
    const std::optional<std::uint64_t> n =
        eq == std::string::npos
            ? std::nullopt
            : parse_whole_number(std::string_view(spec).substr(eq + 1), kMaxSeedRows);
    if (eq == 0 || !n) {
      throw UsageError("seed: --table takes NAME=COUNT, a count from 0 to " +
                       std::to_string(kMaxSeedRows) + ", not \"" + spec + "\"");
    }
    options.table_rows[spec.substr(0, eq)] = *n;
  }
  if (!quiet && ::isatty(STDERR_FILENO)) {
    options.progress = [](const SeedProgress& p) { draw_progress(p); };
  }
  return options;
}

void print_seed(const std::string& url, const SeedResult& result, bool json) {
  if (!result.tables.empty() && ::isatty(STDERR_FILENO)) std::fputs("\r\033[K", stderr);
  // Tables that got fewer rows than asked: one line each on stderr, whatever the format.
  for (const TableSeedResult& t : result.tables)
    if (!t.warning.empty()) std::cerr << "warning: " << t.warning << '\n';
  if (result.tables.empty())
    std::cerr << "warning: seed: the database has no tables to fill (retort upgrade creates "
                 "them)\n";
  if (json) {
    nlohmann::json tables = nlohmann::json::array();
    for (const TableSeedResult& t : result.tables) {
      nlohmann::json table{{"table", t.table}, {"rows", t.rows}, {"requested", t.requested}};
      if (!t.warning.empty()) table["warning"] = t.warning;
      tables.push_back(std::move(table));
    }
    std::cout << nlohmann::json{{"url", url},
                                {"tables", tables},
                                {"rows", result.total_rows},
                                {"seconds", result.seconds},
                                {"random_seed", result.random_seed}}
                     .dump(2)
              << '\n';
    return;
  }
  for (const TableSeedResult& t : result.tables)
    std::cout << t.table << ": " << t.rows << " rows\n";
  const double rate =
      result.seconds > 0 ? static_cast<double>(result.total_rows) / result.seconds : 0;
  char line[160];
  std::snprintf(line, sizeof line, "seeded %llu rows in %.3f s (%.0f rows/s), random seed %llu\n",
                static_cast<unsigned long long>(result.total_rows), result.seconds, rate,
                static_cast<unsigned long long>(result.random_seed));
  std::cout << line;
}

}  // namespace retort::cli
