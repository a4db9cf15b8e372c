// Reading operations from YAML (grammar: docs/operations.md). Tables and columns use the
// models-file grammar (models_adapter.cpp); the other objects are read here with the
// models reader's primitives and words.
#include <algorithm>
#include <deque>

#include "ops/op_yaml.hpp"
#include "retort/suggest.hpp"
#include "schema/models_grammar.hpp"
#include "schema/models_loader.hpp"

namespace retort::detail {
namespace {

using Keys = std::vector<std::string_view>;

const Keys kColumnKeys = {"type",     "nullable", "default",   "default_sql", "autoincrement",
                          "identity", "computed", "collation", "comment"};

Keys with(Keys keys, std::initializer_list<std::string_view> more) {
  keys.insert(keys.end(), more);
  return keys;
}

class OpReader {
 public:
  OpReader(const YamlReader& reader, std::string context)
      : reader_(reader), context_(std::move(context)) {}

  const YamlReader& reader() const { return reader_; }
  const std::string& context() const { return context_; }
  [[noreturn]] void fail(const YamlNode& node, const std::string& message) const {
    reader_.fail(node, context_ + message);
  }

  void keys(const YamlNode& map, const Keys& allowed) const {
    reader_.expect_map(map, context_, "the operation's body");
    reader_.check_keys(map, allowed, context_);
  }
  const YamlNode& require(const YamlNode& map, std::string_view key) const {
    const YamlNode* node = map.find(key);
    if (node == nullptr) fail(map, "missing key " + in_quotes(key));
    return *node;
  }
  std::string text(const YamlNode& map, std::string_view key) const {
    return reader_.text(require(map, key), context_, in_quotes(key));
  }
  std::string optional_text(const YamlNode& map, std::string_view key) const {
    return map.find(key) ? text(map, key) : std::string();
  }
  bool flag(const YamlNode& map, std::string_view key) const {
    const YamlNode* node = map.find(key);
    return node != nullptr && reader_.flag(*node, context_, in_quotes(key));
  }
  std::vector<std::string> texts(const YamlNode& map, std::string_view key) const {
    return reader_.texts(require(map, key), context_, in_quotes(key));
  }
  TableRef table(const YamlNode& map) const {
    return {optional_text(map, "schema"), text(map, "table")};
  }

  // An optional before/after pair `{from: x, to: y}`, or a scalar meaning just `to`.
  template <typename T, typename Read>
  std::optional<Change<T>> change(const YamlNode& map, std::string_view key, Read read) const {
    const YamlNode* node = map.find(key);
    if (node == nullptr) return std::nullopt;
    Change<T> out;
    if (!node->is_map()) {
      out.to = read(*node);
      return out;
    }
    static constexpr std::string_view kPair[] = {"from", "to"};
    reader_.check_keys(*node, kPair, context_ + std::string(key) + ": ", /*allow_null=*/true);
    if (const YamlNode* from = node->find("from")) out.from = read(*from);
    out.to = read(require(*node, "to"));
    return out;
  }

  std::optional<DefaultValue> default_value(const YamlNode& node) const {
    if (node.is_null()) return std::nullopt;
    reader_.expect_map(node, context_, "a default (null, {value: ...} or {sql: ...})");
    static constexpr std::string_view kKeys[] = {"value", "sql"};
    reader_.check_keys(node, kKeys, context_);
    if (node.find("value")) return DefaultValue::literal(text(node, "value"));
    return DefaultValue::expression(text(node, "sql"));
  }
  std::string comment(const YamlNode& node) const {
    return node.is_null() ? std::string() : reader_.text(node, context_, "a comment");
  }
  Type type(const YamlNode& node) const {
    const std::string spelling = reader_.text(node, context_, "a type");
    try {
      return Type::parse(spelling);
    } catch (const InputError& e) {
      fail(node, e.what());
    }
  }
  Identity identity(const YamlNode& node) const {
    static constexpr std::string_view kWords[] = {"none", "always", "by_default"};
    const std::string word = parse_word(reader_, node, context_, "identity", kWords);
    return word == "none" ? Identity::kNone : *identity_from_word(word);
  }

  Index index(const YamlNode& map) const {
    Index ix;
    ix.name = text(map, "name");
    if (map.find("columns") && map.find("elements")) fail(map, "give \"columns\" or \"elements\"");
    if (map.find("columns")) {
      for (std::string& c : texts(map, "columns")) ix.elements.push_back({std::move(c), "", false});
    } else {
      const YamlNode& elements = require(map, "elements");
      reader_.expect_sequence(elements, context_, "\"elements\"");
      for (const YamlNode* e : elements.items) {
        static constexpr std::string_view kKeys[] = {"column", "expression", "desc"};
        reader_.expect_map(*e, context_, "an index element");
        reader_.check_keys(*e, kKeys, context_);
        ix.elements.push_back(
            {optional_text(*e, "column"), optional_text(*e, "expression"), flag(*e, "desc")});
      }
    }
    ix.unique = flag(map, "unique");
    ix.where = optional_text(map, "where");
    return ix;
  }
  ForeignKey foreign_key(const YamlNode& map) const {
    ForeignKey fk;
    fk.name = optional_text(map, "name");
    fk.columns = texts(map, "columns");
    const YamlNode& ref = require(map, "references");
    static constexpr std::string_view kKeys[] = {"schema", "table", "columns"};
    reader_.expect_map(ref, context_, "\"references\"");
    reader_.check_keys(ref, kKeys, context_ + "references: ");
    fk.ref_schema = optional_text(ref, "schema");
    fk.ref_table = text(ref, "table");
    fk.ref_columns = texts(ref, "columns");
    load_foreign_key_actions(reader_, map, context_, fk);
    return fk;
  }
  std::vector<DataRow> rows(const YamlNode& map) const {
    const YamlNode& rows = require(map, "rows");
    reader_.expect_sequence(rows, context_, "\"rows\"");
    std::vector<DataRow> out;
    for (const YamlNode* row : rows.items) {
      reader_.expect_map(*row, context_, "a row");
      DataRow& values = out.emplace_back();
      for (const auto& [key, value] : row->entries) {
        std::optional<std::string> v;
        if (!value->is_null()) v = reader_.text(*value, context_, "a value");
        values.emplace_back(reader_.text(*key, context_, "a column name"), std::move(v));
      }
    }
    return out;
  }
  // `sql:` and the per-dialect keys of `map` (other keys are the caller's business).
  SqlText sql_text(const YamlNode& node) const {
    if (node.is_scalar()) return {node.scalar, {}};
    reader_.expect_map(node, context_, "the SQL");
    SqlText out{optional_text(node, "sql"), {}};
    for (const char* dialect : {"sqlite", "postgresql"}) {
      if (node.find(dialect)) out.per_dialect[dialect] = text(node, dialect);
    }
    if (out.sql.empty() && out.per_dialect.empty()) fail(node, "no SQL given");
    return out;
  }

 private:
  const YamlReader& reader_;
  std::string context_;
};

Operation parse_table_op(const std::string& name, const YamlNode& body, const OpReader& r) {
  const bool drop = name == "drop_table";
  if (drop && body.is_map() && !body.find("columns")) {
    r.keys(body, Keys{"name", "schema"});
    Table t;
    t.name = r.text(body, "name");
    t.schema = r.optional_text(body, "schema");
    return ops::DropTable{std::move(t), false};
  }
  Table t = load_table_body(body, r.reader(), r.context());
  if (drop) return ops::DropTable{std::move(t), true};
  return ops::CreateTable{std::move(t)};
}

Operation parse_column_op(const std::string& name, const YamlNode& body, const OpReader& r) {
  r.keys(body, with(kColumnKeys, {"schema", "table", "column"}));
  const TableRef table = r.table(body);
  const YamlNode& column_name = r.require(body, "column");
  r.text(body, "column");
  YamlNode column;  // the column's own keys, pointing at the caller's nodes
  column.kind = YamlNode::Kind::kMap;
  column.mark = body.mark;
  for (const auto& entry : body.entries) {
    const std::string& key = entry.first->scalar;
    if (key != "schema" && key != "table" && key != "column") column.entries.push_back(entry);
  }
  if (name == "drop_column" && column.entries.empty()) {
    Column c;
    c.name = column_name.scalar;
    return ops::DropColumn{table, std::move(c), false};
  }
  Column c = load_column_body(column_name, column, table, r.reader());
  if (name == "drop_column") return ops::DropColumn{table, std::move(c), true};
  return ops::AddColumn{table, std::move(c)};
}

Operation parse_alter_column(const YamlNode& body, const OpReader& r) {
  r.keys(body, Keys{"schema", "table", "column", "type", "using", "reverse_using", "nullable",
                    "default", "comment", "autoincrement", "identity"});
  ops::AlterColumn o;
  o.table = r.table(body);
  o.column = r.text(body, "column");
  auto flag = [&](const YamlNode& n) { return r.reader().flag(n, r.context(), "a flag"); };
  o.type = r.change<Type>(body, "type", [&](const YamlNode& n) { return r.type(n); });
  o.using_sql = r.optional_text(body, "using");
  o.reverse_using_sql = r.optional_text(body, "reverse_using");
  o.nullable = r.change<bool>(body, "nullable", flag);
  if (const YamlNode* d = body.find("default"); d && !d->is_map()) {
    r.fail(*d, "\"default\" must be {from: ..., to: ...}");
  }
  o.server_default = r.change<std::optional<DefaultValue>>(
      body, "default", [&](const YamlNode& n) { return r.default_value(n); });
  o.comment =
      r.change<std::string>(body, "comment", [&](const YamlNode& n) { return r.comment(n); });
  o.autoincrement = r.change<bool>(body, "autoincrement", flag);
  o.identity =
      r.change<Identity>(body, "identity", [&](const YamlNode& n) { return r.identity(n); });
  return o;
}

Operation parse_index_op(const std::string& name, const YamlNode& body, const OpReader& r) {
  r.keys(body, Keys{"schema", "table", "name", "columns", "elements", "unique", "where"});
  const TableRef table = r.table(body);
  if (name == "drop_index" && !body.find("columns") && !body.find("elements")) {
    Index ix;
    ix.name = r.text(body, "name");
    return ops::DropIndex{table, std::move(ix), false};
  }
  Index ix = r.index(body);
  if (name == "drop_index") return ops::DropIndex{table, std::move(ix), true};
  return ops::CreateIndex{table, std::move(ix)};
}

Operation parse_drop_constraint(const YamlNode& body, const OpReader& r) {
  r.keys(body, Keys{"schema", "table", "name", "type", "columns", "references", "on_delete",
                    "on_update", "deferrable", "sql"});
  ops::DropConstraint o{r.table(body), r.optional_text(body, "name"), std::nullopt};
  const YamlNode* type_node = body.find("type");
  if (type_node == nullptr) {
    if (o.name.empty()) r.fail(body, "missing key \"name\"");
    return o;
  }
  static constexpr std::string_view kTypes[] = {"unique", "foreign_key", "check"};
  const std::string type = parse_word(r.reader(), *type_node, r.context(), "type", kTypes);
  if (type == "unique") o.constraint = UniqueConstraint{o.name, r.texts(body, "columns")};
  if (type == "check") o.constraint = CheckConstraint{o.name, r.text(body, "sql")};
  if (type == "foreign_key") o.constraint = r.foreign_key(body);
  return o;
}

Operation parse_key_op(const std::string& name, const YamlNode& body, const OpReader& r) {
  if (name == "create_unique_constraint") {
    r.keys(body, Keys{"schema", "table", "name", "columns"});
    return ops::CreateUniqueConstraint{r.table(body),
                                       {r.optional_text(body, "name"), r.texts(body, "columns")}};
  }
  if (name == "create_check_constraint") {
    r.keys(body, Keys{"schema", "table", "name", "sql"});
    return ops::CreateCheckConstraint{r.table(body),
                                      {r.optional_text(body, "name"), r.text(body, "sql")}};
  }
  if (name == "create_foreign_key") {
    r.keys(body, Keys{"schema", "table", "name", "columns", "references", "on_delete", "on_update",
                      "deferrable"});
    return ops::CreateForeignKey{r.table(body), r.foreign_key(body)};
  }
  r.keys(body, Keys{"schema", "table", "name", "columns"});
  if (name == "drop_primary_key") {
    const bool complete = body.find("columns") != nullptr;
    PrimaryKey key{r.optional_text(body, "name"),
                   complete ? r.texts(body, "columns") : std::vector<std::string>{}};
    return ops::DropPrimaryKey{r.table(body), std::move(key), complete};
  }
  return ops::CreatePrimaryKey{r.table(body),
                               {r.optional_text(body, "name"), r.texts(body, "columns")}};
}

Operation parse_enum_op(const std::string& name, const YamlNode& body, const OpReader& r) {
  if (name == "create_enum" || name == "drop_enum") {
    r.keys(body, Keys{"schema", "name", "values"});
    EnumType e{r.optional_text(body, "schema"), r.text(body, "name"), {}};
    const bool complete = name == "create_enum" || body.find("values") != nullptr;
    if (complete) e.values = r.texts(body, "values");
    if (name == "create_enum") return ops::CreateEnum{std::move(e)};
    return ops::DropEnum{std::move(e), complete};
  }
  if (name == "rename_enum") {
    r.keys(body, Keys{"schema", "name", "to"});
    return ops::RenameEnum{r.optional_text(body, "schema"), r.text(body, "name"),
                           r.text(body, "to")};
  }
  r.keys(body, Keys{"schema", "name", "value", "before", "after"});
  if (body.find("before") && body.find("after")) r.fail(body, "give \"before\" or \"after\"");
  ops::AddEnumValue o{r.optional_text(body, "schema"), r.text(body, "name"), r.text(body, "value"),
                      r.optional_text(body, "before"), r.optional_text(body, "after")};
  if (name == "add_enum_value") return o;
  return ops::RemoveEnumValue{o.schema, o.name, o.value, o.before, o.after};
}

Operation parse_data_op(const std::string& name, const YamlNode& body, const OpReader& r) {
  if (name == "execute") {
    if (body.is_scalar()) return ops::Execute{r.sql_text(body), std::nullopt};
    r.keys(body, Keys{"sql", "sqlite", "postgresql", "reverse"});
    ops::Execute o{r.sql_text(body), std::nullopt};
    if (const YamlNode* reverse = body.find("reverse")) {
      if (reverse->is_map()) {
        static constexpr std::string_view kKeys[] = {"sql", "sqlite", "postgresql"};
        r.reader().check_keys(*reverse, kKeys, r.context() + "reverse: ");
      }
      o.reverse = r.sql_text(*reverse);
    }
    return o;
  }
  r.keys(body, Keys{"schema", "table", "key", "rows"});
  std::vector<std::string> key =
      body.find("key") ? r.texts(body, "key") : std::vector<std::string>{};
  if (name == "bulk_insert") return ops::BulkInsert{r.table(body), std::move(key), r.rows(body)};
  if (key.empty()) r.fail(body, "missing key \"key\"");
  return ops::BulkDelete{r.table(body), std::move(key), r.rows(body)};
}

Operation parse_other_op(const std::string& name, const YamlNode& body, const OpReader& r) {
  if (name == "rename_table") {
    r.keys(body, Keys{"schema", "table", "to"});
    return ops::RenameTable{r.table(body), r.text(body, "to")};
  }
  if (name == "rename_column") {
    r.keys(body, Keys{"schema", "table", "column", "to"});
    return ops::RenameColumn{r.table(body), r.text(body, "column"), r.text(body, "to")};
  }
  if (name == "set_table_comment" || name == "set_column_comment") {
    const bool column = name == "set_column_comment";
    r.keys(body, column ? Keys{"schema", "table", "column", "from", "to"}
                        : Keys{"schema", "table", "from", "to"});
    Change<std::string> c{std::nullopt, r.comment(r.require(body, "to"))};
    if (const YamlNode* from = body.find("from")) c.from = r.comment(*from);
    if (column) return ops::SetColumnComment{r.table(body), r.text(body, "column"), c};
    return ops::SetTableComment{r.table(body), c};
  }
  r.keys(body, Keys{"name"});
  if (name == "create_schema") return ops::CreateSchema{r.text(body, "name")};
  return ops::DropSchema{r.text(body, "name")};
}

Operation parse_body(const std::string& name, const YamlNode& body, const OpReader& r) {
  if (name == "create_table" || name == "drop_table") return parse_table_op(name, body, r);
  if (name == "add_column" || name == "drop_column") return parse_column_op(name, body, r);
  if (name == "alter_column") return parse_alter_column(body, r);
  if (name == "create_index" || name == "drop_index") return parse_index_op(name, body, r);
  if (name == "drop_constraint") return parse_drop_constraint(body, r);
  if (name.ends_with("_constraint") || name.ends_with("_key")) return parse_key_op(name, body, r);
  if (name.find("enum") != std::string::npos) return parse_enum_op(name, body, r);
  if (name == "execute" || name.starts_with("bulk_")) return parse_data_op(name, body, r);
  return parse_other_op(name, body, r);
}

}  // namespace

Operation parse_operation(const YamlNode& item, const YamlReader& reader, std::size_t position) {
  const std::string where = "operation " + std::to_string(position) + ": ";
  if (!item.is_map() || item.entries.size() != 1) {
    reader.fail(item, where + "an operation must be a mapping with one key, the operation's name");
  }
  const YamlNode& key = *item.entries.front().first;
  const YamlNode& body = *item.entries.front().second;
  const std::string name = reader.text(key, where, "the operation's name");
  const auto& names = op_names();
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    std::string message = where + "unknown operation " + in_quotes(name);
    const std::string suggestion = closest_word(name, names);
    if (!suggestion.empty()) message += " (did you mean " + in_quotes(suggestion) + "?)";
    reader.fail(key, message);
  }
  return parse_body(name, body, OpReader(reader, where + name + ": "));
}

std::vector<Operation> parse_operations(const YamlNode& node, const YamlReader& reader) {
  std::vector<Operation> out;
  if (node.is_null()) return out;
  reader.expect_sequence(node, "", "a list of operations");
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    out.push_back(parse_operation(*node.items[i], reader, i + 1));
  }
  return out;
}

}  // namespace retort::detail

namespace retort {

namespace {

detail::YamlDocument parse_document(std::string_view text, const detail::YamlReader& reader) {
  try {
    return detail::YamlDocument::parse(text);
  } catch (const detail::YamlSyntaxError& e) {
    reader.fail(e.mark, "malformed YAML: " + e.message);
  }
}

}  // namespace

std::vector<Operation> parse_operations(std::string_view yaml_text, std::string_view filename,
                                        int line_offset) {
  const detail::YamlReader reader{std::string(filename)};
  // Blank lines in front move every mark down by `line_offset`.
  const std::string text = std::string(static_cast<std::size_t>(std::max(line_offset, 0)), '\n') +
                           std::string(yaml_text);
  const detail::YamlDocument document = parse_document(text, reader);
  return detail::parse_operations(document.root(), reader);
}

std::vector<Operation> parse_operations_at(std::string_view document_text, std::string_view key,
                                           std::string_view filename) {
  const detail::YamlReader reader{std::string(filename)};
  const detail::YamlDocument document = parse_document(document_text, reader);
  const detail::YamlNode& root = document.root();
  if (root.is_null()) return {};
  reader.expect_map(root, "", "the document");
  const detail::YamlNode* node = root.find(key);
  return node == nullptr ? std::vector<Operation>{} : detail::parse_operations(*node, reader);
}

}  // namespace retort
