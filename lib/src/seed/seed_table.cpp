// Filling one table: fixtures first, then generated rows, each row through the Session; then
// the table's key pools, which its children draw their foreign keys from.
#include <algorithm>

#include "engine/sql_builder.hpp"
#include "retort/error.hpp"
#include "seed/seeder.hpp"

namespace retort::detail {
namespace {

std::string join_names(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& name : names) {
    if (!list.empty()) list += ", ";
    list += name;
  }
  return list;
}

std::optional<std::size_t> find_index(const std::vector<std::string>& names,
                                      const std::string& name) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<std::size_t>(it - names.begin());
}

// The fixture rows of `table` in the config, whose positions are their rows in its pools.
const std::vector<FixtureRow>* fixtures_of(const SeedConfig& config, const Table& table) {
  const TableSeed* ts = config.find(table.display_name());
  return ts ? &ts->fixtures : nullptr;
}

std::optional<std::size_t> fixture_position(const SeedConfig& config, const Table& table,
                                            const std::string& key) {
  const std::vector<FixtureRow>* rows = fixtures_of(config, table);
  if (!rows) return std::nullopt;
  for (std::size_t i = 0; i < rows->size(); ++i)
    if ((*rows)[i].key == key) return i;
  return std::nullopt;
}

// The hash of a pool row's key, as hash_values() gives it for the same values in a table's row.
std::uint64_t hash_key(const KeyPool& pool, std::size_t p) {
  const std::size_t width = pool.columns.size();
  std::vector<std::size_t> positions(width);
  for (std::size_t k = 0; k < width; ++k) positions[k] = k;
  return hash_values(std::span<const Value>(&pool.values[p * width], width), positions);
}

}  // namespace

void Seeder::seed_table(const Table& table, std::vector<std::size_t> cycle_fks) {
  const TableSeed* config = config_.find(table.display_name());
  PlanInput in;
  in.metadata = &metadata_;
  in.table = &table;
  in.config = config;
  in.seed = seed_;
  in.rows = rows_for(table, config);
  in.cycle_fks = std::move(cycle_fks);
  in.raw_takes_text = conn_.dialect().any_value_fits_any_type();
  // `per`: the row count follows the parent's rows, drawn before planning.
  std::vector<std::uint32_t> per_counts;
  const bool per = config && !config->per.empty() && !options_.fixtures_only &&
                   !options_.table_rows.count(table.display_name()) &&
                   !options_.table_rows.count(table.name);
  if (per) {
    const Table* parent = find_seed_table(metadata_, config->per);
    for (const ForeignKey& fk : table.foreign_keys) {
      if (fk.ref_table != parent->name || fk.ref_schema != parent->schema) continue;
      const std::size_t parents = pool(pool_index(pools_, *parent, fk.ref_columns)).drawable();
      Rng rng(derive_seed(seed_, table.display_name(), "per"));
      in.rows = 0;
      for (std::size_t p = 0; p < parents; ++p) {
        per_counts.push_back(
            static_cast<std::uint32_t>(rng.between(static_cast<std::int64_t>(config->per_min),
                                                   static_cast<std::int64_t>(config->per_max))));
        in.rows += per_counts.back();
      }
      break;
    }
  }
  TablePlan plan = plan_table(in, pools_);
  if (!per) plan.per_fk = -1;
  for (const ColumnPlan& c : plan.columns) {
    if (c.unsupported_type && plan.rows > 0)
      throw InputError(config ? config->location : SourceLocation{},
                       "seed: table " + in_quotes(plan.name) + ": column " + in_quotes(c.name) +
                           " is NOT NULL and of type " + c.column->type.name +
                           ", which retort cannot generate: give it a generator in seed.yaml, or "
                           "write the table's rows as fixtures (with rows: 0)");
  }
  for (const ForeignKeyPlan& fk : plan.fks) {
    if (fk.deferred && !fk.nullable)
      throw InputError("seed: table " + in_quotes(plan.name) + ": the foreign key on " +
                       in_quotes(fk.fk->columns.front()) +
                       " closes a cycle (or references a key the database generates) through "
                       "NOT NULL columns; retort fills such a key in a second pass, which needs "
                       "a nullable column");
  }

  std::optional<Value> previous_key;
  if (!plan.generated_key.empty()) {
    session_->flush();
    SqlBuilder sql(conn_.dialect());
    sql.sql("SELECT max(")
        .ident(plan.generated_key)
        .sql(") FROM ")
        .qualified(table.schema, table.name);
    Value v = conn_.query(sql.str()).cell(0, 0);
    if (!v.is_null()) previous_key = v;
  }
  if (!options_.truncate) {
    // Rows from an earlier run: unique counters and sequences start after them.
    session_->flush();
    SqlBuilder count(conn_.dialect());
    count.sql("SELECT count(*) FROM ").qualified(table.schema, table.name);
    const std::int64_t existing = conn_.query(count.str()).cell(0, 0).integer();
    for (ColumnPlan& c : plan.columns) {
      if (existing == 0 || !(c.unique || c.gen == Gen::kSequence)) continue;
      if (c.gen == Gen::kInteger || c.gen == Gen::kSequence) {
        SqlBuilder max(conn_.dialect());
        max.sql("SELECT max(").ident(c.name).sql(") FROM ").qualified(table.schema, table.name);
        const Value m = conn_.query(max.str()).cell(0, 0);
        if (!m.is_null() && m.type() == Value::Type::kInteger)
          c.next = std::max(c.next, wrapping_add(m.integer(), c.step));
      } else {
        c.next += existing;
      }
    }
    if (existing > 0) preload_taken(plan);
  }
  for (ForeignKeyPlan& fk : plan.fks) {
    for (const std::string& key : fk.fixture_keys) {
      const Table* parent = pools_[fk.pool].table;
      auto pos = fixture_position(config_, *parent, key);
      if (!pos)
        throw InputError(config ? config->location : SourceLocation{},
                         "seed: table " + in_quotes(plan.name) + ": no fixture row of " +
                             in_quotes(parent->display_name()) + " has _key " + in_quotes(key));
      fk.fixture_rows.push_back(*pos);
    }
  }

  // Pools to be read from the database are read now: not while a row is half drawn into the
  // Session's slots, which reading (a flush) would clear.
  for (const ForeignKeyPlan& fk : plan.fks) pool(fk.pool);
  table_rows_ = 0;
  std::string shortfall;
  try {
    write_fixtures(plan);
    shortfall = write_generated(plan, per_counts);
    session_->flush();
  } catch (const DatabaseError& e) {
    std::string message = "seed: table " + in_quotes(plan.name) + ": " + e.what();
    if (!plan.unread_checks.empty()) {
      std::string checks;
      for (const std::string& c : plan.unread_checks) checks += (checks.empty() ? "" : "; ") + c;
      message += " (checks retort does not read, so may not honour: " + checks + ")";
    }
    throw DatabaseError(message, e.code(), e.server_message());
  }
  read_back_pools(plan, previous_key);
  report(plan.name, table_rows_, true);
  const std::uint64_t requested = plan.rows + (config ? config->fixtures.size() : 0);
  if (!shortfall.empty())
    shortfall = "seed: table " + in_quotes(plan.name) + ": " + shortfall + ": wrote " +
                std::to_string(table_rows_) + " of " + std::to_string(requested) + " rows";
  result_.tables.push_back({plan.name, table_rows_, requested, std::move(shortfall)});
  result_.total_rows += table_rows_;
  plan.uniques.clear();
  if (std::any_of(plan.fks.begin(), plan.fks.end(),
                  [](const ForeignKeyPlan& f) { return f.deferred; }))
    deferred_.push_back(Written{std::move(plan), previous_key});
}

void Seeder::write_fixtures(TablePlan& plan) {
  if (!plan.config) return;
  for (const FixtureRow& fixture : plan.config->fixtures) {
    std::vector<std::string> names;
    std::vector<Value> values;
    for (const auto& [name, text] : fixture.values) {
      names.push_back(name);
      auto i = find_index(plan.column_names, name);
      values.push_back(!text ? Value()
                       : i   ? text_value(plan.columns[*i].out, *text)
                             : Value(*text));
    }
    for (const auto& [name, key] : fixture.refs) {
      const std::string where =
          "seed: table " + in_quotes(plan.name) + ": fixture column " + in_quotes(name);
      auto i = find_index(plan.column_names, name);
      if (!i || plan.columns[*i].gen != Gen::kForeignKey)
        throw InputError(fixture.location, where + " is not a foreign key column");
      const ColumnPlan& c = plan.columns[*i];
      const ForeignKeyPlan& fk = plan.fks[static_cast<std::size_t>(c.fk)];
      KeyPool& parent = pool(fk.pool);
      auto pos = fixture_position(config_, *parent.table, key);
      if (!pos || *pos >= parent.size())
        throw InputError(fixture.location, where + ": no fixture row of " +
                                               in_quotes(parent.table->display_name()) +
                                               " has _key " + in_quotes(key));
      names.push_back(name);
      values.push_back(parent.values[*pos * parent.columns.size() + c.fk_position]);
    }
    // The pools record fixture rows in the table's column order.
    std::vector<Value> row(plan.columns.size());
    bool complete = true;
    for (std::size_t k = 0; k < names.size(); ++k) {
      auto i = find_index(plan.column_names, names[k]);
      if (i) row[*i] = values[k];
    }
    for (std::size_t p : plan.pools) {
      for (const std::string& col : pools_[p].columns)
        complete = complete && (std::find(names.begin(), names.end(), col) != names.end() ||
                                col == plan.generated_key);
    }
    if (!complete && plan.generated_key.empty())
      throw InputError(fixture.location, "seed: table " + in_quotes(plan.name) +
                                             ": a fixture row must give the columns other "
                                             "tables reference");
    if (plan.generated_key.empty()) record_pools(plan, row);
    session_->add(plan.name, names, std::move(values));
    ++table_rows_;
  }
}

std::string Seeder::write_generated(TablePlan& plan, const std::vector<std::uint32_t>& per_counts) {
  // A table whose columns the database fills all has no columns here: its rows are rows of
  // defaults (the Session writes INSERT ... DEFAULT VALUES).
  if (plan.rows == 0) return {};
  std::size_t per_parent = 0;
  std::uint32_t left_for_parent = per_counts.empty() ? 0 : per_counts[0];
  // What each row needs beyond its generated values, decided once: most tables need none of it.
  const bool constrained = !plan.fks.empty() || !plan.uniques.empty();
  const bool pooled = plan.generated_key.empty() && !plan.pools.empty();
  const bool progress = static_cast<bool>(options_.progress);
  // Rows are drawn straight into the Session's slots, whose values the generators overwrite
  // in place (text keeps its storage): no copy, no allocation once warm.
  Session::Inserter inserter = session_->inserter(plan.name, plan.column_names);
  for (std::uint64_t r = 0; r < plan.rows; ++r) {
    const std::span<Value> row = inserter.next_row();
    if (!per_counts.empty()) {
      while (left_for_parent == 0) left_for_parent = per_counts[++per_parent];
      --left_for_parent;
    }
    if (constrained) {
      std::string shortfall = draw_constrained_row(plan, row, r, per_parent);
      if (!shortfall.empty()) return shortfall;
    } else {
      generate_row(plan.columns, r, row);
    }
    if (pooled) record_pools(plan, row);
    inserter.add_next_row();
    ++table_rows_;
    if (progress) report(plan.name, table_rows_, false);
  }
  return {};
}

std::string Seeder::draw_constrained_row(TablePlan& plan, std::span<Value> row, std::uint64_t r,
                                         std::size_t per_parent) {
  const UniqueSetPlan* clash = nullptr;
  for (int attempt = 0; attempt < kUniqueAttempts && (attempt == 0 || clash); ++attempt) {
    generate_row(plan.columns, r, row);
    if (const ForeignKeyPlan* out = fill_foreign_keys(plan, row, r, per_parent))
      return std::string(out->in_order ? "one-to-one foreign key (" : "foreign key (") +
             join_names(out->fk->columns) + ") to " +
             in_quotes(pool(out->pool).table->display_name()) + " ran out of parent rows";
    clash = nullptr;
    for (UniqueSetPlan& u : plan.uniques) {
      const bool has_null = std::any_of(u.columns.begin(), u.columns.end(),
                                        [&](std::size_t i) { return row[i].is_null(); });
      if (!has_null && u.seen.count(hash_values(row, u.columns))) clash = &u;
    }
  }
  if (clash) {
    std::vector<std::string> names;
    for (std::size_t i : clash->columns) names.push_back(plan.column_names[i]);
    return clash->label + " (" + join_names(names) + ") ran out of distinct values";
  }
  for (UniqueSetPlan& u : plan.uniques) u.seen.insert(hash_values(row, u.columns));
  return {};
}

const ForeignKeyPlan* Seeder::fill_foreign_keys(TablePlan& plan, std::span<Value> row,
                                                std::uint64_t r, std::size_t per_parent) {
  for (std::size_t f = 0; f < plan.fks.size(); ++f) {
    ForeignKeyPlan& fk = plan.fks[f];
    auto set_null = [&] {
      for (std::size_t i : fk.columns) row[i] = Value();
    };
    if (fk.deferred || (fk.nullable && fk.rng.chance(fk.null_ratio))) {
      set_null();
      continue;
    }
    // Parent rows are drawn among those whose key has no NULL (drawable); a fixture named
    // in seed.yaml is the row at its position.
    KeyPool& parent = pool(fk.pool);
    const std::size_t width = parent.columns.size();
    std::size_t p = 0;
    if (static_cast<int>(f) == plan.per_fk) {
      if (per_parent >= parent.drawable()) return &fk;
      p = parent.drawable_row(per_parent);
    } else if (fk.in_order) {
      std::size_t i = r + fk.passed_over;
      while (i < parent.drawable() && !fk.taken.empty() &&
             fk.taken.count(hash_key(parent, parent.drawable_row(i)))) {
        ++fk.passed_over;
        ++i;
      }
      if (i >= parent.drawable()) return &fk;
      p = parent.drawable_row(i);
    } else if (!fk.fixture_rows.empty()) {
      p = fk.fixture_rows[fk.rng.below(fk.fixture_rows.size())];
    } else if (parent.drawable() == 0) {
      if (fk.nullable) {
        set_null();
        continue;
      }
      if (fk.self) {  // the first row of a NOT NULL self-reference points at itself
        for (std::size_t k = 0; k < fk.columns.size(); ++k) {
          auto own =
              std::find(plan.column_names.begin(), plan.column_names.end(), fk.fk->ref_columns[k]);
          row[fk.columns[k]] = own != plan.column_names.end()
                                   ? row[static_cast<std::size_t>(own - plan.column_names.begin())]
                                   : Value();
        }
        continue;
      }
      throw InputError("seed: table " + in_quotes(plan.name) + ": foreign key to " +
                       in_quotes(parent.table->display_name()) + " is NOT NULL but that table " +
                       (parent.size() == 0
                            ? "has no rows"
                            : "has no row whose (" + join_names(parent.columns) + ") has no NULL") +
                       "; give it rows or fixtures");
    } else {
      p = parent.drawable_row(fk.rng.below(parent.drawable()));
    }
    if (p >= parent.size()) return &fk;
    for (std::size_t k = 0; k < fk.columns.size(); ++k)
      row[fk.columns[k]] = parent.values[p * width + k];
  }
  return nullptr;
}

void Seeder::record_pools(TablePlan& plan, std::span<const Value> row) {
  for (std::size_t p : plan.pools) {
    KeyPool& pool = pools_[p];
    for (const std::string& col : pool.columns) {
      auto i = find_index(plan.column_names, col);
      pool.values.push_back(i ? row[*i] : Value());
    }
    pool.row_added();
  }
}

void Seeder::read_back_pools(TablePlan& plan, const std::optional<Value>& previous_key) {
  if (plan.generated_key.empty()) return;
  for (std::size_t p : plan.pools) {
    KeyPool& pool = pools_[p];
    SqlBuilder sql(conn_.dialect());
    sql.sql("SELECT ")
        .ident_list(pool.columns)
        .sql(" FROM ")
        .qualified(plan.table->schema, plan.table->name);
    if (previous_key) sql.sql(" WHERE ").ident(plan.generated_key).sql(" > ").param(*previous_key);
    sql.sql(" ORDER BY ").ident(plan.generated_key);
    Result rows = conn_.query(sql.str(), sql.params());
    pool.clear();
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (std::size_t c = 0; c < pool.columns.size(); ++c) pool.values.push_back(rows.cell(r, c));
      pool.row_added();
    }
  }
}

// The values an earlier run left in the table's unique sets, and the parents its one-to-one
// foreign keys already use: new rows must not repeat them.
void Seeder::preload_taken(TablePlan& plan) {
  std::vector<Value> row(plan.columns.size());
  auto read = [&](const std::vector<std::size_t>& columns,
                  std::unordered_set<std::uint64_t>& into) {
    std::vector<std::string> names;
    for (std::size_t i : columns) names.push_back(plan.column_names[i]);
    SqlBuilder sql(conn_.dialect());
    sql.sql("SELECT ").ident_list(names).sql(" FROM ").qualified(plan.table->schema,
                                                                 plan.table->name);
    Result rows = conn_.query(sql.str());
    for (std::size_t r = 0; r < rows.size(); ++r) {
      bool has_null = false;
      for (std::size_t k = 0; k < columns.size(); ++k) {
        Value& v = row[columns[k]];
        v = rows.cell(r, k);
        has_null = has_null || v.is_null();
        // PostgreSQL pads char(n) with blanks, which generated text never ends in.
        if (std::string* text = v.get_if_text(); text && text->ends_with(' '))
          text->erase(text->find_last_not_of(' ') + 1);
      }
      if (!has_null) into.insert(hash_values(row, columns));
    }
  };
  for (UniqueSetPlan& u : plan.uniques) read(u.columns, u.seen);
  for (ForeignKeyPlan& fk : plan.fks)
    if (fk.in_order) read(fk.columns, fk.taken);
}

// Sets the foreign keys that closed a cycle (written NULL) now that every table has rows.
void Seeder::second_pass(Written& w) {
  const Table& table = *w.plan.table;
  std::vector<std::string> keys;
  if (!w.plan.generated_key.empty())
    keys = {w.plan.generated_key};
  else if (table.primary_key)
    keys = table.primary_key->columns;
  if (keys.empty()) return;  // rows cannot be told apart: the references stay NULL
  for (ForeignKeyPlan& fk : w.plan.fks) {
    if (!fk.deferred) continue;
    SqlBuilder select(conn_.dialect());
    select.sql("SELECT ").ident_list(keys).sql(" FROM ").qualified(table.schema, table.name);
    if (w.previous_key) select.sql(" WHERE ").ident(keys[0]).sql(" > ").param(*w.previous_key);
    select.sql(" ORDER BY ").ident_list(keys);
    Result rows = conn_.query(select.str(), select.params());
    KeyPool& parent = pool(fk.pool);
    if (parent.drawable() == 0) continue;
    SqlBuilder update(conn_.dialect());
    update.sql("UPDATE ").qualified(table.schema, table.name).sql(" SET ");
    int n = 0;
    for (std::size_t k = 0; k < fk.fk->columns.size(); ++k)
      update.sql(k ? ", " : "")
          .ident(fk.fk->columns[k])
          .sql(" = ")
          .sql(conn_.dialect().placeholder(++n));
    update.sql(" WHERE ");
    for (std::size_t k = 0; k < keys.size(); ++k)
      update.sql(k ? " AND " : "").ident(keys[k]).sql(" = ").sql(conn_.dialect().placeholder(++n));
    Statement statement = conn_.prepare(update.str());
    const std::size_t width = parent.columns.size();
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (fk.nullable && fk.rng.chance(fk.null_ratio)) continue;
      const std::size_t p = parent.drawable_row(fk.rng.below(parent.drawable()));
      std::vector<Value> params(parent.values.begin() + static_cast<long>(p * width),
                                parent.values.begin() + static_cast<long>((p + 1) * width));
      for (std::size_t k = 0; k < keys.size(); ++k) params.push_back(rows.cell(r, k));
      statement.execute(params);
    }
  }
}

}  // namespace retort::detail
