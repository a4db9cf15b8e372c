// ConnectionPool: what an Engine shares with the Connections it lends. It owns the URL,
// the options and the dialect, opens connections through the dialect's driver, and keeps up
// to options.pool_size idle healthy connections for reuse. acquire() and release() may be
// called from several threads (each using its own Connection).
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "engine/dialect_registry.hpp"
#include "engine/driver.hpp"

namespace retort::detail {

class ConnectionPool {
 public:
  // Throws UsageError for a URL whose dialect is unknown. Opens nothing yet.
  ConnectionPool(Url url, EngineOptions options);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;
  ~ConnectionPool();

  const Url& url() const { return url_; }
  const std::string& redacted_url() const { return redacted_url_; }
  const EngineOptions& options() const { return options_; }
  const Dialect& dialect() const { return driver_->dialect(); }

  // An idle connection, or a newly opened one. Throws DatabaseError when opening fails.
  std::unique_ptr<ConnectionImpl> acquire();
  // Takes a connection back: kept idle when healthy, outside any transaction and the pool
  // has room, closed otherwise. Never throws.
  void release(std::unique_ptr<ConnectionImpl> impl) noexcept;

  // Sends `message` to options.logger, if any. Never throws.
  void log(LogLevel level, std::string_view message) const noexcept;
  // Logs a failed statement at kDebug, naming the database. Never throws.
  void log_failure(const std::exception& error) const noexcept {
    log(LogLevel::kDebug, "statement failed on " + redacted_url_ + ": " + error.what());
  }
  bool echo() const { return options_.echo && options_.logger != nullptr; }

 private:
  std::unique_ptr<ConnectionImpl> open();
  void close(std::unique_ptr<ConnectionImpl> impl) noexcept;

  Url url_;
  Url open_url_;  // what connections actually open (see DriverEntry::pool_url)
  std::string redacted_url_;
  EngineOptions options_;
  const DriverEntry* driver_;
  std::mutex mutex_;  // guards idle_ and keepalive_
  std::vector<std::unique_ptr<ConnectionImpl>> idle_;
  // Holds an in-memory database open for the pool's life (ConnectionImpl::needs_keepalive).
  std::unique_ptr<ConnectionImpl> keepalive_;
};

}  // namespace retort::detail
