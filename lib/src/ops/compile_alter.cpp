// ALTER TABLE ... ALTER COLUMN for dialects that change columns in place (PostgreSQL).
#include "ops/compile_internal.hpp"

namespace retort::detail {

// Order matters: a serial or identity is removed before a type change and added after it,
// and NOT NULL and the default follow the new type.
std::vector<std::string> alter_column_sql(const ops::AlterColumn& o, const Dialect& dialect,
                                          const Table& t, const MetaData& after) {
  std::vector<std::string> out;
  auto emit = [&](std::string sql) { out.push_back(std::move(sql)); };
  const Column& c = *t.find_column(o.column);
  auto column_clause = [&] {
    SqlBuilder b(dialect);
    b.sql("ALTER TABLE ");
    append_table_name(b, t);
    b.sql(" ALTER COLUMN ").ident(o.column);
    return b;
  };
  if (o.autoincrement && !o.autoincrement->to) {
    for (std::string& s : dialect.alter_autoincrement_sql(t, c, false)) emit(std::move(s));
  }
  if (o.identity && o.identity->from.value_or(Identity::kByDefault) != Identity::kNone &&
      o.identity->to == Identity::kNone) {
    emit(column_clause()
             .sql(o.identity->from ? " DROP IDENTITY" : " DROP IDENTITY IF EXISTS")
             .take());
  }
  if (o.type) {
    Column plain = c;
    plain.autoincrement = false;
    SqlBuilder b = column_clause();
    b.sql(" TYPE ").sql(dialect.column_type_sql(t, plain, after));
    if (!o.using_sql.empty()) {
      b.sql(" USING ").sql(detail::parenthesized(o.using_sql));
    } else if (o.type->from && o.type->from->kind != o.type->to.kind) {
      b.sql(" USING ").ident(o.column).sql("::").sql(dialect.column_type_sql(t, plain, after));
    }
    emit(b.take());
  }
  if (o.nullable)
    emit(column_clause().sql(o.nullable->to ? " DROP NOT NULL" : " SET NOT NULL").take());
  if (o.server_default) {
    SqlBuilder b = column_clause();
    if (c.server_default) {
      b.sql(" SET DEFAULT ").sql(default_value_sql(t, c, dialect));
    } else {
      b.sql(" DROP DEFAULT");
    }
    emit(b.take());
  }
  if (o.identity && o.identity->to != Identity::kNone) {
    const char* kind = o.identity->to == Identity::kAlways ? "ALWAYS" : "BY DEFAULT";
    SqlBuilder b = column_clause();
    if (o.identity->from && *o.identity->from != Identity::kNone) {
      b.sql(" SET GENERATED ").sql(kind);
    } else {
      b.sql(" ADD GENERATED ").sql(kind).sql(" AS IDENTITY");
    }
    emit(b.take());
  }
  if (o.autoincrement && o.autoincrement->to) {
    for (std::string& s : dialect.alter_autoincrement_sql(t, c, true)) emit(std::move(s));
  }
  if (o.comment) {
    SqlBuilder b(dialect);
    b.sql("COMMENT ON COLUMN ");
    append_table_name(b, t);
    b.sql(".").ident(o.column);
    if (o.comment->to.empty()) {
      b.sql(" IS NULL");
    } else {
      b.sql(" IS ").literal(o.comment->to);
    }
    emit(b.take());
  }
  return out;
}

}  // namespace retort::detail
