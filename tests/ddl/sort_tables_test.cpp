// sort_tables order and cycle detection; create_all_sql / drop_all_sql sequences.
#include <gtest/gtest.h>

#include "ddl_test_util.hpp"
#include "retort/error.hpp"

namespace retort::testing {
namespace {

Table ref_table(std::string name, std::vector<std::string> refs) {
  Table t = table(std::move(name), {column("id", type(TypeKind::kInteger), false)});
  t.primary_key = PrimaryKey{{}, {"id"}};
  for (std::string& r : refs) {
    t.columns.push_back(column(r + "_id", type(TypeKind::kInteger)));
    t.foreign_keys.push_back(fk({r + "_id"}, r, {"id"}));
  }
  return t;
}

MetaData model(std::vector<Table> tables) {
  MetaData m;
  m.tables = std::move(tables);
  return m;
}

std::vector<std::string> names(const MetaData& m, const TableOrder& order) {
  std::vector<std::string> out;
  for (std::size_t t : order.tables) out.push_back(m.tables[t].name);
  return out;
}

using Names = std::vector<std::string>;
using Fks = std::vector<std::pair<std::size_t, std::size_t>>;

TEST(SortTables, KeepsDeclarationOrderWhenFree) {
  const MetaData m = model({ref_table("c", {}), ref_table("a", {}), ref_table("b", {})});
  const TableOrder order = sort_tables(m);
  EXPECT_EQ(names(m, order), (Names{"c", "a", "b"}));
  EXPECT_TRUE(order.cycle_fks.empty());
}

TEST(SortTables, ParentsFirstStable) {
  const MetaData m = model({ref_table("track", {"album", "artist"}), ref_table("album", {"artist"}),
                            ref_table("genre", {}), ref_table("artist", {})});
  const TableOrder order = sort_tables(m);
  EXPECT_EQ(names(m, order), (Names{"genre", "artist", "album", "track"}));
  EXPECT_TRUE(order.cycle_fks.empty());
}

TEST(SortTables, SelfReferenceIsNoCycle) {
  const MetaData m = model({ref_table("node", {"node", "tree"}), ref_table("tree", {})});
  const TableOrder order = sort_tables(m);
  EXPECT_EQ(names(m, order), (Names{"tree", "node"}));
  EXPECT_TRUE(order.cycle_fks.empty());
}

TEST(SortTables, ExternalReferencesIgnored) {
  Table t = ref_table("t", {"elsewhere"});
  const MetaData m = model({t});
  EXPECT_EQ(names(m, sort_tables(m)), (Names{"t"}));
}

TEST(SortTables, SchemaMustMatch) {
  Table child = ref_table("child", {"parent"});
  child.foreign_keys[0].ref_schema = "audit";
  Table parent_default = ref_table("parent", {});
  Table parent_audit = ref_table("parent", {});
  parent_audit.schema = "audit";
  const MetaData m = model({child, parent_default, parent_audit});
  const TableOrder order = sort_tables(m);
  EXPECT_EQ(order.tables, (std::vector<std::size_t>{1, 2, 0}));
}

TEST(SortTables, TwoTableCycle) {
  const MetaData m = model({ref_table("a", {"b"}), ref_table("b", {"a"}), ref_table("c", {"a"})});
  const TableOrder order = sort_tables(m);
  EXPECT_EQ(names(m, order), (Names{"a", "b", "c"}));
  EXPECT_EQ(order.cycle_fks, (Fks{{0, 0}}));
}

TEST(SortTables, CycleBrokenOnlyInsideTheCycle) {
  // x references y; y and z reference each other. x is not on the cycle, so its foreign key
  // must not be reported; the cycle is broken at y (first of the cycle in declaration order).
  const MetaData m = model({ref_table("x", {"y"}), ref_table("y", {"z"}), ref_table("z", {"y"})});
  const TableOrder order = sort_tables(m);
  EXPECT_EQ(names(m, order), (Names{"y", "x", "z"}));
  EXPECT_EQ(order.cycle_fks, (Fks{{1, 0}}));
}

TEST(SortTables, ThreeTableCycleAndSecondCycle) {
  const MetaData m = model({ref_table("a", {"c"}), ref_table("b", {"a"}), ref_table("c", {"b"}),
                            ref_table("d", {"e"}), ref_table("e", {"d", "a"})});
  const TableOrder order = sort_tables(m);
  EXPECT_EQ(names(m, order), (Names{"a", "b", "c", "d", "e"}));
  EXPECT_EQ(order.cycle_fks, (Fks{{0, 0}, {3, 0}}));
}

MetaData cyclic_model() {
  MetaData m = model({ref_table("a", {"b"}), ref_table("b", {"a"})});
  m.tables[1].foreign_keys[0].name = "fk_b_a";
  m.tables[0].indexes.push_back(Index{"ix_a_b", {col_element("b_id")}, false, ""});
  m.enums.push_back(EnumType{"audit", "mood", {"x"}});
  m.schemas = {"audit", "public"};
  return m;
}

TEST(CreateAllSql, PostgresCycleAddedLast) {
  const MetaData m = cyclic_model();
  const std::vector<std::string> expected = {
      "CREATE SCHEMA IF NOT EXISTS \"audit\"",
      "CREATE TYPE \"audit\".\"mood\" AS ENUM ('x')",
      "CREATE TABLE \"a\" (\n  \"id\" integer NOT NULL,\n  \"b_id\" integer,\n"
      "  PRIMARY KEY (\"id\")\n)",
      "CREATE TABLE \"b\" (\n  \"id\" integer NOT NULL,\n  \"a_id\" integer,\n"
      "  PRIMARY KEY (\"id\"),\n  CONSTRAINT \"fk_b_a\" FOREIGN KEY (\"a_id\") REFERENCES \"a\" "
      "(\"id\")\n)",
      "CREATE INDEX \"ix_a_b\" ON \"a\" (\"b_id\")",
      "ALTER TABLE \"a\" ADD CONSTRAINT \"a_b_id_fkey\" FOREIGN KEY (\"b_id\") REFERENCES \"b\" "
      "(\"id\")",
  };
  EXPECT_EQ(create_all_sql(m, postgres()), expected);
  const std::vector<std::string> drop = {
      "ALTER TABLE \"a\" DROP CONSTRAINT \"a_b_id_fkey\"",
      "DROP TABLE \"b\"",
      "DROP TABLE \"a\"",
      "DROP TYPE \"audit\".\"mood\"",
      "DROP SCHEMA IF EXISTS \"audit\"",
  };
  EXPECT_EQ(drop_all_sql(m, postgres()), drop);
}

TEST(CreateAllSql, SqliteEveryForeignKeyInline) {
  MetaData m = cyclic_model();
  m.schemas.clear();
  m.enums.clear();
  const std::vector<std::string> expected = {
      "CREATE TABLE \"a\" (\n  \"id\" INTEGER NOT NULL,\n  \"b_id\" INTEGER,\n"
      "  PRIMARY KEY (\"id\"),\n  FOREIGN KEY (\"b_id\") REFERENCES \"b\" (\"id\")\n)",
      "CREATE TABLE \"b\" (\n  \"id\" INTEGER NOT NULL,\n  \"a_id\" INTEGER,\n"
      "  PRIMARY KEY (\"id\"),\n  CONSTRAINT \"fk_b_a\" FOREIGN KEY (\"a_id\") REFERENCES \"a\" "
      "(\"id\")\n)",
      "CREATE INDEX \"ix_a_b\" ON \"a\" (\"b_id\")",
  };
  EXPECT_EQ(create_all_sql(m, sqlite()), expected);
  const std::vector<std::string> drop = {"PRAGMA defer_foreign_keys = ON", "DROP TABLE \"b\"",
                                         "DROP TABLE \"a\""};
  EXPECT_EQ(drop_all_sql(m, sqlite()), drop);
}

TEST(CreateAllSql, CommentsFollowTheirTable) {
  MetaData m = model({ref_table("p", {}), ref_table("c", {"p"})});
  m.tables[0].comment = "parent";
  const auto sql = create_all_sql(m, postgres());
  ASSERT_EQ(sql.size(), 3u);
  EXPECT_EQ(sql[1], "COMMENT ON TABLE \"p\" IS 'parent'");
  EXPECT_TRUE(sql[2].starts_with("CREATE TABLE \"c\""));
}

TEST(CreateAllSql, ChecksSupportFirst) {
  MetaData m = model({ref_table("t", {})});
  m.tables[0].strict = true;
  EXPECT_THROW(create_all_sql(m, postgres()), InputError);
}

}  // namespace
}  // namespace retort::testing
