// An adapter that reads and writes tables and columns of operations in the models-file
// grammar through the schema layer's own loader and writer, so that both files share one
// grammar. The schema layer exposes only whole documents, so a table is wrapped in a
// document of its own: `tables: {<table>, <stubs>}`, where stub tables and enums stand for
// what the table references (foreign-key targets, enum types, relationship targets) so that
// the loader's validation accepts a table whose neighbours live elsewhere. The wrapper points
// at the caller's own nodes, so errors keep their file positions.
// TODO(schema): replace with node-level load/render functions of one table and one column
// once lib/src/schema exposes them.
#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "ops/op_yaml.hpp"
#include "retort/models_file.hpp"
#include "schema/models_grammar.hpp"
#include "schema/models_loader.hpp"
#include "schema/yaml_writer.hpp"

namespace retort::detail {
namespace {

// Nodes made up by the adapter; deque: stable addresses, since nodes point at each other.
class NodeArena {
 public:
  const YamlNode* scalar(std::string text) {
    YamlNode& n = nodes_.emplace_back();
    n.kind = YamlNode::Kind::kScalar;
    n.scalar = std::move(text);
    return &n;
  }
  YamlNode* map(YamlMark mark = {}) {
    YamlNode& n = nodes_.emplace_back();
    n.kind = YamlNode::Kind::kMap;
    n.mark = mark;
    return &n;
  }
  YamlNode* sequence() {
    YamlNode& n = nodes_.emplace_back();
    n.kind = YamlNode::Kind::kSequence;
    return &n;
  }
  void add(YamlNode* map, std::string key, const YamlNode* value) {
    map->entries.emplace_back(scalar(std::move(key)), value);
  }

 private:
  std::deque<YamlNode> nodes_;
};

struct Stubs {
  std::map<std::pair<std::string, std::string>, std::set<std::string>> tables;  // -> columns
  std::set<std::pair<std::string, std::string>> enums;                          // schema, name

  void add_type(const YamlNode* node) {
    if (node == nullptr || !node->is_scalar()) return;
    try {
      const Type type = Type::parse(node->scalar);
      if (type.kind != TypeKind::kEnum) return;
      const std::size_t dot = type.name.find('.');
      if (dot == std::string::npos) {
        enums.insert({"", type.name});
      } else {
        enums.insert({type.name.substr(0, dot), type.name.substr(dot + 1)});
      }
    } catch (const InputError&) {  // the loader reports it at the right place
    }
  }
  void add_table(const std::string& schema, const std::string& table, const YamlNode* columns) {
    auto& names = tables[{schema, table}];
    if (columns == nullptr || !columns->is_sequence()) return;
    for (const YamlNode* c : columns->items) {
      if (c->is_scalar()) names.insert(c->scalar);
    }
  }
};

std::string scalar_or_empty(const YamlNode* node) {
  return node != nullptr && node->is_scalar() ? node->scalar : std::string();
}

// Everything `body` references, found leniently: malformed parts are left to the loader.
Stubs collect_stubs(const YamlNode& body) {
  Stubs stubs;
  if (const YamlNode* columns = body.find("columns"); columns && columns->is_map()) {
    for (const auto& [key, value] : columns->entries) {
      if (value->is_scalar()) stubs.add_type(value);
      if (!value->is_map()) continue;
      stubs.add_type(value->find("type"));
      if (auto ref = parse_column_reference(scalar_or_empty(value->find("references")))) {
        stubs.tables[{ref->schema, ref->table}].insert(ref->column);
      }
    }
  }
  if (const YamlNode* fks = body.find("foreign_keys"); fks && fks->is_sequence()) {
    for (const YamlNode* fk : fks->items) {
      const YamlNode* ref = fk->is_map() ? fk->find("references") : nullptr;
      if (ref == nullptr || !ref->is_map()) continue;
      stubs.add_table(scalar_or_empty(ref->find("schema")), scalar_or_empty(ref->find("table")),
                      ref->find("columns"));
    }
  }
  if (const YamlNode* rels = body.find("relationships"); rels && rels->is_map()) {
    for (const auto& [key, value] : rels->entries) {
      if (!value->is_map()) continue;
      for (const char* field : {"target", "secondary"}) {
        if (std::string name = scalar_or_empty(value->find(field)); !name.empty()) {
          stubs.tables[{"", name}];
        }
      }
    }
  }
  return stubs;
}

const YamlNode& stub_document(NodeArena& arena, const YamlNode& key, const YamlNode& body,
                              const Stubs& stubs) {
  const std::string own_name = scalar_or_empty(body.find("name"));
  const std::string own_schema = scalar_or_empty(body.find("schema"));
  YamlNode* tables = arena.map();
  tables->entries.emplace_back(&key, &body);
  int n = 0;
  for (const auto& [ref, columns] : stubs.tables) {
    if (ref.second.empty() || (ref.first == own_schema && ref.second == own_name)) continue;
    YamlNode* stub = arena.map();
    arena.add(stub, "name", arena.scalar(ref.second));
    if (!ref.first.empty()) arena.add(stub, "schema", arena.scalar(ref.first));
    YamlNode* stub_columns = arena.map();
    for (const std::string& c : columns) arena.add(stub_columns, c, arena.scalar("text"));
    arena.add(stub, "columns", stub_columns);
    arena.add(tables, "__retort_stub_table_" + std::to_string(n++), stub);
  }
  YamlNode* root = arena.map();
  arena.add(root, "tables", tables);
  if (stubs.enums.empty()) return *root;
  YamlNode* enums = arena.map();
  for (const auto& [schema, name] : stubs.enums) {
    YamlNode* e = arena.map();
    arena.add(e, "name", arena.scalar(name));
    if (!schema.empty()) arena.add(e, "schema", arena.scalar(schema));
    YamlNode* values = arena.sequence();
    values->items.push_back(arena.scalar("stub"));
    arena.add(e, "values", values);
    arena.add(enums, "__retort_stub_enum_" + std::to_string(n++), e);
  }
  arena.add(root, "enums", enums);
  return *root;
}

std::string indent_lines(const std::string& text, std::size_t from, int extra) {
  std::string out;
  const std::string pad(static_cast<std::size_t>(std::max(extra, 0)), ' ');
  std::size_t start = from;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += pad + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

Table load_table_body(const YamlNode& body, const YamlReader& reader, const std::string& context) {
  reader.expect_map(body, context, "the table");
  const YamlNode* name = body.find("name");
  if (name == nullptr) reader.fail(body, context + "missing key \"name\"");
  reader.text(*name, context, "\"name\"");
  NodeArena arena;
  ModelsLoader loader(reader.filename());
  loader.tables_after_the_first_are_placeholders();
  MetaData md = loader.load(stub_document(arena, *name, body, collect_stubs(body)));
  return std::move(md.tables.front());
}

Column load_column_body(const YamlNode& name, const YamlNode& body, const TableRef& table,
                        const YamlReader& reader) {
  NodeArena arena;
  YamlNode* columns = arena.map(body.mark);
  columns->entries.emplace_back(&name, &body);
  YamlNode* table_body = arena.map(body.mark);
  arena.add(table_body, "name", arena.scalar(table.name));
  if (!table.schema.empty()) arena.add(table_body, "schema", arena.scalar(table.schema));
  arena.add(table_body, "columns", columns);
  return std::move(load_table_body(*table_body, reader, "").columns.front());
}

// dump_models of a one-table model is "tables:\n", the table's key (one line "  <key>:", or
// two, "  ? <key>" and "  :", when the key is too long for an implicit one), and then the
// table's lines, indented by four spaces. A key never holds a line break (it is quoted).
std::string render_table_body(const Table& table, int indent) {
  MetaData md;
  md.tables.push_back(table);
  const std::string text = dump_models(md);
  const std::size_t body = text.find("\n    ") + 1;
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  return pad + "name: " + yaml_scalar(table.name) + "\n" + indent_lines(text, body, indent - 4);
}

std::string render_column_entries(const Column& column) {
  Table table;
  table.name = "t";
  table.columns.push_back(column);
  MetaData md;
  md.tables.push_back(table);
  const std::string text = dump_models(md);
  const std::string prefix = yaml_key(column.name, "      ") + " ";
  const std::size_t at = text.find("\n" + prefix) + 1 + prefix.size();
  std::string rendered = text.substr(at, text.find('\n', at) - at);
  if (rendered.front() == '{') return rendered.substr(1, rendered.size() - 2);
  return "type: " + rendered;
}

}  // namespace retort::detail
