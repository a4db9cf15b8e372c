// create_all and drop_all of the rich model against a real PostgreSQL database, checked
// through information_schema and pg_catalog.
#include <gtest/gtest.h>

#include "db_test_util.hpp"
#include "ddl_test_util.hpp"
#include "retort/error.hpp"
#include "support/test_support.hpp"

namespace retort::testing {
namespace {

using Lines = std::vector<std::string>;

constexpr const char* kTables =
    "SELECT table_schema || '.' || table_name FROM information_schema.tables "
    "WHERE table_schema IN ('public', 'audit') ORDER BY 1";
constexpr const char* kColumns =
    "SELECT column_name, udt_name, is_nullable, coalesce(column_default, ''), is_identity, "
    "coalesce(identity_generation, ''), is_generated, coalesce(generation_expression, ''), "
    "coalesce(collation_name, '') FROM information_schema.columns "
    "WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position";
constexpr const char* kConstraints =
    "SELECT c.contype, CASE WHEN c.contype IN ('p', 'f') OR c.conname LIKE 'ck_%' "
    "OR c.conname LIKE 'uq_%' THEN c.conname ELSE '' END, pg_get_constraintdef(c.oid) "
    "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
    "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = $1 AND t.relname = $2 "
    "ORDER BY 1, 3";
constexpr const char* kIndexes =
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 "
    "AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY 1";
constexpr const char* kEnums =
    "SELECT n.nspname || '.' || t.typname || ':' || string_agg(e.enumlabel, ',' ORDER BY "
    "e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n "
    "ON n.oid = t.typnamespace GROUP BY n.nspname, t.typname ORDER BY 1";

class PgCreateAll : public ::testing::Test {
 protected:
  void open() {
    db_.emplace(*pg_server_url());
    engine_.emplace(db_->url());
    conn_.emplace(engine_->connect());
  }
  Lines q(const char* sql, const std::vector<Value>& params = {}) {
    return rows(*conn_, sql, params);
  }
  Lines of(const char* sql, const char* schema, const char* table) {
    return q(sql, {Value(schema), Value(table)});
  }

  std::optional<PgTestDatabase> db_;
  std::optional<Engine> engine_;
  std::optional<Connection> conn_;
};

TEST_F(PgCreateAll, RichModelRoundTrip) {
  RETORT_REQUIRE_PG();
  open();
  const MetaData m = rich_model(true);
  create_all(*conn_, m);

  EXPECT_EQ(q(kTables), (Lines{"audit.log", "public.album", "public.artist", "public.node",
                               "public.person", "public.select", "public.team", "public.track"}));
  EXPECT_EQ(q(kEnums), (Lines{"audit.level:low,high", "public.mood:happy,sad,it's ok"}));

  EXPECT_EQ(of(kColumns, "public", "artist"),
            (Lines{"id|int4|NO|nextval('artist_id_seq'::regclass)|NO||NEVER||",
                   "name|varchar|NO||NO||NEVER||", "note|text|YES||NO||NEVER||",
                   "Mixed Case|text|YES||NO||NEVER||", "active|bool|NO|true|NO||NEVER||"}));
  EXPECT_EQ(
      of(kColumns, "public", "album"),
      (Lines{"id|int8|NO||YES|BY DEFAULT|NEVER||", "artist_id|int4|NO||NO||NEVER||",
             "title|text|NO|'untitled'::text|NO||NEVER||", "price|numeric|YES|9.99|NO||NEVER||",
             "rating|float4|YES||NO||NEVER||", "score|float8|YES||NO||NEVER||",
             "released|date|YES||NO||NEVER||", "length|time|YES||NO||NEVER||",
             "created|timestamp|YES|CURRENT_TIMESTAMP|NO||NEVER||",
             "updated|timestamptz|YES||NO||NEVER||", "uid|uuid|YES||NO||NEVER||",
             "meta|json|YES||NO||NEVER||", "meta_b|jsonb|YES||NO||NEVER||",
             "cover|bytea|YES||NO||NEVER||", "mood|mood|NO|'happy'::mood|NO||NEVER||",
             "code|bpchar|YES||NO||NEVER||", "small|int2|YES|'-1'::integer|NO||NEVER||",
             "slug|text|YES||NO||ALWAYS|lower(title)|", "title_c|text|YES||NO||NEVER||C"}));
  EXPECT_EQ(of(kColumns, "audit", "log"),
            (Lines{"id|int4|NO||YES|ALWAYS|NEVER||", "level|level|YES||NO||NEVER||",
                   "artist_id|int4|YES||NO||NEVER||"}));
  EXPECT_EQ(q("SELECT character_maximum_length FROM information_schema.columns WHERE "
              "table_name = 'artist' AND column_name = 'name'"),
            (Lines{"30"}));
  EXPECT_EQ(q("SELECT numeric_precision || ',' || numeric_scale FROM information_schema.columns "
              "WHERE table_name = 'album' AND column_name = 'price'"),
            (Lines{"10,2"}));

  EXPECT_EQ(
      of(kConstraints, "public", "album"),
      (Lines{"c||CHECK ((length(title) > 0))", "c|ck_album_price|CHECK ((price >= (0)::numeric))",
             "f|album_artist_id_fkey|FOREIGN KEY (artist_id) REFERENCES artist(id) ON DELETE "
             "CASCADE",
             "p|album_pkey|PRIMARY KEY (id)",
             "u|uq_album_artist_title|UNIQUE (artist_id, title)"}));
  EXPECT_EQ(of(kConstraints, "public", "track"),
            (Lines{"f|fk_track_album|FOREIGN KEY (album_id) REFERENCES album(id) ON UPDATE CASCADE "
                   "ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED",
                   "p|pk_track|PRIMARY KEY (album_id, no)"}));
  EXPECT_EQ(of(kConstraints, "public", "select"),
            (Lines{"f|fk weird|FOREIGN KEY (album_id, no) REFERENCES track(album_id, no) ON DELETE "
                   "SET NULL DEFERRABLE"}));
  EXPECT_EQ(of(kConstraints, "public", "person"),
            (Lines{"f|person_team_id_fkey|FOREIGN KEY (team_id) REFERENCES team(id) DEFERRABLE "
                   "INITIALLY DEFERRED",
                   "p|person_pkey|PRIMARY KEY (id)"}));
  EXPECT_EQ(of(kConstraints, "public", "team"),
            (Lines{"f|fk_team_captain|FOREIGN KEY (captain_id) REFERENCES person(id)",
                   "p|team_pkey|PRIMARY KEY (id)"}));
  EXPECT_EQ(of(kConstraints, "public", "node"),
            (Lines{"f|node_parent_id_fkey|FOREIGN KEY (parent_id) REFERENCES node(id)",
                   "p|node_pkey|PRIMARY KEY (id)"}));
  EXPECT_EQ(of(kConstraints, "audit", "log"),
            (Lines{"f|log_artist_id_fkey|FOREIGN KEY (artist_id) REFERENCES artist(id)",
                   "p|pk_log|PRIMARY KEY (id)"}));

  EXPECT_EQ(
      of(kIndexes, "public", "album"),
      (Lines{"ix_album_lower|CREATE INDEX ix_album_lower ON public.album USING btree "
             "(lower(title), id DESC)",
             "ix_album_title|CREATE INDEX ix_album_title ON public.album USING btree (title) "
             "WHERE (title IS NOT NULL)",
             "ux_album_uid|CREATE UNIQUE INDEX ux_album_uid ON public.album USING btree (uid)"}));
  EXPECT_EQ(of(kIndexes, "public", "select"),
            (Lines{"ix select|CREATE UNIQUE INDEX \"ix select\" ON public.\"select\" USING btree "
                   "(\"we\"\"ird\")"}));
  EXPECT_EQ(of(kIndexes, "audit", "log"),
            (Lines{"ix_log_level|CREATE INDEX ix_log_level ON audit.log USING btree (level)"}));

  EXPECT_EQ(q("SELECT obj_description('public.album'::regclass, 'pg_class'), "
              "obj_description('audit.log'::regclass, 'pg_class'), "
              "col_description('public.album'::regclass, 3)"),
            (Lines{"Albums|Audit log|The title"}));

  drop_all(*conn_, m);
  EXPECT_EQ(q(kTables), Lines{});
  EXPECT_EQ(q(kEnums), Lines{});
  EXPECT_EQ(q("SELECT nspname FROM pg_namespace WHERE nspname = 'audit'"), Lines{});
  EXPECT_EQ(q("SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
              "WHERE n.nspname = 'public'"),
            Lines{});
}

TEST_F(PgCreateAll, FailureLeavesNothing) {
  RETORT_REQUIRE_PG();
  open();
  MetaData m = rich_model(true);
  Table bad = table("zzz_bad", {column("x", type(TypeKind::kInteger))});
  bad.check_constraints = {CheckConstraint{"ck_bad", "x >"}};
  m.tables.push_back(bad);
  EXPECT_THROW(create_all(*conn_, m), DatabaseError);
  EXPECT_EQ(q(kTables), Lines{});
  EXPECT_EQ(q(kEnums), Lines{});
  EXPECT_EQ(q("SELECT nspname FROM pg_namespace WHERE nspname = 'audit'"), Lines{});
}

}  // namespace
}  // namespace retort::testing
