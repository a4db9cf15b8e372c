// The table of supported databases: their URL names, dialects and drivers. Generic engine
// code finds a database's driver here instead of testing dialect names itself.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "engine/driver.hpp"

namespace retort::detail {

// "sqlite" or "postgresql" for a dialect name as written in a URL ("postgres" is accepted).
// Throws UsageError with a did-you-mean suggestion for an unknown name.
std::string canonical_dialect_name(std::string_view name);

struct DriverEntry {
  std::string_view name;  // canonical dialect name
  const Dialect& (*dialect)();
  std::unique_ptr<ConnectionImpl> (*open)(const Url& url, const EngineOptions& options);
  // The URL a new pool's connections open, derived once per pool from the engine's URL
  // (SQLite names an in-memory database so that the pool's connections share it). Null
  // when connections open the engine's URL as given.
  Url (*pool_url)(const Url& url);
};

// The entry for a canonical dialect name; throws UsageError for an unknown one.
const DriverEntry& driver_for(std::string_view name);

}  // namespace retort::detail
