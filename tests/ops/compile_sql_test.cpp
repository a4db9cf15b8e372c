// Operation -> exact SQL, and the SQL of its reverse, per dialect, without a database.
#include <gtest/gtest.h>

#include "op_fixtures.hpp"
#include "retort/error.hpp"
#include "retort/models_file.hpp"
#include "retort/ops.hpp"

namespace retort::testing {
namespace {

using Lines = std::vector<std::string>;

struct Expected {
  std::string label;
  Lines forward;
  Lines backward;  // the reverse, compiled against the state after the operation
};

const Operation& sample(const std::string& label) {
  static const std::vector<SampleOp> ops = sample_ops();
  for (const SampleOp& s : ops) {
    if (s.label == label) return s.op;
  }
  throw std::runtime_error("no sample " + label);
}

void expect_sql(const Expected& e, const Dialect& dialect) {
  SCOPED_TRACE(e.label + " on " + std::string(dialect.name()));
  const MetaData before = sample_model();
  const Operation& op = sample(e.label);
  EXPECT_EQ(compile(op, dialect, before), e.forward);
  MetaData after = before;
  apply_operation(after, op);
  const Reversal r = reverse(op);
  ASSERT_TRUE(r.op.has_value()) << r.reason;
  EXPECT_EQ(compile(*r.op, dialect, after), e.backward);
}

// Both dialects agree on these.
const std::vector<Expected> kCommon = {
    {"rename_column",
     {R"(ALTER TABLE "track" RENAME COLUMN "title" TO "name")"},
     {R"(ALTER TABLE "track" RENAME COLUMN "name" TO "title")"}},
    {"create_index",
     {R"(CREATE INDEX "ix_track_rating" ON "track" ("rating" DESC) WHERE rating > 0)"},
     {R"(DROP INDEX "ix_track_rating")"}},
    {"drop_index",
     {R"(DROP INDEX "ix_track_title")"},
     {R"(CREATE INDEX "ix_track_title" ON "track" ("title"))"}},
    {"drop_table",
     {R"(DROP TABLE "tag")"},
     {"CREATE TABLE \"tag\" (\n  \"name\" text NOT NULL\n)"}},
    {"execute", {"UPDATE track SET rating = 1"}, {"UPDATE track SET rating = 0"}},
    {"bulk_insert",
     {R"(INSERT INTO "artist" ("id", "name") VALUES (10, 'Nina'), (11, 'Ann'))"},
     {R"(DELETE FROM "artist" WHERE ("id" = 10) OR ("id" = 11))"}},
};

TEST(CompileSql, CommonStatementsOnBothDialects) {
  for (const Expected& e : kCommon) {
    expect_sql(e, dialect_for("postgresql"));
    Expected lite = e;
    if (e.label == "drop_table")
      lite.backward = {"CREATE TABLE \"tag\" (\n  \"name\" TEXT NOT NULL\n)"};
    expect_sql(lite, dialect_for("sqlite"));
  }
}

TEST(CompileSql, PostgresAlterTableForms) {
  const std::vector<Expected> cases = {
      // The primary key PostgreSQL named after the table follows the table's name.
      {"rename_table",
       {R"(ALTER TABLE "artist" RENAME TO "performer")",
        R"(ALTER TABLE "performer" RENAME CONSTRAINT "artist_pkey" TO "performer_pkey")"},
       {R"(ALTER TABLE "performer" RENAME TO "artist")",
        R"(ALTER TABLE "artist" RENAME CONSTRAINT "performer_pkey" TO "artist_pkey")"}},
      {"create_table",
       {"CREATE TABLE \"label\" (\n  \"id\" integer NOT NULL,\n  \"name\" text,\n  PRIMARY KEY "
        "(\"id\")\n)",
        R"(CREATE INDEX "ix_label_name" ON "label" ("name"))"},
       {R"(DROP TABLE "label")"}},
      {"add_column",
       {R"(ALTER TABLE "track" ADD COLUMN "year" integer)"},
       {R"(ALTER TABLE "track" DROP COLUMN "year")"}},
      {"add_column_expression_default",
       {R"(ALTER TABLE "track" ADD COLUMN "added" timestamp DEFAULT CURRENT_TIMESTAMP)"},
       {R"(ALTER TABLE "track" DROP COLUMN "added")"}},
      {"drop_column_indexed",
       {R"(ALTER TABLE "track" DROP COLUMN "title")"},
       {R"(ALTER TABLE "track" ADD COLUMN "title" text NOT NULL)"}},
      {"alter_column",
       {R"(ALTER TABLE "track" ALTER COLUMN "rating" TYPE bigint USING "rating"::bigint)",
        R"(ALTER TABLE "track" ALTER COLUMN "rating" SET NOT NULL)",
        R"(ALTER TABLE "track" ALTER COLUMN "rating" SET DEFAULT 5)"},
       {R"(ALTER TABLE "track" ALTER COLUMN "rating" TYPE integer USING "rating"::integer)",
        R"(ALTER TABLE "track" ALTER COLUMN "rating" DROP NOT NULL)",
        R"(ALTER TABLE "track" ALTER COLUMN "rating" SET DEFAULT 0)"}},
      {"create_unique_constraint",
       {R"(ALTER TABLE "track" ADD CONSTRAINT "uq_track_title" UNIQUE ("title"))"},
       {R"(ALTER TABLE "track" DROP CONSTRAINT "uq_track_title")"}},
      {"create_foreign_key",
       {R"(ALTER TABLE "track" ADD CONSTRAINT "fk_track_producer" FOREIGN KEY ("producer_id") REFERENCES "artist" ("id"))"},
       {R"(ALTER TABLE "track" DROP CONSTRAINT "fk_track_producer")"}},
      {"create_check_constraint",
       {R"(ALTER TABLE "track" ADD CONSTRAINT "ck_track_rating" CHECK (rating >= 0))"},
       {R"(ALTER TABLE "track" DROP CONSTRAINT "ck_track_rating")"}},
      {"drop_constraint",
       {R"(ALTER TABLE "track" DROP CONSTRAINT "fk_track_artist")"},
       {R"(ALTER TABLE "track" ADD CONSTRAINT "fk_track_artist" FOREIGN KEY ("artist_id") REFERENCES "artist" ("id") ON DELETE CASCADE)"}},
      {"create_primary_key",
       {R"(ALTER TABLE "tag" ADD CONSTRAINT "pk_tag" PRIMARY KEY ("name"))"},
       {R"(ALTER TABLE "tag" DROP CONSTRAINT "pk_tag")"}},
      {"drop_primary_key",
       {R"(ALTER TABLE "track" DROP CONSTRAINT "track_pkey")"},
       {R"(ALTER TABLE "track" ADD PRIMARY KEY ("id"))"}},
      {"set_table_comment",
       {R"(COMMENT ON TABLE "track" IS 'Songs')"},
       {R"(COMMENT ON TABLE "track" IS NULL)"}},
      {"set_column_comment",
       {R"(COMMENT ON COLUMN "track"."title" IS 'Title')"},
       {R"(COMMENT ON COLUMN "track"."title" IS NULL)"}},
      {"create_enum",
       {R"(CREATE TYPE "color" AS ENUM ('red', 'green'))"},
       {R"(DROP TYPE "color")"}},
      {"drop_enum", {R"(DROP TYPE "unused")"}, {R"(CREATE TYPE "unused" AS ENUM ('a', 'b'))"}},
      {"add_enum_value",
       {R"(ALTER TYPE "mood" ADD VALUE 'angry' AFTER 'happy')"},
       {R"(ALTER TYPE "mood" RENAME TO "_retort_old_mood")",
        R"(CREATE TYPE "mood" AS ENUM ('happy', 'sad'))",
        R"(ALTER TABLE "track" ALTER COLUMN "mood" TYPE "mood" USING "mood"::text::"mood")",
        R"(DROP TYPE "_retort_old_mood")"}},
      {"rename_enum",
       {R"(ALTER TYPE "mood" RENAME TO "feeling")"},
       {R"(ALTER TYPE "feeling" RENAME TO "mood")"}},
      {"create_schema",
       {R"(CREATE SCHEMA IF NOT EXISTS "audit")"},
       {R"(DROP SCHEMA IF EXISTS "audit")"}},
  };
  for (const Expected& e : cases) expect_sql(e, dialect_for("postgresql"));
}

TEST(CompileSql, SqliteInPlaceForms) {
  const std::vector<Expected> cases = {
      {"rename_table",
       {R"(ALTER TABLE "artist" RENAME TO "performer")"},
       {R"(ALTER TABLE "performer" RENAME TO "artist")"}},
      {"add_column",
       {R"(ALTER TABLE "track" ADD COLUMN "year" INTEGER)"},
       {R"(ALTER TABLE "track" DROP COLUMN "year")"}},
      {"add_column_not_null",
       {R"(ALTER TABLE "track" ADD COLUMN "plays" INTEGER NOT NULL DEFAULT 0)"},
       {R"(ALTER TABLE "track" DROP COLUMN "plays")"}},
      {"drop_column",
       {R"(ALTER TABLE "track" DROP COLUMN "rating")"},
       {R"(ALTER TABLE "track" ADD COLUMN "rating" INTEGER DEFAULT 0)"}},
      // No comments, enum types or schemas on SQLite: nothing to run.
      {"set_table_comment", {}, {}},
      {"set_column_comment", {}, {}},
      {"create_enum", {}, {}},
      {"drop_enum", {}, {}},
      {"rename_enum", {}, {}},
      {"create_schema", {}, {}},
  };
  for (const Expected& e : cases) expect_sql(e, dialect_for("sqlite"));
}

// The full rebuild, step by step, for one change SQLite's ALTER TABLE cannot make.
TEST(CompileSql, SqliteRebuildStepsAreWrittenOut) {
  const std::vector<SqlStep> steps =
      compile_steps(sample("alter_column"), dialect_for("sqlite"), sample_model());
  using K = SqlStep::Kind;
  const std::vector<SqlStep> expected = {
      {K::kSaveTriggers,
       "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'track' ORDER BY name",
       "rebuild \"track\": remember the table's triggers (the drop removes them)", "track"},
      {K::kExecute,
       "CREATE TABLE \"_retort_new_track\" (\n"
       "  \"id\" INTEGER NOT NULL,\n"
       "  \"title\" TEXT NOT NULL,\n"
       "  \"artist_id\" INTEGER,\n"
       "  \"producer_id\" INTEGER,\n"
       "  \"rating\" BIGINT NOT NULL DEFAULT 5,\n"
       "  \"mood\" TEXT CHECK (\"mood\" IN ('happy', 'sad')),\n"
       "  PRIMARY KEY (\"id\"),\n"
       "  CONSTRAINT \"fk_track_artist\" FOREIGN KEY (\"artist_id\") REFERENCES \"artist\" "
       "(\"id\") ON DELETE CASCADE\n"
       ")",
       "rebuild \"track\": create the new table under a temporary name", ""},
      {K::kExecute,
       "INSERT INTO \"_retort_new_track\" (\"id\", \"title\", \"artist_id\", \"producer_id\", "
       "\"rating\", \"mood\") SELECT \"id\", \"title\", \"artist_id\", \"producer_id\", "
       "\"rating\", \"mood\" FROM \"track\"",
       "rebuild \"track\": copy the rows of the columns both tables have", ""},
      {K::kExecute, "DROP TABLE \"track\"", "rebuild \"track\": drop the old table", ""},
      {K::kExecute, "PRAGMA legacy_alter_table = ON",
       "rebuild \"track\": rename without rewriting the views that name the table", ""},
      {K::kExecute, "ALTER TABLE \"_retort_new_track\" RENAME TO \"track\"",
       "rebuild \"track\": give the new table the old name", ""},
      {K::kExecute, "PRAGMA legacy_alter_table = OFF",
       "rebuild \"track\": rewrite renamed names again", ""},
      {K::kExecute, "CREATE INDEX \"ix_track_title\" ON \"track\" (\"title\")",
       "rebuild \"track\": recreate index \"ix_track_title\"", ""},
      {K::kRestoreTriggers, "", "rebuild \"track\": recreate the triggers", "track"},
      {K::kExpectNoRows, "PRAGMA foreign_key_check(\"track\")",
       "rebuild \"track\": check the foreign keys of \"track\": any row is a violation", "track"},
  };
  EXPECT_EQ(steps, expected);

  EXPECT_TRUE(needs_foreign_keys_off(steps));
}

// Every change SQLite's ALTER TABLE cannot make is a rebuild whose new table has the target
// definition; the reverse rebuilds back to the original one.
TEST(CompileSql, SqliteRebuildsWhereAlterTableCannot) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"add_column_expression_default", "\"added\" TIMESTAMP DEFAULT CURRENT_TIMESTAMP"},
      {"drop_column_indexed", "\"rating\" INTEGER DEFAULT 0,\n  \"mood\""},
      {"alter_column_type", "\"title\" VARCHAR(200) NOT NULL"},
      {"create_unique_constraint", "CONSTRAINT \"uq_track_title\" UNIQUE (\"title\")"},
      {"create_foreign_key", "CONSTRAINT \"fk_track_producer\" FOREIGN KEY (\"producer_id\")"},
      {"create_check_constraint", "CONSTRAINT \"ck_track_rating\" CHECK (rating >= 0)"},
      {"drop_constraint", "PRIMARY KEY (\"id\")\n)"},
      {"create_primary_key", "CONSTRAINT \"pk_tag\" PRIMARY KEY (\"name\")"},
      {"drop_primary_key", "\"mood\" TEXT CHECK (\"mood\" IN ('happy', 'sad')),\n  CONSTRAINT"},
      {"add_enum_value", "CHECK (\"mood\" IN ('happy', 'angry', 'sad'))"},
      {"remove_enum_value", "CHECK (\"mood\" IN ('happy'))"},
  };
  const Dialect& sqlite = dialect_for("sqlite");
  for (const auto& [label, fragment] : cases) {
    SCOPED_TRACE(label);
    const MetaData before = sample_model();
    const std::vector<SqlStep> steps = compile_steps(sample(label), sqlite, before);
    ASSERT_GE(steps.size(), 6u);
    EXPECT_EQ(steps.front().kind, SqlStep::Kind::kSaveTriggers);
    EXPECT_EQ(steps[1].sql.rfind("CREATE TABLE \"_retort_new_", 0), 0u) << steps[1].sql;
    EXPECT_NE(steps[1].sql.find(fragment), std::string::npos) << steps[1].sql;
    EXPECT_EQ(steps.back().kind, SqlStep::Kind::kExpectNoRows);
    if (label == "add_column_expression_default") continue;  // reverse: DROP COLUMN in place
    MetaData after = before;
    apply_operation(after, sample(label));
    const std::vector<SqlStep> back = compile_steps(*reverse(sample(label)).op, sqlite, after);
    EXPECT_EQ(back.front().kind, SqlStep::Kind::kSaveTriggers);
    EXPECT_NE(back[1].sql, steps[1].sql);
    EXPECT_TRUE(needs_foreign_keys_off(back));
  }
}

TEST(CompileSql, PostgresSchemaQualifiesNames) {
  MetaData md;
  Table t;
  t.schema = "audit";
  t.name = "log";
  Column id;
  id.name = "id";
  id.type = Type::parse("integer");
  t.columns.push_back(id);
  t.indexes.push_back(Index{"ix_log", {{"id", "", false}}, false, ""});
  md.tables.push_back(t);
  const Dialect& pg = dialect_for("postgresql");
  EXPECT_EQ(compile(ops::RenameTable{{"audit", "log"}, "journal"}, pg, md),
            Lines{R"(ALTER TABLE "audit"."log" RENAME TO "journal")"});
  ops::AddColumn add{{"audit", "log"}, id};
  add.column.name = "n";
  add.column.comment = "count";
  EXPECT_EQ(compile(add, pg, md), (Lines{R"(ALTER TABLE "audit"."log" ADD COLUMN "n" integer)",
                                         R"(COMMENT ON COLUMN "audit"."log"."n" IS 'count')"}));
  EXPECT_EQ(
      compile(ops::DropIndex{{"audit", "log"}, Index{"ix_log", {}, false, ""}, false}, pg, md),
      Lines{R"(DROP INDEX "audit"."ix_log")"});
}

TEST(CompileSql, PostgresIdentityAndAutoincrementChanges) {
  MetaData md = sample_model();
  const Dialect& pg = dialect_for("postgresql");
  ops::AlterColumn identity;
  identity.table = {"", "tag"};
  identity.column = "name";
  identity.type = Change<Type>{Type::parse("text"), Type::parse("integer")};
  identity.identity = Change<Identity>{Identity::kNone, Identity::kAlways};
  EXPECT_EQ(compile(identity, pg, md),
            (Lines{R"(ALTER TABLE "tag" ALTER COLUMN "name" TYPE integer USING "name"::integer)",
                   R"(ALTER TABLE "tag" ALTER COLUMN "name" ADD GENERATED ALWAYS AS IDENTITY)"}));
  ops::AlterColumn serial;
  serial.table = {"", "track"};
  serial.column = "producer_id";
  serial.autoincrement = Change<bool>{false, true};
  EXPECT_EQ(
      compile(serial, pg, md),
      (Lines{
          R"(CREATE SEQUENCE "track_producer_id_seq" OWNED BY "track"."producer_id")",
          R"(ALTER TABLE "track" ALTER COLUMN "producer_id" SET DEFAULT nextval('"track_producer_id_seq"'::regclass))",
          R"(SELECT setval('"track_producer_id_seq"', COALESCE(max("producer_id"), 0) + 1, false) FROM "track")"}));
  MetaData after = md;
  apply_operation(after, serial);
  EXPECT_EQ(compile(*reverse(serial).op, pg, after),
            (Lines{R"(ALTER TABLE "track" ALTER COLUMN "producer_id" DROP DEFAULT)",
                   R"(DROP SEQUENCE IF EXISTS "track_producer_id_seq")"}));
}

TEST(CompileSql, ExecutePicksTheDialectVariant) {
  ops::Execute o{{"SELECT 1", {{"sqlite", "SELECT 2; SELECT 3"}}}, std::nullopt};
  EXPECT_EQ(compile(o, dialect_for("postgresql"), {}), Lines{"SELECT 1"});
  EXPECT_EQ(compile(o, dialect_for("sqlite"), {}), (Lines{"SELECT 2", "SELECT 3"}));
  ops::Execute only_pg{{"", {{"postgresql", "SELECT 4"}}}, std::nullopt};
  EXPECT_EQ(compile(only_pg, dialect_for("sqlite"), {}), Lines{});
}

TEST(CompileSql, BulkInsertRendersValuesByColumnType) {
  MetaData md = sample_model();
  ops::BulkInsert o{
      {"", "track"}, {}, {{{"id", "1"}, {"title", "it's"}, {"rating", std::nullopt}}}};
  EXPECT_EQ(compile(o, dialect_for("sqlite"), md),
            Lines{R"(INSERT INTO "track" ("id", "title", "rating") VALUES (1, 'it''s', NULL))"});
  o.rows[0][0].second = "x";
  try {
    compile(o, dialect_for("sqlite"), md);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("insert 1 rows into \"track\": column \"id\""),
              std::string::npos)
        << e.what();
  }
}

TEST(CompileSql, MissingTableIsAnInputErrorNamingTheOperation) {
  try {
    compile(ops::AddColumn{{"", "nope"}, Column{}}, dialect_for("sqlite"), sample_model());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("table \"nope\" does not exist"), std::string::npos)
        << e.what();
  }
}

MetaData unnamed_constraints_model() {
  return parse_models(R"(
tables:
  t:
    columns:
      id: {type: integer, primary_key: true}
      a: integer
      b: integer
    unique:
      - {columns: [a, b]}
    checks:
      - {sql: "a > 0"}
      - {sql: "a < b"}
)");
}

// PostgreSQL keeps "t_a_b_key" and "t_a_check" when a is renamed; retort renames them to the
// names PostgreSQL would give them now, so that reflection finds them unnamed again.
TEST(CompileSql, RenameColumnRenamesImplicitConstraintNamesOnPostgres) {
  const MetaData md = unnamed_constraints_model();
  const Operation op = ops::RenameColumn{{"", "t"}, "a", "c"};
  EXPECT_EQ(compile(op, dialect_for("postgresql"), md),
            (Lines{R"(ALTER TABLE "t" RENAME COLUMN "a" TO "c")",
                   R"(ALTER TABLE "t" RENAME CONSTRAINT "t_a_b_key" TO "t_c_b_key")",
                   R"(ALTER TABLE "t" RENAME CONSTRAINT "t_a_check" TO "t_c_check")"}));
  MetaData after = md;
  apply_operation(after, op);
  EXPECT_EQ(compile(*reverse(op).op, dialect_for("postgresql"), after),
            (Lines{R"(ALTER TABLE "t" RENAME COLUMN "c" TO "a")",
                   R"(ALTER TABLE "t" RENAME CONSTRAINT "t_c_b_key" TO "t_a_b_key")",
                   R"(ALTER TABLE "t" RENAME CONSTRAINT "t_c_check" TO "t_a_check")"}));
  EXPECT_EQ(compile(op, dialect_for("sqlite"), md),
            Lines{R"(ALTER TABLE "t" RENAME COLUMN "a" TO "c")"});
}

// An unnamed CHECK is dropped by PostgreSQL's name for it: "<table>_<column>_check" when it
// uses one column, "<table>_check" otherwise.
TEST(CompileSql, UnnamedCheckIsDroppedByItsConventionalNameOnPostgres) {
  const MetaData md = unnamed_constraints_model();
  const Dialect& pg = dialect_for("postgresql");
  EXPECT_EQ(compile(ops::DropConstraint{{"", "t"}, "", CheckConstraint{"", "a > 0"}}, pg, md),
            Lines{R"(ALTER TABLE "t" DROP CONSTRAINT "t_a_check")"});
  EXPECT_EQ(compile(ops::DropConstraint{{"", "t"}, "", CheckConstraint{"", "a < b"}}, pg, md),
            Lines{R"(ALTER TABLE "t" DROP CONSTRAINT "t_check")"});
  // SQLite finds it by its definition and rebuilds without it.
  const auto steps = compile_steps(ops::DropConstraint{{"", "t"}, "", CheckConstraint{"", "a > 0"}},
                                   dialect_for("sqlite"), md);
  EXPECT_EQ(steps[1].sql.find("a > 0"), std::string::npos);
}

// Two unnamed CHECKs of one column are "t_a_check" and "t_a_check1" in the order they were
// made, which the schema does not keep: dropping one is refused rather than a guess.
TEST(CompileSql, UnnamedCheckWithATwinCannotBeDroppedOnPostgres) {
  MetaData md = unnamed_constraints_model();
  md.tables[0].check_constraints.push_back({"", "a < 100"});
  try {
    compile(ops::DropConstraint{{"", "t"}, "", CheckConstraint{"", "a > 0"}},
            dialect_for("postgresql"), md);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("more than one unnamed check constraint is named "
                                         "\"t_a_check\""),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace retort::testing
