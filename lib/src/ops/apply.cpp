// apply_operation(): the effect of an operation on a schema model, as the database would change.
#include <algorithm>
#include <type_traits>

#include "ops/ops_internal.hpp"
#include "retort/error.hpp"

namespace retort {
namespace detail {

const Table& require_table(const MetaData& metadata, const TableRef& ref, const std::string& what) {
  const Table* t = metadata.find_table(ref.name, ref.schema);
  if (t == nullptr) {
    throw InputError(what + ": table " + quoted_name(ref.schema, ref.name) + " does not exist");
  }
  return *t;
}

Table& require_table(MetaData& metadata, const TableRef& ref, const std::string& what) {
  return const_cast<Table&>(require_table(std::as_const(metadata), ref, what));
}

const Column& require_column(const Table& table, std::string_view column, const std::string& what) {
  const Column* c = table.find_column(column);
  if (c == nullptr) {
    throw InputError(what + ": table \"" + table.display_name() + "\" has no column \"" +
                     std::string(column) + "\"");
  }
  return *c;
}

bool type_names_enum(const Type& type, const EnumType& e) {
  if (type.kind != TypeKind::kEnum) return false;
  return type.name == e.name || type.name == e.schema + "." + e.name;
}

}  // namespace detail

namespace {

using detail::Overloaded;

template <typename Vec, typename Pred>
bool erase_first(Vec& v, Pred pred) {
  auto it = std::find_if(v.begin(), v.end(), pred);
  if (it == v.end()) return false;
  v.erase(it);
  return true;
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void rename_in(std::vector<std::string>& names, std::string_view from, const std::string& to) {
  for (std::string& n : names) {
    if (n == from) n = to;
  }
}

class Applier {
 public:
  Applier(MetaData& md, const Operation& op) : md_(md), what_(describe(op)) {}

  void operator()(const ops::CreateTable& o) {
    if (md_.find_table(o.table.name, o.table.schema)) fail("the table exists already");
    md_.tables.push_back(o.table);
  }
  void operator()(const ops::DropTable& o) {
    detail::require_table(md_, {o.table.schema, o.table.name}, what_);
    erase_first(md_.tables, [&](const Table& t) {
      return t.name == o.table.name && t.schema == o.table.schema;
    });
  }
  void operator()(const ops::RenameTable& o) {
    Table& t = table(o.table);
    if (md_.find_table(o.new_name, o.table.schema)) fail("a table of the new name exists");
    for (Table& other : md_.tables) {
      for (ForeignKey& fk : other.foreign_keys) {
        if (fk.ref_table == t.name && fk.ref_schema == t.schema) fk.ref_table = o.new_name;
      }
    }
    t.name = o.new_name;
  }
  void operator()(const ops::AddColumn& o) {
    Table& t = table(o.table);
    if (t.find_column(o.column.name)) fail("the column exists already");
    t.columns.push_back(o.column);
  }
  void operator()(const ops::DropColumn& o) { drop_column(table(o.table), o.column.name); }
  void operator()(const ops::AlterColumn& o) {
    Table& t = table(o.table);
    Column& c = column(t, o.column);
    if (o.type) c.type = o.type->to;
    if (o.nullable) c.nullable = o.nullable->to;
    if (o.server_default) c.server_default = o.server_default->to;
    if (o.comment) c.comment = o.comment->to;
    if (o.autoincrement) c.autoincrement = o.autoincrement->to;
    if (o.identity) c.identity = o.identity->to;
  }
  void operator()(const ops::RenameColumn& o) {
    rename_column(table(o.table), o.column, o.new_name);
  }
  void operator()(const ops::CreateIndex& o) {
    Table& t = table(o.table);
    for (const Table& other : md_.tables) {
      for (const Index& ix : other.indexes) {
        if (ix.name == o.index.name && other.schema == t.schema) fail("the index exists already");
      }
    }
    t.indexes.push_back(o.index);
  }
  void operator()(const ops::DropIndex& o) {
    if (!erase_first(table(o.table).indexes,
                     [&](const Index& ix) { return ix.name == o.index.name; })) {
      fail("the table has no such index");
    }
  }
  void operator()(const ops::CreateUniqueConstraint& o) {
    table(o.table).unique_constraints.push_back(o.constraint);
  }
  void operator()(const ops::CreateForeignKey& o) {
    table(o.table).foreign_keys.push_back(o.constraint);
  }
  void operator()(const ops::CreateCheckConstraint& o) {
    table(o.table).check_constraints.push_back(o.constraint);
  }
  void operator()(const ops::DropConstraint& o) { drop_constraint(table(o.table), o); }
  void operator()(const ops::CreatePrimaryKey& o) {
    Table& t = table(o.table);
    if (t.primary_key) fail("the table has a primary key already");
    for (const std::string& name : o.key.columns) column(t, name).nullable = false;
    t.primary_key = o.key;
  }
  void operator()(const ops::DropPrimaryKey& o) {
    Table& t = table(o.table);
    if (!t.primary_key) fail("the table has no primary key");
    t.primary_key.reset();
  }
  void operator()(const ops::SetTableComment& o) { table(o.table).comment = o.comment.to; }
  void operator()(const ops::SetColumnComment& o) {
    column(table(o.table), o.column).comment = o.comment.to;
  }
  void operator()(const ops::CreateEnum& o) {
    if (md_.find_enum(o.type.name, o.type.schema)) fail("the enum exists already");
    md_.enums.push_back(o.type);
  }
  void operator()(const ops::DropEnum& o) {
    enum_type(o.type.schema, o.type.name);
    erase_first(md_.enums, [&](const EnumType& e) {
      return e.name == o.type.name && e.schema == o.type.schema;
    });
  }
  void operator()(const ops::AddEnumValue& o) {
    EnumType& e = enum_type(o.schema, o.name);
    if (contains(e.values, o.value)) fail("the enum has this value already");
    auto at = e.values.end();
    if (!o.before.empty() || !o.after.empty()) {
      const std::string& anchor = o.before.empty() ? o.after : o.before;
      at = std::find(e.values.begin(), e.values.end(), anchor);
      if (at == e.values.end()) fail("the enum has no value \"" + anchor + "\"");
      if (o.before.empty()) ++at;
    }
    e.values.insert(at, o.value);
  }
  void operator()(const ops::RemoveEnumValue& o) {
    EnumType& e = enum_type(o.schema, o.name);
    if (!erase_first(e.values, [&](const std::string& v) { return v == o.value; })) {
      fail("the enum has no value \"" + o.value + "\"");
    }
  }
  void operator()(const ops::RenameEnum& o) {
    EnumType& e = enum_type(o.schema, o.name);
    if (md_.find_enum(o.new_name, o.schema)) fail("an enum of the new name exists");
    for (Table& t : md_.tables) {
      for (Column& c : t.columns) {
        if (!detail::type_names_enum(c.type, e)) continue;
        c.type.name =
            c.type.name.find('.') == std::string::npos ? o.new_name : e.schema + "." + o.new_name;
      }
    }
    e.name = o.new_name;
  }
  void operator()(const ops::CreateSchema& o) {
    if (!contains(md_.schemas, o.name)) md_.schemas.push_back(o.name);
  }
  void operator()(const ops::DropSchema& o) {
    erase_first(md_.schemas, [&](const std::string& s) { return s == o.name; });
  }
  void operator()(const ops::Execute&) {}
  void operator()(const ops::BulkInsert&) {}
  void operator()(const ops::BulkDelete&) {}

 private:
  [[noreturn]] void fail(const std::string& problem) const {
    throw InputError(what_ + ": " + problem);
  }
  Table& table(const TableRef& ref) { return detail::require_table(md_, ref, what_); }
  Column& column(Table& t, std::string_view name) {
    return const_cast<Column&>(detail::require_column(t, name, what_));
  }
  EnumType& enum_type(const std::string& schema, const std::string& name) {
    for (EnumType& e : md_.enums) {
      if (e.name == name && e.schema == schema) return e;
    }
    fail("enum " + detail::quoted_name(schema, name) + " does not exist");
  }

  // Like the database: the column's indexes, keys and constraints go with it, those that use
  // it in an expression (CHECKs, index expressions and predicates) included.
  void drop_column(Table& t, const std::string& name) {
    column(t, name);
    std::erase_if(t.columns, [&](const Column& c) { return c.name == name; });
    std::erase_if(t.indexes, [&](const Index& ix) {
      return detail::sql_names_column(ix.where, name) ||
             std::any_of(ix.elements.begin(), ix.elements.end(), [&](const IndexElement& e) {
               return e.column == name || detail::sql_names_column(e.expression, name);
             });
    });
    std::erase_if(t.check_constraints, [&](const CheckConstraint& ck) {
      return detail::sql_names_column(ck.expression, name);
    });
    std::erase_if(t.unique_constraints,
                  [&](const UniqueConstraint& u) { return contains(u.columns, name); });
    std::erase_if(t.foreign_keys, [&](const ForeignKey& fk) { return contains(fk.columns, name); });
    if (t.primary_key && contains(t.primary_key->columns, name)) t.primary_key.reset();
  }

  void rename_column(Table& t, const std::string& from, const std::string& to) {
    Column& c = column(t, from);
    if (t.find_column(to)) fail("a column of the new name exists");
    c.name = to;
    if (t.primary_key) rename_in(t.primary_key->columns, from, to);
    for (UniqueConstraint& u : t.unique_constraints) rename_in(u.columns, from, to);
    for (ForeignKey& fk : t.foreign_keys) rename_in(fk.columns, from, to);
    // The databases rewrite the expressions that use the column (PostgreSQL stores them
    // parsed; SQLite edits their text); the name PostgreSQL gives an unnamed CHECK depends on
    // the columns its expression uses.
    for (CheckConstraint& ck : t.check_constraints) {
      ck.expression = detail::rename_column_in_sql(ck.expression, from, to);
    }
    for (Column& other : t.columns) {
      if (other.computed) {
        other.computed->expression =
            detail::rename_column_in_sql(other.computed->expression, from, to);
      }
    }
    for (Index& ix : t.indexes) {
      ix.where = detail::rename_column_in_sql(ix.where, from, to);
      for (IndexElement& e : ix.elements) {
        if (e.column == from) e.column = to;
        e.expression = detail::rename_column_in_sql(e.expression, from, to);
      }
    }
    for (Table& other : md_.tables) {
      for (ForeignKey& fk : other.foreign_keys) {
        if (fk.ref_table == t.name && fk.ref_schema == t.schema)
          rename_in(fk.ref_columns, from, to);
      }
    }
  }

  void drop_constraint(Table& t, const ops::DropConstraint& o) {
    auto matches = [&](const auto& c) {
      if (!o.name.empty()) return c.name == o.name;
      if (!o.constraint) return false;
      using C = std::decay_t<decltype(c)>;
      const C* given = std::get_if<C>(&*o.constraint);
      if constexpr (std::is_same_v<C, CheckConstraint>) {
        return given != nullptr && given->name == c.name &&
               detail::same_sql(given->expression, c.expression);
      }
      return given != nullptr && *given == c;
    };
    if (erase_first(t.foreign_keys, matches) || erase_first(t.unique_constraints, matches) ||
        erase_first(t.check_constraints, matches)) {
      return;
    }
    fail("the table has no such constraint");
  }

  MetaData& md_;
  std::string what_;
};

}  // namespace

void apply_operation(MetaData& metadata, const Operation& op) {
  Applier applier(metadata, op);
  std::visit(applier, op);
}

void apply_operations(MetaData& metadata, const std::vector<Operation>& ops) {
  for (const Operation& op : ops) apply_operation(metadata, op);
}

}  // namespace retort
