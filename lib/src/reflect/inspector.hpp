// The interface each dialect's inspector implements
// (lib/src/engine/<dialect>/<dialect>_inspect.cpp), and the helpers they share.
#pragma once

#include <memory>
#include <string_view>

#include "retort/engine.hpp"
#include "retort/inspect.hpp"

namespace retort::detail {

class Inspector {
 public:
  virtual ~Inspector() = default;
  // Reflects every table the options select (see table_selected) into `MetaData`, and lists
  // views and triggers in `extras` (never null). The order of tables and constraints does
  // not matter: reflect() canonicalises it. Implementations run a constant number of catalog
  // queries whatever the number of tables. Throws DatabaseError naming the dialect and the
  // object being read.
  virtual MetaData reflect(const InspectOptions& options, InspectExtras* extras) = 0;
};

std::unique_ptr<Inspector> make_sqlite_inspector(Connection& conn);
std::unique_ptr<Inspector> make_postgres_inspector(Connection& conn);

// True when a table named `name` is reflected under `options`: not a version table, matching
// some include glob (or there is none) and no exclude glob.
bool table_selected(const InspectOptions& options, std::string_view name);

}  // namespace retort::detail
