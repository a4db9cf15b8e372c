// load -> save -> load: parse_models(dump_models(m)) == m for hand-written and for seeded
// random models covering every feature of the model, and dump is a fixed point.
#include <gtest/gtest.h>

#include "retort/error.hpp"
#include "retort/models_file.hpp"
#include "schema/model_generator.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {

constexpr std::uint32_t kSeeds = 300;

void expect_round_trip(const MetaData& md) {
  const std::string text = dump_models(md);
  MetaData back;
  try {
    back = parse_models(text, "dumped.yaml");
  } catch (const Error& e) {
    FAIL() << e.what() << "\n" << text;
  }
  EXPECT_EQ(back, md) << text;
  EXPECT_EQ(dump_models(back), text);
}

TEST(RoundTrip, GeneratedModelsAreValid) {
  for (std::uint32_t seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    EXPECT_NO_THROW(validate(testing::generate_model(seed)));
  }
}

TEST(RoundTrip, GeneratedModels) {
  for (std::uint32_t seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    expect_round_trip(testing::generate_model(seed));
    if (HasFailure()) return;  // one dump is enough to read
  }
}

TEST(RoundTrip, GeneratedModelsWithoutDialectSpecificFeatures) {
  testing::GeneratorOptions sqlite_like;
  sqlite_like.schemas = false;
  sqlite_like.comments = false;
  sqlite_like.enums = false;
  sqlite_like.identity = false;
  sqlite_like.hostile_names = false;
  testing::GeneratorOptions postgres_like;
  postgres_like.sqlite_table_options = false;
  postgres_like.autoincrement = false;
  postgres_like.unnamed_constraints = false;
  for (std::uint32_t seed = 1; seed <= 100; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const MetaData sqlite_model = testing::generate_model(seed, sqlite_like);
    EXPECT_TRUE(sqlite_model.schemas.empty());
    EXPECT_TRUE(sqlite_model.enums.empty());
    for (const Table& t : sqlite_model.tables) {
      EXPECT_TRUE(t.schema.empty());
      EXPECT_TRUE(t.comment.empty());
      for (const Column& c : t.columns) EXPECT_EQ(c.identity, Identity::kNone);
    }
    expect_round_trip(sqlite_model);
    const MetaData postgres_model = testing::generate_model(seed, postgres_like);
    for (const Table& t : postgres_model.tables) {
      EXPECT_FALSE(t.without_rowid || t.strict);
      for (const ForeignKey& fk : t.foreign_keys) EXPECT_FALSE(fk.name.empty());
    }
    expect_round_trip(postgres_model);
  }
}

TEST(RoundTrip, GeneratorIsDeterministic) {
  EXPECT_EQ(testing::generate_model(42), testing::generate_model(42));
  EXPECT_NE(testing::generate_model(42), testing::generate_model(43));
}

// The generated models must exercise every feature, or the round trip proves little.
TEST(RoundTrip, GeneratedModelsCoverEveryFeature) {
  std::map<std::string, int> seen;
  std::string all_dumps;
  for (std::uint32_t seed = 1; seed <= kSeeds; ++seed) {
    const MetaData md = testing::generate_model(seed);
    all_dumps += dump_models(md);
    seen["schemas"] += !md.schemas.empty();
    for (const EnumType& e : md.enums) seen[e.schema.empty() ? "enum" : "enum in schema"]++;
    for (const Table& t : md.tables) {
      seen["table in schema"] += !t.schema.empty();
      seen["table comment"] += !t.comment.empty();
      seen["without_rowid"] += t.without_rowid;
      seen["strict"] += t.strict;
      seen["named primary key"] += t.primary_key && !t.primary_key->name.empty();
      seen["composite primary key"] += t.primary_key && t.primary_key->columns.size() > 1;
      for (const Column& c : t.columns) {
        seen["type " + c.type.to_string().substr(0, 4)]++;
        seen["enum column"] += c.type.kind == TypeKind::kEnum;
        seen["raw type"] += c.type.kind == TypeKind::kRaw;
        seen["literal default"] +=
            c.server_default && c.server_default->kind == DefaultValue::Kind::kLiteral;
        seen["sql default"] +=
            c.server_default && c.server_default->kind == DefaultValue::Kind::kExpression;
        seen["autoincrement"] += c.autoincrement;
        seen["identity always"] += c.identity == Identity::kAlways;
        seen["identity by default"] += c.identity == Identity::kByDefault;
        seen["stored"] += c.computed && c.computed->stored;
        seen["virtual"] += c.computed && !c.computed->stored;
        seen["collation"] += !c.collation.empty();
        seen["column comment"] += !c.comment.empty();
        seen["not null"] += !c.nullable;
      }
      for (const ForeignKey& fk : t.foreign_keys) {
        seen["composite foreign key"] += fk.columns.size() > 1;
        seen["foreign key to schema"] += !fk.ref_schema.empty();
        seen["on_delete"] += fk.on_delete != ReferentialAction::kNoAction;
        seen["on_update"] += fk.on_update != ReferentialAction::kNoAction;
        seen["deferrable"] += fk.deferrable != Deferrable::kNotDeferrable;
      }
      seen["named unique"] +=
          std::count_if(t.unique_constraints.begin(), t.unique_constraints.end(),
                        [](const auto& u) { return !u.name.empty(); });
      seen["check"] += !t.check_constraints.empty();
      for (const Index& ix : t.indexes) {
        seen["unique index"] += ix.unique;
        seen["partial index"] += !ix.where.empty();
        for (const IndexElement& e : ix.elements) {
          seen["expression element"] += !e.expression.empty();
          seen["descending element"] += e.descending;
        }
      }
      for (const Relationship& r : t.relationships)
        seen[std::string("relationship ") + to_string(r.kind)]++;
    }
  }
  for (const char* feature : {"schemas",
                              "enum",
                              "enum in schema",
                              "table in schema",
                              "table comment",
                              "without_rowid",
                              "strict",
                              "named primary key",
                              "composite primary key",
                              "enum column",
                              "raw type",
                              "literal default",
                              "sql default",
                              "autoincrement",
                              "identity always",
                              "identity by default",
                              "stored",
                              "virtual",
                              "collation",
                              "column comment",
                              "not null",
                              "composite foreign key",
                              "foreign key to schema",
                              "on_delete",
                              "on_update",
                              "deferrable",
                              "named unique",
                              "check",
                              "unique index",
                              "partial index",
                              "expression element",
                              "descending element",
                              "relationship many_to_one",
                              "relationship one_to_many",
                              "relationship many_to_many"}) {
    EXPECT_GT(seen[feature], 0) << feature;
  }
  for (const char* form :
       {"primary_key: true", "unique: true", "references: ", "index: true", "primary_key: [",
        "primary_key: {name: ", "foreign_keys:", "unique:\n", "elements: [", "nullable: true",
        "name: ", "kind: ", "\\n", "\\u2028", "\"null\"", "\"yes\"", "\"123\"", "raw("}) {
    EXPECT_NE(all_dumps.find(form), std::string::npos) << form;
  }
}

TEST(RoundTrip, SaveAndLoadThroughAFile) {
  testing::TempDir dir;
  const MetaData md = testing::generate_model(7);
  save_models(md, dir / "models.yaml");
  EXPECT_EQ(load_models(dir / "models.yaml"), md);
  save_models(testing::generate_model(8), dir / "models.yaml");  // replaces the file
  EXPECT_EQ(load_models(dir / "models.yaml"), testing::generate_model(8));
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path()))
    ++files;
  EXPECT_EQ(files, 1);  // no temporary file left behind
}

TEST(RoundTrip, SaveIntoAMissingDirectoryFails) {
  testing::TempDir dir;
  EXPECT_THROW(save_models(MetaData{}, dir / "no" / "models.yaml"), InputError);
}

}  // namespace
}  // namespace retort
