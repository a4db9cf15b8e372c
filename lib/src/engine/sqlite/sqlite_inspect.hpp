// The SQLite inspector: reads a whole database in five queries (sqlite_schema, then the
// table_list, table_xinfo, index_list/index_xinfo and foreign_key_list pragmas as
// table-valued functions joined with sqlite_schema), and takes from the stored CREATE text
// what the pragmas do not report (constraint names, CHECK expressions, deferrability,
// AUTOINCREMENT, COLLATE, generated expressions, index expressions and predicates).
#pragma once

#include <string_view>

#include "reflect/inspector.hpp"

namespace retort::sqlite {

class SqliteInspector final : public detail::Inspector {
 public:
  explicit SqliteInspector(Connection& conn) : conn_(conn) {}
  MetaData reflect(const InspectOptions& options, InspectExtras* extras) override;

 private:
  // Runs `sql`; a failure becomes `sqlite: reflecting <what>: <message>`.
  Result run(std::string_view what, std::string_view sql);

  Connection& conn_;
};

}  // namespace retort::sqlite
