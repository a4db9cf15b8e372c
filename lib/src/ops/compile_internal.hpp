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

// compile_alter.cpp: ALTER COLUMN statements of `o`; `table` is the table after the change.
std::vector<std::string> alter_column_sql(const ops::AlterColumn& o, const Dialect& dialect,
                                          const Table& table, const MetaData& after);
// compile_data.cpp: bulk_insert and bulk_delete. `before` gives the columns' types; `what`
// names the operation in errors.
std::vector<std::string> bulk_insert_sql(const ops::BulkInsert& o, const Dialect& dialect,
                                         const MetaData& before, const std::string& what);
std::vector<std::string> bulk_delete_sql(const ops::BulkDelete& o, const Dialect& dialect,
                                         const MetaData& before, const std::string& what);

}  // namespace retort::detail
