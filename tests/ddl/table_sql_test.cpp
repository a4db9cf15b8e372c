// Exact SQL for tables and the other objects: keys, constraints, options, comments,
// indexes, foreign keys added later, enum types, schemas.
#include <gtest/gtest.h>

#include "ddl_test_util.hpp"
#include "retort/error.hpp"

namespace retort::testing {
namespace {

Table two_columns() {
  return table("t", {column("a", type(TypeKind::kInteger), false),
                     column("b", type(TypeKind::kInteger), false)});
}

// The table-level lines of CREATE TABLE (after the column lines), joined by '|'.
std::string constraint_lines(const Table& t, const Dialect& d) {
  const std::string sql = create_sql(t, d);
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = sql.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(sql.substr(start, end - start));
  }
  std::string out;
  for (std::size_t i = 1 + t.columns.size(); i < lines.size(); ++i) {
    std::string text = lines[i].substr(2);
    if (text.back() == ',') text.pop_back();
    out += (out.empty() ? "" : "|") + text;
  }
  return out;
}

TEST(TableSql, PrimaryKeys) {
  Table t = two_columns();
  t.primary_key = PrimaryKey{{}, {"a", "b"}};
  EXPECT_EQ(constraint_lines(t, sqlite()), "PRIMARY KEY (\"a\", \"b\")");
  EXPECT_EQ(constraint_lines(t, postgres()), "PRIMARY KEY (\"a\", \"b\")");
  t.primary_key->name = "pk_t";
  EXPECT_EQ(constraint_lines(t, postgres()), "CONSTRAINT \"pk_t\" PRIMARY KEY (\"a\", \"b\")");
  EXPECT_EQ(create_sql(t, sqlite()),
            "CREATE TABLE \"t\" (\n  \"a\" INTEGER NOT NULL,\n  \"b\" INTEGER NOT NULL,\n"
            "  CONSTRAINT \"pk_t\" PRIMARY KEY (\"a\", \"b\")\n)");
}

TEST(TableSql, UniqueAndCheck) {
  Table t = two_columns();
  t.unique_constraints = {UniqueConstraint{{}, {"a"}}, UniqueConstraint{"uq_ab", {"a", "b"}}};
  t.check_constraints = {CheckConstraint{{}, "a > 0"}, CheckConstraint{"ck_b", "b <> a"}};
  const std::string expected =
      "UNIQUE (\"a\")|CONSTRAINT \"uq_ab\" UNIQUE (\"a\", \"b\")|CHECK (a > 0)|"
      "CONSTRAINT \"ck_b\" CHECK (b <> a)";
  EXPECT_EQ(constraint_lines(t, sqlite()), expected);
  EXPECT_EQ(constraint_lines(t, postgres()), expected);
}

TEST(TableSql, ForeignKeyActionsAndDeferrability) {
  struct Case {
    ReferentialAction on_delete;
    ReferentialAction on_update;
    Deferrable deferrable;
    std::string suffix;
  };
  const std::vector<Case> cases = {
      {ReferentialAction::kNoAction, ReferentialAction::kNoAction, Deferrable::kNotDeferrable, ""},
      {ReferentialAction::kCascade, ReferentialAction::kNoAction, Deferrable::kNotDeferrable,
       " ON DELETE CASCADE"},
      {ReferentialAction::kRestrict, ReferentialAction::kCascade, Deferrable::kNotDeferrable,
       " ON DELETE RESTRICT ON UPDATE CASCADE"},
      {ReferentialAction::kSetNull, ReferentialAction::kSetDefault, Deferrable::kInitiallyImmediate,
       " ON DELETE SET NULL ON UPDATE SET DEFAULT DEFERRABLE INITIALLY IMMEDIATE"},
      {ReferentialAction::kSetDefault, ReferentialAction::kRestrict, Deferrable::kInitiallyDeferred,
       " ON DELETE SET DEFAULT ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED"},
  };
  for (const Case& c : cases) {
    Table t = two_columns();
    ForeignKey f = fk({"a", "b"}, "p", {"x", "y"});
    f.on_delete = c.on_delete;
    f.on_update = c.on_update;
    f.deferrable = c.deferrable;
    t.foreign_keys = {f};
    const std::string base = "FOREIGN KEY (\"a\", \"b\") REFERENCES \"p\" (\"x\", \"y\")";
    EXPECT_EQ(constraint_lines(t, sqlite()), base + c.suffix);
    EXPECT_EQ(constraint_lines(t, postgres()), base + c.suffix);
  }
}

TEST(TableSql, NamedAndSchemaQualifiedForeignKey) {
  Table t = two_columns();
  ForeignKey f = fk({"a"}, "p", {"id"}, "fk_t_p");
  f.ref_schema = "audit";
  t.foreign_keys = {f};
  EXPECT_EQ(constraint_lines(t, postgres()),
            "CONSTRAINT \"fk_t_p\" FOREIGN KEY (\"a\") REFERENCES \"audit\".\"p\" (\"id\")");
  EXPECT_EQ(create_table_sql(t, {}, postgres(), false).at(0),
            "CREATE TABLE \"t\" (\n  \"a\" integer NOT NULL,\n  \"b\" integer NOT NULL\n)");
}

TEST(TableSql, SqliteOptions) {
  Table t = table("t", {column("id", type(TypeKind::kInteger), false)});
  t.primary_key = PrimaryKey{{}, {"id"}};
  t.without_rowid = true;
  EXPECT_EQ(create_sql(t, sqlite()),
            "CREATE TABLE \"t\" (\n  \"id\" INTEGER NOT NULL,\n  PRIMARY KEY (\"id\")\n)"
            " WITHOUT ROWID");
  t.strict = true;
  EXPECT_TRUE(create_sql(t, sqlite()).ends_with(") WITHOUT ROWID, STRICT"));
  t.without_rowid = false;
  EXPECT_TRUE(create_sql(t, sqlite()).ends_with("\n) STRICT"));
}

TEST(TableSql, CommentsOnPostgresOnly) {
  Table t =
      table("t", {column("a", type(TypeKind::kText)), column("b", type(TypeKind::kText))}, "audit");
  t.comment = "Songs' table";
  t.columns[1].comment = "The b";
  const auto pg = create_table_sql(t, {}, postgres());
  ASSERT_EQ(pg.size(), 3u);
  EXPECT_EQ(pg[1], "COMMENT ON TABLE \"audit\".\"t\" IS 'Songs'' table'");
  EXPECT_EQ(pg[2], "COMMENT ON COLUMN \"audit\".\"t\".\"b\" IS 'The b'");
  t.schema.clear();
  EXPECT_EQ(create_table_sql(t, {}, sqlite()).size(), 1u);
}

TEST(TableSql, DropTable) {
  const Table t = table("Mixed Case", {}, "s");
  EXPECT_EQ(drop_table_sql(t, postgres()), "DROP TABLE \"s\".\"Mixed Case\"");
  EXPECT_EQ(drop_table_sql(table("t", {}), sqlite()), "DROP TABLE \"t\"");
}

TEST(IndexSql, EveryForm) {
  const Table t = table("t", {}, "s");
  const Table plain = table("t", {});
  Index ix{"ix_a", {col_element("a")}, false, ""};
  EXPECT_EQ(create_index_sql(plain, ix, sqlite()), "CREATE INDEX \"ix_a\" ON \"t\" (\"a\")");
  EXPECT_EQ(create_index_sql(t, ix, postgres()), "CREATE INDEX \"ix_a\" ON \"s\".\"t\" (\"a\")");
  ix.unique = true;
  ix.elements = {col_element("a"), col_element("b", true)};
  EXPECT_EQ(create_index_sql(plain, ix, sqlite()),
            "CREATE UNIQUE INDEX \"ix_a\" ON \"t\" (\"a\", \"b\" DESC)");
  ix.unique = false;
  ix.elements = {expr_element("lower(title)"), expr_element("(a + b)", true), col_element("id")};
  ix.where = "title IS NOT NULL";
  EXPECT_EQ(create_index_sql(plain, ix, sqlite()),
            "CREATE INDEX \"ix_a\" ON \"t\" ((lower(title)), (a + b) DESC, \"id\") WHERE title "
            "IS NOT NULL");
  EXPECT_EQ(create_index_sql(t, ix, postgres()),
            "CREATE INDEX \"ix_a\" ON \"s\".\"t\" ((lower(title)), (a + b) DESC, \"id\") WHERE "
            "title IS NOT NULL");
}

TEST(IndexSql, Drop) {
  const Index ix{"we\"ird", {col_element("a")}, false, ""};
  EXPECT_EQ(drop_index_sql(table("t", {}, "s"), ix, postgres()), "DROP INDEX \"s\".\"we\"\"ird\"");
  EXPECT_EQ(drop_index_sql(table("t", {}), ix, postgres()), "DROP INDEX \"we\"\"ird\"");
  EXPECT_EQ(drop_index_sql(table("t", {}), ix, sqlite()), "DROP INDEX \"we\"\"ird\"");
}

TEST(ObjectSql, AddForeignKey) {
  const Table t = table("t", {}, "s");
  ForeignKey f = fk({"p_id"}, "p", {"id"}, "fk_t_p");
  f.on_delete = ReferentialAction::kCascade;
  f.deferrable = Deferrable::kInitiallyDeferred;
  EXPECT_EQ(add_foreign_key_sql(t, f, postgres()),
            "ALTER TABLE \"s\".\"t\" ADD CONSTRAINT \"fk_t_p\" FOREIGN KEY (\"p_id\") REFERENCES "
            "\"p\" (\"id\") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED");
  EXPECT_THROW(add_foreign_key_sql(t, f, sqlite()), UsageError);
}

TEST(ObjectSql, EnumTypes) {
  const EnumType mood{{}, "mood", {"happy", "it's"}};
  const EnumType level{"audit", "Level", {"low"}};
  EXPECT_EQ(create_enum_sql(mood, postgres()), "CREATE TYPE \"mood\" AS ENUM ('happy', 'it''s')");
  EXPECT_EQ(create_enum_sql(level, postgres()), "CREATE TYPE \"audit\".\"Level\" AS ENUM ('low')");
  EXPECT_EQ(drop_enum_sql(level, postgres()), "DROP TYPE \"audit\".\"Level\"");
  EXPECT_THROW(create_enum_sql(mood, sqlite()), UsageError);
  EXPECT_THROW(drop_enum_sql(mood, sqlite()), UsageError);
}

TEST(ObjectSql, Schemas) {
  EXPECT_EQ(create_schema_sql("audit", postgres()), "CREATE SCHEMA IF NOT EXISTS \"audit\"");
  EXPECT_EQ(drop_schema_sql("we\"ird", postgres()), "DROP SCHEMA IF EXISTS \"we\"\"ird\"");
  EXPECT_THROW(create_schema_sql("audit", sqlite()), UsageError);
  EXPECT_THROW(drop_schema_sql("audit", sqlite()), UsageError);
}

}  // namespace
}  // namespace retort::testing

namespace retort::testing {
namespace {

TEST(ObjectSql, ColumnDefinitionCommentsAndDropConstraint) {
  Table t = table("t", {column("c", sized(TypeKind::kVarchar, 9), false)}, "s");
  t.columns[0].server_default = DefaultValue::literal("x");
  t.columns[0].comment = "see";
  EXPECT_EQ(column_definition_sql(t, t.columns[0], {}, postgres()),
            "\"c\" varchar(9) NOT NULL DEFAULT 'x'");
  EXPECT_EQ(column_definition_sql(t, t.columns[0], {}, sqlite()),
            "\"c\" VARCHAR(9) NOT NULL DEFAULT 'x'");
  EXPECT_EQ(comment_sql(t, postgres()),
            (std::vector<std::string>{"COMMENT ON COLUMN \"s\".\"t\".\"c\" IS 'see'"}));
  EXPECT_TRUE(comment_sql(t, sqlite()).empty());
  EXPECT_EQ(drop_constraint_sql(t, "fk x", postgres()),
            "ALTER TABLE \"s\".\"t\" DROP CONSTRAINT \"fk x\"");
  EXPECT_THROW(drop_constraint_sql(t, "fk", sqlite()), UsageError);
}

}  // namespace
}  // namespace retort::testing
