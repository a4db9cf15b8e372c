// INSERT and DELETE statements of bulk_insert and bulk_delete. Values are rendered as
// literals (compiled SQL is text, printed by offline mode), through the dialect's literal
// rules for the column's type, so a value that is not of the type is an InputError.
#include "ops/compile_internal.hpp"
#include "retort/error.hpp"

namespace retort::detail {

namespace {

// A value as a literal of its column's type (a quoted string where the type is unknown).
void value_sql(SqlBuilder& b, const Dialect& dialect, const Table* table, const std::string& column,
               const std::optional<std::string>& value, const std::string& what) {
  if (!value) {
    b.sql("NULL");
    return;
  }
  const Column* c = table ? table->find_column(column) : nullptr;
  if (c == nullptr || c->type.kind == TypeKind::kEnum || c->type.kind == TypeKind::kRaw) {
    b.literal(*value);
    return;
  }
  try {
    b.sql(dialect.default_literal_sql(c->type, *value));
  } catch (const InputError& e) {
    throw InputError(what + ": column \"" + column + "\": " + e.what());
  }
}

}  // namespace

// One INSERT per run of up to 500 rows naming the same columns.
std::vector<std::string> bulk_insert_sql(const ops::BulkInsert& o, const Dialect& dialect,
                                         const MetaData& before, const std::string& what) {
  std::vector<std::string> out;
  const Table* t = before.find_table(o.table.name, o.table.schema);
  std::size_t i = 0;
  while (i < o.rows.size()) {
    const DataRow& first = o.rows[i];
    SqlBuilder b = SqlBuilder(dialect);
    b.sql("INSERT INTO ");
    append_table_name(b, detail::table_named(o.table));
    b.sql(" (");
    for (std::size_t k = 0; k < first.size(); ++k) b.sql(k ? ", " : "").ident(first[k].first);
    b.sql(") VALUES ");
    std::size_t n = 0;
    for (; i < o.rows.size() && n < 500; ++i, ++n) {
      const DataRow& row = o.rows[i];
      bool same = row.size() == first.size();
      for (std::size_t k = 0; same && k < row.size(); ++k) same = row[k].first == first[k].first;
      if (!same) break;
      b.sql(n ? ", (" : "(");
      for (std::size_t k = 0; k < row.size(); ++k) {
        if (k) b.sql(", ");
        value_sql(b, dialect, t, row[k].first, row[k].second, what);
      }
      b.sql(")");
    }
    out.push_back(b.take());
  }
  return out;
}

// One DELETE per 500 rows, matching each row's key columns.
std::vector<std::string> bulk_delete_sql(const ops::BulkDelete& o, const Dialect& dialect,
                                         const MetaData& before, const std::string& what) {
  std::vector<std::string> out;
  if (o.key.empty()) throw InputError(what + ": bulk_delete needs a key");
  const Table* t = before.find_table(o.table.name, o.table.schema);
  for (std::size_t i = 0; i < o.rows.size();) {
    SqlBuilder b(dialect);
    b.sql("DELETE FROM ");
    append_table_name(b, detail::table_named(o.table));
    b.sql(" WHERE ");
    for (std::size_t n = 0; i < o.rows.size() && n < 500; ++i, ++n) {
      b.sql(n ? " OR (" : "(");
      for (std::size_t k = 0; k < o.key.size(); ++k) {
        std::optional<std::string> value;
        for (const auto& [column, v] : o.rows[i]) {
          if (column == o.key[k]) value = v;
        }
        b.sql(k ? " AND " : "").ident(o.key[k]);
        if (!value) {
          b.sql(" IS NULL");
          continue;
        }
        b.sql(" = ");
        value_sql(b, dialect, t, o.key[k], value, what);
      }
      b.sql(")");
    }
    out.push_back(b.take());
  }
  return out;
}

}  // namespace retort::detail
