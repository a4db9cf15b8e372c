// Round trips of 200 seeded-random models per dialect: generate -> make creatable ->
// create_all on an empty database -> reflect == stored_form(model); then the reflected model
// -> models file -> create_all on another empty database -> reflect gives it back. A failure
// names the seed and the first differing table.
#include <map>
#include <memory>

#include <gtest/gtest.h>

#include "creatable_model.hpp"
#include "engine/sql_builder.hpp"
#include "round_trip_support.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {

constexpr std::uint32_t kSeeds = 200;

// How often each feature occurred over all seeds: the round trip must have exercised each.
struct Coverage {
  std::map<std::string, int> counts;
  void add(const MetaData& m) {
    counts["schemas"] += !m.schemas.empty();
    counts["enums"] += !m.enums.empty();
    for (const Table& t : m.tables) {
      counts["tables"]++;
      counts["without_rowid"] += t.without_rowid;
      counts["strict"] += t.strict;
      counts["table comment"] += !t.comment.empty();
      counts["named primary key"] += t.primary_key && !t.primary_key->name.empty();
      counts["composite primary key"] += t.primary_key && t.primary_key->columns.size() > 1;
      for (const Column& c : t.columns) {
        counts["autoincrement"] += c.autoincrement;
        counts["identity"] += c.identity != Identity::kNone;
        counts["computed"] += c.computed.has_value();
        counts["collation"] += !c.collation.empty();
        counts["literal default"] +=
            c.server_default && c.server_default->kind == DefaultValue::Kind::kLiteral;
        counts["enum column"] += c.type.kind == TypeKind::kEnum;
      }
      for (const ForeignKey& fk : t.foreign_keys) {
        counts["unnamed foreign key"] += fk.name.empty();
        counts["named foreign key"] += !fk.name.empty();
        counts["deferrable"] += fk.deferrable != Deferrable::kNotDeferrable;
        counts["composite foreign key"] += fk.columns.size() > 1;
        counts["self reference"] += fk.ref_table == t.name && fk.ref_schema == t.schema;
      }
      for (const UniqueConstraint& u : t.unique_constraints)
        counts[u.name.empty() ? "unnamed unique" : "named unique"]++;
      for (const CheckConstraint& ck : t.check_constraints)
        counts["unnamed check"] += ck.name.empty();
      for (const Index& ix : t.indexes) {
        counts["unique index"] += ix.unique;
        counts["partial index"] += !ix.where.empty();
        for (const IndexElement& e : ix.elements) {
          counts["expression key"] += !e.expression.empty();
          counts["descending key"] += e.descending;
        }
      }
    }
  }
  // Every feature in `names` occurred at least once.
  void expect(const std::vector<std::string>& names) const {
    for (const std::string& name : names) {
      auto it = counts.find(name);
      EXPECT_TRUE(it != counts.end() && it->second > 0) << "never generated: " << name;
    }
  }
};

const std::vector<std::string> kCommonFeatures = {"enums",
                                                  "tables",
                                                  "named primary key",
                                                  "composite primary key",
                                                  "autoincrement",
                                                  "computed",
                                                  "collation",
                                                  "literal default",
                                                  "enum column",
                                                  "unnamed foreign key",
                                                  "named foreign key",
                                                  "deferrable",
                                                  "composite foreign key",
                                                  "self reference",
                                                  "unnamed unique",
                                                  "named unique",
                                                  "unnamed check",
                                                  "unique index",
                                                  "partial index",
                                                  "expression key",
                                                  "descending key"};

TEST(GeneratedRoundTrip, Sqlite) {
  int failures = 0;
  Coverage coverage;
  for (std::uint32_t seed = 1; seed <= kSeeds && failures < 3; ++seed) {
    Engine engine(Url::parse("sqlite://"));
    Connection conn = engine.connect();
    const MetaData generated =
        testing::generate_model(seed, testing::generator_options_for(conn.dialect()));
    testing::CreatableModel creatable(
        conn.dialect(), [](const std::string& name) { return quote_identifier(name); });
    const MetaData model = creatable.make(generated);
    coverage.add(model);
    auto result = testing::round_trips(conn, model);
    if (result) {
      Engine fresh_engine(Url::parse("sqlite://"));
      Connection fresh = fresh_engine.connect();
      result = testing::reinspects(conn, fresh, {});
    }
    if (!result) ++failures;
    EXPECT_TRUE(result) << "seed " << seed;
  }
  coverage.expect(kCommonFeatures);
  coverage.expect({"without_rowid", "strict"});
}

// Drops everything a model created, leaving an empty database.
void reset_database(Connection& conn, const InspectOptions& options) {
  std::string reset = "DROP SCHEMA public CASCADE; CREATE SCHEMA public;";
  for (const std::string& schema : options.schemas) {
    if (schema != "public") {
      reset += "DROP SCHEMA IF EXISTS " + quote_identifier(schema) + " CASCADE;";
    }
  }
  conn.execute(reset);
}

TEST(GeneratedRoundTrip, Postgres) {
  RETORT_REQUIRE_PG();
  testing::PgTestDatabase db(*testing::pg_server_url());
  Engine engine(db.url());
  Connection conn = engine.connect();
  testing::PgTestDatabase fresh_db(*testing::pg_server_url());
  Engine fresh_engine(fresh_db.url());
  Connection fresh = fresh_engine.connect();
  auto quote = [&conn](const std::string& name) {
    return conn.query("SELECT quote_ident($1)", {name}).cell(0, 0).text();
  };
  int failures = 0;
  Coverage coverage;
  for (std::uint32_t seed = 1; seed <= kSeeds && failures < 3; ++seed) {
    const MetaData generated =
        testing::generate_model(seed, testing::generator_options_for(conn.dialect()));
    const MetaData model = testing::CreatableModel(conn.dialect(), quote).make(generated);
    coverage.add(model);
    const InspectOptions options = testing::options_for(model, conn.dialect());
    auto result = testing::round_trips(conn, model);
    if (result) result = testing::reinspects(conn, fresh, options);
    if (!result) ++failures;
    EXPECT_TRUE(result) << "seed " << seed;
    reset_database(conn, options);
    reset_database(fresh, options);
  }
  coverage.expect(kCommonFeatures);
  coverage.expect({"schemas", "identity", "table comment"});
}

}  // namespace
}  // namespace retort
