// Round trips of hand-written rich models: models file -> create_all -> reflect ==
// stored_form(model), on SQLite and PostgreSQL.
#include <memory>

#include <gtest/gtest.h>

#include "round_trip_support.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {

// Every model feature SQLite can hold, with awkward names.
constexpr const char* kSqliteModel = R"yaml(
enums:
  mood: [happy, sad, "it's"]
tables:
  artist:
    columns:
      id:   {type: integer, primary_key: true, autoincrement: true}
      name: {type: varchar(30), nullable: false, unique: true, collation: NOCASE}
      mood: {type: enum(mood), default: happy}
      score: {type: "numeric(10, 2)", default: "-1.5"}
      active: {type: boolean, default: true}
      created: {type: timestamp, default_sql: CURRENT_TIMESTAMP}
      blob: binary
      lowered: {type: text, computed: {sql: "lower(name)", stored: true}}
      virt: {type: integer, computed: {sql: "length(name) + 1", stored: false}}
    checks:
      - {name: ck_artist_score, sql: "score >= -10"}
      - {sql: "length(name) > 0"}
    indexes:
      - {name: ix_artist_lower, elements: [{expression: "lower(name)"}, {column: id, desc: true}]}
      - {name: ix_artist_partial, columns: [score], unique: true, where: "score > 0"}
  "Order Line":
    columns:
      "Select": {type: bigint, nullable: false}
      "it's \"odd\"": {type: text, nullable: false, default: "a'b"}
      artist_id: {type: integer, references: artist.id, on_delete: cascade, deferrable: initially_deferred, index: true}
      parent_select: bigint
      parent_odd: text
    primary_key: {name: pk_order_line, columns: ["Select", "it's \"odd\""]}
    foreign_keys:
      - {name: fk_self, columns: [parent_select, parent_odd], references: {table: "Order Line", columns: ["Select", "it's \"odd\""]}, on_delete: set_null, on_update: cascade, deferrable: initially_immediate}
    unique:
      - {name: uq_line, columns: [artist_id, parent_select]}
  kv:
    columns:
      k: {type: text, primary_key: true}
      v: {type: real, default: 0}
    options: {without_rowid: true}
  strict_t:
    columns:
      id: {type: integer, primary_key: true}
      n: "numeric(5, 1)"
      b: boolean
      d: double
    options: {strict: true}
)yaml";

// Every model feature PostgreSQL can hold. Expressions are written as PostgreSQL prints
// them back (with its casts): reflection keeps the catalog's text (docs/reflection.md).
constexpr const char* kPostgresModel = R"yaml(
schemas: [audit]
enums:
  mood: [happy, sad, "it's"]
  level: {schema: audit, values: [low, high]}
tables:
  artist:
    comment: "Artists, it's"
    columns:
      id:   {type: integer, primary_key: true, autoincrement: true}
      name: {type: varchar(30), nullable: false, unique: true, collation: C, comment: The name}
      mood: {type: enum(mood), default: happy}
      score: {type: "numeric(10, 2)", default: "-1.5"}
      active: {type: boolean, default: true}
      created: {type: timestamp, default_sql: CURRENT_TIMESTAMP}
      at: {type: timestamptz, default_sql: "now()"}
      blob: binary
      doc: jsonb
      u: uuid
      c: char(2)
      lowered: {type: text, computed: {sql: "lower(name::text)", stored: true}}
    checks:
      - {name: ck_artist_score, sql: "score >= 0::numeric"}
      - {sql: "length(name::text) > 0"}
    indexes:
      - {name: ix_artist_lower, elements: [{expression: "lower(name::text)"}, {column: id, desc: true}]}
      - {name: ix_artist_partial, columns: [score], unique: true, where: "score > 0::numeric"}
  "Order Line":
    columns:
      "Select": {type: bigint, nullable: false}
      "it's \"odd\"": {type: text, nullable: false, default: "a'b"}
      artist_id: {type: integer, references: artist.id, on_delete: cascade, deferrable: initially_deferred, index: true}
      parent_select: bigint
      parent_odd: text
      ident: {type: bigint, identity: always}
      small: {type: smallint, autoincrement: true}
    primary_key: {name: pk_order_line, columns: ["Select", "it's \"odd\""]}
    foreign_keys:
      - {name: fk_self, columns: [parent_select, parent_odd], references: {table: "Order Line", columns: ["Select", "it's \"odd\""]}, on_delete: set_null, on_update: cascade, deferrable: initially_immediate}
    unique:
      - {columns: [artist_id, parent_select]}
  entry:
    schema: audit
    columns:
      id: {type: integer, primary_key: true, identity: by_default}
      lvl: {type: enum(level), default: low}
      artist_id: {type: integer, references: artist.id}
      next_id: integer
    foreign_keys:
      - {columns: [next_id], references: {table: entry, columns: [id], schema: audit}}
  ring_a:
    columns:
      id: {type: integer, primary_key: true}
      b_id: {type: integer, references: ring_b.id}
  ring_b:
    columns:
      id: {type: integer, primary_key: true}
      a_id: {type: integer, references: ring_a.id}
)yaml";

TEST(RoundTrip, RichModelOnSqlite) {
  Engine engine(Url::parse("sqlite://"));
  Connection conn = engine.connect();
  EXPECT_TRUE(testing::round_trips(conn, parse_models(kSqliteModel)));
}

TEST(RoundTrip, RichModelOnPostgres) {
  RETORT_REQUIRE_PG();
  testing::PgTestDatabase db(*testing::pg_server_url());
  Engine engine(db.url());
  Connection conn = engine.connect();
  EXPECT_TRUE(testing::round_trips(conn, parse_models(kPostgresModel)));
}

// Names at PostgreSQL's 63-byte limit, whose generated constraint names PostgreSQL shortens,
// in a foreign-key cycle (the DDL compiler adds one of the keys by ALTER TABLE).
TEST(RoundTrip, LongNamesInACycleOnPostgres) {
  RETORT_REQUIRE_PG();
  const std::string a(63, 'a'), b(62, 'b'), col(63, 'c');
  const MetaData model = parse_models(
      "tables:\n"
      "  " +
      a +
      ":\n"
      "    columns:\n"
      "      id: {type: integer, primary_key: true}\n"
      "      " +
      col + ": {type: integer, references: " + b +
      ".id, unique: true}\n"
      "    checks: [{sql: \"" +
      col +
      " > 0\"}]\n"
      "  " +
      b +
      ":\n"
      "    columns:\n"
      "      id: {type: integer, primary_key: true}\n"
      "      \"é" +
      std::string(40, 'x') + "\": {type: integer, references: " + a + ".id}\n");
  testing::PgTestDatabase db(*testing::pg_server_url());
  Engine engine(db.url());
  Connection conn = engine.connect();
  EXPECT_TRUE(testing::round_trips(conn, model));
}

// A reflected model is itself a valid model, and reflecting its copy gives it back.
TEST(RoundTrip, ReflectedModelRecreatesItself) {
  Engine first_engine(Url::parse("sqlite://"));
  Connection first = first_engine.connect();
  create_all(first, parse_models(kSqliteModel));
  MetaData reflected = reflect(first);
  Engine second_engine(Url::parse("sqlite://"));
  Connection second = second_engine.connect();
  create_all(second, parse_models(dump_models(reflected)));
  const MetaData again = reflect(second);
  EXPECT_EQ(testing::first_difference(reflected, again), "");
}

TEST(RoundTrip, ReflectedModelRecreatesItselfOnPostgres) {
  RETORT_REQUIRE_PG();
  const MetaData model = parse_models(kPostgresModel);
  testing::PgTestDatabase first_db(*testing::pg_server_url());
  Engine first_engine(first_db.url());
  Connection first = first_engine.connect();
  create_all(first, model);
  const InspectOptions options = testing::options_for(model, first.dialect());
  const MetaData reflected = reflect(first, options);
  testing::PgTestDatabase second_db(*testing::pg_server_url());
  Engine second_engine(second_db.url());
  Connection second = second_engine.connect();
  create_all(second, parse_models(dump_models(reflected)));
  EXPECT_EQ(testing::first_difference(reflected, reflect(second, options)), "");
}

}  // namespace
}  // namespace retort
