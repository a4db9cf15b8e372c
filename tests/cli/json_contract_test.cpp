// The --format json contract (json_contract.hpp) of the revision-graph commands: current,
// heads, history, branches, show, and check; and stdout empty on an error exit.
#include "json_contract.hpp"

namespace retort::json_contract {
namespace {

class JsonContractGraph : public JsonContract {};

TEST_P(JsonContractGraph, Current) {
  json out = run_json({"current"});  // no version table yet
  expect_shape(out, {{"url", J::kString}, {"heads", J::kArray}}, "current");
  EXPECT_EQ(out["heads"], json::array());
  upgrade("a1");
  out = run_json({"current"});
  expect_shape(out, {{"url", J::kString}, {"heads", J::kArray}}, "current");
  expect_redacted_url(out["url"]);
  expect_items(out["heads"], kEntry, "current heads");
  ASSERT_EQ(ids(out["heads"]), std::vector<std::string>{"a1"});
  EXPECT_EQ(out["heads"][0]["is_current"], true);
  EXPECT_EQ(out["heads"][0]["is_branch_point"], true);
  EXPECT_EQ(out["heads"][0]["created"], "2026-11-22T10:00:00Z");
}

TEST_P(JsonContractGraph, Heads) {
  const json out = run_json({"heads"});
  expect_items(out, kEntry, "heads");
  EXPECT_EQ(ids(out), (std::vector<std::string>{"b1", "c1"}));
  for (const json& entry : out) {
    EXPECT_EQ(entry["is_head"], true);
    EXPECT_EQ(entry["down_revisions"], json::array({"a1"}));
  }
}

TEST_P(JsonContractGraph, History) {
  upgrade("a1");
  const json out = run_json({"history", "-i"});
  expect_items(out, kEntry, "history");
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[2]["id"], "a1");  // newest first
  EXPECT_EQ(out[2]["is_base"], true);
  EXPECT_EQ(out[2]["is_current"], true);
  EXPECT_EQ(out[2]["down_revisions"], json::array());
  EXPECT_EQ(out[2]["message"], "artist and album");
}

TEST_P(JsonContractGraph, Branches) {
  const json out = run_json({"branches"});
  expect_items(out, plus(kEntry, {{"children", J::kStrings}}), "branches");
  ASSERT_EQ(ids(out), std::vector<std::string>{"a1"});
  EXPECT_EQ(out[0]["children"], json::array({"b1", "c1"}));
}

TEST_P(JsonContractGraph, Show) {
  const json out = run_json({"show", "a1"});
  expect_items(out,
               plus(kEntry, {{"children", J::kStrings},
                             {"dependents", J::kStrings},
                             {"checksum", J::kString},
                             {"transactional", J::kBool},
                             {"upgrade", J::kStrings},
                             {"downgrade", J::kStrings}}),
               "show");
  ASSERT_EQ(ids(out), std::vector<std::string>{"a1"});
  EXPECT_EQ(out[0]["checksum"].get<std::string>().size(), 64u);  // SHA-256, hex
  EXPECT_EQ(out[0]["transactional"], true);
  EXPECT_EQ(out[0]["upgrade"], json::array({"create table \"artist\"", "create table \"album\""}));
}

TEST_P(JsonContractGraph, Check) {
  upgrade("a1");
  const json out = run_json({"check"}, 1);
  expect_shape(out,
               {{"ok", J::kBool},
                {"url", J::kString},
                {"current", J::kStrings},
                {"heads", J::kStrings},
                {"pending", J::kArray},
                {"differences", J::kArray}},
               "check");
  expect_redacted_url(out["url"]);
  expect_items(out["pending"], {{"id", J::kString}, {"message", J::kString}}, "check pending");
  expect_items(out["differences"], {{"operation", J::kString}, {"description", J::kString}},
               "check differences");
  EXPECT_EQ(out["ok"], false);
  EXPECT_EQ(out["current"], json::array({"a1"}));
  EXPECT_EQ(out["heads"], json::array({"b1", "c1"}));
  EXPECT_EQ(ids(out["pending"]), (std::vector<std::string>{"b1", "c1"}));
  EXPECT_EQ(
      out["differences"],
      json::parse(R"([{"operation": "create_table", "description": "create table \"label\""}])"));
}

TEST_P(JsonContractGraph, ErrorsPrintNoJson) {
  // Exit 2 (an unknown revision): the error on stderr, nothing on stdout.
  const auto r = testing::run_retort({"--format", "json", "show", "zzz"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("retort: "), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Dialects, JsonContractGraph, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::json_contract
