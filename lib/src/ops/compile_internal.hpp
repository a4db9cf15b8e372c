// Pieces of the SQL compiler of operations shared by its files. Internal to lib/src/ops.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ops/ops_internal.hpp"

namespace retort::detail {

// The steps that turn table `before` into `after` by a rebuild (SQLite). `state` is the
// schema after the change (for enum CHECKs); `renamed` maps new column names to old ones.
std::vector<SqlStep> rebuild_table(const Table& before, const Table& after, const MetaData& state,
                                   const Dialect& dialect,
                                   const std::map<std::string, std::string>& renamed = {});

}  // namespace retort::detail
