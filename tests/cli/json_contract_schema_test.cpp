// The --format json contract (json_contract.hpp) of the commands about schemas and rows:
// diff, inspect, lint, verify and seed.
#include "json_contract.hpp"

namespace retort::json_contract {
namespace {

class JsonContractSchema : public JsonContract {};

TEST_P(JsonContractSchema, Diff) {
  upgrade("a1");
  const json out = run_json({"diff", "--from", db_->url(), "--to", "models/schema.yaml"});
  expect_items(out,
               {{"operation", J::kString},
                {"description", J::kString},
                {"reversible", J::kBool},
                {"sql", J::kStrings},
                {"definition", J::kObject}},
               "diff");
  EXPECT_EQ(ids(out, "operation"),
            (std::vector<std::string>{"create_table", "create_table", "create_table"}));
  for (const json& op : out) EXPECT_FALSE(op["sql"].empty()) << op;
  EXPECT_EQ(run_json({"diff", "--from", "models/schema.yaml", "--to", "models/schema.yaml",
                      "--dialect", db_->is_postgres() ? "postgresql" : "sqlite"}),
            json::array());
}

TEST_P(JsonContractSchema, Inspect) {
  upgrade("a1");
  const json out = run_json({"inspect"});
  expect_shape(out, {{"schemas", J::kStrings}, {"enums", J::kArray}, {"tables", J::kArray}},
               "inspect");
  expect_items(out["enums"],
               {{"schema", J::kStringOrNull}, {"name", J::kString}, {"values", J::kStrings}},
               "enum");
  const Shape table = {{"schema", J::kStringOrNull},
                       {"name", J::kString},
                       {"comment", J::kStringOrNull},
                       {"columns", J::kArray},
                       {"primary_key", J::kObjectOrNull},
                       {"foreign_keys", J::kArray},
                       {"unique", J::kArray},
                       {"checks", J::kArray},
                       {"indexes", J::kArray},
                       {"relationships", J::kArray},
                       {"options", J::kObject}};
  expect_items(out["tables"], table, "table");
  ASSERT_EQ(ids(out["tables"], "name"), (std::vector<std::string>{"album", "artist"}));
  const json& album = out["tables"][0];
  expect_items(album["columns"],
               {{"name", J::kString},
                {"type", J::kString},
                {"nullable", J::kBool},
                {"default", J::kObjectOrNull},
                {"autoincrement", J::kBool},
                {"identity", J::kStringOrNull},
                {"computed", J::kObjectOrNull},
                {"collation", J::kStringOrNull},
                {"comment", J::kStringOrNull}},
               "column");
  EXPECT_EQ(album["columns"][2]["default"],
            json::parse(R"({"kind": "literal", "value": "untitled"})"));
  expect_shape(album["primary_key"], {{"name", J::kStringOrNull}, {"columns", J::kStrings}}, "pk");
  ASSERT_EQ(album["foreign_keys"].size(), 1u);
  expect_items(album["foreign_keys"],
               {{"name", J::kStringOrNull},
                {"columns", J::kStrings},
                {"references", J::kObject},
                {"on_delete", J::kString},
                {"on_update", J::kString},
                {"deferrable", J::kStringOrNull}},
               "foreign key");
  expect_shape(album["foreign_keys"][0]["references"],
               {{"schema", J::kStringOrNull}, {"table", J::kString}, {"columns", J::kStrings}},
               "references");
  ASSERT_EQ(album["unique"].size(), 1u);
  expect_items(album["unique"], {{"name", J::kStringOrNull}, {"columns", J::kStrings}}, "unique");
  ASSERT_EQ(album["checks"].size(), 1u);
  expect_items(album["checks"], {{"name", J::kStringOrNull}, {"sql", J::kString}}, "check");
  ASSERT_EQ(album["indexes"].size(), 1u);
  expect_items(album["indexes"],
               {{"name", J::kString},
                {"unique", J::kBool},
                {"elements", J::kArray},
                {"where", J::kStringOrNull}},
               "index");
  expect_items(album["indexes"][0]["elements"],
               {{"column", J::kStringOrNull}, {"expression", J::kStringOrNull}, {"desc", J::kBool}},
               "index element");
  expect_shape(album["options"], {{"without_rowid", J::kBool}, {"strict", J::kBool}}, "options");
}

TEST_P(JsonContractSchema, Lint) {
  const json out = run_json({"lint"});
  expect_shape(out,
               {{"dialect", J::kString},
                {"revisions_checked", J::kInt},
                {"errors", J::kInt},
                {"warnings", J::kInt},
                {"infos", J::kInt},
                {"ignored", J::kInt},
                {"findings", J::kArray}},
               "lint");
  expect_items(out["findings"],
               {{"rule", J::kString},
                {"name", J::kString},
                {"severity", J::kString},
                {"revision", J::kString},
                {"file", J::kStringOrNull},
                {"line", J::kInt},
                {"message", J::kString},
                {"fix", J::kString},
                {"ignored", J::kBool},
                {"ignore_reason", J::kStringOrNull}},
               "lint finding");
  EXPECT_EQ(out["dialect"], GetParam());
  EXPECT_EQ(out["revisions_checked"], 3);
  EXPECT_EQ(out["errors"].get<int>() + out["warnings"].get<int>() + out["infos"].get<int>() +
                out["ignored"].get<int>(),
            static_cast<int>(out["findings"].size()));
  EXPECT_EQ(out["ignored"], 1);
  int rt010 = 0;
  for (const json& f : out["findings"]) {
    if (f["rule"] != "RT010") continue;
    ++rt010;
    EXPECT_EQ(f["name"], "non-transactional");
    EXPECT_EQ(f["severity"], "warning");
    EXPECT_EQ(f["ignored"], f["revision"] == "c1") << f;
    EXPECT_EQ(f["ignore_reason"], f["revision"] == "c1" ? json("one statement") : json()) << f;
    EXPECT_TRUE(f["file"].get<std::string>().ends_with(f["revision"].get<std::string>() + ".yaml"));
  }
  EXPECT_EQ(rt010, 2) << out;
}

TEST_P(JsonContractSchema, Verify) {
  // The revisions round-trip; head lacks the models' "label": a failure at the models stage.
  const json out = run_json({"verify"}, 1);
  expect_shape(out,
               {{"ok", J::kBool},
                {"dialect", J::kString},
                {"verified", J::kStrings},
                {"skipped", J::kStrings},
                {"models_checked", J::kBool},
                {"models", J::kString},
                {"failure", J::kObjectOrNull}},
               "verify");
  EXPECT_EQ(out["ok"], false);
  EXPECT_EQ(out["dialect"], GetParam());
  // c1 branches from a1 beside b1: b1 is taken off first, so c1 is downgraded alone too.
  EXPECT_EQ(out["verified"], json::array({"a1", "b1", "c1"}));
  EXPECT_EQ(out["skipped"], json::array());
  EXPECT_EQ(out["models_checked"], true);
  expect_shape(out["failure"],
               {{"revision", J::kStringOrNull},
                {"file", J::kStringOrNull},
                {"stage", J::kString},
                {"message", J::kString},
                {"differences", J::kStrings}},
               "verify failure");
  EXPECT_EQ(out["failure"]["stage"], "models");
  EXPECT_EQ(out["failure"]["revision"], nullptr);
  EXPECT_EQ(out["failure"]["file"], out["models"]);
  EXPECT_TRUE(out["models"].get<std::string>().ends_with("models/schema.yaml"));
  EXPECT_EQ(out["failure"]["differences"], json::array({"create table \"label\""}));
}

TEST_P(JsonContractSchema, Seed) {
  upgrade("heads");
  // Two names for a unique column: artist gets 2 of 3 rows and a "warning"; the others none.
  write_file(dir_ / "seeds/seed.yaml",
             "tables:\n  artist:\n    columns:\n      name: {choice: [Nina, Otis]}\n");
  const json out = run_json({"seed", "--rows", "3", "--random-seed", "18446744073709551557"});
  expect_shape(out,
               {{"url", J::kString},
                {"tables", J::kArray},
                {"rows", J::kInt},
                {"seconds", J::kNumber},
                {"random_seed", J::kInt}},
               "seed");
  expect_redacted_url(out["url"]);
  expect_items(out["tables"],
               {{"table", J::kString},
                {"rows", J::kInt},
                {"requested", J::kInt},
                {"warning", J::kStringIfPresent}},
               "seed table");
  EXPECT_EQ(out["random_seed"].get<std::uint64_t>(), 18446744073709551557ULL);  // exact
  std::uint64_t total = 0;
  for (const json& t : out["tables"]) {
    total += t["rows"].get<std::uint64_t>();
    EXPECT_EQ(t.contains("warning"), t["table"] == "artist") << t;
    EXPECT_EQ(t["rows"], t["table"] == "artist" ? 2 : 3) << t;
    EXPECT_EQ(t["requested"], 3) << t;
  }
  EXPECT_EQ(out["tables"].size(), 4u);
  EXPECT_EQ(out["rows"], total);
}

INSTANTIATE_TEST_SUITE_P(Dialects, JsonContractSchema, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::json_contract
