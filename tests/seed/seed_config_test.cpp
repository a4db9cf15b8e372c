// seed.yaml: every generator kind produces what it promises, fixtures (YAML and CSV) are
// referenced by generated rows and by other fixtures, and config errors name
// file:line:column, the table and the column, with a "did you mean".
#include <gtest/gtest.h>

#include <regex>

#include "seed_fixture.hpp"

namespace retort {
namespace {
using testing::SeedDatabase;

constexpr const char* kSchema = R"yaml(
tables:
  artist:
    columns:
      id: {type: integer, primary_key: true, autoincrement: true}
      name: {type: text, nullable: false}
  item:
    columns:
      id: {type: integer, primary_key: true}
      artist_id: {type: integer, references: artist.id}
      seq: integer
      fixed: text
      pick: text
      n: integer
      d: text
      day: text
      ts: text
      flag: boolean
      nothing: text
      first: text
      last: text
      full: text
      mail: text
      user: text
      phone: text
      street: text
      city: text
      country: text
      company: text
      url: text
      uid: text
      ip: text
      w: text
      s: text
      p: text
)yaml";

constexpr const char* kConfig = R"yaml(
random_seed: 5
tables:
  artist:
    rows: 3
    fixtures:
      - {_key: nina, name: Nina Simone}
      - {_key: miles, name: Miles Davis}
  item:
    rows: 60
    columns:
      artist_id: {fixture: [miles]}
      seq: {sequence: 100, step: 5}
      fixed: {constant: hello}
      pick: {choice: [a, b, c], weights: [1, 0, 1]}
      n: {integer: [3, 7]}
      d: {decimal: [1, 2], decimals: 3}
      day: {date: ["2020-02-01", "2020-02-03"]}
      ts: {timestamp: ["2021-01-01 10:00:00", "2021-01-01 10:00:59"]}
      flag: {boolean: 1}
      nothing: null
      first: first_name
      last: last_name
      full: full_name
      mail: email
      user: username
      phone: phone
      street: street
      city: city
      country: country
      company: company
      url: url
      uid: uuid
      ip: ipv4
      w: {words: [2, 2]}
      s: {sentence: [3, 3]}
      p: {paragraph: [2, 2], null_ratio: 0.5}
)yaml";

class SeedConfigTest : public testing::SeedDialectTest {
 protected:
  std::vector<std::string> column(const std::string& name) {
    std::vector<std::string> out;
    Result r = db_->conn().query("SELECT " + quote_identifier(name) + " FROM item ORDER BY id");
    for (std::size_t i = 0; i < r.size(); ++i)
      out.push_back(r.cell(i, 0).is_null() ? "NULL" : r.cell(i, 0).text());
    return out;
  }
};

TEST_P(SeedConfigTest, EveryGeneratorKindGivesWhatItPromises) {
  const MetaData md = db_->create(kSchema);
  const SeedConfig config = parse_seed_config(kConfig, "seed.yaml");
  const SeedResult result = seed(db_->conn(), md, config, {});
  EXPECT_EQ(result.random_seed, 5u);
  ASSERT_EQ(db_->count("SELECT count(*) FROM item"), 60);
  // Fixtures: two artists written first, generated rows point at "miles" only.
  EXPECT_EQ(db_->count("SELECT count(*) FROM artist"), 5);
  EXPECT_EQ(db_->count("SELECT count(*) FROM item i JOIN artist a ON a.id = i.artist_id "
                       "WHERE a.name = 'Miles Davis'"),
            60);
  auto all = [&](const std::string& col, const std::string& pattern) {
    const std::regex re(pattern);
    for (const std::string& v : column(col))
      EXPECT_TRUE(std::regex_match(v, re)) << col << ": " << v;
  };
  const auto seq = column("seq");
  EXPECT_EQ(seq[0], "100");
  EXPECT_EQ(seq[1], "105");
  all("fixed", "hello");
  all("pick", "[ac]");
  all("n", "[3-7]");
  all("d", "(1\\.\\d{3}|2\\.000)");
  all("day", "2020-02-0[1-3]");
  all("ts", "2021-01-01 10:00:[0-5]\\d");
  all("flag", "1|t|true");
  all("nothing", "NULL");
  all("first", "[A-Z][a-z]+");
  all("last", "[A-Z][a-z]+");
  all("full", "[A-Z][a-z]+ [A-Z][a-z]+");
  all("mail", "[a-z]+\\.[a-z]+@[a-z.]+");
  all("user", "[a-z]+_\\d+");
  all("phone", "\\+1-\\d{3}-\\d{3}-\\d{4}");
  all("street", "\\d+ [A-Z][a-z]+ [A-Z][a-z]+");
  all("city", "[A-Z][A-Za-z ]+");
  all("country", "[A-Z][A-Za-z ]+");
  all("company", "[A-Z][a-z]+ [A-Z][A-Za-z]+");
  all("url", "https://www\\.[a-z]+\\.[a-z.]+/[a-z]+");
  all("uid", "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  all("ip", "\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  all("w", "[a-z]+ [a-z]+");
  all("s", "[A-Z][a-z]+ [a-z]+ [a-z]+\\.");
  all("p", "NULL|[A-Z][a-z ]+\\. [A-Z][a-z ]+\\.");
  const auto p = column("p");
  EXPECT_GT(std::count(p.begin(), p.end(), "NULL"), 5);
  EXPECT_LT(std::count(p.begin(), p.end(), "NULL"), 55);
}

TEST_P(SeedConfigTest, FixturesFromCsvAndReferencesByKey) {
  testing::TempDir dir;
  testing::write_file(dir / "fixtures/artists.csv",
                      "_key,name\nnina,\"Simone, Nina\"\nray,Ray Charles\n");
  const MetaData md = db_->create(R"yaml(
tables:
  artist:
    columns:
      id: {type: integer, primary_key: true, autoincrement: true}
      name: {type: text, nullable: false}
  track:
    columns:
      id: {type: integer, primary_key: true, autoincrement: true}
      title: {type: text, nullable: false}
      artist_id: {type: integer, nullable: false, references: artist.id}
)yaml");
  testing::write_file(dir / "seed.yaml", R"yaml(
tables:
  artist:
    rows: 0
    fixtures: {csv: fixtures/artists.csv}
  track:
    per: artist
    count: [2, 2]
    fixtures:
      - {title: Hit the Road Jack, artist_id: {ref: ray}}
)yaml");
  const SeedConfig config = load_seed_config(dir / "seed.yaml");
  seed(db_->conn(), md, config, {});
  EXPECT_EQ(db_->count("SELECT count(*) FROM artist"), 2);
  EXPECT_EQ(db_->count("SELECT count(*) FROM artist WHERE name = 'Simone, Nina'"), 1);
  EXPECT_EQ(db_->count("SELECT count(*) FROM track t JOIN artist a ON a.id = t.artist_id "
                       "WHERE t.title = 'Hit the Road Jack' AND a.name = 'Ray Charles'"),
            1);
  // per: two generated tracks for each artist, plus the fixture.
  EXPECT_EQ(db_->count("SELECT count(*) FROM track"), 5);
  EXPECT_EQ(db_->count("SELECT count(*) FROM (SELECT artist_id FROM track GROUP BY artist_id "
                       "HAVING count(*) < 2) AS few"),
            0);
}

// A generator whose values the column's type cannot take is a seed.yaml error, found before
// anything is written, rather than the database refusing the first row.
TEST_P(SeedConfigTest, AGeneratorTheColumnsTypeCannotTakeIsASeedYamlError) {
  const MetaData md = db_->create(R"yaml(
tables:
  checks:
    columns:
      id: {type: integer, primary_key: true}
      a: {type: integer, nullable: false}
      flag: {type: boolean, nullable: false}
)yaml");
  const std::pair<const char*, const char*> cases[] = {
      {"a: email",
       "4:7: seed: table \"checks\": column \"a\": generator \"email\" cannot fill a "
       "column of type integer"},
      {"a: {choice: [x, y]}",
       "4:7: seed: table \"checks\": column \"a\": choice value \"x\" is not a value of type "
       "integer"},
      {"flag: {date: [\"2020-01-01\", \"2020-12-31\"]}",
       "4:7: seed: table \"checks\": column \"flag\": generator \"date\" cannot fill a column "
       "of type boolean"},
      {"flag: {constant: maybe}",
       "4:7: seed: table \"checks\": column \"flag\": constant value \"maybe\" is not a value "
       "of type boolean"},
  };
  for (const auto& [column, error] : cases) {
    const std::string yaml = std::string("tables:\n  checks:\n    columns:\n      ") + column;
    try {
      seed(db_->conn(), md, parse_seed_config(yaml, "seed.yaml"), {});
      ADD_FAILURE() << "no error for " << column;
    } catch (const InputError& e) {
      EXPECT_EQ(e.what(), "seed.yaml:" + std::string(error));
    }
  }
  EXPECT_EQ(db_->count("SELECT count(*) FROM checks"), 0);
  seed(db_->conn(), md,
       parse_seed_config("tables:\n  checks:\n    columns:\n      a: {choice: [1, 2]}\n"
                         "      flag: {constant: 'true'}\n",
                         "seed.yaml"),
       {});
  EXPECT_EQ(db_->count("SELECT count(*) FROM checks WHERE a IN (1, 2) AND flag"), 10);
}

// seed.yaml's range meets the CHECK (the values are in both) or is an error at its line;
// only retort's own default range gives way to the check's.
TEST_P(SeedConfigTest, ARangeOutsideTheChecksIsASeedYamlError) {
  const MetaData md = db_->create(R"yaml(
tables:
  track:
    columns:
      id: {type: integer, primary_key: true}
      seconds: {type: integer, nullable: false}
      price: {type: "numeric(6, 2)", nullable: false}
    checks:
      - {name: ck_s, sql: "seconds > 0"}
      - {name: ck_p, sql: "price BETWEEN 0.5 AND 3"}
)yaml");
  const std::pair<const char*, const char*> cases[] = {
      {"seconds: {integer: [-5, 0]}",
       "4:7: seed: table \"track\": column \"seconds\": the range [-5, 0] has no value the "
       "column's CHECK allows (> 0)"},
      {"price: {decimal: [4, 9]}",
       "4:7: seed: table \"track\": column \"price\": the range [4, 9] has no value the "
       "column's CHECK allows (>= 0.5 and <= 3)"},
  };
  for (const auto& [column, error] : cases) {
    const std::string yaml = std::string("tables:\n  track:\n    columns:\n      ") + column;
    try {
      seed(db_->conn(), md, parse_seed_config(yaml, "seed.yaml"), {});
      ADD_FAILURE() << "no error for " << column;
    } catch (const InputError& e) {
      EXPECT_EQ(e.what(), "seed.yaml:" + std::string(error));
    }
  }
  SeedOptions options;
  options.rows = 200;
  seed(db_->conn(), md,
       parse_seed_config("tables:\n  track:\n    columns:\n      seconds: {integer: [-5, 3]}\n"
                         "      price: {decimal: [1, 9]}\n",
                         "seed.yaml"),
       options);
  EXPECT_EQ(db_->count("SELECT count(*) FROM track WHERE seconds BETWEEN 1 AND 3 AND price "
                       "BETWEEN 1 AND 3"),
            200);
}

// A type retort does not model ("interval") and no generator: PostgreSQL would refuse any
// text, so a nullable column is NULL and a NOT NULL one a clear error; SQLite stores text in
// any column. A raw type that is a modelled one with modifiers ("timestamp(3)") is generated.
TEST_P(SeedConfigTest, ColumnsOfATypeRetortCannotGenerateAreNullOrAnError) {
  const MetaData md = db_->create(R"yaml(
tables:
  r:
    columns:
      id: {type: integer, primary_key: true}
      span: {type: interval}
      stamp: {type: "timestamp(3)", nullable: false}
  strict:
    columns:
      id: {type: integer, primary_key: true}
      span: {type: interval, nullable: false}
)yaml");
  const bool postgres = GetParam() == "postgresql";
  SeedOptions options;
  options.table_rows = {{"r", 20}, {"strict", 0}};
  seed(db_->conn(), md, SeedConfig{}, options);
  const std::int64_t nulls = db_->count("SELECT count(*) FROM r WHERE span IS NULL");
  if (postgres) {
    EXPECT_EQ(nulls, 20);
  } else {
    EXPECT_LT(nulls, 20);
  }
  EXPECT_EQ(db_->count("SELECT count(*) FROM r WHERE stamp >= '2015-01-01'"), 20);
  options.table_rows.clear();
  options.rows = 5;
  try {
    seed(db_->conn(), md, SeedConfig{}, options);
    EXPECT_FALSE(postgres) << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "seed: table \"strict\": column \"span\" is NOT NULL and of type interval, which "
              "retort cannot generate: give it a generator in seed.yaml, or write the table's "
              "rows as fixtures (with rows: 0)");
  }
  seed(db_->conn(), md,
       parse_seed_config("tables:\n  strict:\n    columns:\n      span: {constant: 1 day}\n",
                         "seed.yaml"),
       options);
  EXPECT_EQ(db_->count("SELECT count(*) FROM strict"), postgres ? 5 : 10);
}

INSTANTIATE_TEST_SUITE_P(Dialects, SeedConfigTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

std::string error_of(const std::string& yaml) {
  try {
    parse_seed_config(yaml, "seed.yaml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SeedConfigErrors, NamePositionTableAndColumn) {
  EXPECT_EQ(error_of("tables:\n  t:\n    columns:\n      a: emial\n"),
            "seed.yaml:4:10: seed: table \"t\": column \"a\": unknown generator \"emial\" (did "
            "you mean \"email\"?)");
  EXPECT_EQ(error_of("tables:\n  t:\n    rowz: 3\n"),
            "seed.yaml:3:5: seed: table \"t\": unknown key \"rowz\" (did you mean \"rows\"?)");
  EXPECT_EQ(error_of("tables:\n  t:\n    columns:\n      a: {integer: [5, 1]}\n"),
            "seed.yaml:4:20: seed: table \"t\": column \"a\": integer: min is above max");
  EXPECT_EQ(error_of("tables:\n  t:\n    columns:\n      a: {date: [2020-13-01, 2021-01-01]}\n"),
            "seed.yaml:4:18: seed: table \"t\": column \"a\": \"2020-13-01\" is not a date "
            "(YYYY-MM-DD)");
  EXPECT_EQ(error_of("tables:\n  t:\n    per: a\n"),
            "seed.yaml:3:10: seed: table \"t\": per needs count: [min, max]");
  // Children per parent are whole numbers, none beyond 64 bits (a fuzz finding: a double cast).
  EXPECT_EQ(error_of("tables:\n  t:\n    per: a\n    count: [1, 318446744073709551615]\n"),
            "seed.yaml:4:16: seed: table \"t\": count must be a whole number, not "
            "\"318446744073709551615\"");
  EXPECT_EQ(error_of("tables:\n  t:\n    per: a\n    count: [-1, 2]\n"),
            "seed.yaml:4:13: seed: table \"t\": count must be a whole number, not \"-1\"");
  EXPECT_EQ(error_of("tables:\n  t:\n    per: a\n    count: [3, 2]\n"),
            "seed.yaml:4:12: seed: table \"t\": count: min is above max");
  EXPECT_EQ(error_of("rows: many\n"),
            "seed.yaml:1:7: seed: rows must be a whole number, not \"many\"");
  EXPECT_NE(error_of("tables: [\n").find("seed.yaml:"), std::string::npos);
}

// Numbers that would not fit the generators' integers are refused, never cast (fuzz findings:
// a step beyond 64 bits, then the same for start, words, decimals and non-finite numbers).
TEST(SeedConfigErrors, NumbersOutOfRangeAreRefused) {
  // Column a's generator, and the error after "seed.yaml:4:" and the table and column.
  const std::pair<const char*, const char*> cases[] = {
      {"{sequence: 1, step: 555555555555555555510}",
       "30: step must be a whole number, not \"555555555555555555510\""},
      {"{sequence: 1, step: 2.5}", "30: step must be a whole number, not \"2.5\""},
      {"{sequence: 1e30}", "21: sequence must be a whole number, not \"1e30\""},
      {"{sentence: [1, 100000]}", "21: sentence: at most 1000 words"},
      {"{sentence: [0.5, 2]}", "22: sentence must be a whole number, not \"0.5\""},
      {"{decimal: [0, 1], decimals: 30}", "38: decimals must be at most 9"},
      {"{integer: [0, inf]}", "24: integer must be a number, not \"inf\""},
      {"{integer: [nan, 1]}", "21: integer must be a number, not \"nan\""},
      // Values that make no sense: a step of 0 (every row alike), weights below 0 or all 0.
      {"{sequence: 1, step: 0}", "30: step must not be 0"},
      {"{choice: [x, y], weights: [-1, 2]}", "37: a weight must be 0 or more"},
      {"{choice: [x, y], weights: [0, 0]}", "36: the weights must not all be 0"},
  };
  const std::string table = "tables:\n  t:\n    columns:\n      a: ";
  for (const auto& [generator, error] : cases) {
    const std::string message(error);
    const std::size_t colon = message.find(':');
    EXPECT_EQ(error_of(table + generator + "\n"),
              "seed.yaml:4:" + message.substr(0, colon) +
                  ": seed: table \"t\": column \"a\":" + message.substr(colon + 1));
  }
  EXPECT_EQ(error_of(table + "{sequence: -9223372036854775808, step: -1}\n"), "(no error)");
}

TEST(SeedConfigErrors, UnknownTablesAndColumnsAgainstTheModel) {
  SeedDatabase db("sqlite");
  const MetaData md = db.create("tables:\n  artist:\n    columns:\n      name: text\n");
  auto seed_error = [&](const std::string& yaml) -> std::string {
    try {
      seed(db.conn(), md, parse_seed_config(yaml, "seed.yaml"), {});
    } catch (const InputError& e) {
      return e.what();
    }
    return "(no error)";
  };
  EXPECT_EQ(seed_error("tables:\n  artsit:\n    rows: 1\n"),
            "seed.yaml:2:3: seed: unknown table \"artsit\" (did you mean \"artist\"?)");
  EXPECT_EQ(
      seed_error("tables:\n  artist:\n    columns:\n      nmae: city\n"),
      "seed.yaml:4:7: seed: table \"artist\": unknown column \"nmae\" (did you mean \"name\"?)");
  EXPECT_EQ(db.count("SELECT count(*) FROM artist"), 0);
}

TEST(SeedConfig, TheTemplatesExampleIsValidOnceUncommented) {
  const std::string text = testing::read_file(std::string(RETORT_SOURCE_DIR) +
                                              "/migrations_template/generic/seeds/seed.yaml");
  // The example starts at its first key; every line from there is "# " + YAML.
  std::string yaml;
  std::size_t pos = text.find("# rows:");
  ASSERT_NE(pos, std::string::npos);
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    const std::string line = text.substr(pos, nl - pos);
    yaml += (line.size() > 2 ? line.substr(2) : "") + "\n";
    pos = nl + 1;
  }
  testing::TempDir dir;
  testing::write_file(dir / "fixtures/artists.csv", "name\nRay Charles\n");
  testing::write_file(dir / "seed.yaml", yaml);
  const SeedConfig config = load_seed_config(dir / "seed.yaml");
  EXPECT_EQ(config.rows, 20u);
  ASSERT_EQ(config.tables.size(), 3u);
  EXPECT_EQ(config.tables[1].per, "artist");
  EXPECT_EQ(load_seed_config(dir / "missing.yaml").tables.size(), 0u);
}

}  // namespace
}  // namespace retort
