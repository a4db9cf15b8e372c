// SchemaBuilder: builds the same model as the equivalent models file, and validates.
#include <gtest/gtest.h>

#include "retort/error.hpp"
#include "retort/models_file.hpp"
#include "retort/schema_builder.hpp"

namespace retort {
namespace {

TEST(SchemaBuilder, MatchesTheModelsFile) {
  const MetaData built =
      SchemaBuilder()
          .schema("audit")
          .enum_type("mood", {"happy", "sad"})
          .table("artist",
                 [](TableBuilder& t) {
                   t.column("id", "integer").primary_key().autoincrement();
                   t.column("name", "varchar(30)").not_null().unique();
                   t.column("note", "text");
                 })
          .table("track",
                 [](TableBuilder& t) {
                   t.schema("audit").comment("Songs");
                   t.column("id", "bigint").primary_key().identity(Identity::kByDefault);
                   t.column("title", "text").not_null().server_default("untitled").comment("Title");
                   t.column("created", "timestamp").server_default_sql("CURRENT_TIMESTAMP");
                   t.column("mood", "enum(mood)");
                   t.column("artist_id", "integer")
                       .not_null()
                       .references("artist.id", ReferentialAction::kCascade)
                       .index();
                   t.column("slug", "text").computed("lower(title)").collation("C");
                   t.unique({"artist_id", "title"}, "uq_track_title");
                   t.check("length(title) > 0", "ck_track_title");
                   t.index("ix_track_title", {"title"}, false, "title IS NOT NULL");
                   Relationship r;
                   r.name = "artist";
                   r.target = "artist";
                   r.back_populates = "tracks";
                   t.relationship(r);
                 })
          .build();
  const MetaData loaded = parse_models(R"yaml(schemas: [audit]
enums:
  mood: [happy, sad]
tables:
  artist:
    columns:
      id:   {type: integer, primary_key: true, autoincrement: true}
      name: {type: varchar(30), nullable: false, unique: true}
      note: text
  track:
    schema: audit
    comment: Songs
    columns:
      id:        {type: bigint, primary_key: true, identity: by_default}
      title:     {type: text, nullable: false, default: untitled, comment: Title}
      created:   {type: timestamp, default_sql: CURRENT_TIMESTAMP}
      mood:      enum(mood)
      artist_id: {type: integer, nullable: false, references: artist.id, on_delete: cascade, index: true}
      slug:      {type: text, computed: {sql: lower(title), stored: true}, collation: C}
    unique:
      - {name: uq_track_title, columns: [artist_id, title]}
    checks:
      - {name: ck_track_title, sql: length(title) > 0}
    indexes:
      - {name: ix_track_title, columns: [title], where: title IS NOT NULL}
    relationships:
      artist: {target: artist, back_populates: tracks}
)yaml");
  EXPECT_EQ(built, loaded);
}

TEST(SchemaBuilder, TableLevelPrimaryKeyMakesColumnsNotNull) {
  const MetaData md = SchemaBuilder()
                          .table("t",
                                 [](TableBuilder& t) {
                                   t.primary_key({"a", "b"}, "pk_t");
                                   t.column("a", "integer");
                                   t.column("b", "text");
                                   t.column("c", "text");
                                 })
                          .build();
  const Table& t = md.tables[0];
  EXPECT_EQ(t.primary_key, (PrimaryKey{"pk_t", {"a", "b"}}));
  EXPECT_FALSE(t.columns[0].nullable);
  EXPECT_FALSE(t.columns[1].nullable);
  EXPECT_TRUE(t.columns[2].nullable);
}

TEST(SchemaBuilder, ForeignKeysIndexesAndEnumsInSchemas) {
  const MetaData md =
      SchemaBuilder()
          .schema("s")
          .enum_type("e", {"x"}, "s")
          .table("p", [](TableBuilder& t) { t.schema("s").column("id", "integer").primary_key(); })
          .table("c",
                 [](TableBuilder& t) {
                   t.column("p_id", "integer")
                       .references("s.p.id", ReferentialAction::kSetNull,
                                   ReferentialAction::kCascade);
                   t.column("kind", "enum(s.e)");
                   ForeignKey fk;
                   fk.name = "fk_c_p";
                   fk.columns = {"p_id"};
                   fk.ref_schema = "s";
                   fk.ref_table = "p";
                   fk.ref_columns = {"id"};
                   fk.deferrable = Deferrable::kInitiallyDeferred;
                   t.foreign_key(fk);
                   Index ix;
                   ix.name = "ix_c_expr";
                   ix.elements = {{"", "lower(kind)", false}, {"p_id", "", true}};
                   ix.unique = true;
                   t.index(ix);
                 })
          .build();
  const Table& c = md.tables[1];
  ASSERT_EQ(c.foreign_keys.size(), 2u);
  EXPECT_EQ(c.foreign_keys[0].ref_schema, "s");
  EXPECT_EQ(c.foreign_keys[0].on_delete, ReferentialAction::kSetNull);
  EXPECT_EQ(c.foreign_keys[0].on_update, ReferentialAction::kCascade);
  EXPECT_EQ(c.foreign_keys[1].name, "fk_c_p");
  EXPECT_EQ(c.indexes[0].elements.size(), 2u);
  EXPECT_EQ(parse_models(dump_models(md)), md);
}

TEST(SchemaBuilder, BuildValidates) {
  SchemaBuilder builder;
  builder.table("t", [](TableBuilder& t) {
    t.column("id", "integer");
    t.index("ix_t", {"missing"});
  });
  try {
    builder.build();
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "table \"t\": index \"ix_t\" names missing column \"missing\"");
  }
}

TEST(SchemaBuilder, BadTypeAndBadReferenceNameTheColumn) {
  try {
    SchemaBuilder().table("t", [](TableBuilder& t) { t.column("a", "varchar(x)"); });
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "table \"t\": column \"a\": malformed type \"varchar(x)\": \"x\" is not a number");
  }
  try {
    SchemaBuilder().table("t",
                          [](TableBuilder& t) { t.column("a", "integer").references("nodot"); });
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "table \"t\": column \"a\": references must be \"table.column\" or "
              "\"schema.table.column\", not \"nodot\"");
  }
}

}  // namespace
}  // namespace retort
