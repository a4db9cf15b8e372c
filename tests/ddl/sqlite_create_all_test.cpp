// create_all and drop_all of the rich model against a real SQLite file, checked through
// sqlite_schema and the table_xinfo / index_list / foreign_key_list pragmas.
#include <gtest/gtest.h>

#include "db_test_util.hpp"
#include "ddl_test_util.hpp"
#include "retort/error.hpp"
#include "support/test_support.hpp"

namespace retort::testing {
namespace {

using Lines = std::vector<std::string>;

class SqliteCreateAll : public ::testing::Test {
 protected:
  SqliteCreateAll() : engine_(Url::parse("sqlite:///" + (dir_ / "ddl.db").string())) {}

  Lines schema_objects(const char* type) {
    return rows(conn_,
                "SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name",
                {Value(type)});
  }
  Lines columns(const std::string& table) {
    return rows(conn_,
                "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?) "
                "ORDER BY cid",
                {Value(table)});
  }
  std::string table_sql(const std::string& table) {
    return rows(conn_, "SELECT sql FROM sqlite_schema WHERE name = ?", {Value(table)}).at(0);
  }

  TempDir dir_;
  Engine engine_;
  Connection conn_ = engine_.connect();
};

TEST_F(SqliteCreateAll, RichModelRoundTrip) {
  const MetaData m = rich_model(false);
  create_all(conn_, m);

  EXPECT_EQ(schema_objects("table"),
            (Lines{"album", "artist", "kv", "node", "person", "select", "team", "track"}));
  EXPECT_EQ(schema_objects("index"),
            (Lines{"ix select", "ix_album_lower", "ix_album_title", "ux_album_uid"}));
  EXPECT_EQ(rows(conn_, "SELECT name FROM sqlite_schema WHERE name = 'sqlite_sequence'").size(),
            1u);

  EXPECT_EQ(columns("artist"),
            (Lines{"id|INTEGER|1|NULL|1|0", "name|VARCHAR(30)|1|NULL|0|0", "note|TEXT|0|NULL|0|0",
                   "Mixed Case|TEXT|0|NULL|0|0", "active|BOOLEAN|1|1|0|0"}));
  EXPECT_EQ(columns("album"), (Lines{"id|BIGINT|1|NULL|1|0",
                                     "artist_id|INTEGER|1|NULL|0|0",
                                     "title|TEXT|1|'untitled'|0|0",
                                     "price|NUMERIC(10,2)|0|9.99|0|0",
                                     "rating|REAL|0|NULL|0|0",
                                     "score|DOUBLE|0|NULL|0|0",
                                     "released|DATE|0|NULL|0|0",
                                     "length|TIME|0|NULL|0|0",
                                     "created|TIMESTAMP|0|CURRENT_TIMESTAMP|0|0",
                                     "updated|TIMESTAMPTZ|0|NULL|0|0",
                                     "uid|UUID|0|NULL|0|0",
                                     "meta|JSON|0|NULL|0|0",
                                     "meta_b|JSONB|0|NULL|0|0",
                                     "cover|BLOB|0|NULL|0|0",
                                     "mood|TEXT|1|'happy'|0|0",
                                     "code|CHAR(2)|0|NULL|0|0",
                                     "small|SMALLINT|0|-1|0|0",
                                     "slug|TEXT|0|NULL|0|3",
                                     "title_c|TEXT|0|NULL|0|0",
                                     "slug_v|TEXT|0|NULL|0|2"}));
  EXPECT_EQ(columns("track"),
            (Lines{"album_id|BIGINT|1|NULL|1|0", "no|INTEGER|1|NULL|2|0", "name|TEXT|0|NULL|0|0"}));
  EXPECT_EQ(columns("kv"), (Lines{"key|TEXT|1|NULL|1|0", "value|INTEGER|0|NULL|0|0"}));

  EXPECT_EQ(
      rows(conn_,
           "SELECT name, \"unique\", origin, partial FROM pragma_index_list('album') "
           "ORDER BY name"),
      (Lines{"ix_album_lower|0|c|0", "ix_album_title|0|c|1", "sqlite_autoindex_album_1|1|pk|0",
             "sqlite_autoindex_album_2|1|u|0", "ux_album_uid|1|c|0"}));
  EXPECT_EQ(rows(conn_,
                 "SELECT name, desc, coll FROM pragma_index_xinfo('ix_album_lower') "
                 "WHERE key = 1 ORDER BY seqno"),
            (Lines{"NULL|0|BINARY", "id|1|BINARY"}));
  EXPECT_EQ(
      rows(conn_,
           "SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM "
           "pragma_foreign_key_list('select') ORDER BY seq"),
      (Lines{"track|album_id|album_id|NO ACTION|SET NULL", "track|no|no|NO ACTION|SET NULL"}));
  EXPECT_EQ(
      rows(conn_, "SELECT \"table\", on_update, on_delete FROM pragma_foreign_key_list('track')"),
      (Lines{"album|CASCADE|RESTRICT"}));
  EXPECT_EQ(rows(conn_, "SELECT \"table\", \"from\" FROM pragma_foreign_key_list('team')"),
            (Lines{"person|captain_id"}));
  EXPECT_EQ(rows(conn_, "SELECT \"table\", \"from\" FROM pragma_foreign_key_list('node')"),
            (Lines{"node|parent_id"}));
  EXPECT_EQ(rows(conn_, "SELECT wr, strict FROM pragma_table_list('kv')"), (Lines{"1|1"}));
  EXPECT_EQ(rows(conn_, "SELECT wr, strict FROM pragma_table_list('album')"), (Lines{"0|0"}));

  const std::string album = table_sql("album");
  EXPECT_NE(album.find("\"title_c\" TEXT COLLATE \"NOCASE\""), std::string::npos) << album;
  EXPECT_NE(album.find("CONSTRAINT \"ck_album_price\" CHECK (price >= 0)"), std::string::npos);
  EXPECT_NE(table_sql("track").find("DEFERRABLE INITIALLY DEFERRED"), std::string::npos);
  EXPECT_NE(table_sql("artist").find("AUTOINCREMENT"), std::string::npos);

  // The constraints hold: enum CHECK, named CHECK, unique.
  conn_.execute("INSERT INTO artist (name) VALUES ('a')");
  EXPECT_THROW(conn_.execute("INSERT INTO artist (name) VALUES ('a')"), DatabaseError);
  EXPECT_THROW(
      conn_.execute("INSERT INTO album (id, artist_id, title, mood) VALUES (1, 1, 't', 'bad')"),
      DatabaseError);
  EXPECT_THROW(conn_.execute("INSERT INTO album (id, artist_id, title, mood, price) VALUES (1, 1, "
                             "'t', 'sad', -1)"),
               DatabaseError);
  conn_.execute("INSERT INTO album (id, artist_id, title, mood) VALUES (1, 1, 'Abc', 'it''s ok')");
  EXPECT_EQ(rows(conn_,
                 "SELECT slug, slug_v, active FROM album JOIN artist ON artist.id = "
                 "album.artist_id"),
            (Lines{"abc|ABC|1"}));
  // Cyclic references between rows, then drop everything.
  conn_.execute(
      "INSERT INTO person (id) VALUES (1); INSERT INTO team (id, captain_id) VALUES "
      "(1, 1); UPDATE person SET team_id = 1");

  drop_all(conn_, m);
  EXPECT_EQ(schema_objects("table"), Lines{});
  EXPECT_EQ(schema_objects("index"), Lines{});
}

TEST_F(SqliteCreateAll, FailureLeavesNothing) {
  MetaData m = rich_model(false);
  Table bad = table("zzz_bad", {column("x", type(TypeKind::kInteger))});
  bad.check_constraints = {CheckConstraint{"ck_bad", "x >"}};
  m.tables.push_back(bad);
  EXPECT_THROW(create_all(conn_, m), DatabaseError);
  EXPECT_EQ(schema_objects("table"), Lines{});
  EXPECT_EQ(schema_objects("index"), Lines{});
}

TEST_F(SqliteCreateAll, InsideAnOpenTransactionUsesASavepoint) {
  const MetaData m = rich_model(false);
  {
    Transaction outer(conn_);
    create_all(conn_, m);
    EXPECT_EQ(schema_objects("table").size(), 8u);
    // outer rolls back
  }
  EXPECT_EQ(schema_objects("table"), Lines{});
}

}  // namespace
}  // namespace retort::testing
