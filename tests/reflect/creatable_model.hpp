// Turns a generated model (tests/schema/model_generator.hpp, valid as a models file) into one
// a real database accepts, keeping as much of its variety as possible: hostile names, every
// type, constraints named and unnamed, composite keys, deferrable foreign keys, expression,
// partial and descending indexes. What a database refuses or rewrites is replaced:
// - SQL snippets that name columns the table may not have become expressions over a real
//   column, spelled as the database prints them back (`quote` gives PostgreSQL's
//   quote_ident), so that reflection can be compared exactly;
// - defaults that are not values of the column's type are dropped;
// - foreign keys point at the parent's primary key through columns of the same types;
// - names that would collide in a schema's relation namespace get a unique suffix.
#pragma once

#include <algorithm>
#include <functional>
#include <set>
#include <string>

#include "retort/dialect.hpp"
#include "retort/schema.hpp"
#include "schema/model_generator.hpp"

namespace retort::testing {

using QuoteFn = std::function<std::string(const std::string&)>;

// What the generator should and should not produce for `dialect`.
inline GeneratorOptions generator_options_for(const Dialect& dialect) {
  GeneratorOptions options;
  options.max_tables = 5;
  options.schemas = dialect.has_schemas();
  options.identity = dialect.has_schemas();  // PostgreSQL only
  options.sqlite_table_options = !dialect.has_schemas();
  options.raw_types = false;  // hand-written tests cover database-specific types
  options.nullable_primary_keys = false;
  options.collations = false;  // the sanitizer sets collations the database has
  return options;
}

class CreatableModel {
 public:
  CreatableModel(const Dialect& dialect, QuoteFn quote)
      : dialect_(dialect), quote_(std::move(quote)) {}

  MetaData make(MetaData m) {
    for (EnumType& e : m.enums) rename_enum(m, e);
    for (std::size_t t = 0; t < m.tables.size(); ++t) fix_table(m, m.tables[t], t);
    for (std::size_t t = 0; t < m.tables.size(); ++t) fix_foreign_keys(m, t);
    return m;
  }

 private:
  bool postgres() const { return dialect_.has_schemas(); }
  std::string unique(const std::string& name) { return name + "_" + std::to_string(counter_++); }

  static bool is_text(const Type& t) {
    return t.kind == TypeKind::kText || t.kind == TypeKind::kVarchar || t.kind == TypeKind::kChar;
  }
  static bool is_number(const Type& t) {
    return t.kind == TypeKind::kInteger || t.kind == TypeKind::kSmallInt ||
           t.kind == TypeKind::kBigInt || t.kind == TypeKind::kNumeric ||
           t.kind == TypeKind::kReal || t.kind == TypeKind::kDouble;
  }

  // Enum types share PostgreSQL's type namespace with tables' row types.
  void rename_enum(MetaData& m, EnumType& e) {
    const std::string old_name = e.name;
    e.name += "_enum";
    for (Table& table : m.tables) {
      for (Column& c : table.columns) {
        if (c.type.kind != TypeKind::kEnum) continue;
        if (c.type.name == old_name) c.type.name = e.name;
        if (!e.schema.empty() && c.type.name == e.schema + "." + old_name) {
          c.type.name = e.schema + "." + e.name;
        }
      }
    }
  }

  const EnumType* find_enum(const MetaData& m, const Type& t) const {
    for (const EnumType& e : m.enums) {
      if (t.name == e.name || t.name == e.schema + "." + e.name) return &e;
    }
    return nullptr;
  }

  void fix_default(const MetaData& m, Column& c) {
    if (!c.server_default) return;
    DefaultValue& d = *c.server_default;
    const bool timestamp =
        c.type.kind == TypeKind::kTimestamp || c.type.kind == TypeKind::kTimestampTz;
    if (d.kind == DefaultValue::Kind::kExpression) {
      if (timestamp)
        d.text = "CURRENT_TIMESTAMP";
      else
        c.server_default.reset();
      return;
    }
    bool ok = false;
    if (is_text(c.type)) ok = !c.type.length || d.text.size() <= std::size_t(*c.type.length);
    if (is_number(c.type)) ok = d.text == "0";
    if (c.type.kind == TypeKind::kBoolean) ok = detail_bool(d.text);
    if (c.type.kind == TypeKind::kEnum) {
      const EnumType* e = find_enum(m, c.type);
      ok = e && !e->values.empty();
      if (ok && std::find(e->values.begin(), e->values.end(), d.text) == e->values.end()) {
        d.text = e->values.front();
      }
    }
    if (!ok) c.server_default.reset();
  }

  static bool detail_bool(const std::string& text) {
    static const std::set<std::string> kBools = {"true", "false", "yes", "no", "on",
                                                 "off",  "1",     "0",   "t",  "f"};
    std::string lower = text;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return kBools.count(lower) != 0;
  }

  void fix_column(const MetaData& m, Table& t, Column& c, bool in_pk) {
    if (postgres() && c.type.kind == TypeKind::kJson) c.type = Type::parse("jsonb");
    if (postgres() && c.type.kind == TypeKind::kChar && !c.type.length) c.type.length = 1;
    if (c.computed && in_pk) c.computed.reset();
    if (c.computed) {
      c.type = Type::parse("integer");
      c.computed = Computed{"1", postgres() ? true : c.computed->stored};
      c.server_default.reset();
      c.autoincrement = false;
      c.identity = Identity::kNone;
    }
    if (c.autoincrement || c.identity != Identity::kNone) c.server_default.reset();
    fix_default(m, c);
    if (counter_ % 5 == 0 && is_text(c.type) && !c.computed) {
      c.collation = postgres() ? "C" : "NOCASE";
    }
    ++counter_;
    (void)t;
  }

  // A column of `t` to build expressions on, spelled as the database prints it.
  std::string some_column(const Table& t, std::size_t salt) const {
    return quote_(t.columns[salt % t.columns.size()].name);
  }

  void fix_table(const MetaData& m, Table& t, std::size_t index) {
    std::set<std::string> pk;
    if (t.primary_key) pk.insert(t.primary_key->columns.begin(), t.primary_key->columns.end());
    if (t.primary_key && !t.primary_key->name.empty()) {
      t.primary_key->name = unique(t.primary_key->name);
    }
    // Both databases need a column that is not generated.
    if (std::all_of(t.columns.begin(), t.columns.end(),
                    [](const Column& c) { return c.computed; })) {
      t.columns.front().computed.reset();
    }
    for (Column& c : t.columns) fix_column(m, t, c, pk.count(c.name) != 0);
    fix_autoincrement(t);
    if (!t.primary_key) t.without_rowid = false;
    dedupe_unique(t);
    for (std::size_t i = 0; i < t.check_constraints.size(); ++i) {
      CheckConstraint& ck = t.check_constraints[i];
      ck.expression = some_column(t, index + i) + " IS NOT NULL";
      if (!ck.name.empty()) ck.name = unique(ck.name);
    }
    for (std::size_t i = 0; i < t.indexes.size(); ++i) {
      Index& ix = t.indexes[i];
      ix.name = unique(ix.name);
      for (IndexElement& e : ix.elements) {
        if (!e.expression.empty()) e.expression = some_column(t, i + 1) + " IS NULL";
      }
      if (!ix.where.empty()) ix.where = some_column(t, i) + " IS NOT NULL";
    }
  }

  // SQLite: AUTOINCREMENT only on the single-column primary key of a rowid table.
  // PostgreSQL: serial and identity need an integer type, which the generator ensures.
  void fix_autoincrement(Table& t) {
    bool seen = false;
    for (Column& c : t.columns) {
      if (!c.autoincrement) continue;
      const bool sole_pk = t.primary_key && t.primary_key->columns.size() == 1 &&
                           t.primary_key->columns[0] == c.name;
      if (!postgres() && (!sole_pk || t.without_rowid || seen)) c.autoincrement = false;
      seen = seen || c.autoincrement;
    }
  }

  // PostgreSQL merges a UNIQUE constraint identical to the primary key or to an earlier one.
  void dedupe_unique(Table& t) {
    std::set<std::vector<std::string>> seen;
    if (t.primary_key) seen.insert(t.primary_key->columns);
    std::vector<UniqueConstraint> kept;
    for (UniqueConstraint& u : t.unique_constraints) {
      if (!seen.insert(u.columns).second) continue;
      if (!u.name.empty()) u.name = unique(u.name);
      kept.push_back(std::move(u));
    }
    t.unique_constraints = std::move(kept);
  }

  // Every foreign key references its parent's primary key through new columns of the same
  // types (PostgreSQL requires a unique key and compatible types); parents without one lose
  // the foreign key.
  void fix_foreign_keys(MetaData& m, std::size_t t) {
    std::vector<ForeignKey> kept;
    std::vector<Column> added;
    for (ForeignKey fk : m.tables[t].foreign_keys) {
      const Table* parent = m.find_table(fk.ref_table, fk.ref_schema);
      if (!parent || !parent->primary_key) continue;
      fk.ref_columns = parent->primary_key->columns;
      fk.columns.clear();
      for (const std::string& ref : fk.ref_columns) {
        Column c;
        c.name = unique("fk " + ref);
        c.type = parent->find_column(ref)->type;
        fk.columns.push_back(c.name);
        added.push_back(std::move(c));
      }
      if (!fk.name.empty()) fk.name = unique(fk.name);
      kept.push_back(std::move(fk));
    }
    Table& table = m.tables[t];
    for (Column& c : added) table.columns.push_back(std::move(c));
    table.foreign_keys = std::move(kept);
  }

  const Dialect& dialect_;
  QuoteFn quote_;
  int counter_ = 0;
};

}  // namespace retort::testing
