// stored_form(): a model as one database holds it, so that reflect(create_all(m)) ==
// stored_form(m). Every rule mirrors what lib/src/ddl renders (docs/reflection.md).
#include "ddl/dialect_support.hpp"
#include "engine/sql_builder.hpp"
#include "reflect/canonical.hpp"
#include "retort/error.hpp"
#include "retort/inspect.hpp"

namespace retort {

namespace {

// The inline CHECK the DDL compiler gives an enum column where the database has no enum
// types: "col" IN ('a', 'b').
std::string enum_check_expression(const Column& column, const EnumType& type,
                                  const Dialect& dialect) {
  SqlBuilder b(dialect);
  b.ident(column.name).sql(" IN (");
  for (std::size_t i = 0; i < type.values.size(); ++i) {
    if (i > 0) b.sql(", ");
    b.literal(type.values[i]);
  }
  return b.sql(")").take();
}

// An enum column's type as reflect() names it: the enum's bare name, qualified with its
// schema only when several schemas define an enum of that name.
Type enum_type_name(Type type, const MetaData& model, const Dialect& dialect) {
  const EnumType* e = detail::find_enum_type(model, type);
  if (!e) return type;
  int same_name = 0;
  for (const EnumType& other : model.enums) same_name += other.name == e->name ? 1 : 0;
  const bool local = e->schema.empty() || e->schema == dialect.default_schema();
  type.name = same_name > 1 && !local ? e->schema + "." + e->name : e->name;
  return type;
}

// The type the database stores: the DDL compiler's spelling, read back the way the
// inspectors read catalog types. Where the database has enum types, an enum column keeps its
// model type; an autoincrement column whose rendering is not a plain type (PostgreSQL
// serial) is stored as its model type.
Type stored_type(const Table& table, const Column& column, const MetaData& model,
                 const Dialect& dialect) {
  if (column.type.kind == TypeKind::kEnum && dialect.has_enum_types()) {
    return enum_type_name(column.type, model, dialect);
  }
  Type type = detail::type_from_sql(dialect.column_type_sql(table, column, model));
  if (column.autoincrement && type.kind == TypeKind::kRaw) return column.type;
  return type;
}

std::optional<DefaultValue> stored_default(const Column& column, const Dialect& dialect) {
  if (!column.server_default) return std::nullopt;
  const DefaultValue& def = *column.server_default;
  if (def.kind == DefaultValue::Kind::kExpression) return detail::default_from_sql(def.text);
  try {
    return detail::default_from_sql(dialect.default_literal_sql(column.type, def.text));
  } catch (const InputError&) {
    return def;  // not a value of the type: create_all refuses such a model anyway
  }
}

void store_column(Table& table, Column& column, const MetaData& model, const Dialect& dialect) {
  if (column.type.kind == TypeKind::kEnum && !dialect.has_enum_types()) {
    if (const EnumType* e = detail::find_enum_type(model, column.type)) {
      table.check_constraints.push_back(
          {"", detail::normalize_expression(enum_check_expression(column, *e, dialect))});
    }
  }
  column.type = stored_type(table, column, model, dialect);
  // Both databases make such columns NOT NULL (SQLite: they are the primary key; PostgreSQL:
  // serial and identity columns are NOT NULL).
  if (column.autoincrement || column.identity != Identity::kNone) column.nullable = false;
  column.server_default = stored_default(column, dialect);
  if (column.computed) {
    column.computed->expression = detail::normalize_expression(column.computed->expression);
  }
  if (!dialect.has_comments()) column.comment.clear();
}

void store_table(Table& table, const MetaData& model, const Dialect& dialect) {
  const std::string default_schema(dialect.default_schema());
  auto local = [&](std::string& schema) {
    if (!dialect.has_schemas() || schema == default_schema) schema.clear();
  };
  local(table.schema);
  table.relationships.clear();
  if (!dialect.has_comments()) table.comment.clear();
  if (table.primary_key) {
    for (const std::string& name : table.primary_key->columns) {
      if (Column* column = table.find_column(name)) column->nullable = false;
    }
  }
  for (CheckConstraint& check : table.check_constraints) {
    check.expression = detail::normalize_expression(check.expression);
  }
  for (Column& column : table.columns) store_column(table, column, model, dialect);
  for (ForeignKey& fk : table.foreign_keys) local(fk.ref_schema);
  for (Index& index : table.indexes) {
    index.where = detail::normalize_expression(index.where);
    for (IndexElement& element : index.elements) {
      element.expression = detail::normalize_expression(element.expression);
    }
  }
}

}  // namespace

MetaData stored_form(const MetaData& model, const Dialect& dialect) {
  MetaData out = model;
  const std::string default_schema(dialect.default_schema());
  for (Table& table : out.tables) store_table(table, model, dialect);
  if (!dialect.has_schemas()) out.schemas.clear();
  std::erase(out.schemas, default_schema);
  if (!dialect.has_enum_types()) {
    out.enums.clear();
  } else {
    for (EnumType& e : out.enums) {
      if (e.schema == default_schema) e.schema.clear();
    }
  }
  detail::canonicalize(out);
  return out;
}

}  // namespace retort
