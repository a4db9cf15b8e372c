// Operations against a real SQLite file: every sample kind and its reverse with rows present,
// and the table rebuild's guarantees (rows survive, triggers survive, children keep their
// rows, a violated foreign key fails the revision and changes nothing).
#include <memory>

#include <gtest/gtest.h>

#include "db_apply_support.hpp"
#include "retort/error.hpp"
#include "support/test_support.hpp"

namespace retort::testing {
namespace {

// A fresh SQLite file and a connection to it.
class SqliteDb {
 public:
  SqliteDb()
      : engine_(Url::parse("sqlite:///" + (dir_ / "ops.db").string())), conn_(engine_.connect()) {}
  Connection& conn() { return conn_; }

 private:
  TempDir dir_;
  Engine engine_;
  Connection conn_;
};

TEST(SqliteOps, EverySampleAndItsReverseKeepRows) {
  check_every_sample([] { return SqliteDb(); });
}

TEST(SqliteOps, UnnamedConstraintsFollowRenamesAndDrops) {
  check_unnamed_constraints_follow_renames([] { return SqliteDb(); });
}

TEST(SqliteOps, RebuildKeepsTriggersAndChildRows) {
  SqliteDb db;
  Connection& conn = db.conn();
  create_sample(conn);
  conn.execute(
      "CREATE VIEW track_titles AS SELECT title FROM track;"
      "CREATE TABLE audit (note TEXT);"
      "CREATE TRIGGER track_insert AFTER INSERT ON track BEGIN "
      "INSERT INTO audit (note) VALUES ('inserted; ' || new.title); END");
  // Rebuild the parent table "artist" (its children cascade on delete): the rows of "track"
  // must survive, which needs foreign keys off while the old table is dropped.
  ops::AlterColumn widen;
  widen.table = {"", "artist"};
  widen.column = "name";
  widen.type = Change<Type>{Type::parse("varchar(30)"), Type::parse("text")};
  run_operation(conn, widen, sample_model());
  EXPECT_EQ(track_rows(conn), (std::vector<std::string>{"1|1", "2|2"}));
  EXPECT_EQ(query_rows(conn, "SELECT type FROM pragma_table_info('artist') WHERE name = 'name'"),
            std::vector<std::string>{"TEXT"});
  // Rebuild "track" itself: its trigger is recreated.
  MetaData state = sample_model();
  apply_operation(state, widen);
  ops::CreateCheckConstraint check{{"", "track"}, {"ck_rating", "rating >= 0"}};
  run_operation(conn, check, state);
  conn.execute("INSERT INTO track (id, title, artist_id) VALUES (3, 'three', 1)");
  EXPECT_EQ(query_rows(conn, "SELECT note FROM audit"),
            std::vector<std::string>{"inserted; three"});
  // The view naming "track" survives the rebuild; the rename mode is back to normal.
  EXPECT_EQ(query_rows(conn, "SELECT title FROM track_titles ORDER BY title"),
            (std::vector<std::string>{"one", "three", "two"}));
  EXPECT_EQ(query_rows(conn, "PRAGMA legacy_alter_table"), std::vector<std::string>{"0"});
  EXPECT_THROW(conn.execute("INSERT INTO track (id, title, rating) VALUES (4, 'x', -1)"),
               DatabaseError);
  EXPECT_EQ(query_rows(conn, "PRAGMA foreign_keys"), std::vector<std::string>{"1"});
}

TEST(SqliteOps, RebuildThatViolatesAForeignKeyFailsNamingTheTable) {
  SqliteDb db;
  Connection& conn = db.conn();
  create_sample(conn);
  conn.execute("UPDATE track SET producer_id = 99 WHERE id = 2");
  const Operation add_fk = ops::CreateForeignKey{
      {"", "track"}, {"fk_track_producer", {"producer_id"}, "", "artist", {"id"}}};
  const std::string before = reflected(conn);
  try {
    run_operation(conn, add_fk, sample_model());
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "sqlite: rebuilding table \"track\": foreign key violations: 1 rows"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(reflected(conn), before);
  EXPECT_EQ(track_rows(conn), (std::vector<std::string>{"1|1", "2|2"}));
}

TEST(SqliteOps, RebuildRefusesToRunWithForeignKeysEnforced) {
  SqliteDb db;
  Connection& conn = db.conn();
  create_sample(conn);
  ops::AlterColumn widen;
  widen.table = {"", "artist"};
  widen.column = "name";
  widen.type = Change<Type>{Type::parse("varchar(30)"), Type::parse("text")};
  const std::vector<SqlStep> steps = compile_steps(widen, conn.dialect(), sample_model());
  ASSERT_TRUE(needs_foreign_keys_off(steps));
  Transaction tx(conn);
  try {
    run_steps(conn, steps);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("sqlite: rebuilding table \"artist\" needs foreign-key "
                                         "enforcement off (PRAGMA foreign_keys = OFF"),
              std::string::npos)
        << e.what();
  }
  tx.rollback();
  EXPECT_EQ(track_rows(conn), (std::vector<std::string>{"1|1", "2|2"}));
}

// Rebuilding a parent also checks its children: dropping the key they reference fails.
TEST(SqliteOps, RebuildOfAParentChecksItsChildren) {
  SqliteDb db;
  Connection& conn = db.conn();
  create_sample(conn);
  const Operation drop_pk = ops::DropPrimaryKey{{"", "artist"}, {"", {"id"}}, true};
  const std::vector<SqlStep> steps = compile_steps(drop_pk, conn.dialect(), sample_model());
  EXPECT_EQ(steps.back().sql, "PRAGMA foreign_key_check(\"track\")");
  const std::string before = reflected(conn);
  EXPECT_THROW(run_operation(conn, drop_pk, sample_model()), DatabaseError);
  EXPECT_EQ(reflected(conn), before);
  EXPECT_EQ(track_rows(conn), (std::vector<std::string>{"1|1", "2|2"}));
}

TEST(SqliteOps, TypeChangeConvertsValuesAndNotNullRejectsNulls) {
  SqliteDb db;
  Connection& conn = db.conn();
  create_sample(conn);
  ops::AlterColumn to_text;
  to_text.table = {"", "track"};
  to_text.column = "rating";
  to_text.type = Change<Type>{Type::parse("integer"), Type::parse("text")};
  run_operation(conn, to_text, sample_model());
  EXPECT_EQ(query_rows(conn, "SELECT typeof(rating), rating FROM track ORDER BY id"),
            (std::vector<std::string>{"text|3", "text|0"}));
  ops::AlterColumn not_null;
  not_null.table = {"", "track"};
  not_null.column = "producer_id";
  not_null.nullable = Change<bool>{true, false};
  MetaData state = sample_model();
  apply_operation(state, to_text);
  EXPECT_THROW(run_operation(conn, not_null, state), DatabaseError);  // track 1 has NULL
  EXPECT_EQ(track_rows(conn), (std::vector<std::string>{"1|1", "2|2"}));
}

TEST(SqliteOps, HostileNamesAreQuoted) {
  SqliteDb db;
  Connection& conn = db.conn();
  Table t;
  t.name = "we\"ird; DROP TABLE x";
  Column c;
  c.name = "co'l";
  c.type = Type::parse("text");
  t.columns.push_back(c);
  MetaData md;
  run_operation(conn, ops::CreateTable{t}, md);
  md.tables.push_back(t);
  ops::AlterColumn alter;
  alter.table = {"", t.name};
  alter.column = c.name;
  alter.nullable = Change<bool>{true, false};
  alter.server_default =
      Change<std::optional<DefaultValue>>{std::nullopt, DefaultValue::literal("it's")};
  run_operation(conn, alter, md);
  apply_operation(md, alter);
  EXPECT_EQ(reflected(conn), expected(md, conn.dialect()));
}

}  // namespace
}  // namespace retort::testing
