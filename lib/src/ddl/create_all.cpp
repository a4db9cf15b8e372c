// create_all / drop_all: the whole model, in dependency order, in one transaction.
#include <algorithm>

#include "ddl/ddl_internal.hpp"
#include "retort/engine.hpp"
#include "retort/error.hpp"

namespace retort {

namespace {

// The schemas to create and drop: the model's, minus the dialect's default schema.
std::vector<std::string> model_schemas(const MetaData& metadata, const Dialect& dialect) {
  std::vector<std::string> out;
  if (!dialect.has_schemas()) return out;
  for (const std::string& schema : metadata.schemas) {
    if (schema != dialect.default_schema()) out.push_back(schema);
  }
  return out;
}

// The foreign keys added after every table exists, by ALTER TABLE: those closing a cycle,
// where the dialect can add constraints later (SQLite declares every foreign key inline,
// since it checks references only when rows change).
std::vector<std::pair<std::size_t, std::size_t>> deferred_fks(const TableOrder& order,
                                                              const Dialect& dialect) {
  if (!dialect.can_alter_add_constraint()) return {};
  return order.cycle_fks;
}

// An unnamed foreign key added by ALTER TABLE gets the name the database's own convention
// gives it; a name longer than the dialect allows is left to the database, which shortens
// its own generated names (spelling it out would be refused as too long).
ForeignKey named_fk(const Table& table, std::size_t fk_index, const Dialect& dialect) {
  ForeignKey fk = table.foreign_keys[fk_index];
  if (!fk.name.empty()) return fk;
  std::string name = detail::alter_foreign_key_name(table, fk);
  const std::size_t limit = dialect.max_identifier_bytes();
  if (limit == 0 || name.size() <= limit) fk.name = std::move(name);
  return fk;
}

// The engine's DatabaseError already names the failing statement; the Transaction rolls
// everything back when it propagates.
void run_all(Connection& conn, const std::vector<std::string>& statements) {
  Transaction tx(conn);
  for (const std::string& statement : statements) conn.execute(statement);
  tx.commit();
}

}  // namespace

std::vector<std::string> create_all_sql(const MetaData& metadata, const Dialect& dialect) {
  dialect.check_support(metadata);
  std::vector<std::string> out;
  for (const std::string& schema : model_schemas(metadata, dialect)) {
    out.push_back(create_schema_sql(schema, dialect));
  }
  if (dialect.has_enum_types()) {
    for (const EnumType& type : metadata.enums) out.push_back(create_enum_sql(type, dialect));
  }
  const TableOrder order = sort_tables(metadata);
  const auto later = deferred_fks(order, dialect);
  for (const std::size_t t : order.tables) {
    const Table& table = metadata.tables[t];
    std::vector<bool> inline_fk(table.foreign_keys.size(), true);
    for (const auto& [ft, f] : later) {
      if (ft == t) inline_fk[f] = false;
    }
    for (std::string& s : detail::create_table_statements(table, metadata, dialect, inline_fk)) {
      out.push_back(std::move(s));
    }
  }
  for (const std::size_t t : order.tables) {
    const Table& table = metadata.tables[t];
    for (const Index& index : table.indexes) out.push_back(create_index_sql(table, index, dialect));
  }
  for (const auto& [t, f] : later) {
    const Table& table = metadata.tables[t];
    out.push_back(add_foreign_key_sql(table, named_fk(table, f, dialect), dialect));
  }
  return out;
}

std::vector<std::string> drop_all_sql(const MetaData& metadata, const Dialect& dialect) {
  std::vector<std::string> out = dialect.drop_all_prologue_sql();
  const TableOrder order = sort_tables(metadata);
  for (const auto& [t, f] : deferred_fks(order, dialect)) {
    const Table& table = metadata.tables[t];
    // (An unnamed key whose conventional name is too long is refused here, naming it.)
    out.push_back(drop_constraint_sql(
        table, detail::alter_foreign_key_name(table, table.foreign_keys[f]), dialect));
  }
  for (auto it = order.tables.rbegin(); it != order.tables.rend(); ++it) {
    out.push_back(drop_table_sql(metadata.tables[*it], dialect));
  }
  if (dialect.has_enum_types()) {
    for (auto it = metadata.enums.rbegin(); it != metadata.enums.rend(); ++it) {
      out.push_back(drop_enum_sql(*it, dialect));
    }
  }
  std::vector<std::string> schemas = model_schemas(metadata, dialect);
  std::reverse(schemas.begin(), schemas.end());
  for (const std::string& schema : schemas) out.push_back(drop_schema_sql(schema, dialect));
  return out;
}

void create_all(Connection& conn, const MetaData& metadata) {
  run_all(conn, create_all_sql(metadata, conn.dialect()));
}

void drop_all(Connection& conn, const MetaData& metadata) {
  run_all(conn, drop_all_sql(metadata, conn.dialect()));
}

}  // namespace retort
