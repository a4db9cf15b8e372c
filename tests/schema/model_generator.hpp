// Seeded random generator of valid schema models, for round-trip tests (models file here;
// reflection later). Every feature of the model can be produced; GeneratorOptions turns off
// what a dialect lacks. The same seed and options always give the same model (the generator
// uses its own arithmetic on std::mt19937 output, not the library's distributions).
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "retort/schema.hpp"

namespace retort::testing {

struct GeneratorOptions {
  int max_tables = 6;   // at least one table is generated
  int max_columns = 7;  // per table, at least one
  bool schemas = true;  // MetaData::schemas and tables/enums in named schemas
  bool comments = true;
  bool enums = true;
  bool autoincrement = true;
  bool identity = true;
  bool computed = true;
  bool collations = true;
  bool server_defaults = true;
  bool check_constraints = true;
  bool unique_constraints = true;
  bool foreign_keys = true;
  bool deferrable = true;          // DEFERRABLE foreign keys
  bool expression_indexes = true;  // index elements that are SQL expressions
  bool partial_indexes = true;     // indexes with WHERE
  bool descending_indexes = true;
  bool relationships = true;
  bool sqlite_table_options = true;   // without_rowid / strict
  bool raw_types = true;              // database-specific types kept verbatim (kRaw)
  bool unnamed_constraints = true;    // unnamed primary keys, unique, foreign keys, checks
  bool nullable_primary_keys = true;  // primary-key columns left nullable
  bool hostile_names = true;  // names needing YAML quoting: reserved words, punctuation, unicode
  // Type spellings to draw columns from (Type::parse); empty means one of every kind. Enum and
  // raw types are added according to `enums` and `raw_types`.
  std::vector<std::string> types;
};

namespace generator_detail {

class Random {
 public:
  explicit Random(std::uint32_t seed) : engine_(seed) {}
  // Uniform in [0, n); n > 0.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  int between(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1)));
  }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }

 private:
  std::mt19937 engine_;
};

inline const std::vector<std::string> kWords = {
    "id",   "name", "title", "artist", "track", "album", "note", "created", "tag",
    "user", "mood", "slug",  "price",  "count", "owner", "kind", "data",    "a_b"};

// Strings that a YAML writer must quote or escape to read back unchanged.
inline const std::vector<std::string> kHostile = {"null",
                                                  "Null",
                                                  "~",
                                                  "yes",
                                                  "No",
                                                  "on",
                                                  "true",
                                                  "FALSE",
                                                  "y",
                                                  "123",
                                                  "1e3",
                                                  "0x1F",
                                                  "-dash",
                                                  "- item",
                                                  "a b",
                                                  "a  b",
                                                  "x: y",
                                                  "key:",
                                                  "#hash",
                                                  "a #b",
                                                  "it's",
                                                  "say \"hi\"",
                                                  "back\\slash",
                                                  "dot.ted",
                                                  "a,b",
                                                  "[br]",
                                                  "{c}",
                                                  "&amp",
                                                  "*star",
                                                  "!bang",
                                                  "%pct",
                                                  "@at",
                                                  "`tick`",
                                                  "?q",
                                                  ">gt",
                                                  "|pipe",
                                                  "trailing ",
                                                  " leading",
                                                  "tab\tx",
                                                  "new\nline",
                                                  "cr\rx",
                                                  "über",
                                                  "名前",
                                                  "emoji😀",
                                                  "nel\xC2\x85x",
                                                  "ls\xE2\x80\xA8x",
                                                  "bom\xEF\xBB\xBFx",
                                                  "bell\x07",
                                                  "del\x7F",
                                                  "nbsp\xC2\xA0x",
                                                  "---",
                                                  "...",
                                                  "=",
                                                  "<<"};

inline const std::vector<std::string> kSqlSnippets = {"length(name) > 0",
                                                      "price >= 0",
                                                      "lower(title)",
                                                      "a || 'x'",
                                                      "\"quoted col\" IS NOT NULL",
                                                      "coalesce(note, '')",
                                                      "count > 1 AND count < 10",
                                                      "CURRENT_TIMESTAMP",
                                                      "1",
                                                      "it's: #1"};

inline const std::vector<std::string> kRawTypes = {
    "inet",     "money",         "integer[]",      "geometry(point, 4326)", "timestamp(3)",
    "tsvector", "Point",         "varchar(10)[]",  "time with time zone",   "interval",
    "raw(int)", "raw( padded )", "raw(varchar(x))"};

inline const std::vector<std::string> kCollations = {"C", "POSIX", "en-x-icu", "NOCASE", "und"};

class Generator {
 public:
  Generator(std::uint32_t seed, const GeneratorOptions& options) : rng_(seed), opt_(options) {}

  MetaData run() {
    if (opt_.schemas) {
      for (int i = rng_.between(0, 2); i > 0; --i)
        md_.schemas.push_back(unique_name(schema_names_, true));
    }
    if (opt_.enums) {
      for (int i = rng_.between(0, 3); i > 0; --i) add_enum();
    }
    for (int i = rng_.between(1, opt_.max_tables); i > 0; --i) add_table();
    for (Table& table : md_.tables) add_constraints(table);
    // Foreign keys last: they reference the primary keys and unique constraints made above.
    if (opt_.foreign_keys) {
      for (std::size_t t = 0; t < md_.tables.size(); ++t) {
        for (int i = rng_.between(0, 2); i > 0; --i) add_foreign_key(t);
      }
    }
    return md_;
  }

 private:
  // A name not in `used`; hostile ones when enabled. `dotless` keeps names usable in an enum
  // reference "enum(schema.name)": no dots or parentheses, no surrounding whitespace.
  std::string unique_name(std::set<std::string>& used, bool dotless = false) {
    for (int attempt = 0;; ++attempt) {
      std::string name = rng_.pick(kWords);
      if (opt_.hostile_names && rng_.chance(30)) {
        const std::string& hostile = rng_.pick(kHostile);
        if (!dotless || fits_enum_reference(hostile)) name = hostile;
      }
      if (attempt > 3 || rng_.chance(20)) name += "_" + std::to_string(rng_.below(100));
      if (used.insert(name).second) return name;
    }
  }

  static bool fits_enum_reference(const std::string& name) {
    auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    return name.find_first_of(".()") == std::string::npos && !space(name.front()) &&
           !space(name.back());
  }

  std::string some_schema() {
    return md_.schemas.empty() || rng_.chance(50) ? std::string() : rng_.pick(md_.schemas);
  }

  void add_enum() {
    EnumType e;
    e.schema = some_schema();
    std::set<std::string>& names = enum_names_[e.schema];
    e.name = unique_name(names, true);
    std::set<std::string> values;
    for (int i = rng_.between(1, 4); i > 0; --i) e.values.push_back(unique_name(values));
    md_.enums.push_back(std::move(e));
  }

  Type random_type() {
    const int roll = rng_.between(0, 21);
    if (roll == 20 && opt_.raw_types) return Type::parse(rng_.pick(kRawTypes));
    if (roll == 21 && !md_.enums.empty()) {
      const EnumType& e = rng_.pick(md_.enums);
      const bool bare = e.schema.empty() || enum_name_count(e.name) == 1;
      return Type::parse("enum(" + (bare ? e.name : e.schema + "." + e.name) + ")");
    }
    static const std::vector<std::string> kSpellings = {
        "integer", "smallint", "bigint", "boolean", "varchar",     "varchar(30)",
        "char(2)", "char",     "text",   "numeric", "numeric(10)", "numeric(12,3)",
        "real",    "double",   "date",   "time",    "timestamp",   "timestamptz",
        "uuid",    "json",     "jsonb",  "binary"};
    return Type::parse(rng_.pick(opt_.types.empty() ? kSpellings : opt_.types));
  }

  int enum_name_count(const std::string& name) const {
    int n = 0;
    for (const EnumType& e : md_.enums) n += e.name == name ? 1 : 0;
    return n;
  }

  static bool is_integer(const Type& t) {
    return t.kind == TypeKind::kInteger || t.kind == TypeKind::kSmallInt ||
           t.kind == TypeKind::kBigInt;
  }

  Column random_column(std::set<std::string>& names) {
    Column c;
    c.name = unique_name(names);
    c.type = random_type();
    c.nullable = rng_.chance(60);
    if (opt_.computed && rng_.chance(10)) {
      c.computed = Computed{rng_.pick(kSqlSnippets), rng_.chance(50)};
    } else {
      if (opt_.server_defaults && rng_.chance(30)) {
        c.server_default = rng_.chance(50)
                               ? DefaultValue::literal(rng_.chance(50) ? rng_.pick(kHostile) : "0")
                               : DefaultValue::expression(rng_.pick(kSqlSnippets));
      }
      if (is_integer(c.type) && opt_.autoincrement && rng_.chance(15)) {
        c.autoincrement = true;
      } else if (is_integer(c.type) && opt_.identity && rng_.chance(15)) {
        c.identity = rng_.chance(50) ? Identity::kAlways : Identity::kByDefault;
      }
    }
    if (opt_.collations && rng_.chance(10)) c.collation = rng_.pick(kCollations);
    if (opt_.comments && rng_.chance(20))
      c.comment = rng_.chance(50) ? rng_.pick(kHostile) : "A comment.";
    return c;
  }

  void add_table() {
    Table t;
    t.schema = some_schema();
    t.name = unique_name(table_names_[t.schema]);
    std::set<std::string> columns;
    for (int i = rng_.between(1, opt_.max_columns); i > 0; --i)
      t.columns.push_back(random_column(columns));
    if (opt_.comments && rng_.chance(30))
      t.comment = rng_.chance(50) ? rng_.pick(kHostile) : "Table comment";
    if (opt_.sqlite_table_options) {
      t.without_rowid = rng_.chance(15);
      t.strict = rng_.chance(15);
    }
    md_.tables.push_back(std::move(t));
  }

  // 1..max distinct column names of `table`, in random order.
  std::vector<std::string> some_columns(const Table& table, std::size_t max) {
    std::vector<std::string> out;
    const std::size_t n = 1 + rng_.below(std::min(max, table.columns.size()));
    while (out.size() < n) {
      const std::string& name = rng_.pick(table.columns).name;
      if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    return out;
  }

  // A constraint name unique within the table, or "" when unnamed constraints are allowed.
  std::string constraint_name(std::set<std::string>& used) {
    if (opt_.unnamed_constraints && rng_.chance(50)) return {};
    return unique_name(used);
  }

  void add_constraints(Table& t) {
    std::set<std::string>& names = constraint_names_.emplace_back();
    if (rng_.chance(70)) add_primary_key(t, names);
    // Column-flag-shaped objects first (sometimes), so that the column-level forms are used.
    const bool flag_shaped = rng_.chance(50);
    flag_shaped_.push_back(flag_shaped);
    if (opt_.unique_constraints) {
      for (int i = rng_.between(0, 2); i > 0; --i) {
        std::string name = flag_shaped && opt_.unnamed_constraints ? "" : constraint_name(names);
        t.unique_constraints.push_back({name, some_columns(t, flag_shaped ? 1 : 3)});
      }
    }
    if (opt_.check_constraints) {
      for (int i = rng_.between(0, 2); i > 0; --i) {
        t.check_constraints.push_back({constraint_name(names), rng_.pick(kSqlSnippets)});
      }
    }
    for (int i = rng_.between(0, 3); i > 0; --i) add_index(t, flag_shaped);
    if (opt_.relationships) {
      std::set<std::string> rel_names;
      for (int i = rng_.between(0, 2); i > 0; --i) add_relationship(t, rel_names);
    }
  }

  void add_primary_key(Table& t, std::set<std::string>& names) {
    PrimaryKey pk{constraint_name(names), some_columns(t, 2)};
    for (Column& c : t.columns) {
      if (std::find(pk.columns.begin(), pk.columns.end(), c.name) == pk.columns.end()) continue;
      c.nullable = opt_.nullable_primary_keys && rng_.chance(10);
    }
    t.primary_key = std::move(pk);
  }

  // A foreign key of table `ti` to a primary key or unique constraint of any table (validate()
  // accepts no other), if some key fits: one column when the table's objects are flag-shaped.
  void add_foreign_key(std::size_t ti) {
    Table& t = md_.tables[ti];
    const bool flag_shaped = flag_shaped_[ti];
    std::vector<std::pair<const Table*, const std::vector<std::string>*>> keys;
    auto fits = [&](const std::vector<std::string>& key) {
      return key.size() <= t.columns.size() && (!flag_shaped || key.size() == 1);
    };
    for (const Table& target : md_.tables) {
      if (target.primary_key && fits(target.primary_key->columns)) {
        keys.emplace_back(&target, &target.primary_key->columns);
      }
      for (const UniqueConstraint& uq : target.unique_constraints) {
        if (fits(uq.columns)) keys.emplace_back(&target, &uq.columns);
      }
    }
    if (keys.empty()) return;
    const auto [target, key] = rng_.pick(keys);
    ForeignKey fk;
    fk.name = flag_shaped && opt_.unnamed_constraints ? "" : constraint_name(constraint_names_[ti]);
    fk.ref_columns = *key;
    while (fk.columns.size() < fk.ref_columns.size()) {
      const std::string& name = rng_.pick(t.columns).name;
      if (std::find(fk.columns.begin(), fk.columns.end(), name) == fk.columns.end()) {
        fk.columns.push_back(name);
      }
    }
    fk.ref_schema = target->schema;
    fk.ref_table = target->name;
    static const std::vector<ReferentialAction> kActions = {
        ReferentialAction::kNoAction, ReferentialAction::kRestrict, ReferentialAction::kCascade,
        ReferentialAction::kSetNull, ReferentialAction::kSetDefault};
    fk.on_delete = rng_.pick(kActions);
    fk.on_update = rng_.pick(kActions);
    if (opt_.deferrable) {
      static const std::vector<Deferrable> kDeferrables = {Deferrable::kNotDeferrable,
                                                           Deferrable::kInitiallyImmediate,
                                                           Deferrable::kInitiallyDeferred};
      fk.deferrable = rng_.pick(kDeferrables);
    }
    t.foreign_keys.push_back(std::move(fk));
  }

  void add_index(Table& t, bool flag_shaped) {
    std::set<std::string>& used = index_names_[t.schema];
    Index index;
    if (flag_shaped) {  // what `index: true` produces
      const std::string& column = rng_.pick(t.columns).name;
      index.name = "ix_" + t.name + "_" + column;
      index.elements.push_back({column, "", false});
      if (used.insert(index.name).second) t.indexes.push_back(std::move(index));
      return;
    }
    index.name = unique_name(used);
    for (const std::string& column : some_columns(t, 3)) {
      IndexElement e;
      if (opt_.expression_indexes && rng_.chance(25)) {
        e.expression = rng_.pick(kSqlSnippets);
      } else {
        e.column = column;
      }
      e.descending = opt_.descending_indexes && rng_.chance(25);
      index.elements.push_back(std::move(e));
    }
    index.unique = rng_.chance(30);
    if (opt_.partial_indexes && rng_.chance(20)) index.where = rng_.pick(kSqlSnippets);
    t.indexes.push_back(std::move(index));
  }

  void add_relationship(Table& t, std::set<std::string>& names) {
    static const std::vector<RelationshipKind> kKinds = {
        RelationshipKind::kManyToOne, RelationshipKind::kOneToMany, RelationshipKind::kManyToMany};
    Relationship r;
    r.name = unique_name(names);
    r.target = rng_.pick(md_.tables).name;
    if (rng_.chance(30)) r.secondary = rng_.pick(md_.tables).name;
    r.kind = rng_.pick(kKinds);
    if (rng_.chance(40)) r.back_populates = unique_name(names);
    if (rng_.chance(30)) r.cascade = "all, delete-orphan";
    t.relationships.push_back(std::move(r));
  }

  Random rng_;
  GeneratorOptions opt_;
  MetaData md_;
  std::set<std::string> schema_names_;
  std::map<std::string, std::set<std::string>> enum_names_, table_names_, index_names_;
  std::vector<std::set<std::string>> constraint_names_;  // per table, in md_.tables order
  std::vector<bool> flag_shaped_;                        // per table
};

}  // namespace generator_detail

// A valid model (validate() accepts it) drawn from `seed`.
inline MetaData generate_model(std::uint32_t seed, const GeneratorOptions& options = {}) {
  return generator_detail::Generator(seed, options).run();
}

}  // namespace retort::testing
