// Pieces shared by the files of the ops layer. Internal to lib/src/ops.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ddl/ddl_internal.hpp"
#include "retort/ops.hpp"
#include "retort/suggest.hpp"

namespace retort::detail {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// A Table that only names a table, for the DDL helpers that render a table's name.
inline Table table_named(const TableRef& ref) {
  Table t;
  t.schema = ref.schema;
  t.name = ref.name;
  return t;
}

// `"schema.name"` for messages.
inline std::string quoted_name(std::string_view schema, std::string_view name) {
  return in_quotes(display_name(schema, name));
}

// The table `ref` names in `metadata`; throws InputError "<what>: table "t" does not exist".
const Table& require_table(const MetaData& metadata, const TableRef& ref, const std::string& what);
Table& require_table(MetaData& metadata, const TableRef& ref, const std::string& what);
// The column of `table`; throws InputError naming table and column.
const Column& require_column(const Table& table, std::string_view column, const std::string& what);

// sql_names.cpp. The columns of `table` that `sql` (an expression the user wrote) uses, each
// once, in order of first use; whether it uses `column`; `sql` with `from` renamed to `to`.
std::vector<std::string> columns_in_sql(const Table& table, std::string_view sql);
bool sql_names_column(std::string_view sql, std::string_view column);
std::string rename_column_in_sql(std::string_view sql, std::string_view from, std::string_view to);
// True when `a` and `b` are the same SQL but for how identifiers are quoted ("c" > 0 is
// c > 0): SQLite quotes the new name where RENAME COLUMN rewrites a CHECK.
bool same_sql(std::string_view a, std::string_view b);
// The name the dialect gives `check` of `table` when it has none (empty where none is given).
std::string implicit_check_name(const Table& table, const CheckConstraint& check,
                                const Dialect& dialect);

// The enum type `type` names ("name" or "schema.name"), by the same rules as the DDL.
bool type_names_enum(const Type& type, const EnumType& e);

}  // namespace retort::detail
