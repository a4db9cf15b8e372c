// SchemaBuilder: the C++ way to declare a model. Column-level shortcuts (primary_key, unique,
// references, index) produce the same objects as the models file's column flags.
#include "retort/schema_builder.hpp"

#include <algorithm>

#include "retort/error.hpp"
#include "schema/models_grammar.hpp"

namespace retort {
namespace {

std::string column_context(const Table& table, const Column& column) {
  return "table \"" + table.display_name() + "\": column \"" + column.name + "\": ";
}

}  // namespace

Column& ColumnBuilder::column() { return table_->table().columns[index_]; }

ColumnBuilder& ColumnBuilder::not_null() { return nullable(false); }

ColumnBuilder& ColumnBuilder::nullable(bool value) {
  column().nullable = value;
  return *this;
}

ColumnBuilder& ColumnBuilder::primary_key() {
  Table& table = table_->table();
  if (!table.primary_key) table.primary_key.emplace();
  table.primary_key->columns.push_back(column().name);
  column().nullable = false;
  return *this;
}

ColumnBuilder& ColumnBuilder::unique() {
  table_->table().unique_constraints.push_back({"", {column().name}});
  return *this;
}

ColumnBuilder& ColumnBuilder::autoincrement() {
  column().autoincrement = true;
  return *this;
}

ColumnBuilder& ColumnBuilder::identity(Identity kind) {
  column().identity = kind;
  return *this;
}

ColumnBuilder& ColumnBuilder::server_default(std::string literal) {
  column().server_default = DefaultValue::literal(std::move(literal));
  return *this;
}

ColumnBuilder& ColumnBuilder::server_default_sql(std::string expression) {
  column().server_default = DefaultValue::expression(std::move(expression));
  return *this;
}

ColumnBuilder& ColumnBuilder::computed(std::string expression, bool stored) {
  column().computed = Computed{std::move(expression), stored};
  return *this;
}

ColumnBuilder& ColumnBuilder::collation(std::string name) {
  column().collation = std::move(name);
  return *this;
}

ColumnBuilder& ColumnBuilder::comment(std::string text) {
  column().comment = std::move(text);
  return *this;
}

ColumnBuilder& ColumnBuilder::references(std::string_view target, ReferentialAction on_delete,
                                         ReferentialAction on_update) {
  std::optional<detail::ColumnReference> ref = detail::parse_column_reference(target);
  if (!ref) {
    throw InputError(SourceLocation{}, column_context(table_->table(), column()) +
                                           "references must be \"table.column\" or "
                                           "\"schema.table.column\", not \"" +
                                           std::string(target) + "\"");
  }
  ForeignKey fk{"", {column().name}, ref->schema, ref->table, {ref->column}};
  fk.on_delete = on_delete;
  fk.on_update = on_update;
  table_->table().foreign_keys.push_back(std::move(fk));
  return *this;
}

ColumnBuilder& ColumnBuilder::index() {
  Index index;
  index.name = detail::column_index_name(table_->table().name, column().name);
  index.elements.push_back({column().name, "", false});
  table_->table().indexes.push_back(std::move(index));
  return *this;
}

ColumnBuilder TableBuilder::column(std::string name, std::string_view type) {
  Column column;
  column.name = std::move(name);
  try {
    column.type = Type::parse(type);
  } catch (const InputError& e) {
    throw InputError(SourceLocation{}, column_context(*table_, column) + e.what());
  }
  table_->columns.push_back(std::move(column));
  return ColumnBuilder(*this, table_->columns.size() - 1);
}

TableBuilder& TableBuilder::primary_key(std::vector<std::string> columns, std::string name) {
  table_->primary_key = PrimaryKey{std::move(name), std::move(columns)};
  return *this;
}

TableBuilder& TableBuilder::foreign_key(ForeignKey fk) {
  table_->foreign_keys.push_back(std::move(fk));
  return *this;
}

TableBuilder& TableBuilder::unique(std::vector<std::string> columns, std::string name) {
  table_->unique_constraints.push_back({std::move(name), std::move(columns)});
  return *this;
}

TableBuilder& TableBuilder::check(std::string expression, std::string name) {
  table_->check_constraints.push_back({std::move(name), std::move(expression)});
  return *this;
}

TableBuilder& TableBuilder::index(std::string name, std::vector<std::string> columns, bool unique,
                                  std::string where) {
  Index index;
  index.name = std::move(name);
  for (std::string& column : columns) index.elements.push_back({std::move(column), "", false});
  index.unique = unique;
  index.where = std::move(where);
  return this->index(std::move(index));
}

TableBuilder& TableBuilder::index(Index index) {
  table_->indexes.push_back(std::move(index));
  return *this;
}

TableBuilder& TableBuilder::relationship(Relationship relationship) {
  table_->relationships.push_back(std::move(relationship));
  return *this;
}

TableBuilder& TableBuilder::comment(std::string text) {
  table_->comment = std::move(text);
  return *this;
}

TableBuilder& TableBuilder::schema(std::string name) {
  table_->schema = std::move(name);
  return *this;
}

SchemaBuilder& SchemaBuilder::schema(std::string name) {
  metadata_.schemas.push_back(std::move(name));
  return *this;
}

SchemaBuilder& SchemaBuilder::enum_type(std::string name, std::vector<std::string> values,
                                        std::string schema) {
  metadata_.enums.push_back({std::move(schema), std::move(name), std::move(values)});
  return *this;
}

SchemaBuilder& SchemaBuilder::table(std::string name,
                                    const std::function<void(TableBuilder&)>& define) {
  Table& table = metadata_.tables.emplace_back();
  table.name = std::move(name);
  TableBuilder builder(table);
  define(builder);
  return *this;
}

MetaData SchemaBuilder::build() const {
  MetaData metadata = metadata_;
  // As in the models file, primary-key columns are NOT NULL.
  for (Table& table : metadata.tables) {
    if (!table.primary_key) continue;
    for (Column& column : table.columns) {
      const std::vector<std::string>& key = table.primary_key->columns;
      if (std::find(key.begin(), key.end(), column.name) != key.end()) column.nullable = false;
    }
  }
  validate(metadata);
  return metadata;
}

}  // namespace retort
