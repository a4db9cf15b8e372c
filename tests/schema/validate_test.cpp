// validate(): every rule, with the exact message.
#include <functional>

#include <gtest/gtest.h>

#include "retort/error.hpp"
#include "retort/schema.hpp"

namespace retort {
namespace {

Column col(std::string name, std::string_view type = "integer") {
  Column c;
  c.name = std::move(name);
  c.type = Type::parse(type);
  return c;
}

Table table(std::string name, std::vector<Column> columns, std::string schema = {}) {
  Table t;
  t.name = std::move(name);
  t.schema = std::move(schema);
  t.columns = std::move(columns);
  return t;
}

// A valid base model: artist(id, name) and track(id, title, artist_id).
MetaData base() {
  MetaData md;
  md.enums.push_back({"", "mood", {"happy", "sad"}});
  md.tables.push_back(table("artist", {col("id"), col("name", "text")}));
  md.tables.push_back(table("track", {col("id"), col("title", "text"), col("artist_id")}));
  return md;
}

Relationship rel(std::string name, std::string target,
                 RelationshipKind kind = RelationshipKind::kOneToMany, std::string secondary = {}) {
  Relationship r;
  r.name = std::move(name);
  r.target = std::move(target);
  r.kind = kind;
  r.secondary = std::move(secondary);
  return r;
}

ForeignKey fk(std::string name, std::vector<std::string> columns, std::string ref_schema,
              std::string ref_table, std::vector<std::string> ref_columns) {
  ForeignKey f;
  f.name = std::move(name);
  f.columns = std::move(columns);
  f.ref_schema = std::move(ref_schema);
  f.ref_table = std::move(ref_table);
  f.ref_columns = std::move(ref_columns);
  return f;
}

Table& track(MetaData& md) { return md.tables[1]; }

std::string message_of(const MetaData& md) {
  try {
    validate(md);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(valid)";
}

struct Rule {
  const char* what;
  std::function<void(MetaData&)> break_it;
  const char* message;
};

const Rule kRules[] = {
    {"duplicate schema",
     [](MetaData& md) {
       md.schemas = {"a", "a"};
     },
     "duplicate schema \"a\""},
    {"empty schema", [](MetaData& md) { md.schemas = {""}; }, "schema with an empty name"},
    {"duplicate enum",
     [](MetaData& md) {
       md.enums.push_back({"", "mood", {"x"}});
     },
     "duplicate enum \"mood\""},
    {"duplicate enum in schema",
     [](MetaData& md) {
       md.enums.push_back({"s", "e", {"x"}});
       md.enums.push_back({"s", "e", {"y"}});
     },
     "duplicate enum \"s.e\""},
    {"enum without values", [](MetaData& md) { md.enums[0].values.clear(); },
     "enum \"mood\" has no values"},
    {"enum with a repeated value",
     [](MetaData& md) {
       md.enums[0].values = {"a", "b", "a"};
     },
     "enum \"mood\": duplicate value \"a\""},
    {"enum without name", [](MetaData& md) { md.enums[0].name.clear(); },
     "enum with an empty name"},
    {"duplicate table", [](MetaData& md) { md.tables.push_back(table("track", {col("id")})); },
     "duplicate table \"track\""},
    {"duplicate table in schema",
     [](MetaData& md) {
       md.tables.push_back(table("t", {col("id")}, "s"));
       md.tables.push_back(table("t", {col("id")}, "s"));
     },
     "duplicate table \"s.t\""},
    {"table without name", [](MetaData& md) { md.tables[0].name.clear(); },
     "table with an empty name"},
    {"duplicate column", [](MetaData& md) { track(md).columns.push_back(col("title")); },
     "table \"track\": duplicate column \"title\""},
    {"column without name", [](MetaData& md) { track(md).columns[0].name.clear(); },
     "table \"track\": column with an empty name"},
    {"undeclared enum", [](MetaData& md) { track(md).columns[1].type = Type::parse("enum(feel)"); },
     "table \"track\": column \"title\": type \"enum(feel)\" names undeclared enum \"feel\""},
    {"enum in the wrong schema",
     [](MetaData& md) { track(md).columns[1].type = Type::parse("enum(s.mood)"); },
     "table \"track\": column \"title\": type \"enum(s.mood)\" names undeclared enum \"s.mood\""},
    {"empty raw type",
     [](MetaData& md) {
       track(md).columns[1].type.kind = TypeKind::kRaw;
       track(md).columns[1].type.name.clear();
     },
     "table \"track\": column \"title\": empty type"},
    {"inconsistent type",
     [](MetaData& md) {
       track(md).columns[1].type = Type::parse("varchar");
       track(md).columns[1].type.precision = 3;
     },
     "table \"track\": column \"title\": inconsistent type \"varchar\" (it reads back as a "
     "different type; build types with Type::parse)"},
    {"autoincrement on text", [](MetaData& md) { track(md).columns[1].autoincrement = true; },
     "table \"track\": column \"title\": autoincrement needs an integer type, not \"text\""},
    {"identity on text", [](MetaData& md) { track(md).columns[1].identity = Identity::kAlways; },
     "table \"track\": column \"title\": identity needs an integer type, not \"text\""},
    {"autoincrement and identity",
     [](MetaData& md) {
       track(md).columns[0].autoincrement = true;
       track(md).columns[0].identity = Identity::kByDefault;
     },
     "table \"track\": column \"id\": both autoincrement and identity"},
    {"computed with default",
     [](MetaData& md) {
       track(md).columns[1].computed = Computed{"lower(x)", true};
       track(md).columns[1].server_default = DefaultValue::literal("x");
     },
     "table \"track\": column \"title\": a computed column cannot have a default"},
    {"computed identity",
     [](MetaData& md) {
       track(md).columns[0].computed = Computed{"1", true};
       track(md).columns[0].identity = Identity::kAlways;
     },
     "table \"track\": column \"id\": a computed column cannot be autoincrement or identity"},
    {"primary key without columns", [](MetaData& md) { track(md).primary_key = PrimaryKey{}; },
     "table \"track\": primary key has no columns"},
    {"primary key on a missing column",
     [](MetaData& md) {
       track(md).primary_key = PrimaryKey{"pk_track", {"id", "nope"}};
     },
     "table \"track\": primary key \"pk_track\" names missing column \"nope\""},
    {"primary key repeating a column",
     [](MetaData& md) {
       track(md).primary_key = PrimaryKey{"", {"id", "id"}};
     },
     "table \"track\": primary key lists column \"id\" twice"},
    {"unique without columns",
     [](MetaData& md) {
       track(md).unique_constraints.push_back({"uq", {}});
     },
     "table \"track\": unique constraint \"uq\" has no columns"},
    {"unique on a missing column",
     [](MetaData& md) {
       track(md).unique_constraints.push_back({"", {"title", "y"}});
     },
     "table \"track\": unique constraint (title, y) names missing column \"y\""},
    {"foreign key without columns",
     [](MetaData& md) { track(md).foreign_keys.push_back(fk("fk", {}, "", "artist", {})); },
     "table \"track\": foreign key \"fk\" has no columns"},
    {"foreign key on a missing column",
     [](MetaData& md) { track(md).foreign_keys.push_back(fk("", {"nope"}, "", "artist", {"id"})); },
     "table \"track\": foreign key (nope) names missing column \"nope\""},
    {"foreign key to a missing table",
     [](MetaData& md) {
       track(md).foreign_keys.push_back(fk("fk", {"artist_id"}, "", "band", {"id"}));
     },
     "table \"track\": foreign key \"fk\" references missing table \"band\""},
    {"foreign key to a table in another schema",
     [](MetaData& md) {
       track(md).foreign_keys.push_back(fk("fk", {"artist_id"}, "s", "artist", {"id"}));
     },
     "table \"track\": foreign key \"fk\" references missing table \"s.artist\""},
    {"foreign key to a missing column",
     [](MetaData& md) {
       track(md).foreign_keys.push_back(fk("fk", {"artist_id"}, "", "artist", {"key"}));
     },
     "table \"track\": foreign key \"fk\" references missing column \"key\" of table \"artist\""},
    {"foreign key column count mismatch",
     [](MetaData& md) {
       track(md).foreign_keys.push_back(fk("fk", {"artist_id", "id"}, "", "artist", {"id"}));
     },
     "table \"track\": foreign key \"fk\" has 2 columns but references 1"},
    {"foreign key to columns that are no key",
     [](MetaData& md) {
       track(md).foreign_keys.push_back(fk("fk", {"artist_id"}, "", "artist", {"name"}));
     },
     "table \"track\": foreign key \"fk\": the referenced columns (name) must be the primary key "
     "or a unique constraint of table \"artist\""},
    {"foreign key to part of a key",
     [](MetaData& md) {
       md.tables[0].primary_key = PrimaryKey{"", {"id", "name"}};
       track(md).foreign_keys.push_back(fk("", {"artist_id"}, "", "artist", {"id"}));
     },
     "table \"track\": foreign key (artist_id): the referenced columns (id) must be the primary "
     "key or a unique constraint of table \"artist\""},
    {"foreign key to a partial unique index",
     [](MetaData& md) {
       md.tables[0].indexes.push_back({"ix", {{"name", "", false}}, true, "name <> ''"});
       track(md).foreign_keys.push_back(fk("fk", {"title"}, "", "artist", {"name"}));
     },
     "table \"track\": foreign key \"fk\": the referenced columns (name) must be the primary key "
     "or a unique constraint of table \"artist\""},
    {"table without columns", [](MetaData& md) { md.tables.push_back(table("empty", {})); },
     "table \"empty\" has no columns"},
    {"duplicate constraint name",
     [](MetaData& md) {
       track(md).primary_key = PrimaryKey{"c", {"id"}};
       track(md).check_constraints.push_back({"c", "id > 0"});
     },
     "table \"track\": duplicate constraint name \"c\""},
    {"check without expression",
     [](MetaData& md) {
       track(md).check_constraints.push_back({"", ""});
     },
     "table \"track\": check constraint #1 has an empty expression"},
    {"index without name",
     [](MetaData& md) {
       track(md).indexes.push_back({"", {{"id", "", false}}, false, ""});
     },
     "table \"track\": index with an empty name"},
    {"index without elements",
     [](MetaData& md) {
       track(md).indexes.push_back({"ix", {}, false, ""});
     },
     "table \"track\": index \"ix\" has no columns or expressions"},
    {"index on a missing column",
     [](MetaData& md) {
       track(md).indexes.push_back({"ix_x", {{"y", "", false}}, false, ""});
     },
     "table \"track\": index \"ix_x\" names missing column \"y\""},
    {"index element with neither",
     [](MetaData& md) {
       track(md).indexes.push_back({"ix", {{"id", "", false}, {"", "", true}}, false, ""});
     },
     "table \"track\": index \"ix\": element 2 has neither a column nor an expression"},
    {"index element with both",
     [](MetaData& md) {
       track(md).indexes.push_back({"ix", {{"id", "id + 1", false}}, false, ""});
     },
     "table \"track\": index \"ix\": element 1 has both a column and an expression"},
    {"duplicate index on one table",
     [](MetaData& md) {
       track(md).indexes.push_back({"ix", {{"id", "", false}}, false, ""});
       track(md).indexes.push_back({"ix", {{"title", "", false}}, false, ""});
     },
     "table \"track\": duplicate index \"ix\""},
    {"duplicate index in one schema",
     [](MetaData& md) {
       md.tables[0].indexes.push_back({"ix", {{"id", "", false}}, false, ""});
       track(md).indexes.push_back({"ix", {{"id", "", false}}, false, ""});
     },
     "table \"track\": index \"ix\" is already defined on table \"artist\""},
    {"relationship without name",
     [](MetaData& md) { track(md).relationships.push_back(rel("", "artist")); },
     "table \"track\": relationship with an empty name"},
    {"duplicate relationship",
     [](MetaData& md) {
       track(md).relationships.push_back(rel("artist", "artist"));
       track(md).relationships.push_back(rel("artist", "artist"));
     },
     "table \"track\": duplicate relationship \"artist\""},
    {"relationship without target",
     [](MetaData& md) { track(md).relationships.push_back(rel("r", "")); },
     "table \"track\": relationship \"r\" has no target"},
    {"relationship to a missing table",
     [](MetaData& md) { track(md).relationships.push_back(rel("band", "band")); },
     "table \"track\": relationship \"band\" targets missing table \"band\""},
    {"relationship with a missing secondary",
     [](MetaData& md) {
       track(md).relationships.push_back(
           rel("tags", "artist", RelationshipKind::kManyToMany, "track_tag"));
     },
     "table \"track\": relationship \"tags\" names missing secondary table \"track_tag\""},
};

TEST(Validate, BaseModelIsValid) { EXPECT_EQ(message_of(base()), "(valid)"); }

TEST(Validate, EveryRuleWithItsMessage) {
  for (const Rule& rule : kRules) {
    SCOPED_TRACE(rule.what);
    MetaData md = base();
    rule.break_it(md);
    EXPECT_EQ(message_of(md), rule.message);
  }
}

TEST(Validate, ErrorsCarryNoLocationButTheirDetail) {
  MetaData md = base();
  track(md).indexes.push_back({"ix_x", {{"y", "", false}}, false, ""});
  try {
    validate(md);
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.detail(), "table \"track\": index \"ix_x\" names missing column \"y\"");
    EXPECT_EQ(e.location().to_string(), "");
  }
}

TEST(Validate, AllowedCases) {
  MetaData md = base();
  // Same table and index names in different schemas; same constraint name on two tables.
  md.schemas = {"s"};
  md.tables.push_back(table("track", {col("id")}, "s"));
  md.tables[0].indexes.push_back({"ix", {{"id", "", false}}, false, ""});
  md.tables[2].indexes.push_back({"ix", {{"id", "", false}}, false, ""});
  md.tables[0].check_constraints.push_back({"ck", "id > 0"});
  track(md).check_constraints.push_back({"ck", "id > 0"});
  // Unnamed constraints never clash; an index may repeat a column; a self reference.
  track(md).unique_constraints.push_back({"", {"id"}});
  track(md).unique_constraints.push_back({"", {"id"}});
  track(md).indexes.push_back({"ix_twice", {{"id", "", false}, {"id", "", true}}, false, ""});
  track(md).foreign_keys.push_back(fk("", {"artist_id"}, "", "track", {"id"}));
  // Foreign keys to a primary key (columns in any order), a unique index.
  md.tables[0].primary_key = PrimaryKey{"", {"id", "name"}};
  track(md).foreign_keys.push_back(fk("", {"artist_id", "title"}, "", "artist", {"name", "id"}));
  md.tables[0].indexes.push_back({"ix_name", {{"name", "", false}}, true, ""});
  track(md).foreign_keys.push_back(fk("", {"title"}, "", "artist", {"name"}));
  // Enums by bare name from any schema, or qualified; relationships to any schema's table.
  md.enums.push_back({"s", "feel", {"x"}});
  track(md).columns.push_back(col("m1", "enum(mood)"));
  track(md).columns.push_back(col("m2", "enum(feel)"));
  track(md).columns.push_back(col("m3", "enum(s.feel)"));
  track(md).relationships.push_back(rel("other", "track", RelationshipKind::kOneToMany, "artist"));
  // Identity and autoincrement on every integer kind.
  md.tables[0].columns.push_back(col("small", "smallint"));
  md.tables[0].columns.back().identity = Identity::kAlways;
  md.tables[0].columns.push_back(col("big", "bigint"));
  md.tables[0].columns.back().autoincrement = true;
  EXPECT_EQ(message_of(md), "(valid)");
}

}  // namespace
}  // namespace retort
