// Connection and Statement: thin owners over the driver's implementation that add echo
// logging and return the connection to its pool.
#include <utility>

#include "engine/connection_pool.hpp"
#include "engine/test_hooks.hpp"
#include "retort/error.hpp"

namespace retort {
namespace {

// Runs `body`; a retort::Error on the way out is logged at kDebug, then rethrown.
template <typename Body>
auto logging_errors(const detail::ConnectionPool* pool, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const Error& e) {
    if (pool) pool->log_failure(e);
    throw;
  }
}

void echo_line(const detail::ConnectionPool& pool, std::string_view sql,
               const std::vector<Value>& params) {
  std::string line(sql);
  if (!params.empty()) {
    line += " [params: ";
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (i) line += ", ";
      line += params[i].to_display();
    }
    line += "]";
  }
  pool.log(LogLevel::kInfo, line);
}

// Every statement passes here just before it is sent: it is logged when echo is on, then
// meets the test-only kill hook (so an echoed log shows the statement a test died before).
void echo(const detail::ConnectionPool* pool, std::string_view sql,
          const std::vector<Value>& params) {
  if (pool && pool->echo()) echo_line(*pool, sql, params);
  detail::before_statement_test_hook();
}

}  // namespace

// Statement

Statement::Statement(std::unique_ptr<detail::StatementImpl> impl, Connection* conn, std::string sql)
    : impl_(std::move(impl)), pool_(conn ? conn->pool_ : nullptr), sql_(std::move(sql)) {}

Statement::Statement(Statement&&) noexcept = default;
Statement& Statement::operator=(Statement&&) noexcept = default;
Statement::~Statement() = default;

Result Statement::execute(const std::vector<Value>& params) {
  if (!impl_) throw UsageError("statement: used after it was moved from");
  echo(pool_.get(), sql_, params);
  return logging_errors(pool_.get(), [&] { return impl_->execute(params); });
}

// Connection

Connection::Connection(std::unique_ptr<detail::ConnectionImpl> impl,
                       std::shared_ptr<detail::ConnectionPool> pool)
    : impl_(std::move(impl)), pool_(std::move(pool)) {}

Connection::Connection(Connection&& other) noexcept
    : impl_(std::move(other.impl_)),
      pool_(std::move(other.pool_)),
      transaction_depth_(std::exchange(other.transaction_depth_, 0)),
      savepoint_counter_(std::exchange(other.savepoint_counter_, 0)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    release();
    impl_ = std::move(other.impl_);
    pool_ = std::move(other.pool_);
    transaction_depth_ = std::exchange(other.transaction_depth_, 0);
    savepoint_counter_ = std::exchange(other.savepoint_counter_, 0);
  }
  return *this;
}

Connection::~Connection() { release(); }

void Connection::release() noexcept {
  if (!impl_) return;
  if (!pool_) {
    impl_.reset();
    return;
  }
  if (transaction_depth_ > 0) {
    // A Transaction outlived its Connection (a caller bug). The pool rolls the
    // connection back (ConnectionImpl::in_transaction) or closes it.
    pool_->log(LogLevel::kWarning, "connection released inside an open transaction");
  }
  pool_->release(std::move(impl_));
  transaction_depth_ = 0;
  savepoint_counter_ = 0;
}

detail::ConnectionImpl& Connection::impl() const {
  if (!impl_) throw UsageError("connection: used after it was moved from");
  return *impl_;
}

const Dialect& Connection::dialect() const { return impl().dialect(); }

const std::string& Connection::redacted_url() const {
  static const std::string kUnknown = "(unknown database)";
  return pool_ ? pool_->redacted_url() : kUnknown;
}

void Connection::execute(std::string_view sql) {
  detail::ConnectionImpl& conn = impl();
  echo(pool_.get(), sql, {});
  logging_errors(pool_.get(), [&] { conn.execute(sql); });
}

Result Connection::query(std::string_view sql, const std::vector<Value>& params) {
  detail::ConnectionImpl& conn = impl();
  echo(pool_.get(), sql, params);
  return logging_errors(pool_.get(), [&] { return conn.query(sql, params); });
}

Statement Connection::prepare(std::string_view sql) {
  detail::ConnectionImpl& conn = impl();
  auto statement = logging_errors(pool_.get(), [&] { return conn.prepare(sql); });
  return Statement(std::move(statement), this, std::string(sql));
}

void Connection::log_statement(std::string_view sql, const std::vector<Value>& params) const {
  echo(pool_.get(), sql, params);
}

}  // namespace retort
