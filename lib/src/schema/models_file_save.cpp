// Writing the models file in the canonical grammar (docs/models.md, "Canonical form").
//
// The loader turns column-level `primary_key`, `unique`, `references` and `index` flags into
// table-level objects appended in column order before the table-level lists. The writer uses
// a column flag only where loading it back rebuilds the same object at the same position: the
// leading run of unnamed single-column constraints whose columns increase in column order.
// Everything else is written at table level, so parse(dump(m)) == m for every valid model.
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <system_error>

#include "retort/error.hpp"
#include "retort/models_file.hpp"
#include "schema/models_grammar.hpp"
#include "schema/yaml_writer.hpp"

namespace retort {
namespace detail {
namespace {

int column_position(const Table& table, std::string_view name) {
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// For each of the leading items that `column_of` maps to a column (or -1 to stop), with
// strictly increasing positions: flags[position] = index of the item. Returns the run length.
template <typename Item, typename ColumnOf>
std::size_t leading_column_run(const Table& table, const std::vector<Item>& items,
                               ColumnOf column_of, std::vector<int>& flags) {
  flags.assign(table.columns.size(), -1);
  int last = -1;
  std::size_t n = 0;
  for (; n < items.size(); ++n) {
    const int position = column_of(items[n]);
    if (position <= last) break;
    flags[position] = static_cast<int>(n);
    last = position;
  }
  return n;
}

// Which objects of one table are written as column flags.
struct InlinePlan {
  bool primary_key = false;
  std::size_t uniques = 0, foreign_keys = 0, indexes = 0;  // leading items written inline
  std::vector<int> unique_of, foreign_key_of, index_of;    // per column: item index or -1
  std::vector<bool> in_primary_key;                        // per column
};

InlinePlan plan_inline(const Table& table) {
  InlinePlan plan;
  plan.in_primary_key.assign(table.columns.size(), false);
  if (table.primary_key) {
    const PrimaryKey& pk = *table.primary_key;
    std::vector<int> unused;
    std::size_t run = leading_column_run(
        table, pk.columns, [&](const std::string& c) { return column_position(table, c); }, unused);
    plan.primary_key = pk.name.empty() && !pk.columns.empty() && run == pk.columns.size();
    for (const std::string& c : pk.columns) {
      if (int p = column_position(table, c); p >= 0) plan.in_primary_key[p] = true;
    }
  }
  plan.uniques = leading_column_run(
      table, table.unique_constraints,
      [&](const UniqueConstraint& u) {
        return u.name.empty() && u.columns.size() == 1 ? column_position(table, u.columns[0]) : -1;
      },
      plan.unique_of);
  plan.foreign_keys = leading_column_run(
      table, table.foreign_keys,
      [&](const ForeignKey& fk) {
        if (!fk.name.empty() || fk.columns.size() != 1 || fk.ref_columns.size() != 1) return -1;
        if (!format_column_reference({fk.ref_schema, fk.ref_table, fk.ref_columns[0]})) return -1;
        return column_position(table, fk.columns[0]);
      },
      plan.foreign_key_of);
  plan.indexes = leading_column_run(
      table, table.indexes,
      [&](const Index& ix) {
        if (ix.elements.size() != 1 || ix.unique || !ix.where.empty()) return -1;
        const IndexElement& e = ix.elements[0];
        if (e.column.empty() || !e.expression.empty() || e.descending) return -1;
        if (ix.name != column_index_name(table.name, e.column)) return -1;
        return column_position(table, e.column);
      },
      plan.index_of);
  return plan;
}

void add_actions(FlowMap& map, const ForeignKey& fk) {
  if (fk.on_delete != ReferentialAction::kNoAction) {
    map.add("on_delete", std::string(action_word(fk.on_delete)));
  }
  if (fk.on_update != ReferentialAction::kNoAction) {
    map.add("on_update", std::string(action_word(fk.on_update)));
  }
  if (fk.deferrable != Deferrable::kNotDeferrable) {
    map.add("deferrable", std::string(deferrable_word(fk.deferrable)));
  }
}

// The column's flow mapping, or just its type when nothing else needs saying.
std::string render_column(const Table& table, const InlinePlan& plan, std::size_t i) {
  const Column& c = table.columns[i];
  FlowMap map;
  map.add_text("type", c.type.to_string());
  const bool default_nullable = !plan.in_primary_key[i];
  if (c.nullable != default_nullable) map.add_flag("nullable", c.nullable);
  if (c.server_default) {
    map.add_text(c.server_default->kind == DefaultValue::Kind::kLiteral ? "default" : "default_sql",
                 c.server_default->text);
  }
  if (plan.primary_key && plan.in_primary_key[i]) map.add_flag("primary_key", true);
  if (c.autoincrement) map.add_flag("autoincrement", true);
  if (c.identity != Identity::kNone) map.add("identity", std::string(identity_word(c.identity)));
  if (c.computed) {
    map.add("computed", FlowMap()
                            .add_text("sql", c.computed->expression)
                            .add_flag("stored", c.computed->stored)
                            .str());
  }
  if (!c.collation.empty()) map.add_text("collation", c.collation);
  if (!c.comment.empty()) map.add_text("comment", c.comment);
  if (plan.unique_of[i] >= 0) map.add_flag("unique", true);
  if (const int f = plan.foreign_key_of[i]; f >= 0) {
    const ForeignKey& fk = table.foreign_keys[f];
    map.add_text("references",
                 *format_column_reference({fk.ref_schema, fk.ref_table, fk.ref_columns[0]}));
    add_actions(map, fk);
  }
  if (plan.index_of[i] >= 0) map.add_flag("index", true);
  return map.size() == 1 ? yaml_scalar(c.type.to_string()) : map.str();
}

std::string render_foreign_key(const ForeignKey& fk) {
  FlowMap map;
  if (!fk.name.empty()) map.add_text("name", fk.name);
  map.add("columns", yaml_flow_sequence(fk.columns));
  FlowMap ref;
  if (!fk.ref_schema.empty()) ref.add_text("schema", fk.ref_schema);
  ref.add_text("table", fk.ref_table).add("columns", yaml_flow_sequence(fk.ref_columns));
  map.add("references", ref.str());
  add_actions(map, fk);
  return map.str();
}

std::string render_index(const Index& index) {
  FlowMap map;
  map.add_text("name", index.name);
  bool simple = true;
  std::vector<std::string> columns;
  for (const IndexElement& e : index.elements) {
    simple = simple && !e.column.empty() && e.expression.empty() && !e.descending;
    columns.push_back(e.column);
  }
  if (simple && !index.elements.empty()) {
    map.add("columns", yaml_flow_sequence(columns));
  } else {
    std::string elements = "[";
    for (std::size_t i = 0; i < index.elements.size(); ++i) {
      const IndexElement& e = index.elements[i];
      FlowMap element;
      if (!e.column.empty()) element.add_text("column", e.column);
      if (!e.expression.empty()) element.add_text("expression", e.expression);
      if (e.descending) element.add_flag("desc", true);
      elements += (i ? ", " : "") + element.str();
    }
    map.add("elements", elements + "]");
  }
  if (index.unique) map.add_flag("unique", true);
  if (!index.where.empty()) map.add_text("where", index.where);
  return map.str();
}

std::string render_relationship(const Table& table, const Relationship& rel) {
  FlowMap map;
  map.add_text("target", rel.target);
  if (rel.kind != inferred_relationship_kind(table, rel)) map.add("kind", to_string(rel.kind));
  if (!rel.secondary.empty()) map.add_text("secondary", rel.secondary);
  if (!rel.back_populates.empty()) map.add_text("back_populates", rel.back_populates);
  if (!rel.cascade.empty()) map.add_text("cascade", rel.cascade);
  return map.str();
}

// Mapping keys for tables and enums: the name, unless an earlier entry took it (the same name
// in another schema); then a free "schema.name" key with an explicit `name:`.
class KeyChooser {
 public:
  std::string choose(const std::string& name, const std::string& schema) {
    if (used_.insert(name).second) return name;
    std::string base = schema + "." + name;
    std::string key = base;
    for (int n = 2; !used_.insert(key).second; ++n) key = base + "#" + std::to_string(n);
    return key;
  }

 private:
  std::set<std::string> used_;
};

// "    key:\n      - item\n..." for the items from `first` on; nothing when there are none.
template <typename Item, typename Render>
void write_list(std::string& out, std::string_view key, const std::vector<Item>& items,
                std::size_t first, Render render) {
  if (first >= items.size()) return;
  out += "    " + std::string(key) + ":\n";
  for (std::size_t i = first; i < items.size(); ++i) out += "      - " + render(items[i]) + "\n";
}

std::string render_unique(const UniqueConstraint& u) {
  FlowMap map;
  if (!u.name.empty()) map.add_text("name", u.name);
  return map.add("columns", yaml_flow_sequence(u.columns)).str();
}

std::string render_check(const CheckConstraint& ck) {
  FlowMap map;
  if (!ck.name.empty()) map.add_text("name", ck.name);
  return map.add_text("sql", ck.expression).str();
}

void write_columns(std::string& out, const Table& table, const InlinePlan& plan) {
  out += table.columns.empty() ? "    columns: {}\n" : "    columns:\n";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    out += yaml_key(table.columns[i].name, "      ") + " " + render_column(table, plan, i) + "\n";
  }
  if (table.primary_key && !plan.primary_key) {
    const PrimaryKey& pk = *table.primary_key;
    const std::string columns = yaml_flow_sequence(pk.columns);
    out += "    primary_key: " +
           (pk.name.empty() ? columns
                            : FlowMap().add_text("name", pk.name).add("columns", columns).str()) +
           "\n";
  }
}

void write_table(std::string& out, const Table& table, const std::string& key) {
  out += yaml_key(key, "  ") + "\n";
  if (key != table.name) out += "    name: " + yaml_scalar(table.name) + "\n";
  if (!table.schema.empty()) out += "    schema: " + yaml_scalar(table.schema) + "\n";
  if (!table.comment.empty()) out += "    comment: " + yaml_scalar(table.comment) + "\n";
  const InlinePlan plan = plan_inline(table);
  write_columns(out, table, plan);
  write_list(out, "foreign_keys", table.foreign_keys, plan.foreign_keys, render_foreign_key);
  write_list(out, "unique", table.unique_constraints, plan.uniques, render_unique);
  write_list(out, "checks", table.check_constraints, 0, render_check);
  write_list(out, "indexes", table.indexes, plan.indexes, render_index);
  if (!table.relationships.empty()) {
    out += "    relationships:\n";
    for (const Relationship& rel : table.relationships) {
      out += yaml_key(rel.name, "      ") + " " + render_relationship(table, rel) + "\n";
    }
  }
  if (table.without_rowid || table.strict) {
    FlowMap options;
    if (table.without_rowid) options.add_flag("without_rowid", true);
    if (table.strict) options.add_flag("strict", true);
    out += "    options: " + options.str() + "\n";
  }
}

}  // namespace
}  // namespace detail

std::string dump_models(const MetaData& metadata) {
  using namespace detail;
  std::string out;
  if (!metadata.schemas.empty()) out += "schemas: " + yaml_flow_sequence(metadata.schemas) + "\n";
  if (!metadata.enums.empty()) {
    out += "enums:\n";
    KeyChooser keys;
    for (const EnumType& e : metadata.enums) {
      const std::string key = keys.choose(e.name, e.schema);
      out += yaml_key(key, "  ") + " ";
      if (key == e.name && e.schema.empty()) {
        out += yaml_flow_sequence(e.values) + "\n";
        continue;
      }
      FlowMap map;
      if (key != e.name) map.add_text("name", e.name);
      if (!e.schema.empty()) map.add_text("schema", e.schema);
      out += map.add("values", yaml_flow_sequence(e.values)).str() + "\n";
    }
  }
  out += metadata.tables.empty() ? "tables: {}\n" : "tables:\n";
  KeyChooser keys;
  for (const Table& table : metadata.tables)
    write_table(out, table, keys.choose(table.name, table.schema));
  return out;
}

void save_models(const MetaData& metadata, const std::filesystem::path& path) {
  const std::string text = dump_models(metadata);
  std::filesystem::path temp = path;
  temp += ".tmp-" + std::to_string(std::random_device{}());
  auto fail = [&](const std::string& why) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw InputError(SourceLocation{path.string()}, "cannot write models file: " + why);
  };
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) fail("cannot create " + temp.string());
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) fail("write error on " + temp.string());
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) fail(ec.message());
}

}  // namespace retort
