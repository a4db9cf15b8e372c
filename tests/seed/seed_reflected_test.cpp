// Schemas written in SQL and reflected, as `retort --url URL seed` sees a live database: the
// reflected forms (PostgreSQL's catalog spellings of CHECKs, raw and modified types, serial and
// identity keys, nullable unique keys) seed with every constraint holding.
#include <gtest/gtest.h>

#include "retort/inspect.hpp"
#include "seed/seed_internal.hpp"
#include "seed_fixture.hpp"

namespace retort {
namespace {

class SeedReflectedTest : public testing::SeedDialectTest {
 protected:
  bool postgres() const { return GetParam() == "postgresql"; }
  // Runs `sql` and returns the database's model, as `retort seed` reflects it.
  MetaData create_sql(const std::string& sql) {
    db_->conn().execute(sql);
    return reflect(db_->conn());
  }
};

// A NOT NULL foreign key to a nullable unique key: the referenced columns get no NULLs by
// default, or a child would have to copy one into its NOT NULL columns.
TEST_P(SeedReflectedTest, AForeignKeyToANullableUniqueKeyGetsNoNull) {
  const MetaData md = create_sql(
      "CREATE TABLE p (id integer PRIMARY KEY, a integer, b integer, code varchar(5) UNIQUE, "
      "UNIQUE (a, b));"
      "CREATE TABLE c (id integer PRIMARY KEY, pa integer NOT NULL, pb integer NOT NULL, "
      "pcode varchar(5) NOT NULL REFERENCES p (code), "
      "FOREIGN KEY (pa, pb) REFERENCES p (a, b))");
  SeedOptions options;
  options.rows = 40;
  options.random_seed = 2;
  const SeedResult result = seed(db_->conn(), md, SeedConfig{}, options);
  EXPECT_EQ(result.total_rows, 80u);
  testing::expect_constraints_hold(*db_, md);
  EXPECT_EQ(db_->count("SELECT count(*) FROM p WHERE a IS NULL OR b IS NULL OR code IS NULL"), 0);
  // Other nullable columns still get their NULLs.
  const MetaData other = create_sql("CREATE TABLE q (id integer PRIMARY KEY, note integer)");
  options.table_rows = {{"q", 100}};
  seed(db_->conn(), other, SeedConfig{}, options);
  EXPECT_GT(db_->count("SELECT count(*) FROM q WHERE note IS NULL"), 0);
}

// Parent rows whose key has a NULL (a seed.yaml null_ratio, a fixture, rows already in the
// database) are never drawn by a child; fixtures are still found by their key.
TEST_P(SeedReflectedTest, ParentRowsWithANullInTheKeyAreNotReferenced) {
  const MetaData md = create_sql(
      "CREATE TABLE p (id integer PRIMARY KEY, a integer, b integer, code varchar(8) UNIQUE, "
      "UNIQUE (a, b));"
      "CREATE TABLE c (id integer PRIMARY KEY, pa integer NOT NULL, pb integer NOT NULL, "
      "FOREIGN KEY (pa, pb) REFERENCES p (a, b));"
      "CREATE TABLE one (id integer PRIMARY KEY, "
      "code varchar(8) NOT NULL UNIQUE REFERENCES p (code));"
      "CREATE TABLE kid (id integer PRIMARY KEY, pa integer NOT NULL, pb integer NOT NULL, "
      "FOREIGN KEY (pa, pb) REFERENCES p (a, b))");
  const SeedConfig config = parse_seed_config(R"yaml(
tables:
  p:
    rows: 40
    columns:
      a: {null_ratio: 0.5}
      code: {null_ratio: 0.5}
    fixtures:
      - {_key: hole, id: 1000, a: null, b: 1, code: null}
      - {_key: full, id: 1001, a: 5000, b: 5000, code: full}
  c:
    rows: 60
    fixtures:
      - {id: 1000, pa: {ref: full}, pb: {ref: full}}
  one:
    rows: 10
  kid:
    per: p
    count: [1, 1]
)yaml",
                                              "seed.yaml");
  SeedOptions options;
  options.random_seed = 3;
  seed(db_->conn(), md, config, options);
  testing::expect_constraints_hold(*db_, md);
  EXPECT_GT(db_->count("SELECT count(*) FROM p WHERE a IS NULL"), 5);
  EXPECT_EQ(db_->count("SELECT count(*) FROM c WHERE id = 1000 AND pa = 5000 AND pb = 5000"), 1);
  EXPECT_EQ(db_->count("SELECT count(*) FROM c"), 61);
  EXPECT_GT(db_->count("SELECT count(*) FROM p WHERE code IS NULL"), 5);
  EXPECT_EQ(db_->count("SELECT count(*) FROM one"), 10);
  EXPECT_EQ(db_->count("SELECT count(*) FROM kid"),
            db_->count("SELECT count(*) FROM p WHERE a IS NOT NULL AND b IS NOT NULL"));
  // A child seeded alone draws from the parent's rows in the database, those with a NULL left
  // out.
  options.table_rows = {{"p", 0}, {"c", 30}, {"one", 0}, {"kid", 0}};
  seed(db_->conn(), md, SeedConfig{}, options);
  testing::expect_constraints_hold(*db_, md);
  EXPECT_EQ(db_->count("SELECT count(*) FROM c"), 91);
}

// PostgreSQL stores negative bounds as strings cast to the type ('-1'::integer); SQLite keeps
// them as written. Either way the check's range is honoured and drawn from.
TEST_P(SeedReflectedTest, NegativeCheckBoundsAsTheDatabaseStoresThem) {
  const MetaData md = create_sql(
      "CREATE TABLE n (id integer PRIMARY KEY, a integer NOT NULL CHECK (a <= -1), "
      "b integer NOT NULL CHECK (-3 <= b), c integer NOT NULL CHECK (c BETWEEN -5 AND -1), "
      "d integer NOT NULL CHECK (d >= -10 AND d <= -3), "
      "e double precision NOT NULL CHECK (e > -2.5 AND e < -1), "
      "f numeric(6, 2) NOT NULL CHECK (f <= -1.5))");
  for (const CheckConstraint& ck : md.tables[0].check_constraints) {
    std::vector<detail::CheckBounds> bounds;
    EXPECT_TRUE(detail::read_check(ck.expression, bounds)) << ck.expression;
  }
  SeedOptions options;
  options.rows = 40;
  options.random_seed = 2;
  seed(db_->conn(), md, SeedConfig{}, options);
  testing::expect_constraints_hold(*db_, md);
  EXPECT_EQ(db_->count("SELECT count(*) FROM n"), 40);
  for (const char* column : {"a", "b", "c", "d", "e", "f"})
    EXPECT_GT(db_->count(std::string("SELECT count(DISTINCT ") + column + ") FROM n"), 1)
        << column << " is drawn from its range";
}

// Several CHECKs retort does not read are listed apart in the error.
TEST_P(SeedReflectedTest, TheUnreadChecksOfARejectedRowAreListedApart) {
  const MetaData md = create_sql(
      "CREATE TABLE u (id integer PRIMARY KEY, w text NOT NULL, "
      "CONSTRAINT ck_long CHECK (length(w) > 1000), CONSTRAINT ck_not_x CHECK (w <> 'x'))");
  SeedOptions options;
  options.rows = 3;
  try {
    seed(db_->conn(), md, SeedConfig{}, options);
    FAIL() << "expected a DatabaseError";
  } catch (const DatabaseError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("(checks retort does not read, so may not honour: ck_long (length(w) > "
                        "1000); ck_not_x ("),
              std::string::npos)
        << what;
  }
}

// Types with modifiers are generated as their base type; a type retort does not model is NULL
// on PostgreSQL (SQLite takes text in any column), and NOT NULL stops before writing.
TEST_P(SeedReflectedTest, ModifiedAndUnmodelledTypes) {
  const std::string pg_only =
      postgres() ? ", tz timestamp(3) with time zone NOT NULL, arr integer[], addr inet, "
                   "span interval, tags varchar(10)[], amount numeric(5, 2)[], "
                   "zoned time(0) with time zone"
                 : "";
  const MetaData md = create_sql(
      "CREATE TABLE t (id integer PRIMARY KEY, stamp timestamp(3) NOT NULL, "
      "clock time(0) NOT NULL, maybe timestamp(6)" +
      pg_only + ")");
  SeedOptions options;
  options.rows = 30;
  options.random_seed = 2;
  seed(db_->conn(), md, SeedConfig{}, options);
  testing::expect_constraints_hold(*db_, md);
  EXPECT_EQ(db_->count("SELECT count(*) FROM t WHERE stamp >= '2015-01-01' AND stamp < "
                       "'2026-01-01'"),
            30);
  EXPECT_EQ(db_->count("SELECT count(*) FROM t WHERE maybe >= '2015-01-01'"),
            db_->count("SELECT count(*) FROM t WHERE maybe IS NOT NULL"));
  if (postgres()) {
    EXPECT_EQ(db_->count("SELECT count(*) FROM t WHERE tz >= '2015-01-01 00:00:00+00'"), 30);
    EXPECT_EQ(db_->count("SELECT count(*) FROM t WHERE arr IS NULL AND addr IS NULL AND span IS "
                         "NULL AND tags IS NULL AND amount IS NULL AND zoned IS NULL"),
              30);
    // A NOT NULL column of such a type stops the run before anything is written.
    const MetaData strict = create_sql(
        "CREATE TABLE s (id integer PRIMARY KEY, addr inet NOT NULL);"
        "CREATE TABLE s2 (id integer PRIMARY KEY, arr integer[] NOT NULL)");
    for (const char* table : {"s", "s2"}) {
      options.table_rows = {{"t", 0}, {"s", 0}, {"s2", 0}};
      options.table_rows[table] = 5;
      try {
        seed(db_->conn(), strict, SeedConfig{}, options);
        ADD_FAILURE() << table << ": no error";
      } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(std::string("table \"") + table + "\": column"), std::string::npos)
            << what;
        EXPECT_NE(what.find(table == std::string("s") ? "of type inet" : "of type integer[]"),
                  std::string::npos)
            << what;
      }
      EXPECT_EQ(db_->count(std::string("SELECT count(*) FROM ") + table), 0);
    }
  } else {
    EXPECT_EQ(
        db_->count("SELECT count(*) FROM t WHERE clock GLOB '[0-2][0-9]:[0-5][0-9]:[0-5][0-9]'"),
        30);
  }
}

// A table whose only column the database fills (serial, identity, SQLite's autoincrement and
// rowid keys) gets rows of defaults, and its children rows pointing at them.
TEST_P(SeedReflectedTest, TablesOfOnlyAGeneratedKeyGetRowsOfDefaults) {
  const MetaData md = create_sql(
      postgres() ? "CREATE TABLE o (id serial PRIMARY KEY);"
                   "CREATE TABLE g (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY);"
                   "CREATE TABLE d (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);"
                   "CREATE TABLE oc (id serial PRIMARY KEY, o_id integer NOT NULL REFERENCES o, "
                   "g_id integer NOT NULL REFERENCES g)"
                 : "CREATE TABLE o (id integer PRIMARY KEY AUTOINCREMENT);"
                   "CREATE TABLE g (id integer PRIMARY KEY);"
                   "CREATE TABLE d (id integer PRIMARY KEY AUTOINCREMENT);"
                   "CREATE TABLE oc (id integer PRIMARY KEY AUTOINCREMENT, "
                   "o_id integer NOT NULL REFERENCES o, g_id integer NOT NULL REFERENCES g)");
  SeedOptions options;
  options.rows = 7;
  options.random_seed = 2;
  const SeedResult result = seed(db_->conn(), md, SeedConfig{}, options);
  ASSERT_EQ(result.tables.size(), 4u);
  for (const TableSeedResult& t : result.tables) {
    EXPECT_EQ(t.rows, 7u) << t.table;
    EXPECT_EQ(t.warning, "") << t.table;
  }
  testing::expect_constraints_hold(*db_, md);
  for (const char* table : {"o", "g", "d", "oc"})
    EXPECT_EQ(db_->count(std::string("SELECT count(*) FROM ") + table), 7) << table;
}

INSTANTIATE_TEST_SUITE_P(Dialects, SeedReflectedTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort
