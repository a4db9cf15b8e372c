// compare() without a database: equal models give nothing, the order of the operations
// respects dependencies, drops carry their definitions, filters and rename hints.
#include <gtest/gtest.h>

#include "retort/diff.hpp"
#include "retort/error.hpp"
#include "retort/inspect.hpp"
#include "retort/models_file.hpp"

namespace retort {
namespace {

const Dialect& sqlite() { return dialect_for("sqlite"); }
const Dialect& postgres() { return dialect_for("postgresql"); }

std::vector<std::string> names(const std::vector<Operation>& ops) {
  std::vector<std::string> out;
  for (const Operation& op : ops) out.push_back(describe(op));
  return out;
}

const char* kShop = R"(
schemas: [audit]
enums:
  mood: [happy, sad]
tables:
  artist:
    columns:
      id: {type: integer, primary_key: true}
      name: {type: varchar(30), nullable: false, unique: true}
      mood: {type: enum(mood)}
  track:
    comment: Songs
    columns:
      id: {type: integer, primary_key: true}
      title: {type: text, nullable: false, default: untitled, comment: Title}
      artist_id: {type: integer, references: artist.id, on_delete: cascade, index: true}
    checks:
      - {name: ck_title, sql: "length(title) > 0"}
  ledger:
    schema: audit
    columns:
      id: {type: bigint, primary_key: true}
)";

TEST(Compare, EqualModelsGiveNothingOnBothDialects) {
  const MetaData shop = parse_models(kShop);
  CompareOptions options;
  options.from_is_model = true;
  EXPECT_TRUE(compare(shop, shop, postgres(), options).empty());
  EXPECT_TRUE(compare(shop, shop, sqlite(), options).empty());
  // A stored form compared with its model: nothing either.
  EXPECT_TRUE(compare(stored_form(shop, sqlite()), shop, sqlite()).empty());
  EXPECT_TRUE(compare(stored_form(shop, postgres()), shop, postgres()).empty());
}

TEST(Compare, FromEmptyCreatesInDependencyOrder) {
  const MetaData shop = parse_models(kShop);
  const std::vector<std::string> ops = names(compare({}, shop, postgres()));
  ASSERT_EQ(ops.size(), 5u) << ::testing::PrintToString(ops);
  EXPECT_EQ(ops[0], names({ops::CreateSchema{"audit"}})[0]);
  EXPECT_NE(ops[1].find("mood"), std::string::npos);
  // artist (the parent) before track; audit.ledger sorts first by schema.
  const auto pos = [&](const std::string& word) {
    for (std::size_t i = 0; i < ops.size(); ++i) {
      if (ops[i].find(word) != std::string::npos) return i;
    }
    return ops.size();
  };
  EXPECT_LT(pos("\"artist\""), pos("\"track\""));
}

TEST(Compare, ToEmptyDropsChildrenFirstWithDefinitions) {
  const MetaData shop = parse_models(kShop);
  CompareOptions options;
  options.from_is_model = true;
  const std::vector<Operation> ops = compare(shop, {}, postgres(), options);
  std::vector<std::string> dropped;
  for (const Operation& op : ops) {
    if (const auto* drop = std::get_if<ops::DropTable>(&op)) {
      EXPECT_TRUE(drop->complete);
      EXPECT_FALSE(drop->table.columns.empty());
      dropped.push_back(drop->table.name);
    }
  }
  // Children first: track before its parent artist.
  EXPECT_EQ(dropped, (std::vector<std::string>{"ledger", "track", "artist"}));
  EXPECT_TRUE(std::holds_alternative<ops::DropEnum>(ops[ops.size() - 2]));
  EXPECT_TRUE(std::holds_alternative<ops::DropSchema>(ops.back()));
  // The reverse recreates the whole schema.
  MetaData rebuilt;
  apply_operations(rebuilt, reverse(ops));
  EXPECT_TRUE(compare(rebuilt, shop, postgres(), options).empty());
}

TEST(Compare, CycleForeignKeysAreAddedLastAndDroppedFirst) {
  const MetaData cycle = parse_models(R"(
tables:
  a:
    columns:
      id: {type: integer, primary_key: true}
      b_id: {type: integer, references: b.id}
  b:
    columns:
      id: {type: integer, primary_key: true}
      a_id: {type: integer, references: a.id}
)");
  const std::vector<Operation> up = compare({}, cycle, postgres());
  ASSERT_EQ(up.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<ops::CreateTable>(up[0]));
  EXPECT_TRUE(std::holds_alternative<ops::CreateTable>(up[1]));
  EXPECT_TRUE(std::holds_alternative<ops::CreateForeignKey>(up[2]));
  CompareOptions options;
  options.from_is_model = true;
  const std::vector<Operation> down = compare(cycle, {}, postgres(), options);
  ASSERT_EQ(down.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<ops::DropConstraint>(down[0]));
}

TEST(Compare, ColumnChangesAreOneAlterWithBothSides) {
  MetaData before = parse_models("tables:\n  t:\n    columns:\n      c: text\n");
  MetaData after = parse_models(
      "tables:\n  t:\n    columns:\n      c: {type: varchar(9), nullable: false, default: x}\n");
  CompareOptions options;
  options.from_is_model = true;
  const std::vector<Operation> ops = compare(before, after, postgres(), options);
  ASSERT_EQ(ops.size(), 1u);
  const auto& alter = std::get<ops::AlterColumn>(ops[0]);
  ASSERT_TRUE(alter.type && alter.nullable && alter.server_default);
  EXPECT_EQ(alter.type->from, Type::parse("text"));
  EXPECT_EQ(alter.nullable->from, true);
  EXPECT_FALSE(alter.comment);
  EXPECT_TRUE(is_reversible(ops));
}

TEST(Compare, UnnamedConstraintsMatchByDefinition) {
  const char* base = "tables:\n  t:\n    columns:\n      a: integer\n      b: integer\n";
  MetaData before = parse_models(std::string(base) + "    unique:\n      - {columns: [a]}\n");
  MetaData after = parse_models(std::string(base) + "    unique:\n      - {columns: [a]}\n" +
                                "      - {name: uq_b, columns: [b]}\n");
  CompareOptions options;
  options.from_is_model = true;
  const std::vector<Operation> ops = compare(before, after, postgres(), options);
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(std::get<ops::CreateUniqueConstraint>(ops[0]).constraint.name, "uq_b");
  // A named constraint whose definition changed: dropped (with its definition) and created.
  MetaData changed = parse_models(std::string(base) + "    unique:\n      - {columns: [a]}\n" +
                                  "      - {name: uq_b, columns: [a, b]}\n");
  const std::vector<Operation> change = compare(after, changed, postgres(), options);
  ASSERT_EQ(change.size(), 2u);
  const auto& drop = std::get<ops::DropConstraint>(change[0]);
  EXPECT_EQ(drop.name, "uq_b");
  EXPECT_TRUE(drop.constraint.has_value());
}

TEST(Compare, FiltersAndVersionTable) {
  MetaData model = parse_models(
      "tables:\n  keep_me:\n    columns:\n      id: integer\n  skip_me:\n    columns:\n      id: "
      "integer\n  retort_version:\n    columns:\n      id: integer\n");
  CompareOptions options;
  EXPECT_EQ(compare({}, model, sqlite(), options).size(), 2u);  // never the version table
  options.include = {"keep*"};
  EXPECT_EQ(compare({}, model, sqlite(), options).size(), 1u);
  options.include.clear();
  options.exclude = {"*_me"};
  EXPECT_TRUE(compare({}, model, sqlite(), options).empty());
}

TEST(Compare, RenameHints) {
  MetaData before = parse_models("tables:\n  a:\n    columns:\n      x: integer\n");
  MetaData after = parse_models("tables:\n  b:\n    columns:\n      y: integer\n");
  CompareOptions options;
  options.from_is_model = true;
  options.table_renames = {parse_rename_hint("a=b", true)};
  options.column_renames = {parse_rename_hint("b.x=y", false)};
  const std::vector<Operation> ops = compare(before, after, sqlite(), options);
  ASSERT_EQ(ops.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<ops::RenameTable>(ops[0]));
  EXPECT_TRUE(std::holds_alternative<ops::RenameColumn>(ops[1]));
  options.column_renames = {parse_rename_hint("b.nope=y", false)};
  EXPECT_THROW(compare(before, after, sqlite(), options), UsageError);
  EXPECT_THROW(parse_rename_hint("a.b", false), UsageError);
  EXPECT_THROW(parse_rename_hint("x=y", false), UsageError);
  EXPECT_EQ(parse_rename_hint("s.t.old=new", false), (RenameHint{"s.t", "old", "new"}));
}

TEST(Compare, EnumValuesAddedAndRemovedInPlace) {
  MetaData before = parse_models("enums:\n  mood: [happy, sad]\n");
  MetaData after = parse_models("enums:\n  mood: [calm, happy, angry]\n");
  CompareOptions options;
  options.from_is_model = true;
  const std::vector<Operation> ops = compare(before, after, postgres(), options);
  ASSERT_EQ(ops.size(), 3u);
  const auto& calm = std::get<ops::AddEnumValue>(ops[0]);
  EXPECT_EQ(calm.before, "happy");
  EXPECT_EQ(std::get<ops::AddEnumValue>(ops[1]).after, "happy");
  EXPECT_EQ(std::get<ops::RemoveEnumValue>(ops[2]).value, "sad");
  MetaData applied = before;
  apply_operations(applied, ops);
  EXPECT_EQ(applied.enums, after.enums);
}

}  // namespace
}  // namespace retort
