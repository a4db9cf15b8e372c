// Engine and its connection pool.
#include "engine/connection_pool.hpp"
#include "retort/error.hpp"

namespace retort {
namespace detail {

ConnectionPool::ConnectionPool(Url url, EngineOptions options)
    : url_(std::move(url)),
      redacted_url_(url_.redacted()),
      options_(std::move(options)),
      driver_(&driver_for(url_.dialect)) {
  open_url_ = driver_->pool_url ? driver_->pool_url(url_) : url_;
}

ConnectionPool::~ConnectionPool() {
  while (!idle_.empty()) {
    close(std::move(idle_.back()));
    idle_.pop_back();
  }
  if (keepalive_) close(std::move(keepalive_));
}

std::unique_ptr<ConnectionImpl> ConnectionPool::open() {
  std::unique_ptr<ConnectionImpl> impl;
  try {
    impl = driver_->open(open_url_, options_);
  } catch (const Error& e) {
    log(LogLevel::kDebug, "connecting to " + redacted_url_ + " failed: " + e.what());
    throw;
  }
  log(LogLevel::kDebug, "opened a connection to " + redacted_url_);
  if (impl->needs_keepalive()) {
    std::lock_guard lock(mutex_);
    if (!keepalive_) {
      keepalive_ = driver_->open(open_url_, options_);
      log(LogLevel::kDebug, "opened a keep-alive connection to " + redacted_url_);
    }
  }
  return impl;
}

void ConnectionPool::close(std::unique_ptr<ConnectionImpl> impl) noexcept {
  impl.reset();  // driver destructors do not throw
  log(LogLevel::kDebug, "closed a connection to " + redacted_url_);
}

std::unique_ptr<ConnectionImpl> ConnectionPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<ConnectionImpl> impl = std::move(idle_.back());
      idle_.pop_back();
      return impl;
    }
  }
  return open();
}

void ConnectionPool::release(std::unique_ptr<ConnectionImpl> impl) noexcept {
  if (!impl) return;
  try {
    if (impl->healthy() && impl->in_transaction()) {
      // Left open by raw SQL ("BEGIN" through execute()); never lend that state out.
      log(LogLevel::kDebug, "rolling back a transaction left open on a returned connection");
      impl->execute("ROLLBACK");
    }
    if (impl->healthy() && !impl->in_transaction()) {
      std::lock_guard lock(mutex_);
      if (idle_.size() < options_.pool_size) {
        idle_.push_back(std::move(impl));
        return;
      }
    }
  } catch (const std::exception& e) {
    log(LogLevel::kDebug, std::string("discarding a connection: ") + e.what());
  }
  close(std::move(impl));
}

void ConnectionPool::log(LogLevel level, std::string_view message) const noexcept {
  if (!options_.logger) return;
  try {
    options_.logger(level, message);
  } catch (...) {
    // A failing logger must not turn cleanup into a crash.
  }
}

}  // namespace detail

Engine::Engine(Url url, EngineOptions options)
    : url_(url),
      pool_(std::make_shared<detail::ConnectionPool>(std::move(url), std::move(options))) {}

Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

namespace {
const detail::ConnectionPool& checked(const std::shared_ptr<detail::ConnectionPool>& pool) {
  if (!pool) throw UsageError("engine: used after it was moved from");
  return *pool;
}
}  // namespace

const Dialect& Engine::dialect() const { return checked(pool_).dialect(); }

const EngineOptions& Engine::options() const { return checked(pool_).options(); }

Connection Engine::connect() {
  checked(pool_);
  return Connection(pool_->acquire(), pool_);
}

}  // namespace retort
