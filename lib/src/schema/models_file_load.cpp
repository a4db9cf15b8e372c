// Loading the models file: the document, schemas, enums, tables and columns. Table-level
// constraints are in models_file_load_table.cpp. Grammar: docs/models.md.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "retort/models_file.hpp"
#include "schema/models_grammar.hpp"
#include "schema/models_loader.hpp"

namespace retort {
namespace detail {
namespace {

std::string quote_name(std::string_view text) { return "\"" + std::string(text) + "\""; }

constexpr std::string_view kTopKeys[] = {"schemas", "enums", "tables"};
constexpr std::string_view kEnumKeys[] = {"name", "schema", "values"};
constexpr std::string_view kTableKeys[] = {"name",        "schema",        "comment", "columns",
                                           "primary_key", "foreign_keys",  "unique",  "checks",
                                           "indexes",     "relationships", "options"};
constexpr std::string_view kColumnKeys[] = {
    "type",      "nullable",  "default",    "default_sql", "primary_key", "autoincrement",
    "identity",  "computed",  "collation",  "comment",     "unique",      "references",
    "on_delete", "on_update", "deferrable", "index"};
constexpr std::string_view kComputedKeys[] = {"sql", "stored"};
constexpr std::string_view kOptionKeys[] = {"without_rowid", "strict"};

Type parse_type(const YamlReader& reader, const YAML::Node& node, const std::string& context) {
  const std::string text = reader.text(node, context, "the type");
  try {
    return Type::parse(text);
  } catch (const InputError& e) {
    reader.fail(node, context + e.what());
  }
}

}  // namespace

std::string table_context(std::string_view name) { return "table " + quote_name(name) + ": "; }

MetaData ModelsLoader::load(const YAML::Node& root) {
  if (root.IsNull()) return md_;  // an empty document is an empty model
  reader_.expect_map(root, "", "the models document");
  reader_.check_keys(root, kTopKeys, "", /*allow_null=*/true);
  if (root["schemas"] && !root["schemas"].IsNull()) load_schemas(root["schemas"]);
  if (root["enums"] && !root["enums"].IsNull()) load_enums(root["enums"]);
  if (const YAML::Node tables = root["tables"]) {
    if (!tables.IsNull()) {
      reader_.expect_map(tables, "", "\"tables\"");
      for (auto it = tables.begin(); it != tables.end(); ++it) load_table(it->first, it->second);
    }
  }
  if (std::optional<ValidationIssue> issue = find_issue(md_)) {
    reader_.fail(mark_of(issue->where), issue->message);
  }
  return std::move(md_);
}

void ModelsLoader::load_schemas(const YAML::Node& node) {
  reader_.expect_sequence(node, "", "\"schemas\"");
  for (std::size_t i = 0; i < node.size(); ++i) {
    record({ObjectKind::kSchemaName, static_cast<int>(i)}, node[i]);
    md_.schemas.push_back(reader_.text(node[i], "", "a schema name"));
  }
}

void ModelsLoader::load_enums(const YAML::Node& node) {
  reader_.expect_map(node, "", "\"enums\"");
  for (auto it = node.begin(); it != node.end(); ++it) load_enum(it->first, it->second);
}

void ModelsLoader::load_enum(const YAML::Node& key, const YAML::Node& value) {
  const int ei = static_cast<int>(md_.enums.size());
  EnumType& e = md_.enums.emplace_back();
  e.name = reader_.text(key, "", "an enum name");
  record({ObjectKind::kEnum, ei}, key);
  std::string context = "enum " + quote_name(e.name) + ": ";
  if (value.IsMap()) {
    reader_.check_keys(value, kEnumKeys, context);
    if (value["name"]) e.name = reader_.text(value["name"], context, "\"name\"");
    if (value["schema"]) e.schema = reader_.text(value["schema"], context, "\"schema\"");
    if (!value["values"]) reader_.fail(value, context + "missing key \"values\"");
  } else if (!value.IsSequence()) {
    reader_.fail(value, context + "an enum must be a sequence of values or a mapping, not " +
                            std::string(node_kind(value)));
  }
  const YAML::Node values = value.IsMap() ? value["values"] : value;
  e.values = reader_.texts(values, context, "\"values\"");
  for (std::size_t v = 0; v < values.size(); ++v) {
    record({ObjectKind::kEnum, ei, -1, ObjectPart::kValues, static_cast<int>(v)}, values[v]);
  }
}

void ModelsLoader::load_table(const YAML::Node& key, const YAML::Node& value) {
  const int ti = static_cast<int>(md_.tables.size());
  Table& table = md_.tables.emplace_back();  // stays valid: nothing below adds tables
  table.name = reader_.text(key, "", "a table name");
  record({ObjectKind::kTable, ti}, key);
  std::string context = table_context(table.name);
  if (value.IsNull()) return;  // `name:` alone declares a table without columns
  reader_.expect_map(value, context, "a table");
  reader_.check_keys(value, kTableKeys, context);
  if (value["name"]) {
    table.name = reader_.text(value["name"], context, "\"name\"");
    context = table_context(table.name);
  }
  if (value["schema"]) table.schema = reader_.text(value["schema"], context, "\"schema\"");
  if (value["comment"]) table.comment = reader_.text(value["comment"], context, "\"comment\"");
  ColumnExtras extras;
  if (value["columns"]) load_columns(table, ti, value["columns"], extras);
  load_primary_key(table, ti, value["primary_key"], extras, context);
  if (value["foreign_keys"]) load_foreign_keys(table, ti, value["foreign_keys"], context);
  if (value["unique"]) load_uniques(table, ti, value["unique"], context);
  if (value["checks"]) load_checks(table, ti, value["checks"], context);
  if (value["indexes"]) load_indexes(table, ti, value["indexes"], context);
  if (value["relationships"]) load_relationships(table, ti, value["relationships"], context);
  if (value["options"]) load_options(table, value["options"], context);
}

void ModelsLoader::load_columns(Table& table, int ti, const YAML::Node& node,
                                ColumnExtras& extras) {
  const std::string context = table_context(table.name);
  reader_.expect_map(node, context, "\"columns\"");
  for (auto it = node.begin(); it != node.end(); ++it) {
    load_column(table, ti, it->first, it->second, extras);
  }
}

void ModelsLoader::load_column(Table& table, int ti, const YAML::Node& key, const YAML::Node& value,
                               ColumnExtras& extras) {
  const std::string table_ctx = table_context(table.name);
  const int ci = static_cast<int>(table.columns.size());
  Column& column = table.columns.emplace_back();
  column.name = reader_.text(key, table_ctx, "a column name");
  record({ObjectKind::kColumn, ti, ci}, key);
  const std::string context = table_ctx + "column " + quote_name(column.name) + ": ";
  extras.explicit_nullable.push_back(false);
  if (value.IsNull()) reader_.fail(key, context + "missing type");
  if (value.IsScalar()) {  // short form: `name: type`
    column.type = parse_type(reader_, value, context);
    record({ObjectKind::kColumn, ti, ci, ObjectPart::kType}, value);
    return;
  }
  if (!value.IsMap()) {
    reader_.fail(value, context + "a column must be a type or a mapping, not " +
                            std::string(node_kind(value)));
  }
  reader_.check_keys(value, kColumnKeys, context);
  if (!value["type"]) reader_.fail(value, context + "missing key \"type\"");
  column.type = parse_type(reader_, value["type"], context);
  record({ObjectKind::kColumn, ti, ci, ObjectPart::kType}, value["type"]);
  load_column_body(column, value, context);
  extras.explicit_nullable.back() = static_cast<bool>(value["nullable"]);
  if (value["primary_key"] && reader_.flag(value["primary_key"], context, "\"primary_key\"")) {
    extras.primary_key.push_back(ci);
    extras.primary_key_nodes.push_back(value["primary_key"]);
  }
  load_column_links(table, ti, value, context);
}

void ModelsLoader::load_column_body(Column& column, const YAML::Node& value,
                                    const std::string& context) {
  if (value["nullable"]) column.nullable = reader_.flag(value["nullable"], context, "\"nullable\"");
  if (value["default"] && value["default_sql"]) {
    reader_.fail(value["default_sql"], context + "give either \"default\" or \"default_sql\"");
  }
  if (value["default"]) {
    column.server_default =
        DefaultValue::literal(reader_.text(value["default"], context, "\"default\""));
  }
  if (value["default_sql"]) {
    column.server_default =
        DefaultValue::expression(reader_.text(value["default_sql"], context, "\"default_sql\""));
  }
  if (value["autoincrement"]) {
    column.autoincrement = reader_.flag(value["autoincrement"], context, "\"autoincrement\"");
  }
  if (const YAML::Node identity = value["identity"]) {
    column.identity =
        *identity_from_word(parse_word(reader_, identity, context, "identity", kIdentityWords));
  }
  if (const YAML::Node computed = value["computed"]) {
    reader_.expect_map(computed, context, "\"computed\"");
    reader_.check_keys(computed, kComputedKeys, context + "computed: ");
    if (!computed["sql"]) reader_.fail(computed, context + "computed: missing key \"sql\"");
    Computed& c = column.computed.emplace();
    c.expression = reader_.text(computed["sql"], context, "\"sql\"");
    if (computed["stored"]) c.stored = reader_.flag(computed["stored"], context, "\"stored\"");
  }
  if (value["collation"])
    column.collation = reader_.text(value["collation"], context, "\"collation\"");
  if (value["comment"]) column.comment = reader_.text(value["comment"], context, "\"comment\"");
}

// `unique:`, `references:` and `index:` on a column become table-level objects, appended in
// column order before the table-level lists (the writer relies on this order).
void ModelsLoader::load_column_links(Table& table, int ti, const YAML::Node& value,
                                     const std::string& context) {
  const Column& column = table.columns.back();
  if (const YAML::Node unique = value["unique"];
      unique && reader_.flag(unique, context, "\"unique\"")) {
    record({ObjectKind::kUnique, ti, static_cast<int>(table.unique_constraints.size())}, unique);
    table.unique_constraints.push_back({"", {column.name}});
  }
  const YAML::Node references = value["references"];
  for (const char* key : {"on_delete", "on_update", "deferrable"}) {
    if (value[key] && !references) {
      reader_.fail(value[key], context + "\"" + key + "\" needs \"references\"");
    }
  }
  if (references) {
    const std::string text = reader_.text(references, context, "\"references\"");
    std::optional<ColumnReference> ref = parse_column_reference(text);
    if (!ref) {
      reader_.fail(references, context +
                                   "references must be \"table.column\" or "
                                   "\"schema.table.column\", not " +
                                   quote_name(text));
    }
    ForeignKey fk{"", {column.name}, ref->schema, ref->table, {ref->column}};
    load_foreign_key_actions(reader_, value, context, fk);
    record({ObjectKind::kForeignKey, ti, static_cast<int>(table.foreign_keys.size())}, references);
    table.foreign_keys.push_back(std::move(fk));
  }
  if (const YAML::Node index = value["index"]; index && reader_.flag(index, context, "\"index\"")) {
    record({ObjectKind::kIndex, ti, static_cast<int>(table.indexes.size())}, index);
    Index ix;
    ix.name = column_index_name(table.name, column.name);
    ix.elements.push_back({column.name, "", false});
    table.indexes.push_back(std::move(ix));
  }
}

void ModelsLoader::load_options(Table& table, const YAML::Node& node, const std::string& context) {
  reader_.expect_map(node, context, "\"options\"");
  reader_.check_keys(node, kOptionKeys, context + "options: ");
  if (node["without_rowid"]) {
    table.without_rowid = reader_.flag(node["without_rowid"], context, "\"without_rowid\"");
  }
  if (node["strict"]) table.strict = reader_.flag(node["strict"], context, "\"strict\"");
}

YAML::Mark ModelsLoader::mark_of(ObjectRef where) const {
  auto found = [this](const ObjectRef& ref, YAML::Mark& out) {
    auto it = marks_.find(ref);
    if (it == marks_.end()) return false;
    out = it->second;
    return true;
  };
  YAML::Mark mark = YAML::Mark::null_mark();
  if (found(where, mark)) return mark;
  where.member = -1;
  if (found(where, mark)) return mark;
  where.part = ObjectPart::kWhole;
  if (found(where, mark)) return mark;
  if (where.kind != ObjectKind::kTable && where.kind != ObjectKind::kEnum &&
      where.kind != ObjectKind::kSchemaName) {
    found({ObjectKind::kTable, where.owner}, mark);
  }
  return mark;
}

}  // namespace detail

MetaData parse_models(std::string_view yaml_text, std::string_view filename) {
  detail::ModelsLoader loader{std::string(filename)};
  try {
    return loader.load(YAML::Load(std::string(yaml_text)));
  } catch (const YAML::Exception& e) {
    detail::YamlReader reader{std::string(filename)};
    reader.fail(e.mark, "malformed YAML: " + e.msg);
  }
}

MetaData load_models(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(SourceLocation{path.string()},
                     std::string("cannot read models file: ") + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    throw InputError(SourceLocation{path.string()}, "cannot read models file");
  }
  return parse_models(text.str(), path.string());
}

}  // namespace retort
