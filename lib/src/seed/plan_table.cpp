// A table's plan: which columns are written, how each is generated, how foreign keys pick
// their parents, and how every primary key and unique constraint is kept free of collisions.
#include <algorithm>

#include "seed/seed_internal.hpp"

namespace retort::detail {
namespace {

const ColumnGenerator* spec_for(const TableSeed* config, const std::string& column) {
  if (!config) return nullptr;
  for (const ColumnGenerator& g : config->columns)
    if (g.column == column) return &g;
  return nullptr;
}

bool is_text_gen(Gen g) {
  return (g >= Gen::kFirstName && g <= Gen::kParagraph) || g == Gen::kJson;
}

// At least the length of any value of a text kind with its unique counter suffix: fixed-shape
// kinds stay under 256 characters, a word under 33 with its space, a sentence under 10 words.
std::int64_t longest_text(const ColumnPlan& c) {
  constexpr std::int64_t kWord = 33, kCounter = 16, kFixed = 256;
  const std::int64_t words = std::max(c.max_words, 1);
  switch (c.gen) {
    case Gen::kWords:
    case Gen::kSentence:
      return words * kWord + 1 + kCounter;
    case Gen::kParagraph:
      return words * (10 * kWord + 2) + kCounter;
    default:
      return kFixed + kCounter;
  }
}

std::optional<std::size_t> column_index(const TablePlan& plan, const std::string& name) {
  for (std::size_t i = 0; i < plan.columns.size(); ++i)
    if (plan.columns[i].name == name) return i;
  return std::nullopt;
}

void plan_foreign_keys(const PlanInput& in, TablePlan& plan, std::vector<KeyPool>& pools) {
  const Table& table = *in.table;
  for (std::size_t f = 0; f < table.foreign_keys.size(); ++f) {
    const ForeignKey& fk = table.foreign_keys[f];
    const Table* parent = in.metadata->find_table(fk.ref_table, fk.ref_schema);
    if (!parent) continue;
    ForeignKeyPlan p;
    p.fk = &fk;
    p.self = parent == &table;
    p.nullable = true;
    bool usable = true;
    for (const std::string& name : fk.columns) {
      auto i = column_index(plan, name);
      if (!i || plan.columns[*i].gen == Gen::kForeignKey) {
        usable = false;  // not written by us, or already filled by an earlier foreign key
        break;
      }
      p.columns.push_back(*i);
      p.nullable = p.nullable && plan.columns[*i].column->nullable;
    }
    if (!usable) continue;
    const bool references_generated = std::find(fk.ref_columns.begin(), fk.ref_columns.end(),
                                                plan.generated_key) != fk.ref_columns.end();
    p.deferred = std::find(in.cycle_fks.begin(), in.cycle_fks.end(), f) != in.cycle_fks.end() ||
                 (p.self && (!plan.generated_key.empty() && references_generated));
    p.pool = pool_index(pools, *parent, fk.ref_columns);
    p.rng = Rng(derive_seed(in.seed, table.display_name(), "fk:" + fk.columns.front()));
    if (const ColumnGenerator* g = spec_for(in.config, fk.columns.front())) {
      if (p.nullable) p.null_ratio = g->null_ratio;
      if (g->kind == GeneratorKind::kFixture) p.fixture_keys = g->choices;
    }
    for (std::size_t k = 0; k < p.columns.size(); ++k) {
      ColumnPlan& c = plan.columns[p.columns[k]];
      c.gen = Gen::kForeignKey;
      c.unsupported_type = false;
      c.fk = static_cast<int>(plan.fks.size());
      c.fk_position = k;
      c.null_ratio = 0;
    }
    if (p.self && !p.deferred) plan.pools.push_back(p.pool);
    if (in.config && in.config->per == parent->display_name() && plan.per_fk < 0)
      plan.per_fk = static_cast<int>(plan.fks.size());
    plan.fks.push_back(std::move(p));
  }
}

// The column sets that must stay unique: the primary key, unique constraints, unique indexes
// on plain columns.
std::vector<std::pair<std::string, std::vector<std::string>>> unique_sets(const Table& table) {
  std::vector<std::pair<std::string, std::vector<std::string>>> sets;
  if (table.primary_key) sets.push_back({"primary key", table.primary_key->columns});
  for (const UniqueConstraint& u : table.unique_constraints)
    sets.push_back(
        {u.name.empty() ? "unique constraint" : "unique constraint " + u.name, u.columns});
  for (const Index& index : table.indexes) {
    if (!index.unique || !index.where.empty()) continue;
    std::vector<std::string> columns;
    for (const IndexElement& e : index.elements) {
      if (e.column.empty()) break;
      columns.push_back(e.column);
    }
    if (columns.size() == index.elements.size())
      sets.push_back({"unique index " + index.name, columns});
  }
  return sets;
}

void plan_uniques(const PlanInput& in, TablePlan& plan) {
  for (auto& [label, names] : unique_sets(*in.table)) {
    std::vector<std::size_t> columns;
    bool done = false;
    for (const std::string& name : names) {
      auto i = column_index(plan, name);
      if (!i) {
        done = true;  // the database fills it (a generated key): unique by construction
        break;
      }
      const ColumnPlan& c = plan.columns[*i];
      if (c.unique || (c.gen == Gen::kSequence && c.step != 0) || c.gen == Gen::kUuid) done = true;
      if (c.gen == Gen::kForeignKey && plan.fks[static_cast<std::size_t>(c.fk)].in_order)
        done = true;
      columns.push_back(*i);
    }
    if (done) continue;
    if (columns.size() == 1) {
      ColumnPlan& c = plan.columns[columns[0]];
      if (c.gen == Gen::kForeignKey) {
        ForeignKeyPlan& fk = plan.fks[static_cast<std::size_t>(c.fk)];
        if (fk.columns.size() == 1 && !fk.deferred && !fk.self && fk.fixture_keys.empty()) {
          fk.in_order = true;  // one-to-one: each parent once
          continue;
        }
      } else if (make_unique(c, in.rows)) {
        continue;
      }
    }
    plan.uniques.push_back(UniqueSetPlan{label, std::move(columns), {}});
  }
}

}  // namespace

Value text_value(Out out, const std::string& text) {
  switch (out) {
    case Out::kInteger: {
      try {
        std::size_t used = 0;
        const long long v = std::stoll(text, &used);
        if (used == text.size()) return Value(v);
      } catch (...) {
      }
      return Value(text);
    }
    case Out::kReal:
      try {
        return Value(std::stod(text));
      } catch (...) {
        return Value(text);
      }
    case Out::kBoolean:
      if (text == "true" || text == "True" || text == "TRUE" || text == "1") return Value(true);
      if (text == "false" || text == "False" || text == "FALSE" || text == "0") return Value(false);
      return Value(text);
    default:
      return Value(text);
  }
}

bool make_unique(ColumnPlan& c, std::uint64_t rows) {
  if (c.soft_range && (c.gen == Gen::kInteger || c.gen == Gen::kDecimal) && rows > 0 &&
      c.hi - c.lo + 1 < static_cast<std::int64_t>(rows))
    c.hi = c.lo + std::min<std::int64_t>(static_cast<std::int64_t>(rows) - 1, c.type_max - c.lo);
  const auto span = static_cast<std::uint64_t>(c.hi - c.lo) + 1;
  switch (c.gen) {
    case Gen::kSequence:
    case Gen::kUuid:
      return true;
    case Gen::kInteger:
    case Gen::kDecimal:
    case Gen::kReal:
    case Gen::kDate:
    case Gen::kTimestamp:
    case Gen::kTime:
      if (c.hi < c.lo || span < rows) return false;
      c.unique = true;
      c.next = c.lo;
      c.step = 1;
      return true;
    case Gen::kChoice:
    case Gen::kBoolean:
      if ((c.gen == Gen::kChoice ? c.choices.size() : 2) < rows) return false;
      c.unique = true;
      c.next = 0;
      return true;
    case Gen::kBlob:
      c.unique = true;
      return true;
    default:
      break;
  }
  if (!is_text_gen(c.gen)) return false;
  c.unique = true;
  c.next = 0;
  // Text cut to the column's length may lose counter digits and repeat (varchar(1) holds 36
  // counters): the counter still makes the values, and the unique set checks them.
  return c.max_length <= 0 || c.max_length >= longest_text(c);
}

std::size_t pool_index(std::vector<KeyPool>& pools, const Table& table,
                       const std::vector<std::string>& columns) {
  for (std::size_t i = 0; i < pools.size(); ++i)
    if (pools[i].table == &table && pools[i].columns == columns) return i;
  KeyPool pool;
  pool.table = &table;
  pool.columns = columns;
  pools.push_back(std::move(pool));
  return pools.size() - 1;
}

TablePlan plan_table(const PlanInput& in, std::vector<KeyPool>& pools) {
  const Table& table = *in.table;
  TablePlan plan;
  plan.table = &table;
  plan.name = table.display_name();
  plan.config = in.config;
  plan.rows = in.rows;
  plan.rng = Rng(derive_seed(in.seed, plan.name));
  std::vector<CheckBounds> bounds;
  for (const CheckConstraint& check : table.check_constraints) {
    if (!read_check(check.expression, bounds))
      plan.unread_checks.push_back(check.name.empty() ? check.expression
                                                      : check.name + " (" + check.expression + ")");
  }
  for (const Column& column : table.columns) {
    if (column.computed) continue;
    if (column.autoincrement || column.identity != Identity::kNone) {
      if (plan.generated_key.empty()) plan.generated_key = column.name;
      continue;
    }
    plan.columns.push_back(plan_column(table, column, *in.metadata,
                                       spec_for(in.config, column.name), bounds, in.seed,
                                       in.raw_takes_text));
    plan.column_names.push_back(column.name);
  }
  // Columns a foreign key references get no NULL unless seed.yaml asks for them: a row with a
  // NULL in its key can be referenced by no child, and a NOT NULL child needs parents.
  for (const KeyPool& pool : pools) {
    if (pool.table != &table) continue;
    for (const std::string& name : pool.columns) {
      auto i = column_index(plan, name);
      if (i && !spec_for(in.config, name)) plan.columns[*i].null_ratio = 0;
    }
  }
  plan_foreign_keys(in, plan, pools);
  plan_uniques(in, plan);
  for (std::size_t i = 0; i < pools.size(); ++i)
    if (pools[i].table == &table &&
        std::find(plan.pools.begin(), plan.pools.end(), i) == plan.pools.end())
      plan.pools.push_back(i);
  return plan;
}

}  // namespace retort::detail
