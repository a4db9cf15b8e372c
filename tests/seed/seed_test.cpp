// seed() on both dialects: every constraint of a schema using every feature of the model
// holds after seeding, with and without a seed.yaml; determinism across runs and dialects.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>

#include "retort/inspect.hpp"
#include "seed/seed_internal.hpp"
#include "seed_fixture.hpp"

namespace retort {
namespace {
using testing::SeedDatabase;

// Every feature of the model: composite PK / unique / FK, self-reference, an FK cycle,
// enums, CHECKs of each form, a many-to-many table, all column types.
constexpr const char* kFullSchema = R"yaml(
enums:
  mood: [happy, sad, calm]
tables:
  artist:
    columns:
      id: {type: integer, primary_key: true, autoincrement: true}
      name: {type: varchar(12), nullable: false, unique: true}
      email: {type: varchar(40), nullable: false, unique: true}
      country: text
      mood: {type: enum(mood), nullable: false}
      rating: {type: smallint, nullable: false}
      price: {type: "numeric(5, 2)", nullable: false}
      active: {type: boolean, nullable: false}
      born: date
      created_at: {type: timestamp, nullable: false}
      seen_at: timestamptz
      wake: time
      ratio: double
      weight: real
      big: bigint
      uid: uuid
      data: json
      photo: binary
      code: {type: char(6), nullable: false, unique: true}
      status: {type: varchar(10), nullable: false}
      mentor_id: {type: integer, references: artist.id}
    checks:
      - {name: ck_rating, sql: "rating BETWEEN 1 AND 5"}
      - {name: ck_price, sql: "price >= 10"}
      - {name: ck_status, sql: "status IN ('new', 'active', 'gone')"}
      - {name: ck_ratio, sql: "ratio < 1 AND ratio > 0"}
      - {name: ck_big, sql: "big <= 100"}
  album:
    columns:
      artist_id: {type: integer, nullable: false, references: artist.id}
      disc: {type: integer, nullable: false}
      title: {type: text, nullable: false}
      best_track_id: {type: bigint}
    primary_key: [artist_id, disc]
    unique:
      - {columns: [artist_id, title]}
    foreign_keys:
      - {columns: [best_track_id], references: {table: track, columns: [id]}}
  track:
    columns:
      id: {type: bigint, primary_key: true}
      artist_id: {type: integer, nullable: false}
      disc: {type: integer, nullable: false}
      title: {type: varchar(30), nullable: false}
      seconds: {type: integer, nullable: false}
    foreign_keys:
      - {columns: [artist_id, disc], references: {table: album, columns: [artist_id, disc]}}
    checks:
      - {name: ck_seconds, sql: "seconds > 30 AND seconds <= 600"}
  tag:
    columns:
      id: {type: integer, primary_key: true, autoincrement: true}
      label: {type: varchar(5), nullable: false, unique: true}
  track_tag:
    columns:
      track_id: {type: bigint, nullable: false, references: track.id}
      tag_id: {type: integer, nullable: false, references: tag.id}
    primary_key: [track_id, tag_id]
)yaml";

class SeedTest : public testing::SeedDialectTest {};

TEST_P(SeedTest, EveryFeatureOfTheModelSeedsWithEveryConstraintHolding) {
  const MetaData md = db_->create(kFullSchema);
  SeedOptions options;
  options.rows = 40;
  options.random_seed = 7;
  const SeedResult result = seed(db_->conn(), md, SeedConfig{}, options);
  EXPECT_EQ(result.random_seed, 7u);
  EXPECT_EQ(result.tables.size(), md.tables.size());
  testing::expect_constraints_hold(*db_, md);
  // The cycle's nullable key and the self-reference are filled in the second pass.
  EXPECT_GT(db_->count("SELECT count(*) FROM album WHERE best_track_id IS NOT NULL"), 0);
  EXPECT_GT(db_->count("SELECT count(*) FROM artist WHERE mentor_id IS NOT NULL"), 0);
  EXPECT_EQ(db_->count("SELECT count(*) FROM artist WHERE mood NOT IN ('happy', 'sad', 'calm')"),
            0);
  EXPECT_EQ(db_->count("SELECT count(*) FROM artist WHERE length(name) > 12"), 0);
}

// What `retort seed` does: the model read back from the database (PostgreSQL prints CHECKs
// its own way: casts, BETWEEN as two comparisons, IN as = ANY (ARRAY[...])).
TEST_P(SeedTest, AReflectedSchemaSeedsWithEveryConstraintHolding) {
  const MetaData md = db_->create(kFullSchema);
  const MetaData live = reflect(db_->conn());
  SeedOptions options;
  options.rows = 30;
  options.random_seed = 11;
  seed(db_->conn(), live, SeedConfig{}, options);
  testing::expect_constraints_hold(*db_, md);
}

TEST(ReadCheck, TheFormsSeedHonoursInBothSpellings) {
  struct Case {
    const char* sql;
    const char* column;
    std::optional<double> lo, hi;
    std::size_t list;
  };
  const Case cases[] = {
      {"rating BETWEEN 1 AND 5", "rating", 1, 5, 0},
      {"((rating >= 1) AND (rating <= 5))", "rating", 1, 5, 0},
      {"price >= 10", "price", 10, std::nullopt, 0},
      {"(price >= (10)::numeric)", "price", 10, std::nullopt, 0},
      {"0 < seconds", "seconds", 0, std::nullopt, 0},
      {"ratio < 1::double precision AND ratio > 0::double precision", "ratio", 0, 1, 0},
      {"(mood = ANY (ARRAY['happy'::public.mood, 'sad'::public.mood]))", "mood", std::nullopt,
       std::nullopt, 2},
      {"status IN ('new', 'active', 'gone')", "status", std::nullopt, std::nullopt, 3},
      {"((status)::text = ANY ((ARRAY['new'::character varying, 'active'::character "
       "varying])::text[]))",
       "status", std::nullopt, std::nullopt, 2},
      {"\"mood\" IN ('happy','sad')", "mood", std::nullopt, std::nullopt, 2},
      // PostgreSQL prints a negative number as a string cast to the column's type.
      {"((neg >= '-5'::integer) AND (neg <= '-1'::integer))", "neg", -5, -1, 0},
      {"neg > -10 AND neg < 0", "neg", -10, 0, 0},
  };
  for (const Case& c : cases) {
    std::vector<detail::CheckBounds> out;
    ASSERT_TRUE(detail::read_check(c.sql, out)) << c.sql;
    ASSERT_FALSE(out.empty()) << c.sql;
    EXPECT_EQ(out[0].column, c.column) << c.sql;
    std::optional<double> lo, hi;
    for (const auto& b : out) {
      if (b.lo) lo = b.lo;
      if (b.hi) hi = b.hi;
    }
    EXPECT_EQ(lo, c.lo) << c.sql;
    EXPECT_EQ(hi, c.hi) << c.sql;
    EXPECT_EQ(out[0].list.size(), c.list) << c.sql;
  }
  std::vector<detail::CheckBounds> out;
  EXPECT_FALSE(detail::read_check("length(title) > 0", out));
  EXPECT_FALSE(detail::read_check("a > 0 OR b > 0", out));
  EXPECT_TRUE(out.empty());
}

// Bounds below zero, as written and as PostgreSQL reflects them ('-5'::integer): values are
// drawn from the check's range, not clamped to one end of it.
TEST_P(SeedTest, NegativeCheckBoundsAreHonoured) {
  const MetaData md = db_->create(R"yaml(
tables:
  t:
    columns:
      id: {type: integer, primary_key: true}
      a: {type: integer, nullable: false}
      b: {type: integer, nullable: false}
      c: {type: integer, nullable: false}
      d: {type: integer, nullable: false}
    checks:
      - {name: ck_a, sql: "a BETWEEN -5 AND -1"}
      - {name: ck_b, sql: "b >= -3 AND b <= -2"}
      - {name: ck_c, sql: "c > -10 AND c < 0"}
      - {name: ck_d, sql: "d <= -100"}
)yaml");
  for (const MetaData& model : {md, reflect(db_->conn())}) {
    SeedOptions options;
    options.rows = 40;
    options.random_seed = 2;
    options.truncate = true;
    const SeedResult result = seed(db_->conn(), model, SeedConfig{}, options);
    testing::expect_constraints_hold(*db_, md);
    EXPECT_EQ(db_->count("SELECT count(*) FROM t"), 40);
    for (const char* column : {"a", "b", "c", "d"})
      EXPECT_GT(db_->count(std::string("SELECT count(DISTINCT ") + column + ") FROM t"), 1)
          << column << " is drawn from its range";
  }
}

// A CHECK's range that retort's default range only touches (numeric's 0.00 to 10.00 and
// BETWEEN 10 AND 20 share 10.00; integers' 1 to 1000 and BETWEEN 1000 AND 2000 share 1000)
// replaces it, for decimals, reals and integers alike; a unique column grows its range up to
// the check's bound, not just to the end of the default range.
TEST_P(SeedTest, ACheckRangeTheDefaultRangeOnlyTouchesReplacesIt) {
  const MetaData md = db_->create(R"yaml(
tables:
  t:
    columns:
      id: {type: integer, primary_key: true}
      b: {type: "numeric(4, 2)", nullable: false, unique: true}
    checks:
      - {name: ck_b, sql: "b BETWEEN 10 AND 20"}
  u:
    columns:
      id: {type: integer, primary_key: true}
      b: {type: "numeric(4, 2)", nullable: false}
      r: {type: real, nullable: false}
      i: {type: integer, nullable: false}
      j: {type: integer, nullable: false, unique: true}
      k: {type: "numeric(6, 2)", nullable: false, unique: true}
    checks:
      - {name: ck_b, sql: "b BETWEEN 10 AND 20"}
      - {name: ck_r, sql: "r >= 10 AND r <= 20"}
      - {name: ck_i, sql: "i BETWEEN 1000 AND 2000"}
      - {name: ck_j, sql: "j BETWEEN 500 AND 5000"}
      - {name: ck_k, sql: "k <= 0"}
)yaml");
  for (const MetaData& model : {md, reflect(db_->conn())}) {
    SeedOptions options;
    options.rows = 1000;
    options.random_seed = 4;
    options.truncate = true;
    const SeedResult result = seed(db_->conn(), model, SeedConfig{}, options);
    for (const TableSeedResult& t : result.tables) EXPECT_EQ(t.warning, "") << t.table;
    testing::expect_constraints_hold(*db_, md);
    EXPECT_EQ(db_->count("SELECT count(*) FROM t"), 1000);
    EXPECT_EQ(db_->count("SELECT count(*) FROM u"), 1000);
    for (const char* column : {"b", "r", "i"})
      EXPECT_GT(db_->count(std::string("SELECT count(DISTINCT ") + column + ") FROM u"), 100)
          << column << " is drawn from the check's range";
  }
}

// A table whose columns the database fills all (a generated key, a computed column) gets its
// rows as rows of defaults, and so does a fixture naming no column.
TEST_P(SeedTest, RowsOfOnlyGeneratedColumnsAreWrittenAsDefaults) {
  const MetaData md = db_->create(R"yaml(
tables:
  node:
    columns:
      id: {type: integer, primary_key: true, autoincrement: true}
      twice: {type: integer, computed: {sql: id * 2, stored: true}}
  leaf:
    columns:
      id: {type: integer, primary_key: true, autoincrement: true}
      node_id: {type: integer, nullable: false, references: node.id}
)yaml");
  SeedOptions options;
  options.rows = 10;
  options.random_seed = 4;
  SeedResult result = seed(db_->conn(), md, SeedConfig{}, options);
  EXPECT_EQ(result.tables[0].rows, 10u);
  EXPECT_EQ(result.tables[0].warning, "");
  EXPECT_EQ(db_->count("SELECT count(*) FROM node"), 10);
  EXPECT_EQ(db_->count("SELECT count(*) FROM node WHERE twice = id * 2"), 10);
  testing::expect_constraints_hold(*db_, md);
  const SeedConfig config = parse_seed_config(R"yaml(
tables:
  node:
    fixtures:
      - {_key: root}
  leaf:
    fixtures:
      - {node_id: {ref: root}}
)yaml",
                                              "seed.yaml");
  options.truncate = true;
  options.fixtures_only = true;
  result = seed(db_->conn(), md, config, options);
  EXPECT_EQ(result.total_rows, 2u);
  EXPECT_EQ(db_->count("SELECT count(*) FROM leaf JOIN node ON node.id = leaf.node_id"), 1);
}

TEST_P(SeedTest, SeedingTwiceAddsRowsWithoutCollisionsAndTruncateReplacesThem) {
  const MetaData md = db_->create(kFullSchema);
  SeedOptions options;
  options.rows = 15;
  options.random_seed = 3;
  seed(db_->conn(), md, SeedConfig{}, options);
  seed(db_->conn(), md, SeedConfig{}, options);
  EXPECT_EQ(db_->count("SELECT count(*) FROM artist"), 30);
  testing::expect_constraints_hold(*db_, md);
  options.truncate = true;
  seed(db_->conn(), md, SeedConfig{}, options);
  EXPECT_EQ(db_->count("SELECT count(*) FROM artist"), 15);
  testing::expect_constraints_hold(*db_, md);
}

// Bounds far beyond 64-bit integers (CHECKs, a numeric's scale) and a sequence that runs past
// the largest bigint: values stay in range, no arithmetic overflows (the asan preset's UBSan
// would report it; fuzz_seed_config found the first such cast).
TEST_P(SeedTest, ExtremeBoundsAndSequencesSeedWithinRange) {
  const MetaData md = db_->create(R"yaml(
tables:
  t:
    columns:
      id: {type: integer, primary_key: true}
      fine: {type: "numeric(38, 30)", nullable: false}
      wide: {type: double, nullable: false}
      low: {type: bigint, nullable: false}
      wrap: {type: bigint, nullable: false}
    checks:
      - {name: ck_wide, sql: "wide BETWEEN -1e300 AND 1e300"}
      - {name: ck_low, sql: "low >= -1e30"}
)yaml");
  const SeedConfig config = parse_seed_config(R"yaml(
tables:
  t:
    columns:
      wrap: {sequence: 9223372036854775000, step: 500}
)yaml",
                                              "seed.yaml");
  SeedOptions options;
  options.rows = 5;
  options.random_seed = 3;
  seed(db_->conn(), md, config, options);
  testing::expect_constraints_hold(*db_, md);
  EXPECT_EQ(db_->count("SELECT count(*) FROM t"), 5);
  EXPECT_EQ(db_->count("SELECT count(*) FROM t WHERE fine < 0 OR fine > 1000"), 0);
}

TEST_P(SeedTest, ARejectedRowLeavesNothingAndNamesTheUnreadCheck) {
  const MetaData md = db_->create(R"yaml(
tables:
  t:
    columns:
      id: {type: integer, primary_key: true}
      word: {type: text, nullable: false}
    checks:
      - {name: ck_odd, sql: "length(word) > 1000"}
)yaml");
  SeedOptions options;
  options.rows = 5;
  try {
    seed(db_->conn(), md, SeedConfig{}, options);
    FAIL() << "expected a DatabaseError";
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("table \"t\""), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("ck_odd"), std::string::npos) << e.what();
  }
  EXPECT_EQ(db_->count("SELECT count(*) FROM t"), 0);
}

// Every cell as comparable text: numbers normalised, so "12.50" (PostgreSQL numeric) equals
// 12.5 (SQLite real).
std::string normalised(const Value& v) {
  if (v.is_null()) return "NULL";
  if (v.type() == Value::Type::kBlob) return "blob:" + std::to_string(v.blob().size());
  std::string text = v.text();
  // PostgreSQL pads char(n) and prints a UTC offset as +00; the values are the same.
  while (!text.empty() && text.back() == ' ') text.pop_back();
  for (const char* zone : {"+00:00", "+00"}) {
    if (text.size() > 6 && text.ends_with(zone)) {
      text.resize(text.size() - std::strlen(zone));
      break;
    }
  }
  char* end = nullptr;
  const double d = std::strtod(text.c_str(), &end);
  if (!text.empty() && end == text.c_str() + text.size()) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.5g", d);
    return buf;
  }
  return text;
}

std::vector<std::string> dump(SeedDatabase& db, const MetaData& md) {
  std::vector<std::string> rows;
  for (const Table& t : md.tables) {
    std::string order;
    for (const auto& c : t.primary_key->columns)
      order += (order.empty() ? "" : ", ") + quote_identifier(c);
    Result r = db.conn().query("SELECT * FROM " + testing::qualified(t) + " ORDER BY " + order);
    for (std::size_t i = 0; i < r.size(); ++i) {
      std::string line = t.name + ":";
      for (std::size_t c = 0; c < r.columns().size(); ++c) line += " " + normalised(r.cell(i, c));
      rows.push_back(line);
    }
  }
  return rows;
}

TEST_P(SeedTest, TheSameRandomSeedGivesTheSameRows) {
  const MetaData md = db_->create(kFullSchema);
  SeedDatabase other("sqlite");
  other.create(kFullSchema);
  SeedOptions options;
  options.rows = 25;
  options.random_seed = 99;
  seed(db_->conn(), md, SeedConfig{}, options);
  seed(other.conn(), md, SeedConfig{}, options);
  const auto a = dump(*db_, md);
  const auto b = dump(other, md);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i], b[i]) << "row " << i;
  options.random_seed = 100;
  SeedDatabase third("sqlite");
  third.create(kFullSchema);
  seed(third.conn(), md, SeedConfig{}, options);
  EXPECT_NE(dump(third, md), b);
}

// --truncate starts the keys the database generates over (SQLite's sqlite_sequence, a
// PostgreSQL serial's or identity's sequence): after rows were added, seeding again with the
// same random seed gives the rows of the first run, keys included.
TEST_P(SeedTest, TruncateStartsGeneratedKeysOverSoTheSameSeedGivesTheSameRows) {
  const MetaData md = db_->create(kFullSchema);
  SeedOptions options;
  options.rows = 12;
  options.random_seed = 5;
  seed(db_->conn(), md, SeedConfig{}, options);
  const auto first = dump(*db_, md);
  seed(db_->conn(), md, SeedConfig{}, options);
  options.truncate = true;
  seed(db_->conn(), md, SeedConfig{}, options);
  EXPECT_EQ(db_->count("SELECT min(id) FROM artist"), 1);
  const auto again = dump(*db_, md);
  ASSERT_EQ(again.size(), first.size());
  for (std::size_t i = 0; i < first.size(); ++i) EXPECT_EQ(again[i], first[i]) << "row " << i;
}

INSTANTIATE_TEST_SUITE_P(Dialects, SeedTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort
