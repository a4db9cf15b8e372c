// The seeder's internals: a plan per table (what each inserted column gets), the key pools
// children draw their foreign keys from, the value generators and the CHECK reader.
#pragma once

#include <array>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "retort/seed.hpp"
#include "retort/suggest.hpp"
#include "retort/value.hpp"
#include "seed/rng.hpp"

namespace retort::detail {

// What a column's generator produces, before it is fitted to the column's type.
enum class Gen : std::uint8_t {
  kSequence,
  kConstant,
  kChoice,
  kInteger,
  kDecimal,
  kReal,
  kDate,
  kTimestamp,
  kTime,
  kBoolean,
  kNull,
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
  kJson,
  kBlob,
  kForeignKey,
};

// How a value is bound: the Value type the column's SQL type wants.
enum class Out : std::uint8_t { kInteger, kReal, kText, kBoolean, kBlob };

struct ColumnPlan {
  std::string name;
  const Column* column = nullptr;
  Gen gen = Gen::kWords;
  Out out = Out::kText;
  int max_length = 0;  // characters; 0: no limit
  double null_ratio = 0;
  bool unique = false;  // unique by construction: a sequence or a counter suffix
  bool utc = false;     // timestamp with time zone: "+00:00" makes it independent of the session
  std::int64_t lo = 0;  // kInteger, kDecimal (scaled by 10^decimals), kDate (days since
  std::int64_t hi = 0;  // 1970-01-01), kTimestamp / kTime (seconds)
  int decimals = 0;
  // The range is retort's default guess, not the user's (a CHECK may have narrowed it): a
  // unique column may grow it up to type_max, the largest value its type and CHECKs allow.
  bool soft_range = true;
  std::int64_t type_max = INT64_MAX;
  std::int64_t next = 1;  // kSequence and the unique counter
  std::int64_t step = 1;
  double true_ratio = 0.5;
  int min_words = 1;
  int max_words = 3;
  std::vector<Value> choices;      // kChoice; also IN lists and enum values
  std::vector<double> cumulative;  // kChoice: running sums of the weights
  Value constant;
  // kDate / kTimestamp: the formatted dates of the range's days from date_first on, built by
  // the first value (empty when the range is too wide).
  bool dates_built = false;
  std::int64_t date_first = 0;
  std::vector<std::array<char, 10>> dates;
  // NOT NULL, of a type retort cannot generate, and no generator in seed.yaml: generated rows
  // are refused (fixtures may still fill the table).
  bool unsupported_type = false;
  int fk = -1;  // kForeignKey: index into TablePlan::fks
  std::size_t fk_position = 0;
  Rng rng;
};

// Rows of one table that children may reference: the referenced columns of each row
// written in this run (fixtures first, in order, so that a fixture's row is its position),
// row-major. A row whose key has a NULL references nothing: children draw only the others.
struct KeyPool {
  const Table* table = nullptr;
  std::vector<std::string> columns;
  std::vector<Value> values;
  // The rows whose key has no NULL, kept once a row with a NULL came: until then every row.
  std::vector<std::size_t> complete;
  bool has_incomplete = false;

  std::size_t size() const { return columns.empty() ? 0 : values.size() / columns.size(); }
  // The rows children may draw, and the row of the i-th of them.
  std::size_t drawable() const { return has_incomplete ? complete.size() : size(); }
  std::size_t drawable_row(std::size_t i) const { return has_incomplete ? complete[i] : i; }
  // After the values of a row were appended: notes whether its key has a NULL.
  void row_added() {
    const std::size_t row = size() - 1;
    bool null = false;
    for (std::size_t k = values.size() - columns.size(); k < values.size(); ++k)
      null = null || values[k].is_null();
    if (null && !has_incomplete) {
      has_incomplete = true;
      complete.clear();
      for (std::size_t r = 0; r < row; ++r) complete.push_back(r);
    } else if (!null && has_incomplete) {
      complete.push_back(row);
    }
  }
  void clear() {
    values.clear();
    complete.clear();
    has_incomplete = false;
  }
};

struct ForeignKeyPlan {
  const ForeignKey* fk = nullptr;
  std::size_t pool = 0;              // index into the run's pools
  std::vector<std::size_t> columns;  // indexes into TablePlan::columns
  bool deferred = false;             // closes a cycle: NULL now, set in a second pass
  bool self = false;                 // references its own table
  bool nullable = false;             // every column nullable
  bool in_order = false;             // unique (one-to-one): parents taken in order
  double null_ratio = 0;
  std::vector<std::string> fixture_keys;  // {fixture: [...]}: only these parent rows
  std::vector<std::size_t> fixture_rows;  // resolved pool rows
  // in_order on a table with rows already: the parents they reference, passed over.
  std::unordered_set<std::uint64_t> taken;
  std::size_t passed_over = 0;
  Rng rng;
};

struct UniqueSetPlan {
  std::string label;                 // for messages
  std::vector<std::size_t> columns;  // indexes into TablePlan::columns
  std::unordered_set<std::uint64_t> seen;
};

struct TablePlan {
  const Table* table = nullptr;
  std::string name;  // display name, also what Session::add takes
  const TableSeed* config = nullptr;
  std::vector<ColumnPlan> columns;  // the inserted columns, in table order
  std::vector<std::string> column_names;
  std::vector<ForeignKeyPlan> fks;
  std::vector<UniqueSetPlan> uniques;
  std::string generated_key;       // a key column the database fills (autoincrement, identity)
  std::vector<std::size_t> pools;  // pools of this table, filled as rows are written
  std::uint64_t rows = 0;          // rows to generate
  int per_fk = -1;                 // index into fks of the `per:` parent
  std::vector<std::string> unread_checks;  // CHECKs retort could not read, for messages
  Rng rng;
};

// A CHECK of a form retort honours, for one column: bounds and/or a list of values.
struct CheckBounds {
  std::string column;
  std::optional<double> lo, hi;
  bool lo_strict = false, hi_strict = false;
  bool has_list = false;
  std::vector<std::string> list;  // IN values, unquoted
};
// Reads `expression` as a conjunction (AND) of `col IN (...)`, `col BETWEEN a AND b`,
// `col op number` (op one of >= > <= <, either side) and PostgreSQL's catalog spellings of
// those (casts, `= ANY (ARRAY[...])`). Returns false, leaving `out` untouched, for anything else.
bool read_check(std::string_view expression, std::vector<CheckBounds>& out);

// Scaled bounds (seed.yaml ranges, CHECKs) of any size kept within +-2^62, so that the plan's
// integer arithmetic on them (+-1, +-1000, hi - lo) never overflows; NaN is 0.
inline std::int64_t bounded_int64(double v) {
  constexpr double kLimit = 4611686018427387904.0;  // 2^62
  if (!(v == v)) return 0;
  if (v >= kLimit) return std::int64_t{1} << 62;
  if (v <= -kLimit) return -(std::int64_t{1} << 62);
  return static_cast<std::int64_t>(v);
}

// a + b, wrapping around: a sequence with a huge step wraps rather than overflowing (the
// database then reports the duplicate if the column is unique).
inline std::int64_t wrapping_add(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}

// Throws InputError at the generator's seed.yaml location, naming `table` and the column, when
// the generator cannot fill the column's type (an email into an integer, a choice value that is
// not a number, a date into a boolean). Text, binary and raw types take any generator.
void check_generator_fits(const ColumnGenerator& generator, const Column& column,
                          const MetaData& metadata, const std::string& table);

// A raw type that is a modelled one with modifiers retort does not keep ("timestamp(6) without
// time zone", "time(0)"): that modelled type; any other type as it is.
Type modelled_type(const Type& type);

// Fits a column's type, name, constraints and the user's generator into a ColumnPlan. A column
// of a type retort does not model and no seed.yaml generator is always NULL, unless
// `raw_takes_text` (Dialect::any_value_fits_any_type) lets it have text as other columns do;
// a NOT NULL one is marked unsupported_type.
ColumnPlan plan_column(const Table& table, const Column& column, const MetaData& metadata,
                       const ColumnGenerator* spec, const std::vector<CheckBounds>& checks,
                       std::uint64_t seed, bool raw_takes_text);
// Writes one generated value into `out` (not for kForeignKey columns).
void generate_value(ColumnPlan& column, std::uint64_t row, Value& out);
// generate_value for each column of a row but the foreign keys, into out[i].
void generate_row(std::span<ColumnPlan> columns, std::uint64_t row, std::span<Value> out);
// generate_value for the text kinds (kFirstName to kParagraph, kJson), fitted to the length.
void generate_text(ColumnPlan& column, std::uint64_t row, Value& out);

// Days since 1970-01-01 for an ISO date ("2020-01-31"); seconds for "2020-01-31 10:00:00" /
// "2020-01-31T10:00:00". False when malformed.
bool parse_iso_date(std::string_view text, std::int64_t& days);
bool parse_iso_timestamp(std::string_view text, std::int64_t& seconds);

// A 64-bit hash of some values of a row, for the unique-constraint sets (a collision only
// costs a re-draw).
std::uint64_t hash_values(std::span<const Value> row, const std::vector<std::size_t>& columns);

}  // namespace retort::detail

namespace retort::detail {

// A fixture's or a choice's text as the Value a column of kind `out` binds.
Value text_value(Out out, const std::string& text);

// Makes a column's values unique by construction for `rows` rows (a sequence inside its
// range, a counter suffix on text, values in turn from a long enough list); false when its
// domain is too small or its generator fixed, so that a unique set has to re-draw.
bool make_unique(ColumnPlan& column, std::uint64_t rows);

// Where the run keeps its key pools: the pool of `table`'s `columns`, created on first use.
std::size_t pool_index(std::vector<KeyPool>& pools, const Table& table,
                       const std::vector<std::string>& columns);

struct PlanInput {
  const MetaData* metadata = nullptr;
  const Table* table = nullptr;
  const TableSeed* config = nullptr;
  std::uint64_t seed = 0;
  std::uint64_t rows = 0;
  std::vector<std::size_t> cycle_fks;  // indexes of the table's foreign keys closing a cycle
  bool raw_takes_text = false;         // Dialect::any_value_fits_any_type
};
// The whole table's plan: columns, foreign keys (with their pools), unique sets.
TablePlan plan_table(const PlanInput& input, std::vector<KeyPool>& pools);

}  // namespace retort::detail
