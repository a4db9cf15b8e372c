// Equal schemas give an empty diff, for seeded-random models on both dialects: model ->
// create_all -> reflect -> compare(reflected, model) is empty, and so is comparing the model
// with itself. Also the diff from an empty database creates the model: applying it gives the
// same reflection as create_all.
#include <gtest/gtest.h>

#include "diff_db_support.hpp"
#include "engine/sql_builder.hpp"
#include "reflect/creatable_model.hpp"

namespace retort::testing {
namespace {

constexpr std::uint32_t kSeeds = 60;

// Checks one model on `conn` (an empty database); returns false after a failure.
bool check_model(Connection& conn, const MetaData& model, std::uint32_t seed) {
  const Dialect& dialect = conn.dialect();
  const InspectOptions options = options_for(model, dialect);
  CompareOptions self;
  self.from_is_model = true;
  const std::vector<Operation> same = compare(model, model, dialect, self);
  EXPECT_EQ(describe_all(same), "") << "seed " << seed << ": model against itself";
  create_all(conn, model);
  const MetaData live = reflect(conn, options);
  const std::vector<Operation> ops = compare(live, model, dialect);
  EXPECT_EQ(describe_all(ops), "") << "seed " << seed << ": database against its model";
  return same.empty() && ops.empty();
}

// The diff from nothing, applied to `empty`, gives what create_all gave on `conn`.
bool check_creation(Connection& conn, Connection& empty, const MetaData& model,
                    std::uint32_t seed) {
  const InspectOptions options = options_for(model, conn.dialect());
  const std::vector<Operation> ops = compare(reflect(empty, options), model, empty.dialect());
  try {
    apply_ops(empty, ops, reflect(empty, options));
  } catch (const std::exception& e) {
    ADD_FAILURE() << "seed " << seed << ": applying the diff from empty: " << e.what();
    return false;
  }
  const std::string difference = first_difference(reflect(conn, options), reflect(empty, options));
  EXPECT_EQ(difference, "") << "seed " << seed;
  return difference.empty();
}

TEST(GeneratedEqual, Sqlite) {
  int failures = 0;
  for (std::uint32_t seed = 1; seed <= kSeeds && failures < 3; ++seed) {
    Engine engine(Url::parse("sqlite://"));
    Connection conn = engine.connect();
    Engine empty_engine(Url::parse("sqlite://"));
    Connection empty = empty_engine.connect();
    const MetaData model = CreatableModel(conn.dialect(), [](const std::string& n) {
                             return quote_identifier(n);
                           }).make(generate_model(seed, generator_options_for(conn.dialect())));
    if (!check_model(conn, model, seed) || !check_creation(conn, empty, model, seed)) ++failures;
  }
}

void reset(Connection& conn, const InspectOptions& options) {
  std::string sql = "DROP SCHEMA public CASCADE; CREATE SCHEMA public;";
  for (const std::string& schema : options.schemas) {
    if (schema != "public")
      sql += "DROP SCHEMA IF EXISTS " + quote_identifier(schema) + " CASCADE;";
  }
  conn.execute(sql);
}

TEST(GeneratedEqual, Postgres) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*pg_server_url());
  Engine engine(db.url());
  Connection conn = engine.connect();
  PgTestDatabase empty_db(*pg_server_url());
  Engine empty_engine(empty_db.url());
  Connection empty = empty_engine.connect();
  auto quote = [&conn](const std::string& name) {
    return conn.query("SELECT quote_ident($1)", {name}).cell(0, 0).text();
  };
  int failures = 0;
  for (std::uint32_t seed = 1; seed <= kSeeds && failures < 3; ++seed) {
    const MetaData model = CreatableModel(conn.dialect(), quote)
                               .make(generate_model(seed, generator_options_for(conn.dialect())));
    if (!check_model(conn, model, seed) || !check_creation(conn, empty, model, seed)) ++failures;
    const InspectOptions options = options_for(model, conn.dialect());
    reset(conn, options);
    reset(empty, options);
  }
}

}  // namespace
}  // namespace retort::testing
