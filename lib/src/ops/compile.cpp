// compile(): the SQL of one operation for one dialect. ALTER TABLE where the dialect can make
// the change in place (Dialect hooks say where), a table rebuild (rebuild.cpp) otherwise.
#include <algorithm>

#include "ops/compile_internal.hpp"
#include "retort/error.hpp"

namespace retort {
namespace {

using detail::append_table_name;
using detail::Overloaded;

bool uses_name(std::string_view sql, std::string_view name) {
  return !name.empty() && sql.find(name) != std::string_view::npos;
}

// True when dropping `column` touches an index, key or constraint of `table` (a CHECK or an
// index expression mentioning its name counts: SQLite refuses those drops too).
bool column_in_use(const Table& table, const std::string& column) {
  auto has = [&](const std::vector<std::string>& cols) {
    return std::find(cols.begin(), cols.end(), column) != cols.end();
  };
  if (table.primary_key && has(table.primary_key->columns)) return true;
  for (const auto& u : table.unique_constraints) {
    if (has(u.columns)) return true;
  }
  for (const auto& fk : table.foreign_keys) {
    if (has(fk.columns)) return true;
  }
  for (const auto& ck : table.check_constraints) {
    if (uses_name(ck.expression, column)) return true;
  }
  for (const auto& ix : table.indexes) {
    if (uses_name(ix.where, column)) return true;
    for (const auto& e : ix.elements) {
      if (e.column == column || uses_name(e.expression, column)) return true;
    }
  }
  for (const Column& c : table.columns) {
    if (c.computed && c.name != column && uses_name(c.computed->expression, column)) return true;
  }
  return false;
}

class Compiler {
 public:
  Compiler(const Operation& op, const Dialect& dialect, const MetaData& before)
      : d_(dialect), before_(before), after_(before), what_(describe(op)) {
    apply_operation(after_, op);
  }

  std::vector<SqlStep> take() { return std::move(out_); }

  void operator()(const ops::CreateTable& o) {
    for (std::string& sql : create_table_sql(o.table, after_, d_)) emit(std::move(sql));
    for (const Index& ix : o.table.indexes) emit(create_index_sql(o.table, ix, d_));
  }
  void operator()(const ops::DropTable& o) { emit(drop_table_sql(o.table, d_)); }
  void operator()(const ops::RenameTable& o);
  void operator()(const ops::AddColumn& o) {
    if (!d_.can_add_column(o.column)) return rebuild(o.table);
    const Table& t = table_after(o.table);
    SqlBuilder b = alter(o.table);
    b.sql(" ADD COLUMN ").sql(column_definition_sql(t, o.column, after_, d_));
    emit(b.take());
    if (d_.has_comments() && !o.column.comment.empty())
      column_comment(o.table, o.column.name, o.column.comment);
  }
  void operator()(const ops::DropColumn& o) {
    const Table& t = detail::require_table(before_, o.table, what_);
    if (!d_.drop_column_drops_dependents() && column_in_use(t, o.column.name)) {
      return rebuild(o.table);
    }
    SqlBuilder b = alter(o.table);
    b.sql(" DROP COLUMN ").ident(o.column.name);
    emit(b.take());
  }
  void operator()(const ops::AlterColumn& o);
  void operator()(const ops::RenameColumn& o) {
    SqlBuilder b = alter(o.table);
    b.sql(" RENAME COLUMN ").ident(o.column).sql(" TO ").ident(o.new_name);
    emit(b.take());
    rename_implicit_constraints(detail::require_table(before_, o.table, what_),
                                table_after(o.table));
  }
  void operator()(const ops::CreateIndex& o) {
    emit(create_index_sql(detail::table_named(o.table), o.index, d_));
  }
  void operator()(const ops::DropIndex& o) {
    emit(drop_index_sql(detail::table_named(o.table), o.index, d_));
  }
  void operator()(const ops::CreateUniqueConstraint& o) {
    if (!d_.can_alter_add_constraint()) return rebuild(o.table);
    SqlBuilder b = alter(o.table);
    b.sql(" ADD ");
    if (!o.constraint.name.empty()) b.sql("CONSTRAINT ").ident(o.constraint.name).sql(" ");
    b.sql("UNIQUE (").ident_list(o.constraint.columns).sql(")");
    emit(b.take());
  }
  void operator()(const ops::CreateForeignKey& o) {
    if (!d_.can_alter_add_constraint()) return rebuild(o.table);
    emit(add_foreign_key_sql(detail::table_named(o.table), o.constraint, d_));
  }
  void operator()(const ops::CreateCheckConstraint& o) {
    if (!d_.can_alter_add_constraint()) return rebuild(o.table);
    SqlBuilder b = alter(o.table);
    b.sql(" ADD ");
    if (!o.constraint.name.empty()) b.sql("CONSTRAINT ").ident(o.constraint.name).sql(" ");
    b.sql("CHECK (").sql(o.constraint.expression).sql(")");
    emit(b.take());
  }
  void operator()(const ops::DropConstraint& o) {
    if (!d_.can_alter_add_constraint()) return rebuild(o.table);
    emit(drop_constraint_sql(detail::table_named(o.table), constraint_name(o), d_));
  }
  void operator()(const ops::CreatePrimaryKey& o) {
    if (!d_.can_alter_add_constraint()) return rebuild(o.table);
    SqlBuilder b = alter(o.table);
    b.sql(" ADD ");
    if (!o.key.name.empty()) b.sql("CONSTRAINT ").ident(o.key.name).sql(" ");
    b.sql("PRIMARY KEY (").ident_list(o.key.columns).sql(")");
    emit(b.take());
  }
  void operator()(const ops::DropPrimaryKey& o) {
    if (!d_.can_alter_add_constraint()) return rebuild(o.table);
    const Table& t = detail::require_table(before_, o.table, what_);
    // PostgreSQL names an unnamed primary key "<table>_pkey".
    std::string name = t.primary_key && !t.primary_key->name.empty() ? t.primary_key->name
                       : !o.key.name.empty()                         ? o.key.name
                                                                     : o.table.name + "_pkey";
    emit(drop_constraint_sql(detail::table_named(o.table), name, d_));
  }
  void operator()(const ops::SetTableComment& o) {
    if (!d_.has_comments()) return;
    SqlBuilder b(d_);
    b.sql("COMMENT ON TABLE ");
    append_table_name(b, detail::table_named(o.table));
    comment_value(b, o.comment.to);
    emit(b.take());
  }
  void operator()(const ops::SetColumnComment& o) {
    if (d_.has_comments()) column_comment(o.table, o.column, o.comment.to);
  }
  void operator()(const ops::CreateEnum& o) {
    if (d_.has_enum_types()) emit(create_enum_sql(o.type, d_));
  }
  void operator()(const ops::DropEnum& o) {
    if (d_.has_enum_types()) emit(drop_enum_sql(o.type, d_));
  }
  void operator()(const ops::AddEnumValue& o);
  void operator()(const ops::RemoveEnumValue& o);
  void operator()(const ops::RenameEnum& o) {
    if (!d_.has_enum_types()) return;
    SqlBuilder b(d_);
    b.sql("ALTER TYPE ").qualified(o.schema, o.name).sql(" RENAME TO ").ident(o.new_name);
    emit(b.take());
  }
  void operator()(const ops::CreateSchema& o) {
    if (d_.has_schemas()) emit(create_schema_sql(o.name, d_));
  }
  void operator()(const ops::DropSchema& o) {
    if (d_.has_schemas()) emit(drop_schema_sql(o.name, d_));
  }
  void operator()(const ops::Execute& o) {
    auto it = o.sql.per_dialect.find(std::string(d_.name()));
    const std::string& text = it == o.sql.per_dialect.end() ? o.sql.sql : it->second;
    for (std::string& stmt : split_sql(text)) emit(std::move(stmt));
  }
  void operator()(const ops::BulkInsert& o) {
    for (std::string& sql : detail::bulk_insert_sql(o, d_, before_, what_)) emit(std::move(sql));
  }
  void operator()(const ops::BulkDelete& o) {
    for (std::string& sql : detail::bulk_delete_sql(o, d_, before_, what_)) emit(std::move(sql));
  }

 private:
  void emit(std::string sql) { out_.push_back({SqlStep::Kind::kExecute, std::move(sql), {}, {}}); }

  SqlBuilder alter(const TableRef& ref) const {
    SqlBuilder b(d_);
    b.sql("ALTER TABLE ");
    append_table_name(b, detail::table_named(ref));
    return b;
  }
  const Table& table_after(const TableRef& ref) const {
    return detail::require_table(after_, ref, what_);
  }
  void rebuild(const TableRef& ref) {
    const Table& before = detail::require_table(before_, ref, what_);
    for (SqlStep& s : detail::rebuild_table(before, table_after(ref), after_, d_)) {
      out_.push_back(std::move(s));
    }
  }
  // Rebuilds every table with a column of the enum (dialects that spell enums as CHECKs).
  void rebuild_enum_users(const std::string& schema, const std::string& name) {
    const EnumType* e = before_.find_enum(name, schema);
    if (e == nullptr) return;
    for (const Table& t : before_.tables) {
      if (std::any_of(t.columns.begin(), t.columns.end(),
                      [&](const Column& c) { return detail::type_names_enum(c.type, *e); })) {
        rebuild({t.schema, t.name});
      }
    }
  }
  static void comment_value(SqlBuilder& b, const std::string& comment) {
    if (comment.empty()) {
      b.sql(" IS NULL");
    } else {
      b.sql(" IS ").literal(comment);
    }
  }
  void column_comment(const TableRef& ref, const std::string& column, const std::string& text) {
    SqlBuilder b(d_);
    b.sql("COMMENT ON COLUMN ");
    append_table_name(b, detail::table_named(ref));
    b.sql(".").ident(column);
    comment_value(b, text);
    emit(b.take());
  }
  [[noreturn]] void fail(const std::string& problem) const {
    throw InputError(std::string(d_.name()) + ": " + what_ + ": " + problem);
  }
  std::string implicit(const Table& table, ConstraintKind kind,
                       const std::vector<std::string>& columns) const {
    std::string name = d_.implicit_constraint_name(table, kind, columns);
    if (name.empty()) fail("the constraint has no name; give it one");
    return name;
  }
  // The name to drop: given, or the one the database gave the unnamed constraint.
  std::string constraint_name(const ops::DropConstraint& o) const {
    if (!o.name.empty()) return o.name;
    const Table t = detail::table_named(o.table);
    if (!o.constraint) fail("the constraint has no name; give it one");
    if (const auto* fk = std::get_if<ForeignKey>(&*o.constraint)) {
      return implicit(t, ConstraintKind::kForeignKey, fk->columns);
    }
    if (const auto* u = std::get_if<UniqueConstraint>(&*o.constraint)) {
      return implicit(t, ConstraintKind::kUnique, u->columns);
    }
    return check_name(detail::require_table(before_, o.table, what_),
                      std::get<CheckConstraint>(*o.constraint));
  }
  // PostgreSQL numbers the second unnamed CHECK of a name ("t_n_check1") in the order they
  // were made, which the schema does not keep: such a CHECK cannot be told from its twin.
  std::string check_name(const Table& t, const CheckConstraint& check) const {
    const std::string name = detail::implicit_check_name(t, check, d_);
    if (name.empty()) fail("the constraint has no name; give it one");
    const auto same_name = [&](const CheckConstraint& other) {
      return other.name.empty() && detail::implicit_check_name(t, other, d_) == name;
    };
    if (std::count_if(t.check_constraints.begin(), t.check_constraints.end(), same_name) > 1) {
      fail("more than one unnamed check constraint is named \"" + name +
           "\" (and numbered) by the database; give them names");
    }
    return name;
  }
  void rename_implicit_constraints(const Table& before, const Table& after);

  const Dialect& d_;
  const MetaData& before_;
  MetaData after_;
  std::string what_;
  std::vector<SqlStep> out_;
};

void Compiler::operator()(const ops::AlterColumn& o) {
  const Table& before = detail::require_table(before_, o.table, what_);
  Column old_column = detail::require_column(before, o.column, what_);
  Column new_column = *table_after(o.table).find_column(o.column);
  if (!d_.has_comments()) old_column.comment = new_column.comment;
  if (old_column == new_column && !(o.type && !o.using_sql.empty())) {
    if (o.comment && d_.has_comments()) column_comment(o.table, o.column, o.comment->to);
    return;
  }
  if (!d_.can_alter_column()) return rebuild(o.table);
  for (std::string& sql : detail::alter_column_sql(o, d_, table_after(o.table), after_)) {
    emit(std::move(sql));
  }
}

// The constraints the database named after the table keep the old table's name unless they
// are renamed along with it (PostgreSQL: "artist_pkey" of a table renamed to "performer").
void Compiler::operator()(const ops::RenameTable& o) {
  SqlBuilder b = alter(o.table);
  b.sql(" RENAME TO ").ident(o.new_name);
  emit(b.take());
  rename_implicit_constraints(detail::require_table(before_, o.table, what_),
                              table_after({o.table.schema, o.new_name}));
}

// Renaming a table or a column changes the names the database would give its unnamed
// constraints, but not the names it gave them ("t_a_b_key" stays after a is renamed c): rename
// them too, so that the database, the schema tracked through a run and the models agree.
// `before` and `after` hold the same constraints in the same order (apply_operation renames
// in place). Indexes need nothing: the schema names every index, and a unique constraint's
// index follows its constraint.
void Compiler::rename_implicit_constraints(const Table& before, const Table& after) {
  auto rename = [&](const std::string& from, const std::string& to) {
    if (from.empty() || from == to) return;
    SqlBuilder r = alter({after.schema, after.name});
    r.sql(" RENAME CONSTRAINT ").ident(from).sql(" TO ").ident(to);
    emit(r.take());
  };
  if (before.primary_key && before.primary_key->name.empty()) {
    rename(d_.implicit_constraint_name(before, ConstraintKind::kPrimaryKey, {}),
           d_.implicit_constraint_name(after, ConstraintKind::kPrimaryKey, {}));
  }
  for (std::size_t i = 0; i < before.unique_constraints.size(); ++i) {
    if (!before.unique_constraints[i].name.empty()) continue;
    rename(d_.implicit_constraint_name(before, ConstraintKind::kUnique,
                                       before.unique_constraints[i].columns),
           d_.implicit_constraint_name(after, ConstraintKind::kUnique,
                                       after.unique_constraints[i].columns));
  }
  for (std::size_t i = 0; i < before.foreign_keys.size(); ++i) {
    if (!before.foreign_keys[i].name.empty()) continue;
    rename(d_.implicit_constraint_name(before, ConstraintKind::kForeignKey,
                                       before.foreign_keys[i].columns),
           d_.implicit_constraint_name(after, ConstraintKind::kForeignKey,
                                       after.foreign_keys[i].columns));
  }
  for (std::size_t i = 0; i < before.check_constraints.size(); ++i) {
    if (!before.check_constraints[i].name.empty()) continue;
    rename(detail::implicit_check_name(before, before.check_constraints[i], d_),
           detail::implicit_check_name(after, after.check_constraints[i], d_));
  }
}

void Compiler::operator()(const ops::AddEnumValue& o) {
  if (!d_.has_enum_types()) return rebuild_enum_users(o.schema, o.name);
  SqlBuilder b(d_);
  b.sql("ALTER TYPE ").qualified(o.schema, o.name).sql(" ADD VALUE ").literal(o.value);
  if (!o.before.empty()) b.sql(" BEFORE ").literal(o.before);
  if (!o.after.empty()) b.sql(" AFTER ").literal(o.after);
  emit(b.take());
}

// PostgreSQL cannot drop an enum value: rename the type away, create it anew, convert each
// column through text (dropping and restoring its default, which is typed), drop the old.
// CHECKs and partial or expression indexes that use such a column hold the old type's
// literals ('a'::st), which the conversion cannot carry over: they are dropped first and
// created again at the end.
void Compiler::operator()(const ops::RemoveEnumValue& o) {
  if (!d_.has_enum_types()) return rebuild_enum_users(o.schema, o.name);
  const EnumType* old_type = before_.find_enum(o.name, o.schema);
  const EnumType& new_type = *after_.find_enum(o.name, o.schema);
  const std::string old_name = "_retort_old_" + o.name;
  std::vector<ops::CreateCheckConstraint> checks;
  std::vector<ops::CreateIndex> indexes;
  for (const Table& t : after_.tables) {
    std::vector<std::string_view> columns;
    for (const Column& c : t.columns)
      if (detail::type_names_enum(c.type, *old_type)) columns.push_back(c.name);
    auto uses_enum = [&](std::string_view sql) {
      return std::any_of(columns.begin(), columns.end(),
                         [&](std::string_view c) { return uses_name(sql, c); });
    };
    const TableRef ref{t.schema, t.name};
    for (const CheckConstraint& ck : t.check_constraints) {
      if (!uses_enum(ck.expression)) continue;
      (*this)(ops::DropConstraint{ref, ck.name, ck});
      checks.push_back({ref, ck});
    }
    for (const Index& ix : t.indexes) {
      const bool uses = uses_enum(ix.where) ||
                        std::any_of(ix.elements.begin(), ix.elements.end(),
                                    [&](const IndexElement& e) { return uses_enum(e.expression); });
      if (!uses) continue;
      (*this)(ops::DropIndex{ref, ix});
      indexes.push_back({ref, ix});
    }
  }
  SqlBuilder rename(d_);
  rename.sql("ALTER TYPE ").qualified(o.schema, o.name).sql(" RENAME TO ").ident(old_name);
  emit(rename.take());
  emit(create_enum_sql(new_type, d_));
  for (const Table& t : after_.tables) {
    for (const Column& c : t.columns) {
      if (!detail::type_names_enum(c.type, *old_type)) continue;
      auto clause = [&] {
        SqlBuilder b = alter({t.schema, t.name});
        b.sql(" ALTER COLUMN ").ident(c.name);
        return b;
      };
      if (c.server_default) emit(clause().sql(" DROP DEFAULT").take());
      SqlBuilder b = clause();
      b.sql(" TYPE ").sql(d_.column_type_sql(t, c, after_)).sql(" USING ").ident(c.name);
      b.sql("::text::").sql(d_.column_type_sql(t, c, after_));
      emit(b.take());
      if (c.server_default)
        emit(clause().sql(" SET DEFAULT ").sql(default_value_sql(t, c, d_)).take());
    }
  }
  for (const ops::CreateCheckConstraint& ck : checks) (*this)(ck);
  for (const ops::CreateIndex& ix : indexes) (*this)(ix);
  emit(drop_enum_sql(EnumType{o.schema, old_name, {}}, d_));
}

}  // namespace

std::vector<SqlStep> compile_steps(const Operation& op, const Dialect& dialect,
                                   const MetaData& current) {
  Compiler compiler(op, dialect, current);
  std::visit(compiler, op);
  return compiler.take();
}

std::vector<std::string> compile(const Operation& op, const Dialect& dialect,
                                 const MetaData& current) {
  std::vector<std::string> out;
  for (SqlStep& s : compile_steps(op, dialect, current)) {
    if (!s.sql.empty()) out.push_back(std::move(s.sql));
  }
  return out;
}

std::vector<SqlStep> compile_steps(const std::vector<Operation>& ops, const Dialect& dialect,
                                   MetaData& current) {
  std::vector<SqlStep> out;
  for (const Operation& op : ops) {
    for (SqlStep& s : compile_steps(op, dialect, current)) out.push_back(std::move(s));
    apply_operation(current, op);
  }
  return out;
}

bool needs_foreign_keys_off(const std::vector<SqlStep>& steps) {
  return std::any_of(steps.begin(), steps.end(),
                     [](const SqlStep& s) { return s.kind == SqlStep::Kind::kSaveTriggers; });
}

}  // namespace retort
