#include "engine/sqlite/sqlite_inspect.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "reflect/canonical.hpp"
#include "reflect/create_table_text.hpp"
#include "reflect/sql_tokens.hpp"
#include "retort/error.hpp"

namespace retort {

namespace sqlite {

namespace {

// Tables, views and triggers of the main schema with their stored CREATE text.
constexpr std::string_view kSchemaQuery =
    "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type <> 'index'";

// Ordinary tables with their WITHOUT ROWID and STRICT flags (virtual tables and their shadow
// tables have the types 'virtual' and 'shadow').
constexpr std::string_view kTableListQuery =
    "SELECT name, wr, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table'";

// hidden: 0 ordinary, 1 hidden column of a virtual table, 2 virtual generated, 3 stored.
constexpr std::string_view kColumnsQuery =
    "SELECT s.name, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk, c.hidden "
    "FROM sqlite_schema AS s JOIN pragma_table_xinfo(s.name) AS c "
    "WHERE s.type = 'table'";

// Keys of the indexes created by CREATE INDEX (pragma_index_list's origin 'c'): exactly the
// indexes whose sqlite_schema.sql is not NULL, as SQLite stores no text for the indexes it
// creates for PRIMARY KEY ('pk') and UNIQUE ('u') constraints, which belong to those
// constraints. Driving the query from sqlite_schema rather than pragma_index_list avoids a
// name lookup per index, which costs O(tables) each in a large schema. key = 0 rows are the
// trailing rowid / primary-key columns every index carries; cid -2 is an expression, -1 the
// rowid. Uniqueness and the WHERE clause come from the CREATE INDEX text.
constexpr std::string_view kIndexesQuery =
    "SELECT s.tbl_name, s.name, s.sql, ix.cid, ix.name, ix.\"desc\" "
    "FROM sqlite_schema AS s JOIN pragma_index_xinfo(s.name) AS ix "
    "WHERE s.type = 'index' AND s.sql IS NOT NULL AND ix.key = 1";

// One row per column pair; `to` is NULL when the clause names no columns (the parent's
// primary key). Ids number the foreign keys of one table. Each pragma call in a join
// prepares a statement, so only tables whose text mentions REFERENCES are asked. The
// pragmas return their rows in key order, grouped by table, so no query sorts.
constexpr std::string_view kForeignKeysQuery =
    "SELECT s.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete "
    "FROM sqlite_schema AS s JOIN pragma_foreign_key_list(s.name) AS f "
    "WHERE s.type = 'table' AND s.sql LIKE '%REFERENCES%'";

bool is_internal(std::string_view name) {
  return detail::ascii_lower(name.substr(0, 7)) == "sqlite_";
}

ReferentialAction action_from(std::string_view text) {
  if (text == "CASCADE") return ReferentialAction::kCascade;
  if (text == "RESTRICT") return ReferentialAction::kRestrict;
  if (text == "SET NULL") return ReferentialAction::kSetNull;
  if (text == "SET DEFAULT") return ReferentialAction::kSetDefault;
  return ReferentialAction::kNoAction;
}

struct TableState {
  Table table;
  detail::ParsedTable parsed;
  std::map<std::int64_t, std::string> pk_columns;  // position in the key -> column
};

// What the queries gathered, keyed by table name.
class Catalog {
 public:
  TableState* find(const std::string& name) {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : &tables_[it->second];
  }
  void add(TableState state) {
    by_name_.emplace(state.table.name, tables_.size());
    tables_.push_back(std::move(state));
  }
  std::vector<TableState>& tables() { return tables_; }

  // Every table's name by its lower-case form, and primary keys of every table (also those
  // not selected): SQLite matches names case-insensitively, and a foreign key that names no
  // columns references its parent's primary key.
  std::unordered_map<std::string, std::string> real_names;
  std::unordered_map<std::string, std::vector<std::string>> primary_keys;
  std::unordered_map<std::string, std::string> table_sql;

 private:
  std::vector<TableState> tables_;
  std::unordered_map<std::string, std::size_t> by_name_;
};

// The column's name as the table declares it, for names written in another case.
std::string column_name(const Table& table, const std::string& name) {
  if (table.find_column(name)) return name;
  const std::string wanted = detail::ascii_lower(name);
  for (const Column& column : table.columns) {
    if (detail::ascii_lower(column.name) == wanted) return column.name;
  }
  return name;
}

void read_columns(const Result& rows, Catalog& catalog) {
  Value current_name;
  TableState* state = nullptr;
  for (const Row row : rows) {
    const std::int64_t pk = row.integer(5);
    if (pk > 0) catalog.primary_keys[detail::ascii_lower(row.text(0))].push_back(row.text(1));
    // Rows come grouped by table: look the table up once per group.
    if (row[0] != current_name) {
      current_name = row[0];
      state = catalog.find(row.text(0));
    }
    const std::int64_t hidden = row.integer(6);
    if (!state || hidden == 1) continue;
    Column column;
    column.name = row.text(1);
    column.type = detail::type_from_sql(row.text(2));
    column.nullable = row.integer(3) == 0 && pk == 0;
    if (!row.is_null(4)) column.server_default = detail::default_from_sql(row.text(4));
    if (const detail::ParsedColumn* parsed = state->parsed.find_column(column.name)) {
      column.collation = parsed->collation;
      column.autoincrement = parsed->autoincrement;
      if (hidden >= 2 && parsed->computed) {
        column.computed =
            Computed{detail::normalize_expression(parsed->computed->expression), hidden == 3};
      }
    }
    if (pk > 0) state->pk_columns[pk] = column.name;
    state->table.columns.push_back(std::move(column));
  }
}

void finish_constraints(TableState& state) {
  Table& table = state.table;
  if (!state.pk_columns.empty()) {
    PrimaryKey pk{state.parsed.primary_key_name, {}};
    for (auto& [position, name] : state.pk_columns) pk.columns.push_back(name);
    table.primary_key = std::move(pk);
  }
  for (UniqueConstraint unique : state.parsed.uniques) {
    for (std::string& name : unique.columns) name = column_name(table, name);
    table.unique_constraints.push_back(std::move(unique));
  }
  for (CheckConstraint check : state.parsed.checks) {
    check.expression = detail::normalize_expression(check.expression);
    table.check_constraints.push_back(std::move(check));
  }
}

// The name and deferrability the CREATE text gives a foreign key: the first parsed clause
// with the same columns and parent that has not been used yet.
void attach_parsed_fk(std::vector<detail::ParsedForeignKey>& parsed, ForeignKey& fk) {
  auto same = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (detail::ascii_lower(a[i]) != detail::ascii_lower(b[i])) return false;
    }
    return true;
  };
  for (detail::ParsedForeignKey& p : parsed) {
    if (p.ref_table.empty() || !same(p.columns, fk.columns) ||
        detail::ascii_lower(p.ref_table) != detail::ascii_lower(fk.ref_table)) {
      continue;
    }
    fk.name = p.name;
    fk.deferrable = p.deferrable;
    p.ref_table.clear();  // used
    return;
  }
}

void read_foreign_keys(const Result& rows, Catalog& catalog) {
  std::map<std::pair<std::string, std::int64_t>, ForeignKey> fks;
  std::vector<std::string> implied;  // keys whose `to` is NULL
  for (const Row row : rows) {
    TableState* state = catalog.find(row.text(0));
    if (!state) continue;
    ForeignKey& fk = fks[{row.text(0), row.integer(1)}];
    const std::string parent = row.text(2);
    auto real = catalog.real_names.find(detail::ascii_lower(parent));
    fk.ref_table = real == catalog.real_names.end() ? parent : real->second;
    fk.columns.push_back(column_name(state->table, row.text(3)));
    if (!row.is_null(4)) fk.ref_columns.push_back(row.text(4));
    fk.on_update = action_from(row.text(5));
    fk.on_delete = action_from(row.text(6));
  }
  for (auto& [key, fk] : fks) {
    TableState* state = catalog.find(key.first);
    if (fk.ref_columns.empty())
      fk.ref_columns = catalog.primary_keys[detail::ascii_lower(fk.ref_table)];
    attach_parsed_fk(state->parsed.foreign_keys, fk);
    state->table.foreign_keys.push_back(std::move(fk));
  }
}

void read_indexes(const Result& rows, Catalog& catalog) {
  Index* current = nullptr;
  std::string current_name;
  detail::ParsedIndex parsed;
  for (const Row row : rows) {
    TableState* state = catalog.find(row.text(0));
    if (!state) continue;
    std::string name = row.text(1);
    if (!current || current_name != name) {
      parsed = detail::parse_create_index(row.text(2));
      state->table.indexes.push_back(
          Index{name, {}, parsed.unique, detail::normalize_expression(parsed.where)});
      current = &state->table.indexes.back();
      current_name = std::move(name);
    }
    IndexElement element;
    element.descending = row.integer(5) != 0;
    const std::size_t position = current->elements.size();
    if (row.integer(3) >= 0) {
      element.column = row.text(4);
    } else if (position < parsed.elements.size()) {
      element.expression = detail::normalize_expression(parsed.elements[position].expression);
    }
    current->elements.push_back(std::move(element));
  }
}

}  // namespace

Result SqliteInspector::run(std::string_view what, std::string_view sql) {
  try {
    return conn_.query(sql);
  } catch (const DatabaseError& e) {
    throw DatabaseError("sqlite: reflecting " + std::string(what) + ": " + e.what(), e.code(),
                        e.server_message());
  }
}

MetaData SqliteInspector::reflect(const InspectOptions& options, InspectExtras* extras) {
  Catalog catalog;
  for (const Row row : run("the schema", kSchemaQuery)) {
    const std::string type = row.text(0);
    const std::string name = row.text(1);
    if (is_internal(name)) continue;
    if (type == "view") extras->views.push_back(name);
    if (type == "trigger") extras->triggers.push_back(name);
    if (type == "table") {
      catalog.real_names[detail::ascii_lower(name)] = name;
      if (!row.is_null(3)) catalog.table_sql[name] = row.text(3);
    }
  }
  for (const Row row : run("tables", kTableListQuery)) {
    const std::string name = row.text(0);
    if (is_internal(name) || !detail::table_selected(options, name)) continue;
    TableState state;
    state.table.name = name;
    state.table.without_rowid = row.integer(1) != 0;
    state.table.strict = row.integer(2) != 0;
    state.parsed = detail::parse_create_table(catalog.table_sql[name]);
    catalog.add(std::move(state));
  }
  read_columns(run("columns", kColumnsQuery), catalog);
  for (TableState& state : catalog.tables()) finish_constraints(state);
  read_foreign_keys(run("foreign keys", kForeignKeysQuery), catalog);
  read_indexes(run("indexes", kIndexesQuery), catalog);

  MetaData metadata;
  metadata.tables.reserve(catalog.tables().size());
  for (TableState& state : catalog.tables()) metadata.tables.push_back(std::move(state.table));
  return metadata;
}

}  // namespace sqlite

namespace detail {

std::unique_ptr<Inspector> make_sqlite_inspector(Connection& conn) {
  return std::make_unique<sqlite::SqliteInspector>(conn);
}

}  // namespace detail

}  // namespace retort
