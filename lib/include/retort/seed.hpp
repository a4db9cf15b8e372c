// Seeding: fill a database with fixtures and generated dummy rows (layer 8, docs/seeding.md).
//
//   retort::SeedConfig config = retort::load_seed_config("seeds/seed.yaml");
//   retort::SeedOptions options;
//   options.random_seed = 42;  // same rows on every run and on both dialects
//   retort::SeedResult result = retort::seed(conn, metadata, config, options);
//
// Rows are correct by construction for any schema, with or without a seed.yaml: values fit
// their column types and lengths, NOT NULL columns get values, primary keys and unique
// constraints never collide, parsed CHECK constraints (IN, BETWEEN, comparisons) and enums are
// honoured, and foreign keys point at rows that exist (tables are filled parents first; a
// foreign key closing a cycle is filled in a second pass). Every row is written through the
// engine's Session inside one transaction: a failure leaves the database as it was.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retort/command.hpp"
#include "retort/error.hpp"
#include "retort/schema.hpp"

namespace retort {

class Connection;

// How one column's values are made (docs/seeding.md lists each with its keys).
enum class GeneratorKind {
  kAuto,  // chosen from the column's name, type and constraints
  kSequence,
  kConstant,
  kChoice,
  kInteger,
  kDecimal,
  kDate,
  kTimestamp,
  kBoolean,
  kNull,  // always NULL
  kFirstName,
  kLastName,
  kFullName,
  kEmail,
  kUsername,
  kPhone,
  kStreet,
  kCity,
  kCountry,
  kCompany,
  kUrl,
  kUuid,
  kIpv4,
  kWords,
  kSentence,
  kParagraph,
  kFixture,  // a foreign-key column pointing at the fixture rows named by `choices` (their keys)
};

// The seed.yaml spelling of a kind ("first_name", ...), and back (nullopt when unknown).
std::string_view to_string(GeneratorKind kind);
std::optional<GeneratorKind> parse_generator_kind(std::string_view name);
// Every spelling parse_generator_kind accepts, for "did you mean" and docs.
const std::vector<std::string_view>& generator_kind_names();

// The most digits after the point a generated decimal has (numbers are drawn as integers
// scaled by 10^decimals), and the most words a words/sentence/paragraph generator takes.
inline constexpr int kMaxSeedDecimals = 9;
inline constexpr int kMaxSeedWords = 1000;

struct ColumnGenerator {
  std::string column;
  GeneratorKind kind = GeneratorKind::kAuto;
  // kSequence: first value and step.
  std::int64_t start = 1;
  std::int64_t step = 1;
  // kConstant: the value as text (nullopt: NULL).
  std::optional<std::string> value;
  // kChoice: the values (with weights, all 1 when empty); kFixture: fixture keys.
  std::vector<std::string> choices;
  std::vector<double> weights;
  // kInteger / kDecimal: inclusive range; kDecimal: digits after the point.
  double min = 0;
  double max = 0;
  int decimals = 2;
  // kDate / kTimestamp: inclusive range as ISO text ("2020-01-01", "2020-01-01 00:00:00").
  std::string from;
  std::string to;
  // kBoolean: the share of true values.
  double true_ratio = 0.5;
  // Any kind: the share of NULLs (ignored for NOT NULL columns).
  double null_ratio = 0;
  // kWords / kSentence / kParagraph: how many words (sentences for paragraph), inclusive.
  int min_words = 0;  // 0: the kind's default
  int max_words = 0;
  SourceLocation location;  // where seed.yaml declared it
};

// An explicit row: column values as text (nullopt: NULL), optionally named by `key` so that
// other fixture rows (`{ref: key}`) and generated rows (`{fixture: [key]}`) can point at it.
struct FixtureRow {
  std::string key;
  std::vector<std::pair<std::string, std::optional<std::string>>> values;
  // Columns whose value is a reference: column -> the fixture key it names.
  std::vector<std::pair<std::string, std::string>> refs;
  SourceLocation location;
};

struct TableSeed {
  std::string table;  // "name" or "schema.name"
  // Rows to generate; nullopt: SeedOptions::rows (or `per`).
  std::optional<std::uint64_t> rows;
  // Children per parent row: `per` names the parent table, count in [per_min, per_max].
  std::string per;
  std::uint64_t per_min = 0;
  std::uint64_t per_max = 0;
  std::vector<ColumnGenerator> columns;
  std::vector<FixtureRow> fixtures;  // inline rows and rows read from CSV files
  SourceLocation location;
};

// seeds/seed.yaml as loaded. An empty config (no file) means defaults everywhere.
struct SeedConfig {
  std::optional<std::uint64_t> rows;         // default rows per table
  std::optional<std::uint64_t> random_seed;  // used when SeedOptions gives none
  std::vector<TableSeed> tables;             // in file order
  std::filesystem::path file;                // empty when built in code

  const TableSeed* find(std::string_view table) const;
};

// Parses seed.yaml text; `filename` names it in messages and `base_dir` resolves CSV paths.
// Throws InputError at file:line:column naming the table and column.
SeedConfig parse_seed_config(std::string_view yaml_text, std::string_view filename = "<seed>",
                             const std::filesystem::path& base_dir = {});
// Reads and parses a seed.yaml; a file that does not exist gives an empty config.
SeedConfig load_seed_config(const std::filesystem::path& path);

struct SeedProgress {
  std::string table;           // the table being filled
  std::uint64_t table_rows;    // rows written to it so far
  std::uint64_t total_rows;    // rows written to all tables so far
  std::uint64_t total_target;  // rows planned in all
  double seconds;              // since seed() began
};

struct SeedOptions {
  // Rows per table when neither the config nor `table_rows` says; default 10.
  std::optional<std::uint64_t> rows;
  // Rows for named tables ("name" or "schema.name"), winning over the config.
  std::map<std::string, std::uint64_t> table_rows;
  // The PRNG seed; nullopt: the config's, else a random one (reported in SeedResult).
  std::optional<std::uint64_t> random_seed;
  // Delete every row of the seeded tables first (children first).
  bool truncate = false;
  // Write only the fixtures, no generated rows.
  bool fixtures_only = false;
  // Called every few thousand rows and once per table at its end; may be empty.
  std::function<void(const SeedProgress&)> progress;
  // Tables never seeded (retort's version tables).
  std::vector<std::string> skip_tables = {"retort_version", "retort_version_log"};
};

struct TableSeedResult {
  std::string table;
  std::uint64_t rows = 0;       // fixtures plus generated rows written
  std::uint64_t requested = 0;  // fixtures plus generated rows asked for
  // Set when fewer rows than asked were written, one line naming the table, the constraint
  // that ran out of distinct values (or the one-to-one foreign key that ran out of parents)
  // and the rows asked vs written; empty otherwise.
  std::string warning;
};

struct SeedResult {
  std::vector<TableSeedResult> tables;  // in the order filled
  std::uint64_t total_rows = 0;
  double seconds = 0;
  std::uint64_t random_seed = 0;  // the seed used: pass it again for the same rows
};

// Seeds `metadata`'s tables on `conn` in one transaction (a savepoint when one is open).
// Throws InputError for a config naming unknown tables, columns or unusable generators (with
// a "did you mean"), DatabaseError when the database rejects a row (naming the table and, for
// a CHECK retort could not read, the check).
SeedResult seed(Connection& conn, const MetaData& metadata, const SeedConfig& config,
                const SeedOptions& options);

// The checks seed() makes of `config` before writing anything: its tables, columns, generators
// (that they fit the column), fixtures and `per:` against `metadata`. Throws InputError naming
// seed.yaml:line:column.
void check_seed_config(const MetaData& metadata, const SeedConfig& config);

struct SeedCommandOptions {
  ProjectOptions project;
  SeedOptions seed;
  // The seed.yaml; empty: the config's `seeds` (Config::seeds_path()).
  std::filesystem::path seed_file;
};

struct SeedCommandResult {
  std::string redacted_url;
  SeedResult result;
};

// `retort seed`: loads the project's config and seed.yaml, reflects the database's tables
// (leaving out the version tables) and seeds them.
SeedCommandResult seed_command(const SeedCommandOptions& options);

struct ResetCommandOptions {
  ProjectOptions project;
  SeedOptions seed;
  std::filesystem::path seed_file;
  int lock_timeout_ms = -1;
};

struct ResetCommandResult {
  std::string redacted_url;
  std::vector<std::string> dropped_tables;
  std::size_t revisions_applied = 0;
  SeedResult result;
};

// `retort db reset`: drops every reflected table (version tables included), enum and schema,
// upgrades to head and seeds. Development only; the CLI asks for confirmation.
ResetCommandResult db_reset_command(const ResetCommandOptions& options);

}  // namespace retort
