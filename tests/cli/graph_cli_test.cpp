// End to end: branches and show on a linear and on a branched graph (no database is read).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "retort/revision.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
using testing::run_retort;
using testing::TempDir;

// a <- b <- (c1 [label cart], c2 depends on a); c1 <- d.
const char* const kBranched[5][2] = {
    {"a.yaml",
     "revision: aaaa1\ndown_revision: null\nmessage: root\ncreated: 2026-11-22T10:00:00Z\n"
     "upgrade:\n  - create_table: {name: t, columns: {id: {type: integer, primary_key: "
     "true}}}\n  - create_index: {table: t, name: ix_t_id, columns: [id]}\n"
     "downgrade:\n  - drop_index: {table: t, name: ix_t_id}\n  - drop_table: {name: t}\n"},
    {"b.yaml", "revision: bbbb2\ndown_revision: aaaa1\nmessage: fork here\n"},
    {"c1.yaml",
     "revision: cccc3\ndown_revision: bbbb2\nbranch_labels: [cart]\nmessage: cart branch\n"},
    {"c2.yaml",
     "revision: dddd4\ndown_revision: bbbb2\ndepends_on: [aaaa1]\nmessage: other branch\n"
     "transactional: false\n"},
    {"d.yaml", "revision: eeee5\ndown_revision: cccc3\nmessage: cart head\n"},
};

class GraphCli : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::write_file(dir_ / "retort.yaml", "database_url: sqlite:///unused.db\n");
  }
  void write(int count) {
    for (int i = 0; i < count; ++i) {
      testing::write_file(dir_ / "migrations/versions" / kBranched[i][0], kBranched[i][1]);
    }
  }
  testing::RunResult retort(const std::vector<std::string>& args) {
    return run_retort(args, dir_.path());
  }
  TempDir dir_;
};

TEST_F(GraphCli, BranchesOnALinearGraphPrintsNothing) {
  write(2);
  auto r = retort({"branches"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  r = retort({"--format", "json", "branches"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out), nlohmann::json::array());
}

TEST_F(GraphCli, BranchesListsBranchPointsAndChildren) {
  write(5);
  auto r = retort({"branches"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Children in the graph's topological order (dddd4 depends on the older aaaa1).
  EXPECT_EQ(r.out, "aaaa1 -> bbbb2 (branchpoint), fork here\n  -> dddd4\n  -> cccc3\n");
  r = retort({"--format", "json", "branches"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0]["id"], "bbbb2");
  EXPECT_EQ(json[0]["children"], nlohmann::json({"dddd4", "cccc3"}));
  EXPECT_EQ(json[0]["is_branch_point"], true);
}

TEST_F(GraphCli, ShowPrintsEveryField) {
  write(5);
  auto r = retort({"show", "aaaa"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string path = (dir_ / "migrations/versions/a.yaml").string();
  const std::string sum = sha256_hex(kBranched[0][1]);
  EXPECT_EQ(r.out,
            "Rev: aaaa1\nParent: <base>\nChildren: bbbb2\nBranch names: (none)\n"
            "Depends on: (none)\nCreated: 2026-11-22T10:00:00Z\nPath: " +
                path + "\nChecksum: " + sum +
                "\nTransactional: yes\n\n    root\n\nUpgrade:\n"
                "  - create table \"t\"\n  - create index \"ix_t_id\" on \"t\"\n"
                "Downgrade:\n  - drop index \"ix_t_id\" on \"t\"\n  - drop table \"t\"\n")
      << r.out;
  r = retort({"--format", "json", "show", "dddd4"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto json = nlohmann::json::parse(r.out);
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0]["id"], "dddd4");
  EXPECT_EQ(json[0]["down_revisions"], nlohmann::json({"bbbb2"}));
  EXPECT_EQ(json[0]["depends_on"], nlohmann::json({"aaaa1"}));
  EXPECT_EQ(json[0]["transactional"], false);
  EXPECT_EQ(json[0]["is_head"], true);
  EXPECT_EQ(json[0]["upgrade"], nlohmann::json::array());
  EXPECT_EQ(json[0]["checksum"], sha256_hex(kBranched[3][1]));
  // A label names its revision; the label propagates to the branch's head.
  r = retort({"--format", "json", "show", "cart@head"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json[0]["id"], "eeee5");
  EXPECT_EQ(json[0]["branch_labels"], nlohmann::json({"cart"}));
  r = retort({"--format", "json", "show", "heads"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 2u);
}

TEST_F(GraphCli, ShowOnALinearGraphAndErrors) {
  write(2);
  auto r = retort({"show", "head"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, 24), "Rev: bbbb2 (head)\nParent") << r.out;
  EXPECT_NE(r.out.find("Children: (none)\n"), std::string::npos) << r.out;
  r = retort({"show", "zzz"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("zzz"), std::string::npos) << r.err;
  EXPECT_EQ(retort({"show"}).exit_code, 2);
}

}  // namespace
}  // namespace retort
