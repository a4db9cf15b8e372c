// Loading the models file: the document, schemas, enums, tables and columns. Table-level
// constraints are in models_file_load_table.cpp. Grammar: docs/models.md.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "retort/models_file.hpp"
#include "schema/models_grammar.hpp"
#include "schema/models_loader.hpp"

namespace retort {
namespace detail {
namespace {

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

}  // namespace

std::string table_context(std::string_view name) { return "table " + in_quotes(name) + ": "; }

Type ModelsLoader::parse_type(const YamlNode& node, const std::string& context) {
  const std::string_view text = reader_.text_view(node, context, "the type");
  if (auto found = types_.find(text); found != types_.end()) return found->second;
  try {
    return types_.emplace(std::string(text), Type::parse(text)).first->second;
  } catch (const InputError& e) {
    reader_.fail(node, context + e.what());
  }
}

MetaData ModelsLoader::load(const YamlNode& root) {
  if (root.is_null()) return md_;  // an empty document is an empty model
  reader_.expect_map(root, "", "the models document");
  reader_.check_keys(root, kTopKeys, "", /*allow_null=*/true);
  if (const YamlNode* schemas = root.find("schemas"); schemas && !schemas->is_null()) {
    load_schemas(*schemas);
  }
  if (const YamlNode* enums = root.find("enums"); enums && !enums->is_null()) load_enums(*enums);
  if (const YamlNode* tables = root.find("tables"); tables && !tables->is_null()) {
    reader_.expect_map(*tables, "", "\"tables\"");
    md_.tables.reserve(tables->entries.size());
    marks_.reserve(tables->entries.size() * 16);
    for (const auto& [key, value] : tables->entries) load_table(*key, *value);
  }
  if (std::optional<ValidationIssue> issue = find_issue(md_, validation_)) {
    reader_.fail(mark_of(issue->where), issue->message);
  }
  return std::move(md_);
}

void ModelsLoader::load_schemas(const YamlNode& node) {
  reader_.expect_sequence(node, "", "\"schemas\"");
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    record({ObjectKind::kSchemaName, static_cast<int>(i)}, *node.items[i]);
    md_.schemas.push_back(reader_.text(*node.items[i], "", "a schema name"));
  }
}

void ModelsLoader::load_enums(const YamlNode& node) {
  reader_.expect_map(node, "", "\"enums\"");
  for (const auto& [key, value] : node.entries) load_enum(*key, *value);
}

void ModelsLoader::load_enum(const YamlNode& key, const YamlNode& value) {
  const int ei = static_cast<int>(md_.enums.size());
  EnumType& e = md_.enums.emplace_back();
  e.name = reader_.text(key, "", "an enum name");
  record({ObjectKind::kEnum, ei}, key);
  const std::string context = "enum " + in_quotes(e.name) + ": ";
  const YamlNode* values = &value;
  if (value.is_map()) {
    reader_.check_keys(value, kEnumKeys, context);
    if (const YamlNode* name = value.find("name"))
      e.name = reader_.text(*name, context, "\"name\"");
    if (const YamlNode* schema = value.find("schema")) {
      e.schema = reader_.text(*schema, context, "\"schema\"");
    }
    values = value.find("values");
    if (values == nullptr) reader_.fail(value, context + "missing key \"values\"");
  } else if (!value.is_sequence()) {
    reader_.fail(value, context + "an enum must be a sequence of values or a mapping, not " +
                            std::string(node_kind(value)));
  }
  e.values = reader_.texts(*values, context, "\"values\"");
  for (std::size_t v = 0; v < values->items.size(); ++v) {
    record({ObjectKind::kEnum, ei, -1, ObjectPart::kValues, static_cast<int>(v)},
           *values->items[v]);
  }
}

void ModelsLoader::load_table(const YamlNode& key, const YamlNode& value) {
  const int ti = static_cast<int>(md_.tables.size());
  Table& table = md_.tables.emplace_back();  // stays valid: nothing below adds tables
  table.name = reader_.text(key, "", "a table name");
  record({ObjectKind::kTable, ti}, key);
  std::string context = table_context(table.name);
  if (value.is_null()) return;  // `name:` alone declares a table without columns
  reader_.expect_map(value, context, "a table");
  reader_.check_keys(value, kTableKeys, context);
  if (const YamlNode* name = value.find("name")) {  // before the columns: ix_<table>_<column>
    table.name = reader_.text(*name, context, "\"name\"");
    context = table_context(table.name);
  }
  if (const YamlNode* schema = value.find("schema")) {
    table.schema = reader_.text(*schema, context, "\"schema\"");
  }
  if (const YamlNode* comment = value.find("comment")) {
    table.comment = reader_.text(*comment, context, "\"comment\"");
  }
  ColumnExtras extras;
  if (const YamlNode* columns = value.find("columns")) {
    load_columns(table, ti, *columns, context, extras);
  }
  load_primary_key(table, ti, value.find("primary_key"), extras, context);
  if (const YamlNode* node = value.find("foreign_keys"))
    load_foreign_keys(table, ti, *node, context);
  if (const YamlNode* node = value.find("unique")) load_uniques(table, ti, *node, context);
  if (const YamlNode* node = value.find("checks")) load_checks(table, ti, *node, context);
  if (const YamlNode* node = value.find("indexes")) load_indexes(table, ti, *node, context);
  if (const YamlNode* node = value.find("relationships")) {
    load_relationships(table, ti, *node, context);
  }
  if (const YamlNode* node = value.find("options")) load_options(table, *node, context);
}

void ModelsLoader::load_columns(Table& table, int ti, const YamlNode& node,
                                const std::string& table_ctx, ColumnExtras& extras) {
  reader_.expect_map(node, table_ctx, "\"columns\"");
  table.columns.reserve(node.entries.size());
  extras.explicit_nullable.reserve(node.entries.size());
  for (const auto& [key, value] : node.entries) {
    load_column(table, ti, *key, *value, table_ctx, extras);
  }
}

void ModelsLoader::load_column(Table& table, int ti, const YamlNode& key, const YamlNode& value,
                               const std::string& table_ctx, ColumnExtras& extras) {
  const int ci = static_cast<int>(table.columns.size());
  Column& column = table.columns.emplace_back();
  column.name = reader_.text(key, table_ctx, "a column name");
  record({ObjectKind::kColumn, ti, ci}, key);
  const std::string context = table_ctx + "column " + in_quotes(column.name) + ": ";
  extras.explicit_nullable.push_back(false);
  if (value.is_null()) reader_.fail(key, context + "missing type");
  if (value.is_scalar()) {  // short form: `name: type`
    column.type = parse_type(value, context);
    record({ObjectKind::kColumn, ti, ci, ObjectPart::kType}, value);
    return;
  }
  if (!value.is_map()) {
    reader_.fail(value, context + "a column must be a type or a mapping, not " +
                            std::string(node_kind(value)));
  }
  reader_.check_keys(value, kColumnKeys, context);
  const YamlNode* type = value.find("type");
  if (type == nullptr) reader_.fail(value, context + "missing key \"type\"");
  column.type = parse_type(*type, context);
  record({ObjectKind::kColumn, ti, ci, ObjectPart::kType}, *type);
  load_column_body(column, value, context);
  extras.explicit_nullable.back() = value.find("nullable") != nullptr;
  if (const YamlNode* pk = value.find("primary_key");
      pk && reader_.flag(*pk, context, "\"primary_key\"")) {
    extras.primary_key.push_back(ci);
    extras.primary_key_nodes.push_back(pk);
  }
  load_column_links(table, ti, value, context);
}

void ModelsLoader::load_column_body(Column& column, const YamlNode& value,
                                    const std::string& context) {
  if (const YamlNode* node = value.find("nullable")) {
    column.nullable = reader_.flag(*node, context, "\"nullable\"");
  }
  const YamlNode* literal = value.find("default");
  const YamlNode* sql = value.find("default_sql");
  if (literal && sql) reader_.fail(*sql, context + "give either \"default\" or \"default_sql\"");
  if (literal) {
    column.server_default = DefaultValue::literal(reader_.text(*literal, context, "\"default\""));
  }
  if (sql) {
    column.server_default =
        DefaultValue::expression(reader_.text(*sql, context, "\"default_sql\""));
  }
  if (const YamlNode* node = value.find("autoincrement")) {
    column.autoincrement = reader_.flag(*node, context, "\"autoincrement\"");
  }
  if (const YamlNode* node = value.find("identity")) {
    column.identity =
        *identity_from_word(parse_word(reader_, *node, context, "identity", kIdentityWords));
  }
  if (const YamlNode* computed = value.find("computed")) {
    reader_.expect_map(*computed, context, "\"computed\"");
    reader_.check_keys(*computed, kComputedKeys, context + "computed: ");
    const YamlNode* expression = computed->find("sql");
    if (expression == nullptr) reader_.fail(*computed, context + "computed: missing key \"sql\"");
    Computed& c = column.computed.emplace();
    c.expression = reader_.text(*expression, context, "\"sql\"");
    if (const YamlNode* stored = computed->find("stored")) {
      c.stored = reader_.flag(*stored, context, "\"stored\"");
    }
  }
  if (const YamlNode* node = value.find("collation")) {
    column.collation = reader_.text(*node, context, "\"collation\"");
  }
  if (const YamlNode* node = value.find("comment")) {
    column.comment = reader_.text(*node, context, "\"comment\"");
  }
}

// `unique:`, `references:` and `index:` on a column become table-level objects, appended in
// column order before the table-level lists (the writer relies on this order).
void ModelsLoader::load_column_links(Table& table, int ti, const YamlNode& value,
                                     const std::string& context) {
  const Column& column = table.columns.back();
  if (const YamlNode* unique = value.find("unique");
      unique && reader_.flag(*unique, context, "\"unique\"")) {
    record({ObjectKind::kUnique, ti, static_cast<int>(table.unique_constraints.size())}, *unique);
    table.unique_constraints.push_back({"", {column.name}});
  }
  const YamlNode* references = value.find("references");
  for (std::string_view key : {"on_delete", "on_update", "deferrable"}) {
    if (references) break;
    if (const YamlNode* node = value.find(key)) {
      reader_.fail(*node, context + in_quotes(key) + " needs \"references\"");
    }
  }
  if (references) {
    const std::string text = reader_.text(*references, context, "\"references\"");
    std::optional<ColumnReference> ref = parse_column_reference(text);
    if (!ref) {
      reader_.fail(*references, context +
                                    "references must be \"table.column\" or "
                                    "\"schema.table.column\", not " +
                                    in_quotes(text));
    }
    ForeignKey fk{"", {column.name}, ref->schema, ref->table, {ref->column}};
    load_foreign_key_actions(reader_, value, context, fk);
    record({ObjectKind::kForeignKey, ti, static_cast<int>(table.foreign_keys.size())}, *references);
    table.foreign_keys.push_back(std::move(fk));
  }
  if (const YamlNode* index = value.find("index");
      index && reader_.flag(*index, context, "\"index\"")) {
    record({ObjectKind::kIndex, ti, static_cast<int>(table.indexes.size())}, *index);
    Index ix;
    ix.name = column_index_name(table.name, column.name);
    ix.elements.push_back({column.name, "", false});
    table.indexes.push_back(std::move(ix));
  }
}

void ModelsLoader::load_options(Table& table, const YamlNode& node, const std::string& context) {
  reader_.expect_map(node, context, "\"options\"");
  reader_.check_keys(node, kOptionKeys, context + "options: ");
  if (const YamlNode* flag = node.find("without_rowid")) {
    table.without_rowid = reader_.flag(*flag, context, "\"without_rowid\"");
  }
  if (const YamlNode* flag = node.find("strict")) {
    table.strict = reader_.flag(*flag, context, "\"strict\"");
  }
}

YamlMark ModelsLoader::mark_of(ObjectRef where) const {
  auto found = [this](const ObjectRef& ref, YamlMark& out) {
    for (auto it = marks_.rbegin(); it != marks_.rend(); ++it) {
      if (it->first == ref) {
        out = it->second;
        return true;
      }
    }
    return false;
  };
  YamlMark mark;
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
  detail::YamlDocument document;
  try {
    document = detail::YamlDocument::parse(yaml_text);
  } catch (const detail::YamlSyntaxError& e) {
    detail::YamlReader{std::string(filename)}.fail(e.mark, "malformed YAML: " + e.message);
  }
  return detail::ModelsLoader{std::string(filename)}.load(document.root());
}

MetaData load_models(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(SourceLocation{path.string()},
                     std::string("cannot read models file: ") + std::strerror(errno));
  }
  // Read straight into one string (sized up front when the size is known), not through a
  // growing stringstream and a copy out of it.
  std::string text;
  std::error_code size_error;
  if (const auto size = std::filesystem::file_size(path, size_error); !size_error) {
    text.reserve(static_cast<std::size_t>(size));
  }
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    throw InputError(SourceLocation{path.string()}, "cannot read models file");
  }
  return parse_models(text, path.string());
}

}  // namespace retort
