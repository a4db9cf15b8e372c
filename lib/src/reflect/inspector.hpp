// The interface each dialect's inspector implements (lib/src/engine/<dialect>/<dialect>_inspect.cpp).
#pragma once

#include <memory>

#include "retort/engine.hpp"
#include "retort/inspect.hpp"

namespace retort::detail {

class Inspector {
 public:
  virtual ~Inspector() = default;
  // Reflects every table the options select. Implementations must run a constant number
  // of catalog queries whatever the number of tables (PostgreSQL), or one small set per
  // table at most where the database offers nothing better (SQLite pragmas).
  virtual MetaData reflect(const InspectOptions& options, InspectExtras* extras) = 0;
};

std::unique_ptr<Inspector> make_sqlite_inspector(Connection& conn);
std::unique_ptr<Inspector> make_postgres_inspector(Connection& conn);

}  // namespace retort::detail
