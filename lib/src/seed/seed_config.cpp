// seeds/seed.yaml: loading with errors at file:line:column naming the table and column
// (grammar: docs/seeding.md). Built on the models file's YAML tree and reader.
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <tuple>
#include <utility>

#include "schema/yaml_reader.hpp"
#include "seed/csv_fixtures.hpp"
#include "seed/seed_internal.hpp"

namespace retort {
namespace detail {
namespace {

constexpr std::string_view kTopKeys[] = {"rows", "random_seed", "tables"};
constexpr std::string_view kTableKeys[] = {"rows", "per", "count", "columns", "fixtures"};
// Modifiers allowed beside a generator key.
constexpr std::string_view kModifiers[] = {"kind", "null_ratio", "step", "weights", "decimals"};

class SeedLoader {
 public:
  SeedLoader(std::string filename, std::filesystem::path base_dir)
      : reader_(std::move(filename)), base_dir_(std::move(base_dir)) {}

  SeedConfig load(const YamlNode& root) {
    SeedConfig config;
    if (root.is_null()) return config;
    reader_.expect_map(root, "seed: ", "the seed document");
    reader_.check_keys(root, kTopKeys, "seed: ", true);
    if (const YamlNode* n = root.find("rows"); n && !n->is_null())
      config.rows = count(*n, "seed: ", "rows");
    if (const YamlNode* n = root.find("random_seed"); n && !n->is_null())
      config.random_seed = count(*n, "seed: ", "random_seed");
    if (const YamlNode* tables = root.find("tables"); tables && !tables->is_null()) {
      reader_.expect_map(*tables, "seed: ", "\"tables\"");
      for (const auto& [key, value] : tables->entries) config.tables.push_back(table(*key, *value));
    }
    return config;
  }

 private:
  // A whole number of type T (out of T's range is refused, never wrapped or cast).
  template <typename T>
  T whole(const YamlNode& node, std::string_view context, std::string_view what) {
    const std::string text = reader_.text(node, context, what);
    T v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size())
      reader_.fail(node, std::string(context) + std::string(what) +
                             " must be a whole number, not " + in_quotes(text));
    return v;
  }
  std::uint64_t count(const YamlNode& node, std::string_view context, std::string_view what) {
    return whole<std::uint64_t>(node, context, what);
  }
  std::int64_t integer(const YamlNode& node, std::string_view context, std::string_view what) {
    return whole<std::int64_t>(node, context, what);
  }
  // A count no larger than `max`.
  std::uint64_t at_most(const YamlNode& node, std::string_view context, std::string_view what,
                        std::uint64_t max) {
    const std::uint64_t v = count(node, context, what);
    if (v > max)
      reader_.fail(node, std::string(context) + std::string(what) + " must be at most " +
                             std::to_string(max));
    return v;
  }

  double number(const YamlNode& node, std::string_view context, std::string_view what) {
    const std::string text = reader_.text(node, context, what);
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
      reader_.fail(node, std::string(context) + std::string(what) + " must be a number, not " +
                             in_quotes(text));
    return v;
  }

  double ratio(const YamlNode& node, std::string_view context, std::string_view what) {
    const double v = number(node, context, what);
    if (v < 0 || v > 1)
      reader_.fail(node, std::string(context) + std::string(what) + " must be between 0 and 1");
    return v;
  }

  // [min, max], each read by `read` (number or count), min <= max.
  template <typename Read>
  auto pair(const YamlNode& node, std::string_view context, std::string_view what, Read read) {
    reader_.expect_sequence(node, context, what);
    if (node.items.size() != 2)
      reader_.fail(node, std::string(context) + std::string(what) + " must be [min, max]");
    const auto lo = (this->*read)(*node.items[0], context, what);
    const auto hi = (this->*read)(*node.items[1], context, what);
    if (lo > hi)
      reader_.fail(node, std::string(context) + std::string(what) + ": min is above max");
    return std::pair{lo, hi};
  }
  std::pair<double, double> range(const YamlNode& node, std::string_view context,
                                  std::string_view what) {
    return pair(node, context, what, &SeedLoader::number);
  }

  TableSeed table(const YamlNode& key, const YamlNode& value) {
    TableSeed t;
    t.table = reader_.text(key, "seed: ", "a table name");
    t.location = reader_.location(key.mark);
    const std::string context = "seed: table " + in_quotes(t.table) + ": ";
    if (value.is_null()) return t;
    reader_.expect_map(value, context, "the table");
    reader_.check_keys(value, kTableKeys, context);
    if (const YamlNode* n = value.find("rows")) t.rows = count(*n, context, "rows");
    if (const YamlNode* n = value.find("per")) {
      t.per = reader_.text(*n, context, "per");
      const YamlNode* c = value.find("count");
      if (!c) reader_.fail(*n, context + "per needs count: [min, max]");
      std::tie(t.per_min, t.per_max) = pair(*c, context, "count", &SeedLoader::count);
    } else if (const YamlNode* c = value.find("count")) {
      reader_.fail(*c, context + "count needs per: <parent table>");
    }
    if (const YamlNode* columns = value.find("columns")) {
      reader_.expect_map(*columns, context, "columns");
      for (const auto& [k, v] : columns->entries) t.columns.push_back(column(*k, *v, context));
    }
    if (const YamlNode* fixtures = value.find("fixtures")) load_fixtures(*fixtures, context, t);
    return t;
  }

  ColumnGenerator column(const YamlNode& key, const YamlNode& value,
                         const std::string& table_context) {
    ColumnGenerator g;
    g.column = reader_.text(key, table_context, "a column name");
    g.location = reader_.location(key.mark);
    const std::string context = table_context + "column " + in_quotes(g.column) + ": ";
    if (value.is_null()) {  // `notes: null`: always NULL
      g.kind = GeneratorKind::kNull;
      return g;
    }
    if (value.is_scalar()) {
      g.kind = kind(value, value.scalar, context);
      return g;
    }
    reader_.expect_map(value, context, "the generator");
    std::vector<std::string_view> allowed(std::begin(kModifiers), std::end(kModifiers));
    for (std::string_view name : generator_kind_names()) allowed.push_back(name);
    reader_.check_keys(value, allowed, context, true);
    const YamlNode* generator = nullptr;
    for (const auto& [k, v] : value.entries) {
      const std::string name = k->scalar;
      if (name == "kind") {
        g.kind = kind(*v, reader_.text(*v, context, "kind"), context);
      } else if (name == "null_ratio") {
        g.null_ratio = ratio(*v, context, "null_ratio");
      } else if (name == "step") {
        g.step = integer(*v, context, "step");
        // Every row the same value: a collision on a unique column, and never meant.
        if (g.step == 0) reader_.fail(*v, context + "step must not be 0");
      } else if (name == "decimals") {
        g.decimals = static_cast<int>(at_most(*v, context, "decimals", kMaxSeedDecimals));
      } else if (name == "weights") {
        reader_.expect_sequence(*v, context, "weights");
        double total = 0;
        for (const YamlNode* w : v->items) {
          g.weights.push_back(number(*w, context, "a weight"));
          if (g.weights.back() < 0) reader_.fail(*w, context + "a weight must be 0 or more");
          total += g.weights.back();
        }
        if (!v->items.empty() && total <= 0) {
          reader_.fail(*v, context + "the weights must not all be 0");
        }
      } else {
        if (generator)
          reader_.fail(*k, context + "two generators (" + in_quotes(generator->scalar) + " and " +
                               in_quotes(name) + "); give one");
        generator = k;
        g.kind = *parse_generator_kind(name);
        params(g, *v, context);
      }
    }
    if (g.kind == GeneratorKind::kAuto && !generator && !value.find("null_ratio"))
      reader_.fail(value, context + "no generator given");
    if (!g.weights.empty() && g.weights.size() != g.choices.size())
      reader_.fail(value, context + "weights must have one number per choice");
    return g;
  }

  GeneratorKind kind(const YamlNode& node, const std::string& name, const std::string& context) {
    if (auto k = parse_generator_kind(name)) return *k;
    std::string message = context + "unknown generator " + in_quotes(name);
    if (auto guess = did_you_mean(name, generator_kind_names()))
      message += " (did you mean " + in_quotes(*guess) + "?)";
    reader_.fail(node, message);
  }

  // The value under a generator key: its parameters.
  void params(ColumnGenerator& g, const YamlNode& v, const std::string& context) {
    const std::string what(to_string(g.kind));
    switch (g.kind) {
      case GeneratorKind::kSequence:
        if (!v.is_null()) g.start = integer(v, context, what);
        return;
      case GeneratorKind::kConstant:
        if (!v.is_null()) g.value = reader_.text(v, context, what);
        return;
      case GeneratorKind::kChoice:
      case GeneratorKind::kFixture:
        g.choices = reader_.texts(v, context, what);
        if (g.choices.empty()) reader_.fail(v, context + what + " needs at least one value");
        return;
      case GeneratorKind::kInteger:
      case GeneratorKind::kDecimal: {
        auto [lo, hi] = range(v, context, what);
        g.min = lo;
        g.max = hi;
        return;
      }
      case GeneratorKind::kDate:
      case GeneratorKind::kTimestamp: {
        reader_.expect_sequence(v, context, what);
        if (v.items.size() != 2) reader_.fail(v, context + what + " must be [from, to]");
        std::int64_t a = 0, b = 0;
        g.from = reader_.text(*v.items[0], context, what);
        g.to = reader_.text(*v.items[1], context, what);
        const bool date = g.kind == GeneratorKind::kDate;
        for (const YamlNode* item : v.items) {
          std::int64_t x = 0;
          if (!(date ? parse_iso_date(item->scalar, x) : parse_iso_timestamp(item->scalar, x)))
            reader_.fail(*item,
                         context + in_quotes(item->scalar) + " is not " +
                             (date ? "a date (YYYY-MM-DD)" : "a timestamp (YYYY-MM-DD HH:MM:SS)"));
        }
        (date ? parse_iso_date(g.from, a) : parse_iso_timestamp(g.from, a));
        (date ? parse_iso_date(g.to, b) : parse_iso_timestamp(g.to, b));
        if (a > b) reader_.fail(v, context + what + ": from is after to");
        return;
      }
      case GeneratorKind::kBoolean:
        if (!v.is_null()) g.true_ratio = ratio(v, context, what);
        return;
      case GeneratorKind::kWords:
      case GeneratorKind::kSentence:
      case GeneratorKind::kParagraph:
        if (v.is_sequence()) {
          auto [lo, hi] = pair(v, context, what, &SeedLoader::count);
          if (lo < 1) reader_.fail(v, context + what + ": at least 1 word");
          if (hi > kMaxSeedWords)
            reader_.fail(v,
                         context + what + ": at most " + std::to_string(kMaxSeedWords) + " words");
          g.min_words = static_cast<int>(lo);
          g.max_words = static_cast<int>(hi);
          return;
        }
        [[fallthrough]];
      default:
        if (!v.is_null() && !(v.is_scalar() && v.scalar == "true"))
          reader_.fail(v, context + what + " takes no parameters (write " + what + ": true)");
    }
  }

  void load_fixtures(const YamlNode& node, const std::string& context, TableSeed& t) {
    if (node.is_map()) {  // {csv: file}
      load_csv(node, context, t);
      return;
    }
    reader_.expect_sequence(node, context, "fixtures");
    for (const YamlNode* item : node.items) {
      if (item->is_map() && item->entries.size() == 1 && item->find("csv")) {
        load_csv(*item, context, t);
        continue;
      }
      reader_.expect_map(*item, context, "a fixture row");
      FixtureRow row;
      row.location = reader_.location(item->mark);
      for (const auto& [k, v] : item->entries) {
        const std::string name = reader_.text(*k, context, "a fixture column");
        if (name == "_key") {
          row.key = reader_.text(*v, context, "_key");
        } else if (v->is_map()) {
          const YamlNode* ref = v->find("ref");
          if (!ref || v->entries.size() != 1)
            reader_.fail(*v, context + "fixture column " + in_quotes(name) +
                                 ": a mapping must be {ref: KEY}");
          row.refs.emplace_back(name, reader_.text(*ref, context, "ref"));
        } else if (v->is_null()) {
          row.values.emplace_back(name, std::nullopt);
        } else {
          row.values.emplace_back(name,
                                  reader_.text(*v, context, "fixture column " + in_quotes(name)));
        }
      }
      t.fixtures.push_back(std::move(row));
    }
  }

  void load_csv(const YamlNode& node, const std::string& context, TableSeed& t) {
    reader_.check_keys(node, std::array<std::string_view, 1>{"csv"}, context);
    const YamlNode& file = *node.find("csv");
    const std::filesystem::path path = base_dir_ / reader_.text(file, context, "csv");
    try {
      for (FixtureRow& row : read_csv_fixtures(path)) t.fixtures.push_back(std::move(row));
    } catch (const InputError& e) {
      reader_.fail(file, context + e.what());
    }
  }

  YamlReader reader_;
  std::filesystem::path base_dir_;
};

}  // namespace
}  // namespace detail

const TableSeed* SeedConfig::find(std::string_view table) const {
  for (const TableSeed& t : tables)
    if (t.table == table) return &t;
  const auto dot = table.find('.');
  if (dot != std::string_view::npos) return find(table.substr(dot + 1));
  return nullptr;
}

SeedConfig parse_seed_config(std::string_view yaml_text, std::string_view filename,
                             const std::filesystem::path& base_dir) {
  detail::YamlDocument document;
  try {
    document = detail::YamlDocument::parse(yaml_text);
  } catch (const detail::YamlSyntaxError& e) {
    detail::YamlReader{std::string(filename)}.fail(e.mark, "malformed YAML: " + e.message);
  }
  SeedConfig config = detail::SeedLoader(std::string(filename), base_dir).load(document.root());
  config.file = std::filesystem::path(filename);
  return config;
}

SeedConfig load_seed_config(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return SeedConfig{};
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(SourceLocation{path.string()},
                     std::string("cannot read seed file: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_seed_config(text.str(), path.string(), path.parent_path());
}

}  // namespace retort
