#include "engine/postgres/postgres_inspect.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "reflect/canonical.hpp"
#include "reflect/sql_tokens.hpp"
#include "retort/error.hpp"

namespace retort {

namespace postgres {

namespace {

// Every query takes the reflected schemas as $1 (a text[] literal) and is run once.
constexpr std::string_view kSchemasQuery =
    "SELECT current_schema(), "
    "ARRAY(SELECT nspname FROM pg_namespace WHERE nspname = ANY($1::text[]) "
    "OR (nspname = current_schema() AND '' = ANY($1::text[])) "
    "OR ($2::boolean AND nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema') "
    "ORDER BY nspname)";

constexpr std::string_view kRelationsQuery =
    "SELECT c.oid, n.nspname, c.relname, c.relkind, d.description "
    "FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace "
    "LEFT JOIN pg_description AS d ON d.objoid = c.oid "
    "AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0 "
    "WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p', 'v', 'm') "
    "AND NOT c.relispartition";

// Column 13: the column owns a sequence through an automatic dependency, as serial creates
// (identity columns own theirs with an internal dependency instead). No ORDER BY: sorting
// the wide rows would spill to disk on large schemas; the inspector orders by attnum.
constexpr std::string_view kColumnsQuery =
    "SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), "
    "a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid, true), a.attidentity, a.attgenerated, "
    "CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, d.description, "
    "t.typtype, tn.nspname, t.typname, owned.refobjid IS NOT NULL "
    "FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid "
    "JOIN pg_namespace AS n ON n.oid = c.relnamespace "
    "JOIN pg_type AS t ON t.oid = a.atttypid JOIN pg_namespace AS tn ON tn.oid = t.typnamespace "
    "LEFT JOIN pg_attrdef AS ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum "
    "LEFT JOIN pg_collation AS co ON co.oid = a.attcollation "
    "LEFT JOIN pg_description AS d ON d.objoid = a.attrelid "
    "AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum "
    "LEFT JOIN (SELECT DISTINCT dep.refobjid, dep.refobjsubid FROM pg_depend AS dep "
    "JOIN pg_class AS s ON s.oid = dep.objid AND s.relkind = 'S' "
    "WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass "
    "AND dep.deptype = 'a') AS owned "
    "ON owned.refobjid = a.attrelid AND owned.refobjsubid = a.attnum "
    "WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
    "AND a.attnum > 0 AND NOT a.attisdropped";

// Key columns come as attribute numbers, named from the columns already read; only a foreign
// key to a table outside the reflected schemas has its parent's column names looked up here.
constexpr std::string_view kConstraintsQuery =
    "SELECT con.conrelid, con.conname, con.contype, con.conkey::text, "
    "fn.nspname, fc.relname, con.confkey::text, "
    "con.confupdtype, con.confdeltype, con.condeferrable, con.condeferred, "
    "CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid, true) END, "
    "con.confrelid, CASE WHEN con.contype = 'f' AND NOT fn.nspname = ANY($1::text[]) THEN "
    "ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(num, ord) "
    "JOIN pg_attribute AS a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY "
    "k.ord)::text "
    "END "
    "FROM pg_constraint AS con JOIN pg_class AS c ON c.oid = con.conrelid "
    "JOIN pg_namespace AS n ON n.oid = c.relnamespace "
    "LEFT JOIN pg_class AS fc ON fc.oid = con.confrelid "
    "LEFT JOIN pg_namespace AS fn ON fn.oid = fc.relnamespace "
    "WHERE n.nspname = ANY($1::text[]) AND con.contype IN ('p', 'u', 'f', 'c')";

// Indexes that back a PRIMARY KEY, UNIQUE or EXCLUDE constraint belong to the constraint.
// indkey 0 marks an expression key, printed by pg_get_indexdef (NULL for column keys);
// indoption bit 1 is DESC.
constexpr std::string_view kIndexesQuery =
    "SELECT i.indrelid, ic.relname, i.indisunique, i.indkey::text, i.indoption::text, "
    "pg_get_expr(i.indpred, i.indrelid, true), "
    "ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0 THEN pg_get_indexdef(i.indexrelid, k, true) END "
    "FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k) "
    "FROM pg_index AS i JOIN pg_class AS ic ON ic.oid = i.indexrelid "
    "JOIN pg_class AS c ON c.oid = i.indrelid JOIN pg_namespace AS n ON n.oid = c.relnamespace "
    "WHERE n.nspname = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint AS con "
    "WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))";

constexpr std::string_view kEnumsQuery =
    "SELECT n.nspname, t.typname, e.enumlabel FROM pg_enum AS e "
    "JOIN pg_type AS t ON t.oid = e.enumtypid JOIN pg_namespace AS n ON n.oid = t.typnamespace "
    "WHERE n.nspname = ANY($1::text[]) ORDER BY n.nspname, t.typname, e.enumsortorder";

constexpr std::string_view kTriggersQuery =
    "SELECT n.nspname, t.tgname FROM pg_trigger AS t JOIN pg_class AS c ON c.oid = t.tgrelid "
    "JOIN pg_namespace AS n ON n.oid = c.relnamespace "
    "WHERE n.nspname = ANY($1::text[]) AND NOT t.tgisinternal";

// A text[] literal for binding: {"a","b \"c\""}.
std::string text_array_literal(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const std::string& item : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char ch : item) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}

ReferentialAction action_from(std::string_view code) {
  switch (code.empty() ? 'a' : code[0]) {
    case 'r':
      return ReferentialAction::kRestrict;
    case 'c':
      return ReferentialAction::kCascade;
    case 'n':
      return ReferentialAction::kSetNull;
    case 'd':
      return ReferentialAction::kSetDefault;
    default:
      return ReferentialAction::kNoAction;
  }
}

bool truthy(const Value& value) { return !value.is_null() && value.integer() != 0; }
std::string text_or_empty(const Value& value) { return value.is_null() ? "" : value.text(); }

// What one reflection reads, and how relations map to tables.
struct Catalog {
  std::string current_schema;
  std::vector<Table> tables;
  std::unordered_map<std::int64_t, std::size_t> table_by_oid;
  // Column names of every table of the reflected schemas by attribute number, and the
  // attribute number of each reflected column (rows arrive unordered).
  std::unordered_map<std::int64_t, std::vector<std::string>> column_names;
  std::vector<std::vector<std::int64_t>> attnums;

  const std::string* column_name(std::int64_t table_oid, std::int64_t attnum) const {
    auto it = column_names.find(table_oid);
    if (it == column_names.end() || attnum < 0 ||
        static_cast<std::size_t>(attnum) >= it->second.size()) {
      return nullptr;
    }
    return &it->second[attnum];
  }
  std::vector<std::string> column_list(std::int64_t table_oid, const std::string& attnums) const;
  std::unordered_set<std::string> ambiguous_enums;  // enum names defined in several schemas

  // "" for the current schema, as in a models file.
  std::string model_schema(const std::string& schema) const {
    return schema == current_schema ? std::string() : schema;
  }
  Table* find(const Value& oid) {
    auto it = table_by_oid.find(oid.integer());
    return it == table_by_oid.end() ? nullptr : &tables[it->second];
  }
};

Type column_type(const Row& row, const Catalog& catalog) {
  Type type = detail::type_from_sql(row.text(3));
  if (row.text(10) == "e") {
    const std::string name = row.text(12);
    const std::string schema = catalog.model_schema(row.text(11));
    type.kind = TypeKind::kEnum;
    type.name = catalog.ambiguous_enums.count(name) && !schema.empty() ? schema + "." + name : name;
  }
  return type;
}

Column read_column(const Row& row, const Catalog& catalog) {
  Column column;
  column.name = row.text(2);
  column.type = column_type(row, catalog);
  column.nullable = !truthy(row[4]);
  const std::string identity = text_or_empty(row[6]);
  if (identity == "a") column.identity = Identity::kAlways;
  if (identity == "d") column.identity = Identity::kByDefault;
  const std::string default_sql = text_or_empty(row[5]);
  if (text_or_empty(row[7]) == "s") {
    column.computed = Computed{detail::normalize_expression(default_sql), true};
  } else if (truthy(row[13]) && default_sql.rfind("nextval(", 0) == 0) {
    column.autoincrement = true;  // serial: the sequence is an implementation detail
  } else if (!default_sql.empty()) {
    column.server_default = detail::default_from_sql(default_sql);
  }
  column.collation = text_or_empty(row[8]);
  column.comment = text_or_empty(row[9]);
  return column;
}

// PostgreSQL's own name for an unnamed foreign key, or the one retort's DDL compiler gives a
// foreign key it adds by ALTER TABLE (<table>_<cols>_fkey, which PostgreSQL cuts to 63 bytes).
bool generated_fk_name(const Table& table, const std::vector<std::string>& columns,
                       const std::string& name) {
  if (is_default_name(name, table.name, name_addition(columns), "fkey")) return true;
  std::string alter_name = table.name;
  for (const std::string& column : columns) alter_name += "_" + column;
  return name == clip_identifier(alter_name + "_fkey");
}

bool generated_check_name(const Table& table, const std::string& name) {
  if (is_default_name(name, table.name, "", "check")) return true;
  return std::any_of(table.columns.begin(), table.columns.end(), [&](const Column& column) {
    return is_default_name(name, table.name, column.name, "check");
  });
}

// CHECK (expr) [NOT VALID] -> expr
std::string check_expression(const std::string& definition) {
  const std::vector<detail::Token> tokens = detail::tokenize_sql(definition);
  if (tokens.size() < 3 || !tokens[0].is_word("CHECK") || !tokens[1].is_punct("(")) {
    return definition;
  }
  const std::size_t close = detail::matching_paren(tokens, 1);
  return detail::normalize_expression(detail::source_between(definition, tokens, 2, close - 1));
}

void add_constraint(const Row& row, Table& table, const Catalog& catalog) {
  std::string name = row.text(1);
  const std::string kind = row.text(2);
  std::vector<std::string> columns = catalog.column_list(row[0].integer(), text_or_empty(row[3]));
  const std::string addition = name_addition(columns);
  if (kind == "p") {
    if (is_default_name(name, table.name, "", "pkey")) name.clear();
    table.primary_key = PrimaryKey{name, std::move(columns)};
  } else if (kind == "u") {
    if (is_default_name(name, table.name, addition, "key")) name.clear();
    table.unique_constraints.push_back({name, std::move(columns)});
  } else if (kind == "c") {
    if (generated_check_name(table, name)) name.clear();
    table.check_constraints.push_back({name, check_expression(text_or_empty(row[11]))});
  } else if (kind == "f") {
    ForeignKey fk;
    fk.name = generated_fk_name(table, columns, name) ? "" : name;
    fk.columns = std::move(columns);
    fk.ref_schema = catalog.model_schema(row.text(4));
    fk.ref_table = row.text(5);
    fk.ref_columns = row[13].is_null()
                         ? catalog.column_list(row[12].integer(), text_or_empty(row[6]))
                         : parse_text_array(row.text(13));
    fk.on_update = action_from(row.text(7));
    fk.on_delete = action_from(row.text(8));
    if (truthy(row[9])) {
      fk.deferrable =
          truthy(row[10]) ? Deferrable::kInitiallyDeferred : Deferrable::kInitiallyImmediate;
    }
    table.foreign_keys.push_back(std::move(fk));
  }
}

std::vector<std::int64_t> split_numbers(const std::string& text) {
  std::vector<std::int64_t> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t used = 0;
    out.push_back(std::stoll(text.substr(i), &used));
    i += used;
    while (i < text.size() && text[i] == ' ') ++i;
  }
  return out;
}

void add_index(const Row& row, Table& table, const Catalog& catalog) {
  Index index;
  index.name = row.text(1);
  index.unique = truthy(row[2]);
  const std::vector<std::int64_t> keys = split_numbers(row.text(3));
  const std::vector<std::int64_t> options = split_numbers(row.text(4));
  const std::vector<std::string> printed = parse_text_array(row.text(6));
  for (std::size_t k = 0; k < printed.size(); ++k) {
    IndexElement element;
    const std::string* column =
        k < keys.size() && keys[k] != 0 ? catalog.column_name(row[0].integer(), keys[k]) : nullptr;
    if (column) {
      element.column = *column;
    } else {
      element.expression = detail::normalize_expression(printed[k]);
    }
    element.descending = k < options.size() && (options[k] & 1) != 0;
    index.elements.push_back(std::move(element));
  }
  index.where = detail::normalize_expression(text_or_empty(row[5]));
  table.indexes.push_back(std::move(index));
}

// Orders each table's columns by attribute number.
void order_columns(Catalog& catalog) {
  for (std::size_t t = 0; t < catalog.tables.size(); ++t) {
    const std::vector<std::int64_t>& numbers = catalog.attnums[t];
    if (std::is_sorted(numbers.begin(), numbers.end())) continue;
    std::vector<std::size_t> order(numbers.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return numbers[a] < numbers[b]; });
    std::vector<Column> sorted;
    sorted.reserve(order.size());
    for (std::size_t i : order) sorted.push_back(std::move(catalog.tables[t].columns[i]));
    catalog.tables[t].columns = std::move(sorted);
  }
}

std::vector<std::string> Catalog::column_list(std::int64_t table_oid,
                                              const std::string& attnums) const {
  std::vector<std::string> names;
  for (const std::string& number : parse_text_array(attnums)) {
    const std::string* name = column_name(table_oid, std::stoll(number));
    names.push_back(name ? *name : number);
  }
  return names;
}

}  // namespace

std::string clip_identifier(std::string_view name) {
  std::size_t n = std::min<std::size_t>(name.size(), 63);  // NAMEDATALEN - 1
  while (n > 0 && n < name.size() && (static_cast<unsigned char>(name[n]) & 0xC0) == 0x80) --n;
  return std::string(name.substr(0, n));
}

std::string default_object_name(std::string_view table, std::string_view addition,
                                std::string_view label) {
  constexpr std::size_t kMaxName = 63;  // NAMEDATALEN - 1
  const std::size_t overhead = label.size() + 1 + (addition.empty() ? 0 : 1);
  const std::size_t available = kMaxName > overhead ? kMaxName - overhead : 0;
  std::size_t n1 = table.size(), n2 = addition.size();
  while (n1 + n2 > available) (n1 > n2 ? n1 : n2)--;
  // Never cut inside a UTF-8 sequence (pg_mbcliplen): back up over continuation bytes.
  auto clip = [](std::string_view s, std::size_t n) {
    while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return std::string(s.substr(0, n));
  };
  std::string name = clip(table, n1);
  if (!addition.empty()) name += "_" + clip(addition, n2);
  return name + "_" + std::string(label);
}

std::string name_addition(const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& column : columns) {
    if (!out.empty()) out += '_';
    out += column.substr(0, 63);
    if (out.size() >= 64) break;
  }
  return out;
}

bool is_default_name(std::string_view name, std::string_view table, std::string_view addition,
                     std::string_view label) {
  std::size_t digits = name.size();
  while (digits > 0 && name[digits - 1] >= '0' && name[digits - 1] <= '9') --digits;
  const std::string suffix(name.substr(digits));
  return name == default_object_name(table, addition, std::string(label) + suffix);
}

std::vector<std::string> parse_text_array(std::string_view text) {
  std::vector<std::string> items;
  if (text.size() < 2 || text.front() != '{') return items;
  std::size_t i = 1;
  while (i < text.size() && text[i] != '}') {
    std::string item;
    if (text[i] == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        item += text[i];
      }
      ++i;  // closing quote
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '}') item += text[i++];
    }
    items.push_back(std::move(item));
    if (i < text.size() && text[i] == ',') ++i;
  }
  return items;
}

Result PostgresInspector::run(std::string_view what, std::string_view sql,
                              const std::vector<Value>& params) {
  try {
    return conn_.query(sql, params);
  } catch (const DatabaseError& e) {
    throw DatabaseError("postgresql: reflecting " + std::string(what) + ": " + e.what(), e.code(),
                        e.server_message());
  }
}

MetaData PostgresInspector::reflect(const InspectOptions& options, InspectExtras* extras) {
  Catalog catalog;
  MetaData metadata;
  const Result schemas = run("schemas", kSchemasQuery,
                             {options.schemas.empty() ? "{}" : text_array_literal(options.schemas),
                              options.all_schemas ? "true" : "false"});
  catalog.current_schema = text_or_empty(schemas.cell(0, 0));
  std::vector<std::string> found = parse_text_array(text_or_empty(schemas.cell(0, 1)));
  // From here on $1 is the schemas that exist, "" resolved to the current one's name.
  const bool current_only = options.schemas.empty() && !options.all_schemas;
  std::vector<Value> params{
      text_array_literal(current_only ? std::vector{catalog.current_schema} : found)};
  for (std::string& schema : found) {
    if (schema != catalog.current_schema) metadata.schemas.push_back(std::move(schema));
  }

  std::unordered_map<std::string, std::string> enum_schema;
  for (const Row row : run("enum types", kEnumsQuery, params)) {
    const std::string schema = catalog.model_schema(row.text(0));
    const std::string name = row.text(1);
    if (metadata.enums.empty() || metadata.enums.back().name != name ||
        metadata.enums.back().schema != schema) {
      auto [it, fresh] = enum_schema.emplace(name, schema);
      if (!fresh && it->second != schema) catalog.ambiguous_enums.insert(name);
      metadata.enums.push_back(EnumType{schema, name, {}});
    }
    metadata.enums.back().values.push_back(row.text(2));
  }

  for (const Row row : run("tables", kRelationsQuery, params)) {
    const std::string schema = catalog.model_schema(row.text(1));
    const std::string name = row.text(2);
    const std::string qualified = schema.empty() ? name : schema + "." + name;
    const std::string kind = row.text(3);
    if (kind == "v" || kind == "m") {
      extras->views.push_back(qualified);
    } else if (detail::table_selected(options, name)) {
      catalog.table_by_oid.emplace(row[0].integer(), catalog.tables.size());
      Table table;
      table.schema = schema;
      table.name = name;
      table.comment = text_or_empty(row[4]);
      catalog.tables.push_back(std::move(table));
    }
  }
  catalog.attnums.resize(catalog.tables.size());
  for (const Row row : run("columns", kColumnsQuery, params)) {
    const std::int64_t attnum = row[1].integer();
    std::vector<std::string>& names = catalog.column_names[row[0].integer()];
    if (names.size() <= static_cast<std::size_t>(attnum)) names.resize(attnum + 1);
    names[attnum] = row.text(2);
    auto it = catalog.table_by_oid.find(row[0].integer());
    if (it == catalog.table_by_oid.end()) continue;
    catalog.tables[it->second].columns.push_back(read_column(row, catalog));
    catalog.attnums[it->second].push_back(attnum);
  }
  order_columns(catalog);
  for (const Row row : run("constraints", kConstraintsQuery, params)) {
    if (Table* table = catalog.find(row[0])) add_constraint(row, *table, catalog);
  }
  for (const Row row : run("indexes", kIndexesQuery, params)) {
    if (Table* table = catalog.find(row[0])) add_index(row, *table, catalog);
  }
  for (const Row row : run("triggers", kTriggersQuery, params)) {
    const std::string schema = catalog.model_schema(row.text(0));
    extras->triggers.push_back(schema.empty() ? row.text(1) : schema + "." + row.text(1));
  }
  metadata.tables = std::move(catalog.tables);
  return metadata;
}

}  // namespace postgres

namespace detail {

std::unique_ptr<Inspector> make_postgres_inspector(Connection& conn) {
  return std::make_unique<postgres::PostgresInspector>(conn);
}

}  // namespace detail

}  // namespace retort
