// Names, descriptions and reverses of operations.
#include <array>

#include "ops/ops_internal.hpp"
#include "retort/error.hpp"
#include "retort/suggest.hpp"

namespace retort {
namespace {

using detail::Overloaded;

constexpr std::array<std::string_view, std::variant_size_v<Operation>> kNames = {
    "create_table",
    "drop_table",
    "rename_table",
    "add_column",
    "drop_column",
    "alter_column",
    "rename_column",
    "create_index",
    "drop_index",
    "create_unique_constraint",
    "create_foreign_key",
    "create_check_constraint",
    "drop_constraint",
    "create_primary_key",
    "drop_primary_key",
    "set_table_comment",
    "set_column_comment",
    "create_enum",
    "drop_enum",
    "add_enum_value",
    "remove_enum_value",
    "rename_enum",
    "create_schema",
    "drop_schema",
    "execute",
    "bulk_insert",
    "bulk_delete",
};

std::string table_text(const TableRef& t) {
  return in_quotes(detail::display_name(t.schema, t.name));
}
std::string table_text(const Table& t) { return in_quotes(t.display_name()); }
std::string column_text(const TableRef& t, std::string_view column) {
  return table_text(t) + "." + in_quotes(column);
}
std::string constraint_label(const std::string& name) {
  return name.empty() ? "" : in_quotes(name) + " ";
}

template <typename T>
std::optional<Change<T>> swapped(const std::optional<Change<T>>& change, bool& ok) {
  if (!change) return std::nullopt;
  if (!change->from) {
    ok = false;
    return std::nullopt;
  }
  return Change<T>{change->to, *change->from};
}

Reversal irreversible(std::string reason) { return {std::nullopt, std::move(reason)}; }

Reversal reverse_alter(const ops::AlterColumn& op) {
  bool ok = true;
  ops::AlterColumn r;
  r.table = op.table;
  r.column = op.column;
  r.type = swapped(op.type, ok);
  r.using_sql = op.reverse_using_sql;
  r.reverse_using_sql = op.using_sql;
  r.nullable = swapped(op.nullable, ok);
  r.server_default = swapped(op.server_default, ok);
  r.comment = swapped(op.comment, ok);
  r.autoincrement = swapped(op.autoincrement, ok);
  r.identity = swapped(op.identity, ok);
  if (!ok) return irreversible("a change without its \"from\" value cannot be reversed");
  return {Operation(std::move(r)), {}};
}

Reversal reverse_drop_constraint(const ops::DropConstraint& op) {
  if (!op.constraint) return irreversible("the constraint's definition is not given");
  return std::visit(Overloaded{
                        [&](const UniqueConstraint& c) -> Reversal {
                          return {ops::CreateUniqueConstraint{op.table, c}, {}};
                        },
                        [&](const ForeignKey& c) -> Reversal {
                          return {ops::CreateForeignKey{op.table, c}, {}};
                        },
                        [&](const CheckConstraint& c) -> Reversal {
                          return {ops::CreateCheckConstraint{op.table, c}, {}};
                        },
                    },
                    *op.constraint);
}

Reversal reverse_insert(const ops::BulkInsert& op) {
  if (op.key.empty()) return irreversible("bulk_insert without a key cannot delete its rows");
  for (const DataRow& row : op.rows) {
    for (const std::string& k : op.key) {
      bool found = false;
      for (const auto& [column, value] : row) found = found || (column == k && value);
      if (!found) return irreversible("a row has no value for key column " + in_quotes(k));
    }
  }
  return {ops::BulkDelete{op.table, op.key, op.rows}, {}};
}

}  // namespace

std::string_view op_name(const Operation& op) { return kNames[op.index()]; }

const std::vector<std::string_view>& op_names() {
  static const std::vector<std::string_view> names(kNames.begin(), kNames.end());
  return names;
}

std::string describe(const Operation& op) {
  return std::visit(
      Overloaded{
          [](const ops::CreateTable& o) { return "create table " + table_text(o.table); },
          [](const ops::DropTable& o) { return "drop table " + table_text(o.table); },
          [](const ops::RenameTable& o) {
            return "rename table " + table_text(o.table) + " to " + in_quotes(o.new_name);
          },
          [](const ops::AddColumn& o) {
            return "add column " + column_text(o.table, o.column.name);
          },
          [](const ops::DropColumn& o) {
            return "drop column " + column_text(o.table, o.column.name);
          },
          [](const ops::AlterColumn& o) {
            return "alter column " + column_text(o.table, o.column);
          },
          [](const ops::RenameColumn& o) {
            return "rename column " + column_text(o.table, o.column) + " to " +
                   in_quotes(o.new_name);
          },
          [](const ops::CreateIndex& o) {
            return "create index " + in_quotes(o.index.name) + " on " + table_text(o.table);
          },
          [](const ops::DropIndex& o) {
            return "drop index " + in_quotes(o.index.name) + " on " + table_text(o.table);
          },
          [](const ops::CreateUniqueConstraint& o) {
            return "create unique constraint " + constraint_label(o.constraint.name) + "on " +
                   table_text(o.table);
          },
          [](const ops::CreateForeignKey& o) {
            return "create foreign key " + constraint_label(o.constraint.name) + "on " +
                   table_text(o.table);
          },
          [](const ops::CreateCheckConstraint& o) {
            return "create check constraint " + constraint_label(o.constraint.name) + "on " +
                   table_text(o.table);
          },
          [](const ops::DropConstraint& o) {
            return "drop constraint " + constraint_label(o.name) + "on " + table_text(o.table);
          },
          [](const ops::CreatePrimaryKey& o) {
            return "create primary key on " + table_text(o.table);
          },
          [](const ops::DropPrimaryKey& o) { return "drop primary key on " + table_text(o.table); },
          [](const ops::SetTableComment& o) {
            return "set comment on table " + table_text(o.table);
          },
          [](const ops::SetColumnComment& o) {
            return "set comment on column " + column_text(o.table, o.column);
          },
          [](const ops::CreateEnum& o) {
            return "create enum " + in_quotes(detail::display_name(o.type.schema, o.type.name));
          },
          [](const ops::DropEnum& o) {
            return "drop enum " + in_quotes(detail::display_name(o.type.schema, o.type.name));
          },
          [](const ops::AddEnumValue& o) {
            return "add value " + in_quotes(o.value) + " to enum " +
                   in_quotes(detail::display_name(o.schema, o.name));
          },
          [](const ops::RemoveEnumValue& o) {
            return "remove value " + in_quotes(o.value) + " from enum " +
                   in_quotes(detail::display_name(o.schema, o.name));
          },
          [](const ops::RenameEnum& o) {
            return "rename enum " + in_quotes(detail::display_name(o.schema, o.name)) + " to " +
                   in_quotes(o.new_name);
          },
          [](const ops::CreateSchema& o) { return "create schema " + in_quotes(o.name); },
          [](const ops::DropSchema& o) { return "drop schema " + in_quotes(o.name); },
          [](const ops::Execute& o) {
            std::string text = o.sql.sql.empty() && !o.sql.per_dialect.empty()
                                   ? o.sql.per_dialect.begin()->second
                                   : o.sql.sql;
            for (char& c : text) c = (c == '\n' || c == '\t') ? ' ' : c;
            if (text.size() > 60) text = text.substr(0, 57) + "...";
            return "execute " + in_quotes(text);
          },
          [](const ops::BulkInsert& o) {
            return "insert " + std::to_string(o.rows.size()) + " rows into " + table_text(o.table);
          },
          [](const ops::BulkDelete& o) {
            return "delete " + std::to_string(o.rows.size()) + " rows from " + table_text(o.table);
          },
      },
      op);
}

Reversal reverse(const Operation& op) {
  return std::visit(
      Overloaded{
          [](const ops::CreateTable& o) -> Reversal {
            return {ops::DropTable{o.table, true}, {}};
          },
          [](const ops::DropTable& o) -> Reversal {
            if (!o.complete) return irreversible("the table's definition is not given");
            return {ops::CreateTable{o.table}, {}};
          },
          [](const ops::RenameTable& o) -> Reversal {
            return {ops::RenameTable{{o.table.schema, o.new_name}, o.table.name}, {}};
          },
          [](const ops::AddColumn& o) -> Reversal {
            return {ops::DropColumn{o.table, o.column, true}, {}};
          },
          [](const ops::DropColumn& o) -> Reversal {
            if (!o.complete) return irreversible("the column's definition is not given");
            return {ops::AddColumn{o.table, o.column}, {}};
          },
          [](const ops::AlterColumn& o) { return reverse_alter(o); },
          [](const ops::RenameColumn& o) -> Reversal {
            return {ops::RenameColumn{o.table, o.new_name, o.column}, {}};
          },
          [](const ops::CreateIndex& o) -> Reversal {
            return {ops::DropIndex{o.table, o.index, true}, {}};
          },
          [](const ops::DropIndex& o) -> Reversal {
            if (!o.complete) return irreversible("the index's definition is not given");
            return {ops::CreateIndex{o.table, o.index}, {}};
          },
          [](const ops::CreateUniqueConstraint& o) -> Reversal {
            return {ops::DropConstraint{o.table, o.constraint.name, o.constraint}, {}};
          },
          [](const ops::CreateForeignKey& o) -> Reversal {
            return {ops::DropConstraint{o.table, o.constraint.name, o.constraint}, {}};
          },
          [](const ops::CreateCheckConstraint& o) -> Reversal {
            return {ops::DropConstraint{o.table, o.constraint.name, o.constraint}, {}};
          },
          [](const ops::DropConstraint& o) { return reverse_drop_constraint(o); },
          [](const ops::CreatePrimaryKey& o) -> Reversal {
            return {ops::DropPrimaryKey{o.table, o.key, true}, {}};
          },
          [](const ops::DropPrimaryKey& o) -> Reversal {
            if (!o.complete) return irreversible("the primary key's columns are not given");
            return {ops::CreatePrimaryKey{o.table, o.key}, {}};
          },
          [](const ops::SetTableComment& o) -> Reversal {
            if (!o.comment.from) return irreversible("the previous comment is not given");
            return {ops::SetTableComment{o.table, {o.comment.to, *o.comment.from}}, {}};
          },
          [](const ops::SetColumnComment& o) -> Reversal {
            if (!o.comment.from) return irreversible("the previous comment is not given");
            return {ops::SetColumnComment{o.table, o.column, {o.comment.to, *o.comment.from}}, {}};
          },
          [](const ops::CreateEnum& o) -> Reversal {
            return {ops::DropEnum{o.type, true}, {}};
          },
          [](const ops::DropEnum& o) -> Reversal {
            if (!o.complete) return irreversible("the enum's values are not given");
            return {ops::CreateEnum{o.type}, {}};
          },
          [](const ops::AddEnumValue& o) -> Reversal {
            return {ops::RemoveEnumValue{o.schema, o.name, o.value, o.before, o.after}, {}};
          },
          [](const ops::RemoveEnumValue& o) -> Reversal {
            return {ops::AddEnumValue{o.schema, o.name, o.value, o.before, o.after}, {}};
          },
          [](const ops::RenameEnum& o) -> Reversal {
            return {ops::RenameEnum{o.schema, o.new_name, o.name}, {}};
          },
          [](const ops::CreateSchema& o) -> Reversal {
            return {ops::DropSchema{o.name}, {}};
          },
          [](const ops::DropSchema& o) -> Reversal {
            return {ops::CreateSchema{o.name}, {}};
          },
          [](const ops::Execute& o) -> Reversal {
            if (!o.reverse) return irreversible("execute has no reverse SQL");
            return {ops::Execute{*o.reverse, o.sql}, {}};
          },
          [](const ops::BulkInsert& o) { return reverse_insert(o); },
          [](const ops::BulkDelete& o) -> Reversal {
            return {ops::BulkInsert{o.table, o.key, o.rows}, {}};
          },
      },
      op);
}

std::vector<Operation> reverse(const std::vector<Operation>& ops) {
  std::vector<Operation> out;
  out.reserve(ops.size());
  for (std::size_t i = ops.size(); i-- > 0;) {
    Reversal r = reverse(ops[i]);
    if (!r.op) {
      throw UsageError("operation " + std::to_string(i + 1) + " (" + describe(ops[i]) +
                       ") is irreversible: " + r.reason);
    }
    out.push_back(std::move(*r.op));
  }
  return out;
}

bool is_reversible(const std::vector<Operation>& ops) {
  for (const Operation& op : ops) {
    if (!reverse(op).op) return false;
  }
  return true;
}

}  // namespace retort
