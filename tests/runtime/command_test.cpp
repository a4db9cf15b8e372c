// The runtime commands as library functions, on a project directory with a SQLite database:
// what an application calls to migrate itself at start-up.
#include "retort/command_runtime.hpp"

#include "retort/error.hpp"
#include "runtime/runtime_fixture.hpp"

namespace retort::testing {
namespace {

class RuntimeCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "retort.yaml", "database_url: sqlite:///" + (dir_ / "app.db").string() +
                                         "\nversion_table: my_versions\n");
    for (const auto& file : kRevisionFiles) {
      write_file(dir_ / "migrations" / "versions" / file[0], file[1]);
    }
  }
  ProjectOptions project() const {
    ProjectOptions options;
    options.working_directory = dir_.path();
    return options;
  }
  TempDir dir_;
};

TEST_F(RuntimeCommandTest, UpgradeCurrentHistoryDowngrade) {
  // The documented start-up example: migrate to head.
  MigrateCommandOptions options;
  options.project = project();
  const MigrateCommandResult up = upgrade_command(options);
  ASSERT_EQ(up.run.applied.size(), 4u);
  ASSERT_EQ(up.revisions.size(), 4u);
  EXPECT_EQ(up.revisions[1].message, "add rating");
  EXPECT_EQ(up.run.heads_after, std::vector<std::string>{"rev0004"});

  CurrentCommandOptions current;
  current.project = project();
  const CurrentCommandResult now = current_command(current);
  ASSERT_EQ(now.heads.size(), 1u);
  EXPECT_EQ(now.heads[0].id, "rev0004");
  EXPECT_TRUE(now.heads[0].is_current);

  HistoryCommandOptions history;
  history.project = project();
  history.indicate_current = true;
  const GraphCommandResult entries = history_command(history);
  ASSERT_EQ(entries.entries.size(), 4u);
  EXPECT_EQ(entries.entries[0].id, "rev0004");
  EXPECT_TRUE(entries.entries[0].is_current);

  HeadsCommandOptions heads;
  heads.project = project();
  ASSERT_EQ(heads_command(heads).entries.size(), 1u);

  // The config's version table is used.
  Engine engine(Url::parse("sqlite:///" + (dir_ / "app.db").string()));
  Connection conn = engine.connect();
  EXPECT_EQ(conn.query("SELECT version_num FROM my_versions").cell(0, 0).text(), "rev0004");
  EXPECT_EQ(conn.query("SELECT COUNT(*) FROM my_versions_log").cell(0, 0).integer(), 4);

  options.target = "";
  EXPECT_THROW(downgrade_command(options), UsageError);
  options.target = "base";
  EXPECT_EQ(downgrade_command(options).run.applied.size(), 4u);
  EXPECT_TRUE(current_command(current).heads.empty());
}

TEST_F(RuntimeCommandTest, StampAndUnknownTarget) {
  StampCommandOptions stamp;
  stamp.project = project();
  EXPECT_THROW(stamp_command(stamp), UsageError);
  MigrateCommandOptions options;
  options.project = project();
  options.target = "rev0003";
  upgrade_command(options);
  stamp.targets = {"base"};
  EXPECT_TRUE(stamp_command(stamp).run.heads_after.empty());
  stamp.targets = {"rev0003"};
  EXPECT_EQ(stamp_command(stamp).run.heads_after, std::vector<std::string>{"rev0003"});
  options.target = "nosuch";
  EXPECT_THROW(upgrade_command(options), UnknownRevisionError);
  options.target = "head";
  // Only rev0004 runs after the stamp.
  EXPECT_EQ(upgrade_command(options).run.applied.size(), 1u);
}

}  // namespace
}  // namespace retort::testing
