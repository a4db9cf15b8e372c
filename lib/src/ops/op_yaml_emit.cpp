// Writing operations as YAML (grammar: docs/operations.md): one flow mapping per operation,
// except tables, which are written as block mappings in the models-file grammar.
#include "ops/op_yaml.hpp"
#include "ops/ops_internal.hpp"
#include "schema/models_grammar.hpp"
#include "schema/yaml_writer.hpp"

namespace retort::detail {
namespace {

FlowMap table_map(const TableRef& t) {
  FlowMap map;
  if (!t.schema.empty()) map.add_text("schema", t.schema);
  map.add_text("table", t.name);
  return map;
}

void add_optional(FlowMap& map, std::string_view key, const std::string& text) {
  if (!text.empty()) map.add_text(key, text);
}

std::string index_entries(FlowMap map, const Index& ix) {
  map.add_text("name", ix.name);
  bool simple = !ix.elements.empty();
  std::vector<std::string> columns;
  for (const IndexElement& e : ix.elements) {
    simple = simple && !e.column.empty() && e.expression.empty() && !e.descending;
    columns.push_back(e.column);
  }
  if (simple) {
    map.add("columns", yaml_flow_sequence(columns));
  } else {
    std::string elements = "[";
    for (std::size_t i = 0; i < ix.elements.size(); ++i) {
      FlowMap e;
      add_optional(e, "column", ix.elements[i].column);
      add_optional(e, "expression", ix.elements[i].expression);
      if (ix.elements[i].descending) e.add_flag("desc", true);
      elements += (i ? ", " : "") + e.str();
    }
    map.add("elements", elements + "]");
  }
  if (ix.unique) map.add_flag("unique", true);
  add_optional(map, "where", ix.where);
  return map.str();
}

void add_foreign_key(FlowMap& map, const ForeignKey& fk) {
  add_optional(map, "name", fk.name);
  map.add("columns", yaml_flow_sequence(fk.columns));
  FlowMap ref;
  add_optional(ref, "schema", fk.ref_schema);
  ref.add_text("table", fk.ref_table).add("columns", yaml_flow_sequence(fk.ref_columns));
  map.add("references", ref.str());
  if (fk.on_delete != ReferentialAction::kNoAction)
    map.add("on_delete", std::string(action_word(fk.on_delete)));
  if (fk.on_update != ReferentialAction::kNoAction)
    map.add("on_update", std::string(action_word(fk.on_update)));
  if (fk.deferrable != Deferrable::kNotDeferrable)
    map.add("deferrable", std::string(deferrable_word(fk.deferrable)));
}

template <typename T, typename Render>
void add_change(FlowMap& map, std::string_view key, const std::optional<Change<T>>& change,
                Render render) {
  if (!change) return;
  FlowMap pair;
  if (change->from) pair.add("from", render(*change->from));
  pair.add("to", render(change->to));
  map.add(key, pair.str());
}

std::string render_default(const std::optional<DefaultValue>& d) {
  if (!d) return "null";
  const bool literal = d->kind == DefaultValue::Kind::kLiteral;
  return FlowMap().add_text(literal ? "value" : "sql", d->text).str();
}

std::string render_flag(bool b) { return b ? "true" : "false"; }

std::string render_identity(Identity identity) {
  return identity == Identity::kNone ? "none" : std::string(identity_word(identity));
}

std::string render_sql(const SqlText& sql) {
  FlowMap map;
  add_optional(map, "sql", sql.sql);
  for (const auto& [dialect, text] : sql.per_dialect) map.add_text(dialect, text);
  return map.str();
}

std::string render_rows(const std::vector<DataRow>& rows) {
  std::string out = "[";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    FlowMap row;
    for (const auto& [column, value] : rows[i]) {
      row.add(column, value ? yaml_scalar(*value) : "null");
    }
    out += (i ? ", " : "") + row.str();
  }
  return out + "]";
}

std::string column_op(const TableRef& t, const Column& c) {
  std::string map = table_map(t).add_text("column", c.name).str();
  map.pop_back();
  return map + ", " + render_column_entries(c) + "}";
}

std::string render_comment(const std::string& text) { return yaml_scalar(text); }

// The flow mapping of an operation other than create_table and a complete drop_table.
std::string flow_body(const Operation& op) {
  return std::visit(
      Overloaded{
          [](const ops::CreateTable&) { return std::string(); },
          [](const ops::DropTable& o) {
            FlowMap map;
            map.add_text("name", o.table.name);
            add_optional(map, "schema", o.table.schema);
            return map.str();
          },
          [](const ops::RenameTable& o) {
            return table_map(o.table).add_text("to", o.new_name).str();
          },
          [](const ops::AddColumn& o) { return column_op(o.table, o.column); },
          [](const ops::DropColumn& o) {
            if (o.complete) return column_op(o.table, o.column);
            return table_map(o.table).add_text("column", o.column.name).str();
          },
          [](const ops::AlterColumn& o) {
            FlowMap map = table_map(o.table);
            map.add_text("column", o.column);
            add_change(map, "type", o.type,
                       [](const Type& t) { return yaml_scalar(t.to_string()); });
            add_optional(map, "using", o.using_sql);
            add_optional(map, "reverse_using", o.reverse_using_sql);
            add_change(map, "nullable", o.nullable, render_flag);
            add_change(map, "default", o.server_default, render_default);
            add_change(map, "comment", o.comment, render_comment);
            add_change(map, "autoincrement", o.autoincrement, render_flag);
            add_change(map, "identity", o.identity, render_identity);
            return map.str();
          },
          [](const ops::RenameColumn& o) {
            return table_map(o.table).add_text("column", o.column).add_text("to", o.new_name).str();
          },
          [](const ops::CreateIndex& o) { return index_entries(table_map(o.table), o.index); },
          [](const ops::DropIndex& o) {
            if (o.complete) return index_entries(table_map(o.table), o.index);
            return table_map(o.table).add_text("name", o.index.name).str();
          },
          [](const ops::CreateUniqueConstraint& o) {
            FlowMap map = table_map(o.table);
            add_optional(map, "name", o.constraint.name);
            return map.add("columns", yaml_flow_sequence(o.constraint.columns)).str();
          },
          [](const ops::CreateForeignKey& o) {
            FlowMap map = table_map(o.table);
            add_foreign_key(map, o.constraint);
            return map.str();
          },
          [](const ops::CreateCheckConstraint& o) {
            FlowMap map = table_map(o.table);
            add_optional(map, "name", o.constraint.name);
            return map.add_text("sql", o.constraint.expression).str();
          },
          [](const ops::DropConstraint& o) {
            FlowMap map = table_map(o.table);
            if (!o.constraint) return map.add_text("name", o.name).str();
            std::visit(
                Overloaded{
                    [&](const UniqueConstraint& u) {
                      add_optional(map, "name", u.name);
                      map.add("type", "unique").add("columns", yaml_flow_sequence(u.columns));
                    },
                    [&](const ForeignKey& fk) {
                      map.add("type", "foreign_key");
                      add_foreign_key(map, fk);
                    },
                    [&](const CheckConstraint& ck) {
                      add_optional(map, "name", ck.name);
                      map.add("type", "check").add_text("sql", ck.expression);
                    },
                },
                *o.constraint);
            return map.str();
          },
          [](const ops::CreatePrimaryKey& o) {
            FlowMap map = table_map(o.table);
            add_optional(map, "name", o.key.name);
            return map.add("columns", yaml_flow_sequence(o.key.columns)).str();
          },
          [](const ops::DropPrimaryKey& o) {
            FlowMap map = table_map(o.table);
            add_optional(map, "name", o.key.name);
            if (o.complete) map.add("columns", yaml_flow_sequence(o.key.columns));
            return map.str();
          },
          [](const ops::SetTableComment& o) {
            FlowMap map = table_map(o.table);
            if (o.comment.from) map.add_text("from", *o.comment.from);
            return map.add_text("to", o.comment.to).str();
          },
          [](const ops::SetColumnComment& o) {
            FlowMap map = table_map(o.table);
            map.add_text("column", o.column);
            if (o.comment.from) map.add_text("from", *o.comment.from);
            return map.add_text("to", o.comment.to).str();
          },
          [](const ops::CreateEnum& o) {
            FlowMap map;
            add_optional(map, "schema", o.type.schema);
            return map.add_text("name", o.type.name)
                .add("values", yaml_flow_sequence(o.type.values))
                .str();
          },
          [](const ops::DropEnum& o) {
            FlowMap map;
            add_optional(map, "schema", o.type.schema);
            map.add_text("name", o.type.name);
            if (o.complete) map.add("values", yaml_flow_sequence(o.type.values));
            return map.str();
          },
          [](const ops::AddEnumValue& o) {
            FlowMap map;
            add_optional(map, "schema", o.schema);
            map.add_text("name", o.name).add_text("value", o.value);
            add_optional(map, "before", o.before);
            add_optional(map, "after", o.after);
            return map.str();
          },
          [](const ops::RemoveEnumValue& o) {
            FlowMap map;
            add_optional(map, "schema", o.schema);
            map.add_text("name", o.name).add_text("value", o.value);
            add_optional(map, "before", o.before);
            add_optional(map, "after", o.after);
            return map.str();
          },
          [](const ops::RenameEnum& o) {
            FlowMap map;
            add_optional(map, "schema", o.schema);
            return map.add_text("name", o.name).add_text("to", o.new_name).str();
          },
          [](const ops::CreateSchema& o) { return FlowMap().add_text("name", o.name).str(); },
          [](const ops::DropSchema& o) { return FlowMap().add_text("name", o.name).str(); },
          [](const ops::Execute& o) {
            std::string map = render_sql(o.sql);
            if (!o.reverse) return map;
            map.pop_back();
            return map + (map.size() > 1 ? ", " : "") + "reverse: " + render_sql(*o.reverse) + "}";
          },
          [](const ops::BulkInsert& o) {
            FlowMap map = table_map(o.table);
            if (!o.key.empty()) map.add("key", yaml_flow_sequence(o.key));
            return map.add("rows", render_rows(o.rows)).str();
          },
          [](const ops::BulkDelete& o) {
            FlowMap map = table_map(o.table);
            map.add("key", yaml_flow_sequence(o.key));
            return map.add("rows", render_rows(o.rows)).str();
          },
      },
      op);
}

}  // namespace
}  // namespace retort::detail

namespace retort {

std::string emit_operations(const std::vector<Operation>& ops, int indent) {
  const std::string pad(static_cast<std::size_t>(std::max(indent, 0)), ' ');
  std::string out;
  for (const Operation& op : ops) {
    out += pad + "- " + std::string(op_name(op)) + ":";
    const Table* block = nullptr;
    if (const auto* create = std::get_if<ops::CreateTable>(&op)) block = &create->table;
    if (const auto* drop = std::get_if<ops::DropTable>(&op); drop && drop->complete) {
      block = &drop->table;
    }
    if (block != nullptr) {
      out += "\n" + detail::render_table_body(*block, std::max(indent, 0) + 4);
    } else {
      out += " " + detail::flow_body(op) + "\n";
    }
  }
  return out;
}

}  // namespace retort
