// seed(): the run. Tables are filled parents first (ddl's sort_tables); a foreign key that
// closes a cycle is written NULL and set in a second pass; every row goes through one Session
// inside one transaction.
#include "seed/seeder.hpp"

#include <algorithm>
#include <random>

#include "engine/sql_builder.hpp"
#include "retort/ddl.hpp"
#include "retort/error.hpp"
#include "retort/suggest.hpp"

namespace retort::detail {
namespace {

constexpr std::uint64_t kDefaultRows = 10;
constexpr std::uint64_t kProgressEvery = 4096;

std::string suggestion(std::string_view word, const std::vector<std::string>& candidates) {
  auto guess = did_you_mean(word, candidates);
  return guess ? " (did you mean " + in_quotes(*guess) + "?)" : "";
}

std::vector<std::string> column_names(const Table& table) {
  std::vector<std::string> names;
  for (const Column& c : table.columns) names.push_back(c.name);
  return names;
}

bool references(const Table& child, const Table& parent) {
  return std::any_of(child.foreign_keys.begin(), child.foreign_keys.end(),
                     [&](const ForeignKey& fk) {
                       return fk.ref_table == parent.name && fk.ref_schema == parent.schema;
                     });
}

}  // namespace

const Table* find_seed_table(const MetaData& metadata, std::string_view name) {
  if (const Table* t = metadata.find_table(name)) return t;
  const auto dot = name.find('.');
  if (dot == std::string_view::npos) return nullptr;
  return metadata.find_table(name.substr(dot + 1), name.substr(0, dot));
}

Seeder::Seeder(Connection& conn, const MetaData& metadata, const SeedConfig& config,
               const SeedOptions& options)
    : conn_(conn), metadata_(metadata), config_(config), options_(options) {}

std::uint64_t Seeder::rows_for(const Table& table, const TableSeed* config) const {
  if (options_.fixtures_only) return 0;
  for (const std::string& name : {table.display_name(), table.name}) {
    auto it = options_.table_rows.find(name);
    if (it != options_.table_rows.end()) return it->second;
  }
  if (config && config->rows) return *config->rows;
  if (options_.rows) return *options_.rows;
  if (config_.rows) return *config_.rows;
  return kDefaultRows;
}

KeyPool& Seeder::pool(std::size_t index) {
  KeyPool& p = pools_[index];
  if (p.size() == 0 && !pool_loaded_[index]) {
    // A parent this run gives no rows (or not yet, a self-reference): its existing rows, in a
    // stable order, but those with a NULL in the key, which reference nothing.
    pool_loaded_[index] = true;
    SqlBuilder sql(conn_.dialect());
    sql.sql("SELECT ").ident_list(p.columns).sql(" FROM ").qualified(p.table->schema,
                                                                     p.table->name);
    for (std::size_t c = 0; c < p.columns.size(); ++c)
      sql.sql(c ? " AND " : " WHERE ").ident(p.columns[c]).sql(" IS NOT NULL");
    sql.sql(" ORDER BY ").ident_list(p.columns);
    if (session_) session_->flush();
    Result rows = conn_.query(sql.str());
    for (std::size_t r = 0; r < rows.size(); ++r)
      for (std::size_t c = 0; c < p.columns.size(); ++c) p.values.push_back(rows.cell(r, c));
  }
  return p;
}

void Seeder::report(const std::string& table, std::uint64_t table_rows, bool force) {
  if (!options_.progress) return;
  if (!force && table_rows % kProgressEvery != 0) return;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  options_.progress(
      SeedProgress{table, table_rows, result_.total_rows + table_rows, total_target_, seconds});
}

SeedResult Seeder::run() {
  start_ = std::chrono::steady_clock::now();
  check_seed_config_of(metadata_, config_);
  seed_ = options_.random_seed  ? *options_.random_seed
          : config_.random_seed ? *config_.random_seed
                                : std::random_device{}() * 0x100000001ULL + std::random_device{}();
  result_.random_seed = seed_;
  const TableOrder sorted = sort_tables(metadata_);
  std::vector<const Table*> order;
  for (std::size_t i : sorted.tables) {
    const Table& t = metadata_.tables[i];
    const auto& skip = options_.skip_tables;
    if (std::find(skip.begin(), skip.end(), t.name) != skip.end() ||
        std::find(skip.begin(), skip.end(), t.display_name()) != skip.end())
      continue;
    order.push_back(&t);
  }
  for (const Table* t : order) {
    for (const ForeignKey& fk : t->foreign_keys)
      if (const Table* parent = metadata_.find_table(fk.ref_table, fk.ref_schema))
        pool_index(pools_, *parent, fk.ref_columns);
    total_target_ += rows_for(*t, config_.find(t->display_name()));
  }
  pool_loaded_.assign(pools_.size(), false);

  Transaction tx(conn_);
  session_ = std::make_unique<Session>(conn_, metadata_);
  try {
    if (options_.truncate) truncate(order, sorted);
    for (const Table* t : order) {
      std::vector<std::size_t> cycle;
      for (const auto& [ti, fi] : sorted.cycle_fks)
        if (&metadata_.tables[ti] == t) cycle.push_back(fi);
      seed_table(*t, std::move(cycle));
    }
    session_->flush();
    for (Written& w : deferred_) second_pass(w);
    session_->commit();
  } catch (...) {
    session_.reset();  // its savepoint ends before the transaction around it rolls back
    throw;
  }
  session_.reset();
  tx.commit();
  result_.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  return std::move(result_);
}

void Seeder::truncate(const std::vector<const Table*>& order, const TableOrder& sorted) {
  for (const std::string& sql : conn_.dialect().drop_all_prologue_sql()) conn_.execute(sql);
  for (const auto& [ti, fi] : sorted.cycle_fks) {
    const Table& t = metadata_.tables[ti];
    if (std::find(order.begin(), order.end(), &t) == order.end()) continue;
    const ForeignKey& fk = t.foreign_keys[fi];
    bool nullable = true;
    for (const std::string& c : fk.columns) nullable = nullable && t.find_column(c)->nullable;
    if (!nullable) continue;
    SqlBuilder sql(conn_.dialect());
    sql.sql("UPDATE ").qualified(t.schema, t.name).sql(" SET ");
    for (std::size_t i = 0; i < fk.columns.size(); ++i)
      sql.sql(i ? ", " : "").ident(fk.columns[i]).sql(" = NULL");
    conn_.execute(sql.str());
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    SqlBuilder sql(conn_.dialect());
    sql.sql("DELETE FROM ").qualified((*it)->schema, (*it)->name);
    conn_.execute(sql.str());
  }
  // Keys the database generates start over, as in a new database: the same --random-seed
  // then gives the same rows, keys included.
  for (const Table* table : order) {
    for (const Column& column : table->columns) {
      if (!column.autoincrement && column.identity == Identity::kNone) continue;
      const std::string sql = conn_.dialect().restart_generated_key_sql(*table, column);
      if (!sql.empty()) conn_.query(sql);
    }
  }
}

void check_seed_config_of(const MetaData& metadata, const SeedConfig& config) {
  std::vector<std::string> tables;
  for (const Table& t : metadata.tables) tables.push_back(t.display_name());
  for (const TableSeed& ts : config.tables) {
    const Table* table = find_seed_table(metadata, ts.table);
    if (!table)
      throw InputError(ts.location,
                       "seed: unknown table " + in_quotes(ts.table) + suggestion(ts.table, tables));
    const std::string where = "seed: table " + in_quotes(ts.table) + ": ";
    const std::vector<std::string> columns = column_names(*table);
    auto check_column = [&](const std::string& name, const SourceLocation& at) {
      if (!table->find_column(name))
        throw InputError(at,
                         where + "unknown column " + in_quotes(name) + suggestion(name, columns));
    };
    for (const ColumnGenerator& g : ts.columns) {
      check_column(g.column, g.location);
      check_generator_fits(g, *table->find_column(g.column), metadata, ts.table);
    }
    for (const FixtureRow& row : ts.fixtures) {
      for (const auto& [name, value] : row.values) {
        check_column(name, row.location);
        const Column* c = table->find_column(name);
        if (c->autoincrement || c->identity != Identity::kNone)
          throw InputError(row.location, where + "fixture sets " + in_quotes(name) +
                                             ", which the database fills (autoincrement or "
                                             "identity); leave it out and name the row with _key");
      }
      for (const auto& [name, key] : row.refs) check_column(name, row.location);
    }
    if (!ts.per.empty()) {
      const Table* parent = find_seed_table(metadata, ts.per);
      if (!parent)
        throw InputError(ts.location, where + "per: unknown table " + in_quotes(ts.per) +
                                          suggestion(ts.per, tables));
      if (!references(*table, *parent))
        throw InputError(ts.location, where + "per: " + in_quotes(ts.per) +
                                          " is not referenced by a foreign key of the table");
    }
  }
}

}  // namespace retort::detail

namespace retort {

SeedResult seed(Connection& conn, const MetaData& metadata, const SeedConfig& config,
                const SeedOptions& options) {
  return detail::Seeder(conn, metadata, config, options).run();
}

void check_seed_config(const MetaData& metadata, const SeedConfig& config) {
  detail::check_seed_config_of(metadata, config);
}

}  // namespace retort
