// The value generators' output formats (dates through the day table and past it, decimals,
// every text kind into a reused Value), and the warning a table gets when a unique
// constraint or a one-to-one foreign key runs out before the rows asked for, on both dialects.
#include <gtest/gtest.h>

#include <set>

#include "seed/seed_internal.hpp"
#include "seed/word_lists.hpp"
#include "seed_fixture.hpp"

namespace retort {
namespace {
using detail::ColumnPlan;
using detail::Gen;
using detail::Out;
namespace words = detail::words;
using testing::SeedDatabase;

std::int64_t day_of(std::string_view iso) {
  std::int64_t days = 0;
  EXPECT_TRUE(detail::parse_iso_date(iso, days)) << iso;
  return days;
}

// A column counting up from `first` (unique: one value after the other).
ColumnPlan counting(Gen gen, std::int64_t first, std::int64_t last) {
  ColumnPlan c;
  c.gen = gen;
  c.unique = true;
  c.lo = c.next = first;
  c.hi = last;
  return c;
}

std::vector<std::string> texts(ColumnPlan& c, int n) {
  std::vector<std::string> out;
  Value v;
  for (int i = 0; i < n; ++i) {
    detail::generate_value(c, static_cast<std::uint64_t>(i), v);
    out.push_back(v.text());
  }
  return out;
}

TEST(SeedGenerate, DatesFromTheDayTableAndPastItAgree) {
  // Four days in the table (a leap day among them), then two past the range, as a unique
  // counter continuing after existing rows gives them.
  ColumnPlan c = counting(Gen::kDate, day_of("2024-02-27"), day_of("2024-03-01"));
  EXPECT_EQ(texts(c, 6), (std::vector<std::string>{"2024-02-27", "2024-02-28", "2024-02-29",
                                                   "2024-03-01", "2024-03-02", "2024-03-03"}));
  // Years outside 0..9999 are not of the table's width: formatted one by one.
  ColumnPlan far = counting(Gen::kDate, day_of("9999-12-31"), day_of("9999-12-31") + 1);
  EXPECT_EQ(texts(far, 2), (std::vector<std::string>{"9999-12-31", "10000-01-01"}));
  ColumnPlan wide = counting(Gen::kDate, day_of("0001-01-01"), day_of("2999-12-31"));
  EXPECT_EQ(texts(wide, 1), std::vector<std::string>{"0001-01-01"});
}

TEST(SeedGenerate, TimestampsAroundTheEpochAndWithTimeZone) {
  ColumnPlan c = counting(Gen::kTimestamp, -2, 86400);
  EXPECT_EQ(texts(c, 3), (std::vector<std::string>{"1969-12-31 23:59:58", "1969-12-31 23:59:59",
                                                   "1970-01-01 00:00:00"}));
  ColumnPlan tz = counting(Gen::kTimestamp, day_of("2026-11-22") * 86400 + 3723, INT32_MAX);
  tz.utc = true;
  EXPECT_EQ(texts(tz, 1), std::vector<std::string>{"2026-11-22 01:02:03+00:00"});
  ColumnPlan time = counting(Gen::kTime, 86399, 86399);
  EXPECT_EQ(texts(time, 1), std::vector<std::string>{"23:59:59"});
}

TEST(SeedGenerate, DecimalTextKeepsItsSignAndPadding) {
  ColumnPlan c = counting(Gen::kDecimal, -101, 0);
  c.out = Out::kText;
  c.decimals = 2;
  EXPECT_EQ(texts(c, 3), (std::vector<std::string>{"-1.01", "-1.00", "-0.99"}));
  c.next = 5;
  EXPECT_EQ(texts(c, 1), std::vector<std::string>{"0.05"});
}

TEST(SeedGenerate, EveryTextKindWritesIntoAReusedValue) {
  for (const auto& list :
       {words::kFirstNames, words::kLastNames, words::kStreets, words::kStreetKinds, words::kCities,
        words::kCountries, words::kCompanyWords, words::kCompanySuffixes, words::kDomains,
        words::kLorem})
    for (std::string_view word : list) EXPECT_LE(word.size(), 32u) << word;  // one slot each
  Value v(42);  // not text yet: the generator makes it text
  for (int g = static_cast<int>(Gen::kFirstName); g <= static_cast<int>(Gen::kJson); ++g) {
    ColumnPlan c;
    c.gen = static_cast<Gen>(g);
    c.unique = true;
    c.next = 36 * 36;  // counter "100"
    for (int i = 0; i < 50; ++i) {
      detail::generate_value(c, 7, v);
      ASSERT_EQ(v.type(), Value::Type::kText) << g;
      EXPECT_FALSE(v.text_ref().empty()) << g;
    }
    if (c.gen == Gen::kEmail) {
      const std::string& e = v.text_ref();
      EXPECT_NE(e.find(".11d@"), std::string::npos) << e;  // 36 * 36 + 49 in base 36, after a dot
      for (char ch : e) EXPECT_FALSE(ch >= 'A' && ch <= 'Z') << e;
    }
    if (c.gen == Gen::kJson) {
      EXPECT_TRUE(v.text_ref().starts_with("{\"n\": 7, \"tag\": \"")) << v.text_ref();
    }
  }
  ColumnPlan name;
  name.gen = Gen::kFullName;
  name.unique = true;
  name.next = 36 * 36;
  name.max_length = 5;
  detail::generate_value(name, 0, v);
  EXPECT_EQ(v.text_ref().size(), 5u);
  EXPECT_TRUE(v.text_ref().ends_with("100")) << v.text_ref();  // the counter survives the cut
}

// Unique text cut to the column's length keeps its counter as the text after its last space
// (or alone): "et a" + "2" and "et " + "a2" were the same value.
TEST(SeedGenerate, CutUniqueTextKeepsEveryCounterApart) {
  for (Gen gen : {Gen::kWords, Gen::kSentence, Gen::kFullName, Gen::kStreet, Gen::kCompany}) {
    for (int length : {3, 4, 5, 6, 8, 12}) {
      ColumnPlan c;
      c.gen = gen;
      c.unique = true;
      c.next = 0;
      c.max_length = length;
      std::set<std::string> seen;
      for (const std::string& t : texts(c, 3000)) {  // counters up to "2bb": three digits
        EXPECT_LE(t.size(), static_cast<std::size_t>(length)) << t;
        EXPECT_FALSE(t.ends_with(' ')) << '"' << t << '"';
        EXPECT_TRUE(seen.insert(t).second)
            << "repeated \"" << t << "\", kind " << static_cast<int>(gen) << ", length " << length;
      }
    }
  }
}

// Cut text never ends in a blank, which PostgreSQL's char(n) would ignore.
TEST(SeedGenerate, CutTextEndsInNoBlank) {
  for (Gen gen : {Gen::kWords, Gen::kFullName, Gen::kStreet}) {
    ColumnPlan c;
    c.gen = gen;
    c.max_length = 4;
    for (const std::string& t : texts(c, 500)) EXPECT_FALSE(t.ends_with(' ')) << '"' << t << '"';
  }
}

class SeedShortfall : public testing::SeedDialectTest {};

TEST_P(SeedShortfall, AUniqueSetThatRunsOutWarnsWithTheRowsAskedAndWritten) {
  const MetaData md = db_->create(R"yaml(
tables:
  flag:
    columns:
      id: {type: integer, primary_key: true}
      lit: {type: boolean, nullable: false, unique: true}
  pair:
    columns:
      id: {type: integer, primary_key: true}
      a: {type: boolean, nullable: false}
      b: {type: boolean, nullable: false}
    unique:
      - {name: uq_pair, columns: [a, b]}
  plain:
    columns:
      id: {type: integer, primary_key: true}
)yaml");
  SeedOptions options;
  options.rows = 10;
  options.random_seed = 5;
  const SeedResult result = seed(db_->conn(), md, SeedConfig{}, options);
  ASSERT_EQ(result.tables.size(), 3u);
  for (const TableSeedResult& t : result.tables) {
    EXPECT_EQ(t.requested, 10u) << t.table;
    if (t.table == "flag") {
      EXPECT_EQ(t.rows, 2u);
      EXPECT_EQ(t.warning,
                "seed: table \"flag\": unique constraint (lit) ran out of distinct values: wrote 2 "
                "of 10 rows");
    } else if (t.table == "pair") {
      EXPECT_EQ(t.rows, 4u);
      EXPECT_EQ(t.warning,
                "seed: table \"pair\": unique constraint uq_pair (a, b) ran out of distinct "
                "values: wrote 4 of 10 rows");
    } else {
      EXPECT_EQ(t.rows, 10u);
      EXPECT_EQ(t.warning, "") << "all rows written: no warning";
    }
  }
  EXPECT_EQ(db_->count("SELECT count(*) FROM pair"), 4);
  EXPECT_EQ(result.total_rows, 16u);
}

TEST_P(SeedShortfall, AOneToOneForeignKeyThatRunsOutOfParentsWarns) {
  const MetaData md = db_->create(R"yaml(
tables:
  person:
    columns:
      id: {type: integer, primary_key: true}
  passport:
    columns:
      id: {type: integer, primary_key: true}
      person_id: {type: integer, nullable: false, unique: true, references: person.id}
)yaml");
  SeedOptions options;
  options.table_rows = {{"person", 3}, {"passport", 5}};
  const SeedResult result = seed(db_->conn(), md, SeedConfig{}, options);
  ASSERT_EQ(result.tables.size(), 2u);
  EXPECT_EQ(result.tables[0].warning, "");
  EXPECT_EQ(result.tables[1].rows, 3u);
  EXPECT_EQ(result.tables[1].requested, 5u);
  EXPECT_EQ(result.tables[1].warning,
            "seed: table \"passport\": one-to-one foreign key (person_id) to \"person\" ran out "
            "of parent rows: wrote 3 of 5 rows");
}

// Unique text cut to a short length: the counter suffix holds 36 values in varchar(1), about
// 36^2 in char(2); past that the table gets fewer rows and the warning, never a collision.
TEST_P(SeedShortfall, ShortUniqueTextRunsOutOfValuesWithoutACollision) {
  const MetaData md = db_->create(R"yaml(
tables:
  u:
    columns:
      id: {type: integer, primary_key: true}
      c: {type: varchar(1), nullable: false, unique: true}
  k:
    columns:
      c: {type: char(2), primary_key: true}
)yaml");
  SeedOptions options;
  options.random_seed = 1;
  options.table_rows = {{"u", 36}, {"k", 500}};
  SeedResult result = seed(db_->conn(), md, SeedConfig{}, options);
  for (const TableSeedResult& t : result.tables) EXPECT_EQ(t.warning, "") << t.table;
  EXPECT_EQ(db_->count("SELECT count(*) FROM u"), 36);
  options.truncate = true;
  options.table_rows = {{"u", 37}, {"k", 2000}};
  result = seed(db_->conn(), md, SeedConfig{}, options);
  ASSERT_EQ(result.tables.size(), 2u);
  for (const TableSeedResult& t : result.tables) {
    if (t.table == "u") {
      EXPECT_EQ(t.rows, 36u);
      EXPECT_EQ(t.warning,
                "seed: table \"u\": unique constraint (c) ran out of distinct values: wrote 36 "
                "of 37 rows");
    } else {
      EXPECT_GT(t.rows, 1000u);
      EXPECT_LT(t.rows, 2000u);
      EXPECT_NE(t.warning.find("primary key (c) ran out of distinct values"), std::string::npos)
          << t.warning;
    }
  }
  testing::expect_constraints_hold(*db_, md);
}

// A second run without --truncate keeps clear of what the first left: short unique text, the
// pairs of an association table and a one-to-one child filled alone (their parents get no
// rows this time, so the children reference the existing ones).
TEST_P(SeedShortfall, ASecondRunWithAnotherSeedDoesNotRepeatTheFirstRunsUniqueValues) {
  const MetaData md = db_->create(R"yaml(
tables:
  k:
    columns:
      id: {type: integer, primary_key: true}
      code: {type: char(2), nullable: false, unique: true}
  tag:
    columns:
      id: {type: integer, primary_key: true}
  k_tag:
    columns:
      k_id: {type: integer, primary_key: true, references: k.id}
      tag_id: {type: integer, primary_key: true, references: tag.id}
  profile:
    columns:
      id: {type: integer, primary_key: true}
      k_id: {type: integer, nullable: false, unique: true, references: k.id}
  word_flag:
    columns:
      w: {type: char(4), primary_key: true}
      f: {type: boolean, primary_key: true}
)yaml");
  SeedOptions options;
  options.random_seed = 1;
  options.table_rows = {{"k", 40}, {"tag", 5}, {"k_tag", 150}, {"profile", 30}, {"word_flag", 60}};
  SeedResult result = seed(db_->conn(), md, SeedConfig{}, options);
  for (const TableSeedResult& t : result.tables) EXPECT_EQ(t.warning, "") << t.table;
  options.rows = 0;
  options.random_seed = 2;
  options.table_rows = {{"k", 600}, {"word_flag", 100}};
  result = seed(db_->conn(), md, SeedConfig{}, options);
  EXPECT_EQ(db_->count("SELECT count(*) FROM k"), 640);
  // PostgreSQL reads char(4) back padded ("non "): still the value "non" drawn again.
  EXPECT_EQ(db_->count("SELECT count(*) FROM word_flag"), 160);
  options.random_seed = 3;
  options.table_rows = {{"k_tag", 100}, {"profile", 20}};
  result = seed(db_->conn(), md, SeedConfig{}, options);
  for (const TableSeedResult& t : result.tables) EXPECT_EQ(t.warning, "") << t.table;
  EXPECT_EQ(db_->count("SELECT count(*) FROM k_tag"), 250);
  EXPECT_EQ(db_->count("SELECT count(*) FROM profile"), 50);
  testing::expect_constraints_hold(*db_, md);
}

// Each counter makes one value of a cut unique column: the 36^2 counters of one and two digits
// fill char(2) without a repeat, where counters the cut made repeat used to be skipped. Longer
// counters keep their last two digits: "100" to "10z" give "00" to "0z", the last of the 36 +
// 36^2 values char(2) holds, and the table then runs out at exactly that many rows.
TEST_P(SeedShortfall, CutUniqueTextWritesOneValuePerCounter) {
  const MetaData md = db_->create(R"yaml(
tables:
  k:
    columns:
      c: {type: char(2), primary_key: true}
  v:
    columns:
      id: {type: integer, primary_key: true}
      a: {type: varchar(5), nullable: false, unique: true}
      b: {type: varchar(3), nullable: false, unique: true}
)yaml");
  SeedOptions options;
  options.random_seed = 1;
  options.table_rows = {{"k", 1296}, {"v", 2000}};
  SeedResult result = seed(db_->conn(), md, SeedConfig{}, options);
  for (const TableSeedResult& t : result.tables) EXPECT_EQ(t.warning, "") << t.table;
  EXPECT_EQ(db_->count("SELECT count(*) FROM k"), 1296);
  EXPECT_EQ(db_->count("SELECT count(*) FROM v"), 2000);
  testing::expect_constraints_hold(*db_, md);
  options.truncate = true;
  options.table_rows = {{"k", 2000}, {"v", 0}};
  result = seed(db_->conn(), md, SeedConfig{}, options);
  ASSERT_EQ(result.tables.size(), 2u);
  EXPECT_EQ(result.tables[0].warning,
            "seed: table \"k\": primary key (c) ran out of distinct values: wrote 1332 of 2000 "
            "rows");
  EXPECT_EQ(db_->count("SELECT count(DISTINCT c) FROM k"), 1332);
}

// PostgreSQL compares char(n) without trailing blanks: "sed " (cut from "sed quia") and "sed"
// are one key there, so cut text ends in no blank, on SQLite too (the same rows on both).
TEST_P(SeedShortfall, CutTextEndsInNoBlankSoCharKeysDoNotCollide) {
  const MetaData md = db_->create(R"yaml(
tables:
  t:
    columns:
      a: {type: char(4), primary_key: true}
      b: {type: boolean, primary_key: true}
  t2:
    columns:
      id: {type: integer, primary_key: true}
      a: {type: char(3), nullable: false}
      b: {type: char(2), nullable: false}
    unique:
      - {columns: [a, b]}
  v:
    columns:
      id: {type: integer, primary_key: true}
      a: {type: varchar(4), nullable: false}
      b: {type: varchar(3), nullable: false}
)yaml");
  SeedOptions options;
  options.random_seed = 1;
  options.rows = 2000;
  const SeedResult result = seed(db_->conn(), md, SeedConfig{}, options);
  testing::expect_constraints_hold(*db_, md);
  EXPECT_EQ(db_->count("SELECT count(*) FROM v"), 2000);
  EXPECT_EQ(db_->count("SELECT count(*) FROM v WHERE a LIKE '% ' OR b LIKE '% '"), 0);
  EXPECT_GT(db_->count("SELECT count(*) FROM t"), 50);
}

INSTANTIATE_TEST_SUITE_P(Dialects, SeedShortfall, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort
