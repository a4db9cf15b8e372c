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

INSTANTIATE_TEST_SUITE_P(Dialects, SeedReflectedTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort
