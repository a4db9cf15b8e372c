// Session: queued row inserts written as multi-row INSERTs in one transaction.
#include "retort/session.hpp"

#include <algorithm>

#include "engine/sql_builder.hpp"
#include "retort/error.hpp"

namespace retort {
namespace {

// Prepared INSERTs kept per session before the cache is emptied; bounds memory when many
// tables and batch remainders come by.
constexpr std::size_t kMaxCachedStatements = 64;

// Lookups by exact name. (The schema layer has the same on MetaData and Table; these keep
// the engine independent of it.)
const Table* lookup_table(const MetaData& metadata, std::string_view name,
                          std::string_view schema) {
  for (const Table& table : metadata.tables) {
    if (table.name == name && table.schema == schema) return &table;
  }
  return nullptr;
}

bool has_column(const Table& table, std::string_view name) {
  return std::any_of(table.columns.begin(), table.columns.end(),
                     [&](const Column& column) { return column.name == name; });
}

std::string table_display_name(const Table& table) {
  return table.schema.empty() ? table.name : table.schema + "." + table.name;
}

}  // namespace

Session::Session(Connection& conn, const MetaData& metadata, SessionOptions options)
    : conn_(&conn), metadata_(&metadata), options_(options) {
  if (options_.batch_size == 0) throw UsageError("session: batch_size must be at least 1");
}

Session::~Session() {
  batches_.clear();
  // ~Transaction rolls back what was written and never throws.
  transaction_.reset();
}

const Table& Session::find_table(std::string_view name) {
  if (last_table_ && name == last_table_name_) return *last_table_;
  const Table* table = lookup_table(*metadata_, name, {});
  if (!table) {
    auto dot = name.find('.');
    if (dot != std::string_view::npos) {
      table = lookup_table(*metadata_, name.substr(dot + 1), name.substr(0, dot));
    }
  }
  if (!table) throw InputError("session: unknown table \"" + std::string(name) + "\"");
  last_table_name_ = std::string(name);
  last_table_ = table;
  return *table;
}

void Session::check_columns(const Table& table, const std::vector<std::string>& columns,
                            std::size_t nvalues) const {
  const std::string where = "session: table \"" + table_display_name(table) + "\": ";
  if (columns.empty()) throw InputError(where + "a row needs at least one column");
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (!has_column(table, columns[i])) {
      throw InputError(where + "no column \"" + columns[i] + "\"");
    }
    if (std::find(columns.begin(), columns.begin() + static_cast<long>(i), columns[i]) !=
        columns.begin() + static_cast<long>(i)) {
      throw InputError(where + "column \"" + columns[i] + "\" given twice");
    }
  }
  if (nvalues != columns.size()) {
    throw InputError(where + std::to_string(nvalues) + " values for " +
                     std::to_string(columns.size()) + " columns");
  }
}

void Session::add(std::string_view table_name, const std::vector<std::string>& columns,
                  std::vector<Value> values) {
  const Table& table = find_table(table_name);
  Batch* batch = batches_.empty() ? nullptr : &batches_.back();
  if (!batch || batch->table != &table || batch->columns != columns) {
    check_columns(table, columns, values.size());
    batches_.push_back(Batch{&table, columns, {}});
    batch = &batches_.back();
  } else if (values.size() != columns.size()) {
    check_columns(table, columns, values.size());
  }
  std::move(values.begin(), values.end(), std::back_inserter(batch->values));
  if (++pending_ >= options_.batch_size) flush();
}

void Session::flush() {
  if (pending_ == 0) return;
  if (!transaction_) transaction_ = std::make_unique<Transaction>(*conn_);
  // Whatever happens, the queue is spent: a failed write leaves the transaction for the
  // caller to roll back, and re-sending the same rows would not help.
  std::vector<Batch> batches = std::move(batches_);
  batches_.clear();
  pending_ = 0;
  for (Batch& batch : batches) write_batch(batch);
}

void Session::commit() {
  flush();
  if (!transaction_) return;
  std::unique_ptr<Transaction> transaction = std::move(transaction_);
  transaction->commit();
}

void Session::rollback() {
  batches_.clear();
  pending_ = 0;
  if (!transaction_) return;
  std::unique_ptr<Transaction> transaction = std::move(transaction_);
  transaction->rollback();
}

std::size_t Session::pending() const { return pending_; }

void Session::write_batch(Batch& batch) {
  const std::size_t ncolumns = batch.columns.size();
  const std::size_t nrows = batch.values.size() / ncolumns;
  const auto max_params = static_cast<std::size_t>(conn_->dialect().max_bind_parameters());
  const std::size_t per_statement =
      std::max<std::size_t>(1, std::min(options_.batch_size, max_params / ncolumns));
  std::vector<Value> params;
  for (std::size_t first = 0; first < nrows; first += per_statement) {
    const std::size_t rows = std::min(per_statement, nrows - first);
    auto begin = batch.values.begin() + static_cast<long>(first * ncolumns);
    params.assign(std::make_move_iterator(begin),
                  std::make_move_iterator(begin + static_cast<long>(rows * ncolumns)));
    insert_statement(*batch.table, batch.columns, rows).execute(params);
    rows_written_ += rows;
  }
}

Statement& Session::insert_statement(const Table& table, const std::vector<std::string>& columns,
                                     std::size_t rows) {
  StatementKey key{&table, columns, rows};
  auto found = statements_.find(key);
  if (found != statements_.end()) return found->second;
  if (statements_.size() >= kMaxCachedStatements) statements_.clear();

  const Dialect& dialect = conn_->dialect();
  SqlBuilder sql(dialect);
  sql.sql("INSERT INTO ").qualified(table.schema, table.name).sql(" (").ident_list(columns);
  sql.sql(") VALUES ");
  int index = 0;
  for (std::size_t row = 0; row < rows; ++row) {
    sql.sql(row ? ",(" : "(");
    for (std::size_t column = 0; column < columns.size(); ++column) {
      if (column) sql.sql(",");
      sql.sql(dialect.placeholder(++index));
    }
    sql.sql(")");
  }
  Statement statement = conn_->prepare(sql.str());
  return statements_.emplace(std::move(key), std::move(statement)).first->second;
}

}  // namespace retort
