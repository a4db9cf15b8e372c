// Loading every form of the models-file grammar (docs/models.md).
#include <gtest/gtest.h>

#include "retort/error.hpp"
#include "retort/models_file.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {

// The example of docs/models.md and notes/common.md.
constexpr const char* kExample = R"yaml(schemas: [audit]
enums:
  mood: [happy, sad]
tables:
  artist:
    columns:
      id:   {type: integer, primary_key: true, autoincrement: true}
      name: {type: varchar(30), nullable: false, unique: true}
      note: text
  album:
    schema: audit
    columns:
      id: integer
      disc: integer
    primary_key: {name: pk_album, columns: [id, disc]}
  tag:
    columns:
      id: {type: integer, primary_key: true}
  track_tag:
    columns:
      track_id: integer
      tag_id: integer
  track:
    schema: audit
    comment: Songs
    columns:
      id:        {type: bigint, primary_key: true, identity: by_default}
      title:     {type: text, nullable: false, default: "untitled", comment: Title}
      created:   {type: timestamp, default_sql: CURRENT_TIMESTAMP}
      mood:      {type: enum(mood)}
      artist_id: {type: integer, nullable: false, references: artist.id, on_delete: cascade,
                  on_update: no_action, deferrable: initially_deferred, index: true}
      slug:      {type: text, computed: {sql: "lower(title)", stored: true}, collation: C}
      album_id:  integer
      disc:      integer
    foreign_keys:
      - {name: fk_track_album, columns: [album_id, disc], references: {table: album, columns: [id, disc], schema: audit},
         on_delete: set_null, on_update: cascade, deferrable: initially_immediate}
    unique:
      - {name: uq_track_title, columns: [artist_id, title]}
    checks:
      - {name: ck_track_title, sql: "length(title) > 0"}
    indexes:
      - {name: ix_track_title, columns: [title], unique: false, where: "title IS NOT NULL"}
      - {name: ix_track_lower, elements: [{expression: "lower(title)"}, {column: id, desc: true}]}
    relationships:
      artist: {target: artist, kind: many_to_one, back_populates: tracks, cascade: "all, delete-orphan"}
      tags:   {target: tag, kind: many_to_many, secondary: track_tag}
    options: {without_rowid: false, strict: false}
)yaml";

TEST(ModelsLoad, TheDocumentedExample) {
  const MetaData md = parse_models(kExample, "models.yaml");
  EXPECT_EQ(md.schemas, std::vector<std::string>{"audit"});
  ASSERT_EQ(md.enums.size(), 1u);
  EXPECT_EQ(md.enums[0], (EnumType{"", "mood", {"happy", "sad"}}));
  ASSERT_EQ(md.tables.size(), 5u);

  const Table& artist = md.tables[0];
  EXPECT_EQ(artist.name, "artist");
  ASSERT_EQ(artist.columns.size(), 3u);
  EXPECT_EQ(artist.columns[0].type.kind, TypeKind::kInteger);
  EXPECT_TRUE(artist.columns[0].autoincrement);
  EXPECT_FALSE(artist.columns[0].nullable);  // primary-key columns are NOT NULL
  EXPECT_EQ(artist.columns[1].type, Type::parse("varchar(30)"));
  EXPECT_FALSE(artist.columns[1].nullable);
  EXPECT_EQ(artist.columns[2].type.kind, TypeKind::kText);
  EXPECT_TRUE(artist.columns[2].nullable);
  EXPECT_EQ(artist.primary_key, (PrimaryKey{"", {"id"}}));
  EXPECT_EQ(artist.unique_constraints, (std::vector<UniqueConstraint>{{"", {"name"}}}));

  const Table& album = md.tables[1];
  EXPECT_EQ(album.schema, "audit");
  EXPECT_EQ(album.primary_key, (PrimaryKey{"pk_album", {"id", "disc"}}));
  EXPECT_FALSE(album.columns[0].nullable);
  EXPECT_FALSE(album.columns[1].nullable);

  const Table& track = md.tables[4];
  EXPECT_EQ(track.display_name(), "audit.track");
  EXPECT_EQ(track.comment, "Songs");
  const Column& id = *track.find_column("id");
  EXPECT_EQ(id.identity, Identity::kByDefault);
  const Column& title = *track.find_column("title");
  EXPECT_EQ(title.server_default, DefaultValue::literal("untitled"));
  EXPECT_EQ(title.comment, "Title");
  EXPECT_EQ(track.find_column("created")->server_default,
            DefaultValue::expression("CURRENT_TIMESTAMP"));
  EXPECT_EQ(track.find_column("mood")->type.kind, TypeKind::kEnum);
  EXPECT_EQ(track.find_column("mood")->type.name, "mood");
  const Column& slug = *track.find_column("slug");
  EXPECT_EQ(slug.computed, (Computed{"lower(title)", true}));
  EXPECT_EQ(slug.collation, "C");

  ForeignKey column_fk{"", {"artist_id"}, "", "artist", {"id"}};
  column_fk.on_delete = ReferentialAction::kCascade;
  column_fk.deferrable = Deferrable::kInitiallyDeferred;
  ForeignKey table_fk{"fk_track_album", {"album_id", "disc"}, "audit", "album", {"id", "disc"}};
  table_fk.on_delete = ReferentialAction::kSetNull;
  table_fk.on_update = ReferentialAction::kCascade;
  table_fk.deferrable = Deferrable::kInitiallyImmediate;
  EXPECT_EQ(track.foreign_keys, (std::vector<ForeignKey>{column_fk, table_fk}));
  EXPECT_EQ(track.unique_constraints,
            (std::vector<UniqueConstraint>{{"uq_track_title", {"artist_id", "title"}}}));
  EXPECT_EQ(track.check_constraints,
            (std::vector<CheckConstraint>{{"ck_track_title", "length(title) > 0"}}));
  ASSERT_EQ(track.indexes.size(), 3u);
  EXPECT_EQ(track.indexes[0], (Index{"ix_track_artist_id", {{"artist_id", "", false}}, false, ""}));
  EXPECT_EQ(track.indexes[1],
            (Index{"ix_track_title", {{"title", "", false}}, false, "title IS NOT NULL"}));
  EXPECT_EQ(track.indexes[2],
            (Index{"ix_track_lower", {{"", "lower(title)", false}, {"id", "", true}}, false, ""}));
  EXPECT_EQ(
      track.relationships,
      (std::vector<Relationship>{
          {"artist", "artist", RelationshipKind::kManyToOne, "", "tracks", "all, delete-orphan"},
          {"tags", "tag", RelationshipKind::kManyToMany, "track_tag", "", ""}}));
  EXPECT_FALSE(track.without_rowid);
  EXPECT_FALSE(track.strict);
}

TEST(ModelsLoad, EmptyDocumentsAreEmptyModels) {
  EXPECT_EQ(parse_models(""), MetaData{});
  EXPECT_EQ(parse_models("# nothing\n"), MetaData{});
  EXPECT_EQ(parse_models("tables: {}\n"), MetaData{});
  EXPECT_EQ(parse_models("tables:\n"), MetaData{});
}

TEST(ModelsLoad, EnumLongFormWithSchemaAndExplicitName) {
  const MetaData md = parse_models(R"yaml(schemas: [a, b]
enums:
  mood: {schema: a, values: [x]}
  other: {name: mood, schema: b, values: [y, z]}
tables:
  t:
    columns:
      m: enum(a.mood)
)yaml");
  EXPECT_EQ(md.enums, (std::vector<EnumType>{{"a", "mood", {"x"}}, {"b", "mood", {"y", "z"}}}));
  EXPECT_EQ(md.tables[0].columns[0].type.name, "a.mood");
}

TEST(ModelsLoad, TablesWithTheSameNameInTwoSchemasUseAnExplicitName) {
  const MetaData md = parse_models(R"yaml(tables:
  t: {columns: {id: integer}}
  t_in_a: {name: t, schema: a, columns: {id: integer}}
)yaml");
  ASSERT_EQ(md.tables.size(), 2u);
  EXPECT_EQ(md.tables[1].name, "t");
  EXPECT_EQ(md.tables[1].schema, "a");
  EXPECT_NE(md.find_table("t", "a"), nullptr);
  EXPECT_NE(md.find_table("t"), nullptr);
}

TEST(ModelsLoad, ColumnReferenceWithSchema) {
  const MetaData md = parse_models(R"yaml(tables:
  p: {schema: s, columns: {id: {type: integer, primary_key: true}}}
  c: {columns: {p_id: {type: integer, references: s.p.id, on_update: restrict, on_delete: set_default}}}
)yaml");
  ForeignKey fk{"", {"p_id"}, "s", "p", {"id"}};
  fk.on_delete = ReferentialAction::kSetDefault;
  fk.on_update = ReferentialAction::kRestrict;
  EXPECT_EQ(md.tables[1].foreign_keys, std::vector<ForeignKey>{fk});
}

TEST(ModelsLoad, ColumnFlagsComeBeforeTableLevelObjectsInColumnOrder) {
  const MetaData md = parse_models(R"yaml(tables:
  t:
    indexes:
      - {name: ix_first, columns: [b]}
    unique:
      - {name: uq_ab, columns: [a, b]}
    columns:
      a: {type: integer, unique: true, index: true}
      b: {type: integer, unique: true, index: true}
)yaml");
  const Table& t = md.tables[0];
  EXPECT_EQ(t.unique_constraints,
            (std::vector<UniqueConstraint>{{"", {"a"}}, {"", {"b"}}, {"uq_ab", {"a", "b"}}}));
  ASSERT_EQ(t.indexes.size(), 3u);
  EXPECT_EQ(t.indexes[0].name, "ix_t_a");
  EXPECT_EQ(t.indexes[1].name, "ix_t_b");
  EXPECT_EQ(t.indexes[2].name, "ix_first");
}

TEST(ModelsLoad, PrimaryKeyFormsAndNullability) {
  const MetaData md = parse_models(R"yaml(tables:
  flags:
    columns:
      b: {type: integer, primary_key: true}
      a: {type: integer, primary_key: true}
  list:
    columns: {a: integer, b: integer}
    primary_key: [b, a]
  explicit:
    columns:
      a: {type: text, nullable: true}
    primary_key: [a]
  flags_false:
    columns:
      a: {type: integer, primary_key: false, unique: false, index: false}
)yaml");
  EXPECT_EQ(md.tables[0].primary_key, (PrimaryKey{"", {"b", "a"}}));
  EXPECT_EQ(md.tables[1].primary_key, (PrimaryKey{"", {"b", "a"}}));
  EXPECT_FALSE(md.tables[1].columns[0].nullable);
  EXPECT_FALSE(md.tables[1].columns[1].nullable);
  // An explicit `nullable: true` is kept (SQLite allows NULL in a non-integer primary key).
  EXPECT_TRUE(md.tables[2].columns[0].nullable);
  EXPECT_FALSE(md.tables[3].primary_key.has_value());
  EXPECT_TRUE(md.tables[3].unique_constraints.empty());
  EXPECT_TRUE(md.tables[3].indexes.empty());
}

TEST(ModelsLoad, RelationshipKindIsInferred) {
  const MetaData md = parse_models(R"yaml(tables:
  artist: {columns: {id: {type: integer, primary_key: true}}}
  tag: {columns: {id: integer}}
  track_tag: {columns: {id: integer}}
  track:
    columns:
      artist_id: {type: integer, references: artist.id}
    relationships:
      artist: {target: artist}
      tags: {target: tag, secondary: track_tag}
      others: {target: tag}
)yaml");
  const Table& track = md.tables[3];
  EXPECT_EQ(track.relationships[0].kind, RelationshipKind::kManyToOne);
  EXPECT_EQ(track.relationships[1].kind, RelationshipKind::kManyToMany);
  EXPECT_EQ(track.relationships[2].kind, RelationshipKind::kOneToMany);
}

TEST(ModelsLoad, ScalarsAreTakenAsWritten) {
  const MetaData md = parse_models(R"yaml(tables:
  "null":
    comment: "yes"
    columns:
      "123": {type: integer, default: 0}
      "on": {type: boolean, default: false}
      "a: b": {type: text, default: ""}
      "é ü": {type: text, default: 'it''s', comment: "tab\there"}
)yaml");
  const Table& t = md.tables[0];
  EXPECT_EQ(t.name, "null");
  EXPECT_EQ(t.comment, "yes");
  EXPECT_EQ(t.columns[0].name, "123");
  EXPECT_EQ(t.columns[0].server_default, DefaultValue::literal("0"));
  EXPECT_EQ(t.columns[1].name, "on");
  EXPECT_EQ(t.columns[1].server_default, DefaultValue::literal("false"));
  EXPECT_EQ(t.columns[2].name, "a: b");
  EXPECT_EQ(t.columns[2].server_default, DefaultValue::literal(""));
  EXPECT_EQ(t.columns[3].name, "é ü");
  EXPECT_EQ(t.columns[3].server_default, DefaultValue::literal("it's"));
  EXPECT_EQ(t.columns[3].comment, "tab\there");
}

TEST(ModelsLoad, SqliteOptionsAndComputedVirtual) {
  const MetaData md = parse_models(R"yaml(tables:
  t:
    columns:
      id: {type: integer, primary_key: true}
      v: {type: integer, computed: {sql: id * 2, stored: false}}
    options: {without_rowid: true, strict: true}
)yaml");
  EXPECT_TRUE(md.tables[0].without_rowid);
  EXPECT_TRUE(md.tables[0].strict);
  EXPECT_EQ(md.tables[0].columns[1].computed, (Computed{"id * 2", false}));
}

TEST(ModelsLoad, AnchorsAndAliasesAreFollowed) {
  const MetaData md = parse_models(R"yaml(tables:
  a: &shape {columns: {id: {type: integer, nullable: false}, note: &t text}}
  b: *shape
  c: {columns: {x: *t}}
)yaml");
  ASSERT_EQ(md.tables.size(), 3u);
  EXPECT_EQ(md.tables[1].columns, md.tables[0].columns);
  EXPECT_EQ(md.tables[2].columns[0].type.kind, TypeKind::kText);
}

TEST(ModelsLoad, IdentityAlways) {
  const MetaData md =
      parse_models("tables: {t: {columns: {id: {type: bigint, identity: always}}}}");
  EXPECT_EQ(md.tables[0].columns[0].identity, Identity::kAlways);
}

TEST(ModelsLoad, LoadModelsReadsAFileAndNamesItInErrors) {
  testing::TempDir dir;
  testing::write_file(dir / "models.yaml", "tables:\n  t:\n    colums: {}\n");
  try {
    load_models(dir / "models.yaml");
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.location().file, (dir / "models.yaml").string());
    EXPECT_EQ(e.location().line, 3);
    EXPECT_EQ(e.location().column, 5);
  }
  testing::write_file(dir / "ok.yaml", "tables:\n  t:\n    columns: {id: integer}\n");
  EXPECT_EQ(load_models(dir / "ok.yaml").tables.size(), 1u);
}

TEST(ModelsLoad, MissingFileIsAnInputError) {
  testing::TempDir dir;
  try {
    load_models(dir / "absent.yaml");
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "absent.yaml").string() +
                                         ": cannot read models file: No such file or directory");
  }
}

}  // namespace
}  // namespace retort
