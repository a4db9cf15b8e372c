// Exact SQL for columns: every type, defaults, nullability, autoincrement, identity,
// computed columns, collations, enums, on both dialects.
#include <gtest/gtest.h>

#include "ddl_test_util.hpp"
#include "retort/error.hpp"

namespace retort::testing {
namespace {

// The column definition line of CREATE TABLE "t" (<line>) for a one-column table.
std::string column_line(const Column& c, const Dialect& d, const MetaData& m = {},
                        bool strict = false) {
  Table t = table("t", {c});
  t.strict = strict;
  std::string sql = create_sql(t, d, m);
  const std::string head = "CREATE TABLE \"t\" (\n  ";
  EXPECT_EQ(sql.substr(0, head.size()), head) << sql;
  const std::size_t end = sql.find('\n', head.size());
  return sql.substr(head.size(), end - head.size());
}

struct TypeCase {
  Type type;
  std::string sqlite;
  std::string postgres;
  std::string sqlite_strict;
};

TEST(ColumnSql, EveryTypeOnBothDialects) {
  const std::vector<TypeCase> cases = {
      {type(TypeKind::kInteger), "INTEGER", "integer", "INTEGER"},
      {type(TypeKind::kSmallInt), "SMALLINT", "smallint", "INTEGER"},
      {type(TypeKind::kBigInt), "BIGINT", "bigint", "INTEGER"},
      {type(TypeKind::kBoolean), "BOOLEAN", "boolean", "INTEGER"},
      {sized(TypeKind::kVarchar, 30), "VARCHAR(30)", "varchar(30)", "TEXT"},
      {type(TypeKind::kVarchar), "VARCHAR", "varchar", "TEXT"},
      {sized(TypeKind::kChar, 2), "CHAR(2)", "char(2)", "TEXT"},
      {type(TypeKind::kText), "TEXT", "text", "TEXT"},
      {numeric(10, 2), "NUMERIC(10,2)", "numeric(10,2)", "ANY"},
      {numeric(12, std::nullopt), "NUMERIC(12)", "numeric(12)", "ANY"},
      {numeric(std::nullopt, std::nullopt), "NUMERIC", "numeric", "ANY"},
      {type(TypeKind::kReal), "REAL", "real", "REAL"},
      {type(TypeKind::kDouble), "DOUBLE", "double precision", "REAL"},
      {type(TypeKind::kDate), "DATE", "date", "TEXT"},
      {type(TypeKind::kTime), "TIME", "time", "TEXT"},
      {type(TypeKind::kTimestamp), "TIMESTAMP", "timestamp", "TEXT"},
      {type(TypeKind::kTimestampTz), "TIMESTAMPTZ", "timestamptz", "TEXT"},
      {type(TypeKind::kUuid), "UUID", "uuid", "TEXT"},
      {type(TypeKind::kJson), "JSON", "json", "TEXT"},
      {type(TypeKind::kJsonb), "JSONB", "jsonb", "TEXT"},
      {type(TypeKind::kBinary), "BLOB", "bytea", "BLOB"},
      {named(TypeKind::kRaw, "inet"), "inet", "inet", "ANY"},
  };
  for (const TypeCase& c : cases) {
    const Column col = column("c", c.type);
    EXPECT_EQ(column_line(col, sqlite()), "\"c\" " + c.sqlite) << c.sqlite;
    EXPECT_EQ(column_line(col, postgres()), "\"c\" " + c.postgres) << c.postgres;
    EXPECT_EQ(column_line(col, sqlite(), {}, true), "\"c\" " + c.sqlite_strict) << c.sqlite;
  }
}

TEST(ColumnSql, NotNull) {
  const Column c = column("c", type(TypeKind::kText), false);
  EXPECT_EQ(column_line(c, sqlite()), "\"c\" TEXT NOT NULL");
  EXPECT_EQ(column_line(c, postgres()), "\"c\" text NOT NULL");
}

struct DefaultCase {
  Type type;
  DefaultValue value;
  std::string sqlite;
  std::string postgres;
};

TEST(ColumnSql, DefaultsOfEachKind) {
  const std::vector<DefaultCase> cases = {
      {type(TypeKind::kInteger), DefaultValue::literal("42"), "42", "42"},
      {type(TypeKind::kBigInt), DefaultValue::literal("-7"), "-7", "-7"},
      {numeric(10, 2), DefaultValue::literal("3.25"), "3.25", "3.25"},
      {type(TypeKind::kDouble), DefaultValue::literal("1e3"), "1e3", "1e3"},
      {type(TypeKind::kBoolean), DefaultValue::literal("true"), "1", "TRUE"},
      {type(TypeKind::kBoolean), DefaultValue::literal("false"), "0", "FALSE"},
      {type(TypeKind::kBoolean), DefaultValue::literal("1"), "1", "TRUE"},
      {type(TypeKind::kText), DefaultValue::literal("it's"), "'it''s'", "'it''s'"},
      {type(TypeKind::kText), DefaultValue::literal(""), "''", "''"},
      {type(TypeKind::kText), DefaultValue::literal("42"), "'42'", "'42'"},
      {type(TypeKind::kDate), DefaultValue::literal("2024-01-31"), "'2024-01-31'", "'2024-01-31'"},
      {type(TypeKind::kTimestamp), DefaultValue::expression("CURRENT_TIMESTAMP"),
       "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"},
      {type(TypeKind::kText), DefaultValue::expression("lower('ABC')"), "(lower('ABC'))",
       "(lower('ABC'))"},
      {type(TypeKind::kInteger), DefaultValue::expression("(1 + 2)"), "(1 + 2)", "(1 + 2)"},
      {type(TypeKind::kInteger), DefaultValue::expression("(1) + (2)"), "((1) + (2))",
       "((1) + (2))"},
      {type(TypeKind::kText), DefaultValue::expression("'x'"), "'x'", "'x'"},
      {type(TypeKind::kText), DefaultValue::expression("'a' || 'b'"), "('a' || 'b')",
       "('a' || 'b')"},
      {type(TypeKind::kInteger), DefaultValue::expression("-1"), "-1", "-1"},
  };
  for (const DefaultCase& c : cases) {
    Column col = column("c", c.type);
    col.server_default = c.value;
    const std::string sl = column_line(col, sqlite());
    const std::string pg = column_line(col, postgres());
    EXPECT_EQ(sl.substr(sl.find(" DEFAULT ") + 9), c.sqlite) << sl;
    EXPECT_EQ(pg.substr(pg.find(" DEFAULT ") + 9), c.postgres) << pg;
  }
}

TEST(ColumnSql, BadLiteralDefaultNamesTableAndColumn) {
  Column c = column("n", type(TypeKind::kInteger));
  c.server_default = DefaultValue::literal("abc");
  try {
    create_sql(table("t", {c}), sqlite());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "table \"t\": column \"n\": default 'abc' is not an integer");
  }
  c.type = type(TypeKind::kBoolean);
  c.server_default = DefaultValue::literal("maybe");
  EXPECT_THROW(create_sql(table("t", {c}), postgres()), InputError);
  c.type = numeric(10, 2);
  c.server_default = DefaultValue::literal("1.2.3");
  EXPECT_THROW(create_sql(table("t", {c}), postgres()), InputError);
}

TEST(ColumnSql, NullableWithDefault) {
  Column c = column("c", sized(TypeKind::kVarchar, 5), false);
  c.server_default = DefaultValue::literal("abc");
  EXPECT_EQ(column_line(c, sqlite()), "\"c\" VARCHAR(5) NOT NULL DEFAULT 'abc'");
  EXPECT_EQ(column_line(c, postgres()), "\"c\" varchar(5) NOT NULL DEFAULT 'abc'");
}

TEST(ColumnSql, Collation) {
  Column c = column("c", type(TypeKind::kText));
  c.collation = "C";
  EXPECT_EQ(column_line(c, postgres()), "\"c\" text COLLATE \"C\"");
  c.collation = "NOCASE";
  EXPECT_EQ(column_line(c, sqlite()), "\"c\" TEXT COLLATE \"NOCASE\"");
}

TEST(ColumnSql, Computed) {
  Column c = column("slug", type(TypeKind::kText));
  c.computed = Computed{"lower(title)", true};
  EXPECT_EQ(column_line(c, sqlite()), "\"slug\" TEXT GENERATED ALWAYS AS (lower(title)) STORED");
  EXPECT_EQ(column_line(c, postgres()), "\"slug\" text GENERATED ALWAYS AS (lower(title)) STORED");
  c.computed = Computed{"(a + b)", false};
  EXPECT_EQ(column_line(c, sqlite()), "\"slug\" TEXT GENERATED ALWAYS AS (a + b) VIRTUAL");
}

TEST(ColumnSql, AutoincrementSqliteInlinePrimaryKey) {
  Table t = table(
      "t", {column("id", type(TypeKind::kInteger), false), column("x", type(TypeKind::kText))});
  t.columns[0].autoincrement = true;
  t.primary_key = PrimaryKey{{}, {"id"}};
  EXPECT_EQ(create_sql(t, sqlite()),
            "CREATE TABLE \"t\" (\n  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n"
            "  \"x\" TEXT\n)");
  t.primary_key->name = "pk_t";
  t.columns[0].type = type(TypeKind::kBigInt);
  EXPECT_EQ(create_sql(t, sqlite()),
            "CREATE TABLE \"t\" (\n  \"id\" INTEGER CONSTRAINT \"pk_t\" PRIMARY KEY "
            "AUTOINCREMENT NOT NULL,\n  \"x\" TEXT\n)");
}

TEST(ColumnSql, AutoincrementPostgresSerials) {
  const std::vector<std::pair<TypeKind, std::string>> cases = {
      {TypeKind::kInteger, "serial"},
      {TypeKind::kBigInt, "bigserial"},
      {TypeKind::kSmallInt, "smallserial"}};
  for (const auto& [kind, serial] : cases) {
    Table t = table("t", {column("id", type(kind), false)});
    t.columns[0].autoincrement = true;
    t.primary_key = PrimaryKey{{}, {"id"}};
    EXPECT_EQ(create_sql(t, postgres()),
              "CREATE TABLE \"t\" (\n  \"id\" " + serial + " NOT NULL,\n  PRIMARY KEY (\"id\")\n)");
  }
}

TEST(ColumnSql, IdentityPostgres) {
  Column c = column("id", type(TypeKind::kBigInt), false);
  c.identity = Identity::kAlways;
  EXPECT_EQ(column_line(c, postgres()), "\"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL");
  c.identity = Identity::kByDefault;
  EXPECT_EQ(column_line(c, postgres()), "\"id\" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL");
}

TEST(ColumnSql, EnumColumns) {
  MetaData m;
  m.enums.push_back(EnumType{{}, "mood", {"happy", "it's sad"}});
  m.enums.push_back(EnumType{"audit", "level", {"low", "high"}});
  Column c = column("mood", named(TypeKind::kEnum, "mood"), false);
  c.server_default = DefaultValue::literal("happy");
  EXPECT_EQ(column_line(c, postgres(), m), "\"mood\" \"mood\" NOT NULL DEFAULT 'happy'");
  EXPECT_EQ(column_line(c, sqlite(), m),
            "\"mood\" TEXT NOT NULL DEFAULT 'happy' CHECK (\"mood\" IN ('happy', 'it''s sad'))");
  const Column level = column("lvl", named(TypeKind::kEnum, "level"));
  EXPECT_EQ(column_line(level, postgres(), m), "\"lvl\" \"audit\".\"level\"");
  const Column missing = column("x", named(TypeKind::kEnum, "nope"));
  EXPECT_THROW(column_line(missing, sqlite(), m), InputError);
}

TEST(ColumnSql, NamesNeedingQuoting) {
  for (const std::string name : {"we\"ird", "select", "Mixed Case"}) {
    std::string quoted = "\"";
    for (char ch : name) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    quoted += "\"";
    Table t = table(name, {column(name, type(TypeKind::kText))});
    EXPECT_EQ(create_sql(t, sqlite()), "CREATE TABLE " + quoted + " (\n  " + quoted + " TEXT\n)");
    t.schema = name;
    EXPECT_EQ(create_sql(t, postgres()),
              "CREATE TABLE " + quoted + "." + quoted + " (\n  " + quoted + " text\n)");
  }
}

}  // namespace
}  // namespace retort::testing

namespace retort::testing {
namespace {

// The declared type each dialect renders parses back to the model's type, so that a
// reflection reading the catalog's declared type finds the type the model declared.
TEST(ColumnSql, RenderedTypesParseBack) {
  const std::vector<Type> types = {type(TypeKind::kInteger),      type(TypeKind::kSmallInt),
                                   type(TypeKind::kBigInt),       type(TypeKind::kBoolean),
                                   sized(TypeKind::kVarchar, 30), sized(TypeKind::kChar, 2),
                                   type(TypeKind::kText),         numeric(10, 2),
                                   numeric(12, std::nullopt),     type(TypeKind::kReal),
                                   type(TypeKind::kDouble),       type(TypeKind::kDate),
                                   type(TypeKind::kTime),         type(TypeKind::kTimestamp),
                                   type(TypeKind::kTimestampTz),  type(TypeKind::kUuid),
                                   type(TypeKind::kJson),         type(TypeKind::kJsonb),
                                   type(TypeKind::kBinary)};
  for (const Type& t : types) {
    const Table tbl = table("t", {column("c", t)});
    for (const Dialect* d : {&sqlite(), &postgres()}) {
      const std::string sql = d->column_type_sql(tbl, tbl.columns[0], {});
      EXPECT_EQ(Type::parse(sql), t) << d->name() << ": " << sql;
    }
  }
}

}  // namespace
}  // namespace retort::testing
