// The run behind seed(): checks the config against the model, orders the tables, writes
// fixtures and generated rows through one Session, then fills the foreign keys that close a
// cycle.
#pragma once

#include <chrono>
#include <map>
#include <memory>

#include "retort/ddl.hpp"
#include "retort/engine.hpp"
#include "retort/session.hpp"
#include "seed/seed_internal.hpp"

namespace retort::detail {

// Draws of a row before a table is taken to have no unique combination left.
inline constexpr int kUniqueAttempts = 100;

class Seeder {
 public:
  Seeder(Connection& conn, const MetaData& metadata, const SeedConfig& config,
         const SeedOptions& options);
  SeedResult run();

 private:
  struct Written {  // what the second pass needs of a table
    TablePlan plan;
    std::optional<Value> previous_key;  // the generated key's max before this run
  };

  std::uint64_t rows_for(const Table& table, const TableSeed* config) const;
  void truncate(const std::vector<const Table*>& order, const TableOrder& sorted);
  void seed_table(const Table& table, std::vector<std::size_t> cycle_fks);
  void write_fixtures(TablePlan& plan);
  // Writes the generated rows; returns why it stopped short of plan.rows (the constraint that
  // ran out, for the result's warning), empty when it wrote them all.
  std::string write_generated(TablePlan& plan, const std::vector<std::uint32_t>& per_counts);
  // generate_row() plus the foreign keys, drawn again while a unique set clashes; returns why no
  // row could be drawn (see write_generated), empty when one was.
  std::string draw_constrained_row(TablePlan& plan, std::span<Value> row, std::uint64_t r,
                                   std::size_t per_parent);
  // Sets the row's foreign keys; returns the foreign key that has no parent row left, if any.
  const ForeignKeyPlan* fill_foreign_keys(TablePlan& plan, std::span<Value> row, std::uint64_t r,
                                          std::size_t per_parent);
  void record_pools(TablePlan& plan, std::span<const Value> row);
  void read_back_pools(TablePlan& plan, const std::optional<Value>& previous_key);
  void preload_taken(TablePlan& plan);
  KeyPool& pool(std::size_t index);
  void second_pass(Written& written);
  void report(const std::string& table, std::uint64_t table_rows, bool force);

  Connection& conn_;
  const MetaData& metadata_;
  const SeedConfig& config_;
  const SeedOptions& options_;
  std::uint64_t seed_ = 0;
  std::unique_ptr<Session> session_;
  std::vector<KeyPool> pools_;
  std::vector<bool> pool_loaded_;
  std::vector<Written> deferred_;
  SeedResult result_;
  std::uint64_t total_target_ = 0;
  std::uint64_t table_rows_ = 0;
  std::chrono::steady_clock::time_point start_;
};

const Table* find_seed_table(const MetaData& metadata, std::string_view name);
// retort::check_seed_config().
void check_seed_config_of(const MetaData& metadata, const SeedConfig& config);

}  // namespace retort::detail
