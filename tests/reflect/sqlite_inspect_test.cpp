// SQLite reflection of hand-written databases: every feature, and the awkward corners.
#include <filesystem>

#include <gtest/gtest.h>

#include "retort/ddl.hpp"
#include "retort/engine.hpp"
#include "retort/error.hpp"
#include "retort/inspect.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {

class SqliteReflect : public ::testing::Test {
 protected:
  SqliteReflect() : engine_(Url::parse("sqlite://")), conn_(engine_.connect()) {}

  MetaData reflect_sql(const std::string& ddl, const InspectOptions& options = {}) {
    conn_.execute(ddl);
    return reflect(conn_, options, &extras_);
  }
  const Table& table(const MetaData& m, const std::string& name) {
    const Table* t = m.find_table(name);
    EXPECT_NE(t, nullptr) << name;
    static const Table kEmpty;
    return t ? *t : kEmpty;
  }

  Engine engine_;
  Connection conn_;
  InspectExtras extras_;
};

TEST_F(SqliteReflect, ColumnsTypesNullabilityDefaults) {
  const MetaData m = reflect_sql(
      "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(30) NOT NULL "
      "DEFAULT 'x''y', n NUMERIC(10,2) DEFAULT -1.5, flag BOOLEAN DEFAULT 1, "
      "created TIMESTAMP DEFAULT CURRENT_TIMESTAMP, ratio DOUBLE, data BLOB, "
      "e TEXT DEFAULT (lower('ABC')), odd MYTYPE, untyped)");
  const Table& t = table(m, "t");
  ASSERT_EQ(t.columns.size(), 10u);
  EXPECT_EQ(t.columns[0].type.kind, TypeKind::kInteger);
  EXPECT_TRUE(t.columns[0].autoincrement);
  EXPECT_FALSE(t.columns[0].nullable);
  EXPECT_EQ(t.primary_key, (PrimaryKey{"", {"id"}}));
  EXPECT_EQ(t.columns[1].type, Type::parse("varchar(30)"));
  EXPECT_EQ(t.columns[1].type.spelling, "VARCHAR(30)");
  EXPECT_FALSE(t.columns[1].nullable);
  EXPECT_EQ(t.columns[1].server_default, DefaultValue::literal("x'y"));
  EXPECT_EQ(t.columns[2].type, Type::parse("numeric(10,2)"));
  EXPECT_EQ(t.columns[2].server_default, DefaultValue::literal("-1.5"));
  EXPECT_EQ(t.columns[3].server_default, DefaultValue::literal("1"));
  EXPECT_EQ(t.columns[4].server_default, DefaultValue::expression("CURRENT_TIMESTAMP"));
  EXPECT_EQ(t.columns[5].type.kind, TypeKind::kDouble);
  EXPECT_EQ(t.columns[6].type.kind, TypeKind::kBinary);
  EXPECT_EQ(t.columns[7].server_default, DefaultValue::expression("lower('ABC')"));
  EXPECT_EQ(t.columns[8].type.kind, TypeKind::kRaw);
  EXPECT_EQ(t.columns[8].type.name, "MYTYPE");
  EXPECT_EQ(t.columns[9].type.kind, TypeKind::kRaw);
  EXPECT_TRUE(t.columns[9].nullable);
}

TEST_F(SqliteReflect, KeysConstraintsAndTheirNames) {
  const MetaData m = reflect_sql(
      "CREATE TABLE parent (a INTEGER, b TEXT, CONSTRAINT pk_parent PRIMARY KEY (b, a));"
      "CREATE TABLE child (id INTEGER PRIMARY KEY, pa INTEGER, pb TEXT, "
      "  up INTEGER REFERENCES child ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, "
      "  code TEXT UNIQUE CONSTRAINT ck_code CHECK (length(code) = 3), "
      "  CONSTRAINT uq_pair UNIQUE (pa, pb), CHECK (pa > 0), "
      "  CONSTRAINT fk_parent FOREIGN KEY (pb, pa) REFERENCES parent (b, a) "
      "    ON UPDATE SET NULL DEFERRABLE INITIALLY IMMEDIATE)");
  const Table& parent = table(m, "parent");
  EXPECT_EQ(parent.primary_key, (PrimaryKey{"pk_parent", {"b", "a"}}));
  EXPECT_FALSE(parent.columns[0].nullable);
  const Table& child = table(m, "child");
  EXPECT_FALSE(child.columns[0].autoincrement);
  ASSERT_EQ(child.foreign_keys.size(), 2u);
  // Canonical order: unnamed first.
  const ForeignKey& self = child.foreign_keys[0];
  EXPECT_EQ(self.name, "");
  EXPECT_EQ(self.ref_table, "child");
  EXPECT_EQ(self.ref_columns, std::vector<std::string>{"id"});  // implied primary key
  EXPECT_EQ(self.on_delete, ReferentialAction::kCascade);
  EXPECT_EQ(self.deferrable, Deferrable::kInitiallyDeferred);
  const ForeignKey& composite = child.foreign_keys[1];
  EXPECT_EQ(composite.name, "fk_parent");
  EXPECT_EQ(composite.columns, (std::vector<std::string>{"pb", "pa"}));
  EXPECT_EQ(composite.ref_columns, (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(composite.on_update, ReferentialAction::kSetNull);
  EXPECT_EQ(composite.deferrable, Deferrable::kInitiallyImmediate);
  EXPECT_EQ(child.unique_constraints,
            (std::vector<UniqueConstraint>{{"", {"code"}}, {"uq_pair", {"pa", "pb"}}}));
  EXPECT_EQ(child.check_constraints,
            (std::vector<CheckConstraint>{{"", "pa > 0"}, {"ck_code", "length(code) = 3"}}));
}

TEST_F(SqliteReflect, IndexesGeneratedColumnsCollationsAndOptions) {
  const MetaData m = reflect_sql(
      "CREATE TABLE t (k TEXT PRIMARY KEY, title TEXT COLLATE NOCASE, "
      "  slug TEXT GENERATED ALWAYS AS (lower(title)) STORED, v INTEGER AS (length(k))) "
      "  WITHOUT ROWID;"
      "CREATE TABLE s (a INTEGER, b REAL) STRICT;"
      "CREATE INDEX ix_plain ON t (title);"
      "CREATE UNIQUE INDEX ix_multi ON t (slug DESC, title);"
      "CREATE INDEX ix_expr ON t (lower(title), (v + 1) DESC) WHERE v > 2;");
  const Table& t = table(m, "t");
  EXPECT_TRUE(t.without_rowid);
  EXPECT_FALSE(t.strict);
  EXPECT_EQ(t.columns[1].collation, "NOCASE");
  ASSERT_TRUE(t.columns[2].computed);
  EXPECT_EQ(*t.columns[2].computed, (Computed{"lower(title)", true}));
  EXPECT_EQ(*t.columns[3].computed, (Computed{"length(k)", false}));
  EXPECT_TRUE(table(m, "s").strict);
  ASSERT_EQ(t.indexes.size(), 3u);
  const Index& expr = t.indexes[0];
  EXPECT_EQ(expr.name, "ix_expr");
  EXPECT_EQ(expr.elements,
            (std::vector<IndexElement>{{"", "lower(title)", false}, {"", "v + 1", true}}));
  EXPECT_EQ(expr.where, "v > 2");
  EXPECT_EQ(t.indexes[1],
            (Index{"ix_multi", {{"slug", "", true}, {"title", "", false}}, true, ""}));
  EXPECT_EQ(t.indexes[2], (Index{"ix_plain", {{"title", "", false}}, false, ""}));
}

// SQLite rewrites the stored CREATE text on RENAME COLUMN, quoting the new name wherever an
// expression used the column; reflection reports the models' bare spelling, and keeps quotes
// that are needed.
TEST_F(SqliteReflect, RenamedColumnsInExpressionsLoseQuotesTheyDoNotNeed) {
  const MetaData m = reflect_sql(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER CHECK (a > 0), b INTEGER, "
      "  g INTEGER AS (a + 1), CHECK (a <> 'a'));"
      "CREATE INDEX ix_a ON t (abs(a)) WHERE a > 1;"
      "ALTER TABLE t RENAME COLUMN a TO c;"
      "ALTER TABLE t RENAME COLUMN b TO \"Order\";"
      "CREATE INDEX ix_order ON t (\"Order\") WHERE \"Order\" > 0;");
  const Table& t = table(m, "t");
  EXPECT_EQ(t.check_constraints, (std::vector<CheckConstraint>{{"", "c <> 'a'"}, {"", "c > 0"}}));
  ASSERT_TRUE(t.columns[3].computed);
  EXPECT_EQ(t.columns[3].computed->expression, "c + 1");
  ASSERT_EQ(t.indexes.size(), 2u);
  EXPECT_EQ(t.indexes[0].elements, (std::vector<IndexElement>{{"", "abs(c)", false}}));
  EXPECT_EQ(t.indexes[0].where, "c > 1");
  EXPECT_EQ(t.indexes[1].where, "\"Order\" > 0");
}

TEST_F(SqliteReflect, AwkwardNames) {
  const MetaData m = reflect_sql(
      "CREATE TABLE \"Order\" (\"Select\" INTEGER PRIMARY KEY, \"my col\" TEXT, "
      "  [it's \"odd\"] TEXT, `MixedCase` INTEGER REFERENCES \"Order\" (\"Select\"));"
      "CREATE TABLE \"table with spaces\" (\"group\" TEXT CONSTRAINT \"uq \"\"q\"\"\" UNIQUE);"
      "CREATE INDEX \"ix \"\"odd\"\"\" ON \"Order\" (\"my col\", [it's \"odd\"]);");
  const Table& order = table(m, "Order");
  ASSERT_EQ(order.columns.size(), 4u);
  EXPECT_EQ(order.columns[0].name, "Select");
  EXPECT_EQ(order.columns[2].name, "it's \"odd\"");
  EXPECT_EQ(order.columns[3].name, "MixedCase");
  ASSERT_EQ(order.foreign_keys.size(), 1u);
  EXPECT_EQ(order.foreign_keys[0].ref_table, "Order");
  ASSERT_EQ(order.indexes.size(), 1u);
  EXPECT_EQ(order.indexes[0].name, "ix \"odd\"");
  EXPECT_EQ(order.indexes[0].elements[1].column, "it's \"odd\"");
  const Table& spaces = table(m, "table with spaces");
  EXPECT_EQ(spaces.unique_constraints, (std::vector<UniqueConstraint>{{"uq \"q\"", {"group"}}}));
}

TEST_F(SqliteReflect, ViewsTriggersAndInternalTablesAreNotTables) {
  const MetaData m = reflect_sql(
      "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT);"
      "INSERT INTO t (x) VALUES ('a');"  // creates sqlite_sequence
      "CREATE VIEW v AS SELECT x FROM t;"
      "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;");
  ASSERT_EQ(m.tables.size(), 1u);
  EXPECT_EQ(m.tables[0].name, "t");
  EXPECT_EQ(extras_.views, std::vector<std::string>{"v"});
  EXPECT_EQ(extras_.triggers, std::vector<std::string>{"tr"});
}

TEST_F(SqliteReflect, IncludeExcludeAndVersionTable) {
  conn_.execute(
      "CREATE TABLE retort_version (v TEXT); CREATE TABLE app_user (id INTEGER);"
      "CREATE TABLE app_log (id INTEGER); CREATE TABLE other (id INTEGER)");
  auto names = [&](const InspectOptions& options) {
    std::vector<std::string> out;
    for (const Table& t : reflect(conn_, options).tables) out.push_back(t.name);
    return out;
  };
  EXPECT_EQ(names({}), (std::vector<std::string>{"app_log", "app_user", "other"}));
  InspectOptions include;
  include.include = {"app_*", "retort_*"};
  EXPECT_EQ(names(include), (std::vector<std::string>{"app_log", "app_user"}));
  include.exclude = {"*_log"};
  EXPECT_EQ(names(include), (std::vector<std::string>{"app_user"}));
}

TEST(SqliteReflectFile, MissingFileIsAnErrorAndIsNotCreated) {
  testing::TempDir dir;
  const std::filesystem::path path = dir / "missing.db";
  Url url = Url::parse("sqlite:///x.db");
  url.database = path.string();
  EngineOptions options;
  options.mode = OpenMode::kReadOnly;
  EXPECT_THROW(
      {
        Engine engine(url, options);
        Connection conn = engine.connect();
        reflect(conn);
      },
      DatabaseError);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SqliteReflectFile, ReadOnlyFileReflects) {
  testing::TempDir dir;
  Url url = Url::parse("sqlite:///x.db");
  url.database = (dir / "app.db").string();
  {
    Engine engine(url);
    engine.connect().execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
  }
  EngineOptions options;
  options.mode = OpenMode::kReadOnly;
  Engine engine(url, options);
  Connection conn = engine.connect();
  EXPECT_EQ(reflect(conn).tables.size(), 1u);
}

}  // namespace
}  // namespace retort
