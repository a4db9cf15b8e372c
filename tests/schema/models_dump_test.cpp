// dump_models: the canonical text, and invertible normalisations on hand-written models.
#include <gtest/gtest.h>

#include "retort/error.hpp"
#include "retort/models_file.hpp"
#include "schema/model_generator.hpp"

namespace retort {
namespace {

Column col(std::string name, std::string_view type = "integer", bool nullable = true) {
  Column c;
  c.name = std::move(name);
  c.type = Type::parse(type);
  c.nullable = nullable;
  return c;
}

Table table(std::string name, std::vector<Column> columns, std::string schema = {}) {
  Table t;
  t.name = std::move(name);
  t.schema = std::move(schema);
  t.columns = std::move(columns);
  return t;
}

Index index(std::string name, std::string column, bool unique = false) {
  return Index{std::move(name), {{std::move(column), "", false}}, unique, ""};
}

// Checks parse(dump(md)) == md and returns the dump.
std::string round_trip(const MetaData& md) {
  validate(md);
  const std::string text = dump_models(md);
  EXPECT_EQ(parse_models(text), md) << text;
  return text;
}

TEST(ModelsDump, CanonicalText) {
  MetaData md;
  md.schemas = {"audit"};
  md.enums = {{"", "mood", {"happy", "sad"}}, {"audit", "level", {"low", "high"}}};
  Table artist = table("artist", {col("id", "integer", false), col("name", "varchar(30)", false),
                                  col("note", "text")});
  artist.columns[0].autoincrement = true;
  artist.primary_key = PrimaryKey{"", {"id"}};
  artist.unique_constraints = {{"", {"name"}}};
  Table track = table("track",
                      {col("id", "bigint", false), col("title", "text", false),
                       col("artist_id", "integer", false), col("mood", "enum(mood)")},
                      "audit");
  track.comment = "Songs";
  track.columns[0].identity = Identity::kAlways;
  track.columns[1].server_default = DefaultValue::literal("untitled");
  track.primary_key = PrimaryKey{"pk_track", {"id"}};
  ForeignKey fk;
  fk.columns = {"artist_id"};
  fk.ref_table = "artist";
  fk.ref_columns = {"id"};
  fk.on_delete = ReferentialAction::kCascade;
  track.foreign_keys = {fk};
  track.indexes = {
      index("ix_track_artist_id", "artist_id"),
      Index{
          "ix_track_lower", {{"", "lower(title)", false}, {"id", "", true}}, true, "title <> ''"}};
  track.check_constraints = {{"ck_title", "length(title) > 0"}};
  Relationship rel;
  rel.name = "artist";
  rel.target = "artist";
  rel.back_populates = "tracks";
  track.relationships = {rel};
  md.tables = {artist, track};
  EXPECT_EQ(round_trip(md), R"yaml(schemas: [audit]
enums:
  mood: [happy, sad]
  level: {schema: audit, values: [low, high]}
tables:
  artist:
    columns:
      id: {type: integer, primary_key: true, autoincrement: true}
      name: {type: varchar(30), nullable: false, unique: true}
      note: text
  track:
    schema: audit
    comment: Songs
    columns:
      id: {type: bigint, identity: always}
      title: {type: text, nullable: false, default: untitled}
      artist_id: {type: integer, nullable: false, references: artist.id, on_delete: cascade, index: true}
      mood: enum(mood)
    primary_key: {name: pk_track, columns: [id]}
    checks:
      - {name: ck_title, sql: "length(title) > 0"}
    indexes:
      - {name: ix_track_lower, elements: [{expression: lower(title)}, {column: id, desc: true}], unique: true, where: "title <> ''"}
    relationships:
      artist: {target: artist, back_populates: tracks}
)yaml");
}

TEST(ModelsDump, EmptyModel) { EXPECT_EQ(round_trip(MetaData{}), "tables: {}\n"); }

TEST(ModelsDump, NamedOrOutOfOrderObjectsStayAtTableLevel) {
  MetaData md;
  Table t = table("t", {col("a"), col("b")});
  // Unique: unnamed on b, then unnamed on a (out of column order), then a named one.
  t.unique_constraints = {{"", {"b"}}, {"", {"a"}}, {"uq_a", {"a"}}, {"", {"a"}}};
  // Indexes: `index: true` shape on b, one named like it but unique, one with the wrong name.
  t.indexes = {index("ix_t_b", "b"), index("ix_t_a", "a", true), index("ix_t_x", "a")};
  md.tables = {t};
  const std::string text = round_trip(md);
  EXPECT_NE(text.find("b: {type: integer, unique: true, index: true}"), std::string::npos) << text;
  EXPECT_NE(
      text.find(
          "      - {columns: [a]}\n      - {name: uq_a, columns: [a]}\n      - {columns: [a]}"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("{name: ix_t_a, columns: [a], unique: true}"), std::string::npos) << text;
}

TEST(ModelsDump, PrimaryKeyForms) {
  MetaData md;
  Table ordered = table("ordered", {col("a", "integer", false), col("b", "integer", false)});
  ordered.primary_key = PrimaryKey{"", {"a", "b"}};
  Table reversed = table("reversed", {col("a", "integer", false), col("b", "integer", false)});
  reversed.primary_key = PrimaryKey{"", {"b", "a"}};
  Table nullable = table("nullable", {col("a", "text", true)});
  nullable.primary_key = PrimaryKey{"", {"a"}};
  md.tables = {ordered, reversed, nullable};
  const std::string text = round_trip(md);
  EXPECT_NE(
      text.find(
          "a: {type: integer, primary_key: true}\n      b: {type: integer, primary_key: true}"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("primary_key: [b, a]"), std::string::npos) << text;
  EXPECT_NE(text.find("a: {type: text, nullable: true, primary_key: true}"), std::string::npos)
      << text;
}

TEST(ModelsDump, ReferencesThatCannotBeDotted) {
  MetaData md;
  md.tables = {table("a.b", {col("c.d")}), table("t", {col("x"), col("y")})};
  ForeignKey dotted;
  dotted.columns = {"x"};
  dotted.ref_table = "a.b";
  dotted.ref_columns = {"c.d"};
  md.tables[0].unique_constraints = {{"", {"c.d"}}};
  md.tables[1].foreign_keys = {dotted};
  const std::string text = round_trip(md);
  EXPECT_NE(text.find("references: {table: a.b, columns: [c.d]}"), std::string::npos) << text;
}

TEST(ModelsDump, SameNamesInSeveralSchemas) {
  MetaData md;
  md.schemas = {"s", "u"};
  md.enums = {{"", "e", {"x"}}, {"s", "e", {"y"}}, {"u", "e", {"z"}}, {"", "e@s", {"w"}}};
  md.tables = {table("t", {col("a")}), table("t", {col("a")}, "s"), table("t@s", {col("a")}),
               table("t", {col("a")}, "u"), table("u.t", {col("a")})};
  const std::string text = round_trip(md);
  EXPECT_NE(text.find("  e: [x]\n  s.e: {name: e, schema: s, values: [\"y\"]}\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  s.t:\n    name: t\n    schema: s\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  \"t@s\":\n    columns:"), std::string::npos) << text;
  EXPECT_NE(text.find("  u.t:\n    name: t\n    schema: u\n"), std::string::npos) << text;
}

TEST(ModelsDump, RelationshipKindOnlyWhenNotInferred) {
  MetaData md;
  md.tables = {table("a", {col("id")}), table("b", {col("a_id")})};
  md.tables[0].unique_constraints = {{"", {"id"}}};
  ForeignKey fk;
  fk.columns = {"a_id"};
  fk.ref_table = "a";
  fk.ref_columns = {"id"};
  md.tables[1].foreign_keys = {fk};
  Relationship inferred{"a", "a", RelationshipKind::kManyToOne, "", "", ""};
  Relationship explicit_kind{"a2", "a", RelationshipKind::kOneToMany, "", "", ""};
  Relationship m2m_without_secondary{"a3", "a", RelationshipKind::kManyToMany, "", "", ""};
  Relationship secondary_but_one{"a4", "a", RelationshipKind::kManyToOne, "b", "", ""};
  md.tables[1].relationships = {inferred, explicit_kind, m2m_without_secondary, secondary_but_one};
  const std::string text = round_trip(md);
  EXPECT_NE(text.find("      a: {target: a}\n"), std::string::npos) << text;
  EXPECT_NE(text.find("      a2: {target: a, kind: one_to_many}\n"), std::string::npos) << text;
}

TEST(ModelsDump, EmptyStrings) {
  MetaData md;
  md.tables = {table("t", {col("a", "text")})};
  md.tables[0].columns[0].server_default = DefaultValue::literal("");
  md.tables[0].check_constraints = {{"", "a <> ''"}};
  const std::string text = round_trip(md);
  EXPECT_NE(text.find("default: \"\""), std::string::npos) << text;
}

// YAML allows no implicit key over 1024 characters; such names are written as explicit keys
// ("? KEY" then ":"), in block and flow mappings (a fuzz_models_yaml finding).
TEST(ModelsDump, NamesTooLongForAnImplicitKey) {
  const std::string long_name(1500, 'n');
  const std::string long_quoted = "a \"quoted\" name " + std::string(1200, 'q');
  MetaData md;
  md.enums = {EnumType{"", long_name, {"x", "y"}}};
  md.tables = {table(long_name, {col(long_name), col(long_quoted, "text"), col("id")}),
               table(long_quoted, {col("id")})};
  Relationship relationship;
  relationship.name = long_quoted;
  relationship.target = long_quoted;
  md.tables[0].relationships = {relationship};
  const std::string text = round_trip(md);
  EXPECT_NE(text.find("  ? " + long_name + "\n  :\n    columns:\n      ? " + long_name +
                      "\n      : integer\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(dump_models(parse_models(text)), text);
}

TEST(ModelsDump, HostileStringsEverywhere) {
  std::vector<std::string> hostile = testing::generator_detail::kHostile;
  for (const char* more : {" ",
                           "\"",
                           "'",
                           "\\",
                           ":",
                           "-",
                           "?",
                           "a\"b'c",
                           "\x01\x02",
                           "multi\n\nline\n",
                           "  both  ",
                           "#",
                           "!",
                           "%",
                           "@",
                           "`",
                           "{",
                           "}",
                           "[",
                           "]",
                           ",",
                           "&",
                           "*",
                           "|",
                           ">",
                           "0",
                           "-1",
                           ".5",
                           ".inf",
                           ".NaN",
                           "0o17",
                           "1_000",
                           "2001-12-14",
                           "<<",
                           "=",
                           "~",
                           "NULL",
                           "True",
                           "Off",
                           "\xE2\x80\xA9",
                           "\xEF\xBF\xBF",
                           "\xC2\x9F",
                           "\t",
                           "\r\n"}) {
    hostile.push_back(more);
  }
  for (const std::string& s : hostile) {
    SCOPED_TRACE(s);
    MetaData md;
    md.schemas = {s};
    md.enums = {{s, s + "e", {s}}};
    Table t = table(s, {col(s, "text"), col(s + "2", "integer")}, s);
    t.comment = s;
    t.columns[0].comment = s;
    t.columns[0].collation = s;
    t.columns[0].server_default = DefaultValue::literal(s);
    t.columns[1].server_default = DefaultValue::expression(s);
    t.primary_key = PrimaryKey{s, {s}};
    t.check_constraints = {{s + "c", s}};
    t.indexes = {Index{s, {{"", s, true}}, false, s}, index("ix_" + s + "_" + s, s)};
    t.relationships = {Relationship{s, s, RelationshipKind::kOneToMany, s, s, s}};
    md.tables = {t};
    round_trip(md);
  }
}

}  // namespace
}  // namespace retort
