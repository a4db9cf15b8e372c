// Session: rows held per table and column list and written through the driver's COPY when
// it has one, else as prepared multi-row INSERTs, in one transaction.
#include "retort/session.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "engine/driver.hpp"
#include "engine/sql_builder.hpp"
#include "retort/error.hpp"

namespace retort {
namespace {

// A COPY sends its buffer once it holds this much, whatever batch_size says: large enough
// to keep the number of writes low, small enough to overlap encoding with the server's work.
constexpr std::size_t kCopyChunkBytes = 256 * 1024;

// Prepared INSERTs for partial batches kept per target before that cache is emptied.
constexpr std::size_t kMaxCachedRemainders = 16;
// Targets whose prepared INSERTs are kept; the least recently written one beyond this loses
// them (a 500-row INSERT is a large program, and seeding may cross thousands of tables).
constexpr std::size_t kMaxTargetsWithStatements = 16;

// Lookups by exact name. (The schema layer has the same on MetaData and Table; these keep
// the engine independent of it.)
const Table* lookup_table(const MetaData& metadata, std::string_view name,
                          std::string_view schema) {
  for (const Table& table : metadata.tables) {
    if (table.name == name && table.schema == schema) return &table;
  }
  return nullptr;
}

const Table& resolve_table(const MetaData& metadata, std::string_view name) {
  const Table* table = lookup_table(metadata, name, {});
  if (!table) {
    auto dot = name.find('.');
    if (dot != std::string_view::npos) {
      table = lookup_table(metadata, name.substr(dot + 1), name.substr(0, dot));
    }
  }
  if (!table) throw InputError("session: unknown table \"" + std::string(name) + "\"");
  return *table;
}

bool has_column(const Table& table, std::string_view name) {
  return std::any_of(table.columns.begin(), table.columns.end(),
                     [&](const Column& column) { return column.name == name; });
}

std::string where(const Table& table) {
  return "session: table \"" +
         (table.schema.empty() ? table.name : table.schema + "." + table.name) + "\": ";
}

void check_columns(const Table& table, const std::vector<std::string>& columns) {
  for (auto it = columns.begin(); it != columns.end(); ++it) {
    if (!has_column(table, *it)) throw InputError(where(table) + "no column \"" + *it + "\"");
    if (std::find(columns.begin(), it, *it) != it) {
      throw InputError(where(table) + "column \"" + *it + "\" given twice");
    }
  }
}

}  // namespace

// The rows of one table and column list, and what writes them.
struct Session::Target {
  std::string name;  // as first given to inserter() or add()
  const Table* table;
  std::vector<std::string> columns;
  std::unique_ptr<detail::CopyWriter> copy;  // the COPY path; null: INSERT statements
  std::size_t held = 0;                      // rows held, not yet written
  // INSERT path: the held rows, row-major. The slots are reused from batch to batch, so
  // assigning a row's values mostly reuses the strings' storage.
  std::vector<Value> rows;
  bool slot_ready = false;                   // next_row() handed out the slots of the next row
  std::size_t per_statement = 1;             // rows of a full INSERT
  std::unique_ptr<Statement> full;           // the INSERT of per_statement rows
  std::map<std::size_t, Statement> partial;  // INSERTs of fewer rows, by row count
};

void Session::Inserter::add(std::span<const Value> row) { session_->add_row(*target_, row); }

std::span<Value> Session::Inserter::next_row() { return session_->next_slots(*target_); }

void Session::Inserter::add_next_row() { session_->add_slots(*target_); }

Session::Session(Connection& conn, const MetaData& metadata, SessionOptions options)
    : conn_(&conn), metadata_(&metadata), options_(options) {
  if (options_.batch_size == 0) throw UsageError("session: batch_size must be at least 1");
}

Session::~Session() {
  // Abandon an open COPY before the transaction rolls back (its destructor never throws).
  current_ = nullptr;
  targets_.clear();
  transaction_.reset();
}

Session::Inserter Session::inserter(std::string_view table, std::vector<std::string> columns) {
  return Inserter(this, &find_target(table, columns));
}

Session::Target& Session::find_target(std::string_view name,
                                      const std::vector<std::string>& columns) {
  const Table& table = resolve_table(*metadata_, name);
  for (const auto& target : targets_) {
    if (target->table == &table && target->columns == columns) return *target;
  }
  check_columns(table, columns);
  auto target = std::make_unique<Target>();
  target->name = std::string(name);
  target->table = &table;
  target->columns = columns;
  // A row of no columns takes every column's default: one INSERT ... DEFAULT VALUES each
  // (COPY cannot write such a row, and no INSERT writes several).
  if (!columns.empty()) {
    target->copy = conn_->impl().copy_in(table.schema, table.name, columns);
    const auto max_params = static_cast<std::size_t>(conn_->dialect().max_bind_parameters());
    target->per_statement =
        std::max<std::size_t>(1, std::min(options_.batch_size, max_params / columns.size()));
  }
  targets_.push_back(std::move(target));
  return *targets_.back();
}

void Session::add(std::string_view table, const std::vector<std::string>& columns,
                  std::vector<Value> values) {
  Target* target = last_added_;
  if (!target || target->name != table || target->columns != columns) {
    target = &find_target(table, columns);
    last_added_ = target;
  }
  add_row(*target, values);
}

void Session::add_row(Target& target, std::span<const Value> row) {
  const std::size_t ncolumns = target.columns.size();
  if (row.size() != ncolumns) {
    throw InputError(where(*target.table) + std::to_string(row.size()) + " values for " +
                     std::to_string(ncolumns) + " columns");
  }
  if (target.copy) {
    make_current(target);
    target.copy->add_row(row);  // encoded straight from the caller's values
  } else {
    std::copy(row.begin(), row.end(), next_slots(target).begin());
  }
  queue_row(target);
}

void Session::make_current(Target& target) {
  if (current_ == &target) return;
  write_current(true);
  current_ = &target;
}

std::span<Value> Session::next_slots(Target& target) {
  make_current(target);
  const std::size_t ncolumns = target.columns.size();
  // A COPY encodes each row as it is queued: one row of slots is enough.
  const std::size_t end = target.copy ? ncolumns : (target.held + 1) * ncolumns;
  if (target.rows.size() < end) target.rows.resize(end);
  target.slot_ready = true;
  return {target.rows.data() + (end - ncolumns), ncolumns};
}

void Session::add_slots(Target& target) {
  if (current_ != &target || !target.slot_ready) {
    throw UsageError(where(*target.table) + "add_next_row() without next_row()");
  }
  if (target.copy) target.copy->add_row(target.rows);
  queue_row(target);
}

void Session::queue_row(Target& target) {
  target.slot_ready = false;
  const bool full = target.copy ? target.held + 1 >= options_.batch_size ||
                                      target.copy->buffered_bytes() >= kCopyChunkBytes
                                : target.held + 1 >= target.per_statement;
  pending_ = ++target.held;
  if (full) write_current(false);
}

void Session::flush() { write_current(true); }

void Session::commit() {
  flush();
  if (!transaction_) return;
  std::unique_ptr<Transaction> transaction = std::move(transaction_);
  transaction->commit();
}

void Session::rollback() {
  for (const auto& target : targets_) {
    target->held = 0;
    target->slot_ready = false;
    if (target->copy) target->copy->abort();
  }
  pending_ = 0;
  if (!transaction_) return;
  std::unique_ptr<Transaction> transaction = std::move(transaction_);
  transaction->rollback();
}

void Session::begin() {
  if (!transaction_) transaction_ = std::make_unique<Transaction>(*conn_);
}

// Whatever happens, the held rows are spent: a failed write leaves the transaction for the
// caller to roll back, and sending the same rows again would not help.
void Session::write_current(bool end) {
  Target* target = current_;
  if (!target) return;
  const bool copy_open = target->copy && target->copy->active();
  if (target->held > 0 || (end && copy_open)) {
    begin();
    const std::size_t rows = std::exchange(target->held, 0);
    pending_ = 0;
    if (target->copy) {
      if (!copy_open) conn_->log_statement(target->copy->sql(), {});
      if (end) {
        target->copy->finish();
      } else {
        target->copy->send();
      }
    } else {
      write_inserts(*target, rows);
    }
    rows_written_ += rows;
  }
  // A run of rows is over: its buffers go, so that seeding many tables through one Session
  // holds one table's buffers at a time. (The COPY writer drops its own at finish().)
  if (end) target->rows = {};
}

void Session::write_inserts(Target& target, std::size_t rows) {
  auto recent = std::find(prepared_.begin(), prepared_.end(), &target);
  if (recent == prepared_.end()) {
    if (prepared_.size() >= kMaxTargetsWithStatements) {
      prepared_.front()->full.reset();
      prepared_.front()->partial.clear();
      prepared_.erase(prepared_.begin());
    }
    prepared_.push_back(&target);
  }
  if (rows == target.per_statement) {
    if (!target.full) target.full = std::make_unique<Statement>(prepare_insert(target, rows));
    target.full->execute(target.rows);
    return;
  }
  // A partial batch: the end of a run of rows. Its statement is cached for the next run.
  target.rows.resize(rows * target.columns.size());
  auto found = target.partial.find(rows);
  if (found == target.partial.end()) {
    if (target.partial.size() >= kMaxCachedRemainders) target.partial.clear();
    found = target.partial.emplace(rows, prepare_insert(target, rows)).first;
  }
  found->second.execute(target.rows);
}

Statement Session::prepare_insert(const Target& target, std::size_t rows) {
  const Dialect& dialect = conn_->dialect();
  SqlBuilder sql(dialect);
  sql.sql("INSERT INTO ").qualified(target.table->schema, target.table->name);
  if (target.columns.empty()) return conn_->prepare(sql.sql(" DEFAULT VALUES").str());
  sql.sql(" (");
  sql.ident_list(target.columns).sql(") VALUES ");
  int index = 0;
  for (std::size_t row = 0; row < rows; ++row) {
    sql.sql(row ? ",(" : "(");
    for (std::size_t column = 0; column < target.columns.size(); ++column) {
      if (column) sql.sql(",");
      sql.sql(dialect.placeholder(++index));
    }
    sql.sql(")");
  }
  return conn_->prepare(sql.str());
}

}  // namespace retort
