// A C++ builder for the schema model, for programs that embed retort:
//
//   retort::MetaData md = retort::SchemaBuilder()
//       .table("artist", [](retort::TableBuilder& t) {
//         t.column("id", "integer").primary_key();
//         t.column("name", "varchar(30)").not_null().unique();
//       })
//       .build();  // validates
//
// The column shortcuts make the same objects as the models file's column flags: primary_key()
// adds the column to the table's primary key and makes it NOT NULL, unique() an unnamed unique
// constraint, references() an unnamed foreign key, index() an index named ix_<table>_<column>.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "retort/schema.hpp"

namespace retort {

class TableBuilder;

class ColumnBuilder {
 public:
  ColumnBuilder(TableBuilder& table, std::size_t index) : table_(&table), index_(index) {}
  ColumnBuilder& not_null();
  ColumnBuilder& nullable(bool value = true);
  ColumnBuilder& primary_key();
  ColumnBuilder& unique();
  ColumnBuilder& autoincrement();
  ColumnBuilder& identity(Identity kind = Identity::kByDefault);
  ColumnBuilder& server_default(std::string literal);
  ColumnBuilder& server_default_sql(std::string expression);
  ColumnBuilder& computed(std::string expression, bool stored = true);
  ColumnBuilder& collation(std::string name);
  ColumnBuilder& comment(std::string text);
  // "table.column" or "schema.table.column"
  ColumnBuilder& references(std::string_view target,
                            ReferentialAction on_delete = ReferentialAction::kNoAction,
                            ReferentialAction on_update = ReferentialAction::kNoAction);
  ColumnBuilder& index();

 private:
  Column& column();
  TableBuilder* table_;
  std::size_t index_;
};

class TableBuilder {
 public:
  explicit TableBuilder(Table& table) : table_(&table) {}
  // `type` is parsed with Type::parse; a malformed type throws InputError naming the column.
  ColumnBuilder column(std::string name, std::string_view type);
  TableBuilder& primary_key(std::vector<std::string> columns, std::string name = {});
  TableBuilder& foreign_key(ForeignKey fk);
  TableBuilder& unique(std::vector<std::string> columns, std::string name = {});
  TableBuilder& check(std::string expression, std::string name = {});
  TableBuilder& index(std::string name, std::vector<std::string> columns, bool unique = false,
                      std::string where = {});
  TableBuilder& index(Index index);
  TableBuilder& relationship(Relationship relationship);
  TableBuilder& comment(std::string text);
  TableBuilder& schema(std::string name);
  Table& table() { return *table_; }

 private:
  Table* table_;
};

class SchemaBuilder {
 public:
  SchemaBuilder& schema(std::string name);
  SchemaBuilder& enum_type(std::string name, std::vector<std::string> values,
                           std::string schema = {});
  SchemaBuilder& table(std::string name, const std::function<void(TableBuilder&)>& define);
  // Makes primary-key columns NOT NULL (as loading a models file does), validates, and returns
  // the model; throws InputError naming the offending object.
  MetaData build() const;

 private:
  MetaData metadata_;
};

}  // namespace retort
