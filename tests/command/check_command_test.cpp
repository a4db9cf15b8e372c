// revision --autogenerate and check as library functions, on a SQLite file and a PostgreSQL
// database: the models file against the database, pending revisions, checksums, renames.
#include "retort/command_check.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "retort/command_revision.hpp"
#include "retort/command_runtime.hpp"
#include "retort/error.hpp"
#include "support/project_database.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
namespace fs = std::filesystem;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

const char* const kModels =
    "tables:\n"
    "  artist:\n"
    "    columns:\n"
    "      id: {type: integer, primary_key: true}\n"
    "      name: {type: varchar(30), nullable: false}\n"
    "  track:\n"
    "    columns:\n"
    "      id: {type: integer, primary_key: true}\n"
    "      titel: {type: text}\n"
    "      artist_id: {type: integer, references: artist.id}\n";

std::string renamed_models() {
  std::string models = kModels;
  models.replace(models.find("titel"), 5, "title");
  return models;
}

// The operations part of a revision file: everything from "upgrade:" on.
std::string operations_text(const fs::path& path) {
  const std::string text = read_file(path);
  return text.substr(text.find("\nupgrade:"));
}

class AutogenerateTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    write_project();
    if (IsSkipped()) return;  // RETORT_REQUIRE_PG skipped inside write_project
    upgrade();                // creates the SQLite file and the version table
  }
  // The project's files; the database stays untouched (no SQLite file).
  void write_project() {
    if (GetParam() == "postgresql") RETORT_REQUIRE_PG();
    db_ = std::make_unique<testing::ProjectDatabase>(GetParam(), dir_.path());
    url_ = db_->url();
    write_file(dir_ / "retort.yaml", "database_url: " + url_ + "\n");
    write_file(dir_ / "models/schema.yaml", kModels);
    fs::create_directories(dir_ / "migrations/versions");
  }
  ProjectOptions project() const {
    ProjectOptions options;
    options.working_directory = dir_.path();
    return options;
  }
  RevisionCommandOptions autogenerate(const std::string& id) {
    RevisionCommandOptions options;
    options.project = project();
    options.message = "auto " + id;
    options.autogenerate = true;
    options.rev_id = id;
    options.environment.now = [] { return std::chrono::system_clock::time_point{}; };
    return options;
  }
  void upgrade() {
    MigrateCommandOptions options;
    options.project = project();
    upgrade_command(options);
  }
  CheckCommandResult check() {
    CheckCommandOptions options;
    options.project = project();
    return check_command(options);
  }
  TempDir dir_;
  std::unique_ptr<testing::ProjectDatabase> db_;
  std::string url_;
};

TEST_P(AutogenerateTest, WriteApplyCheck) {
  CheckCommandResult checked = check();
  EXPECT_FALSE(checked.ok());
  EXPECT_TRUE(checked.pending.empty());
  ASSERT_EQ(checked.differences.size(), 2u);
  EXPECT_EQ(op_name(checked.differences[0]), "create_table");

  const RevisionCommandResult r = revision_command(autogenerate("a1"));
  ASSERT_TRUE(r.written);
  ASSERT_EQ(r.upgrade.size(), 2u);
  EXPECT_EQ(r.downgrade, reverse(r.upgrade));
  const Revision loaded = load_revision(r.path);
  EXPECT_EQ(parse_operations_at(loaded.source, "upgrade", "f"), r.upgrade);
  EXPECT_EQ(parse_operations_at(loaded.source, "downgrade", "f"), r.downgrade);

  checked = check();  // the new revision is pending; once applied nothing differs
  ASSERT_EQ(checked.pending.size(), 1u);
  EXPECT_EQ(checked.pending[0].id, "a1");
  EXPECT_TRUE(checked.differences.empty());
  EXPECT_EQ(checked.heads, std::vector<std::string>{"a1"});

  upgrade();
  checked = check();
  EXPECT_TRUE(checked.ok()) << checked.differences.size();
  EXPECT_EQ(checked.current, std::vector<std::string>{"a1"});

  // No difference: nothing written unless --allow-empty.
  const RevisionCommandResult none = revision_command(autogenerate("a2"));
  EXPECT_FALSE(none.written);
  EXPECT_FALSE(fs::exists(dir_ / "migrations/versions/a2_auto_a2.yaml"));
  RevisionCommandOptions empty = autogenerate("a2");
  empty.allow_empty = true;
  EXPECT_TRUE(revision_command(empty).written);
  EXPECT_FALSE(check().ok());  // a2 is pending
  try {
    revision_command(autogenerate("a3"));
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("database is not at head"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("run retort upgrade"), std::string::npos);
  }
}

TEST_P(AutogenerateTest, SameInputsGiveTheSameOperations) {
  const RevisionCommandResult first = revision_command(autogenerate("b1"));
  const std::string first_text = operations_text(first.path);
  fs::remove(first.path);  // the database is at head (base) again
  const RevisionCommandResult second = revision_command(autogenerate("b2"));
  EXPECT_EQ(first_text, operations_text(second.path));
  EXPECT_EQ(first.upgrade, second.upgrade);
  EXPECT_NE(first_text.find("create_table"), std::string::npos);
}

TEST_P(AutogenerateTest, LikelyRenameIsMarkedWithoutATerminal) {
  revision_command(autogenerate("c1"));
  upgrade();
  write_file(dir_ / "models/schema.yaml", renamed_models());
  const RevisionCommandResult r = revision_command(autogenerate("c2"));
  ASSERT_EQ(r.likely_renames.size(), 1u);
  EXPECT_EQ(r.likely_renames[0].description(), "track.titel to track.title");
  EXPECT_EQ(r.likely_renames[0].hint(), "--rename track.titel=title");
  const std::string text = read_file(r.path);
  const std::string comment =
      "  # retort: likely rename of track.titel -> track.title; use --rename track.titel=title\n";
  EXPECT_NE(text.find(comment + "  - drop_column:"), std::string::npos) << text;
  EXPECT_NE(text.find(comment + "  - add_column:"), std::string::npos) << text;
  EXPECT_EQ(load_revision(r.path).id, "c2");  // comments do not disturb the reader
  fs::remove(r.path);

  // A confirmed candidate gives what the hint gives.
  RevisionCommandOptions asked = autogenerate("c3");
  std::vector<std::string> questions;
  asked.confirm_rename = [&](const RenameCandidate& c) {
    questions.push_back(c.description());
    return true;
  };
  const RevisionCommandResult confirmed = revision_command(asked);
  EXPECT_EQ(questions, std::vector<std::string>{"track.titel to track.title"});
  ASSERT_EQ(confirmed.upgrade.size(), 1u);
  EXPECT_EQ(op_name(confirmed.upgrade[0]), "rename_column");
  EXPECT_TRUE(confirmed.likely_renames.empty());
  fs::remove(confirmed.path);
  RevisionCommandOptions hinted = autogenerate("c4");
  hinted.renames = {"track.titel=title"};
  EXPECT_EQ(revision_command(hinted).upgrade, confirmed.upgrade);
  upgrade();
  EXPECT_TRUE(check().ok());
}

// A column dropped and added under the same name (a collation the database cannot alter in
// place) is no rename: no "did you rename track.titel to track.titel?".
TEST_P(AutogenerateTest, TheSameNameDroppedAndAddedIsNoRenameCandidate) {
  revision_command(autogenerate("f1"));
  upgrade();
  std::string models = kModels;
  models.replace(models.find("titel: {type: text}"), 19, "titel: {type: text, collation: C}");
  write_file(dir_ / "models/schema.yaml", models);
  RevisionCommandOptions options = autogenerate("f2");
  std::vector<std::string> asked;
  options.confirm_rename = [&](const RenameCandidate& c) {
    asked.push_back(c.description());
    return false;
  };
  const RevisionCommandResult r = revision_command(options);
  EXPECT_TRUE(asked.empty()) << asked.front();
  EXPECT_TRUE(r.likely_renames.empty());
  std::vector<std::string> names;
  for (const Operation& op : r.upgrade) names.push_back(std::string(op_name(op)));
  EXPECT_EQ(names, (std::vector<std::string>{"drop_column", "add_column"}));
}

TEST_P(AutogenerateTest, TableRenameCandidateAndFilters) {
  revision_command(autogenerate("d1"));
  upgrade();
  std::string models = kModels;
  models.replace(models.find("  artist:"), 9, "  singer:");
  models.replace(models.find("artist.id"), 9, "singer.id");
  write_file(dir_ / "models/schema.yaml", models);
  RevisionCommandOptions options = autogenerate("d2");
  std::vector<RenameCandidate> asked;
  options.confirm_rename = [&](const RenameCandidate& c) {
    asked.push_back(c);
    return false;
  };
  const RevisionCommandResult r = revision_command(options);
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_TRUE(asked[0].is_table);
  EXPECT_EQ(asked[0].hint(), "--rename-table artist=singer");
  EXPECT_TRUE(r.likely_renames.empty());  // answered: no comment
  fs::remove(r.path);

  // The config's exclude and the command line's include both apply.
  write_file(dir_ / "retort.yaml", "database_url: " + url_ + "\nexclude: [singer, artist]\n");
  CheckCommandOptions check_options;
  check_options.project = project();
  const CheckCommandResult filtered = check_command(check_options);
  EXPECT_FALSE(filtered.differences.empty());  // track's foreign key changed
  for (const Operation& op : filtered.differences) {
    EXPECT_NE(op_name(op), "create_table") << describe(op);
    EXPECT_NE(op_name(op), "drop_table") << describe(op);
  }
  check_options.include = {"nothing*"};
  EXPECT_TRUE(check_command(check_options).ok());
}

TEST_P(AutogenerateTest, CheckRefusesAChangedAppliedRevision) {
  const RevisionCommandResult r = revision_command(autogenerate("e1"));
  upgrade();
  ASSERT_TRUE(check().ok());
  write_file(r.path, read_file(r.path) + "# edited\n");
  try {
    check();
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("e1_auto_e1.yaml"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("changed after it was applied"), std::string::npos);
  }
}

// A database never upgraded (a SQLite file not created yet) is an empty database at base:
// autogenerate writes the first revision and check reports it pending, and neither creates it.
class FreshProjectTest : public AutogenerateTest {
 protected:
  void SetUp() override { write_project(); }
};

TEST_P(FreshProjectTest, UntouchedDatabaseCountsAsEmptyAtBase) {
  CheckCommandResult checked = check();
  EXPECT_FALSE(checked.ok());
  EXPECT_TRUE(checked.current.empty());
  EXPECT_TRUE(checked.pending.empty());
  ASSERT_EQ(checked.differences.size(), 2u);
  EXPECT_EQ(op_name(checked.differences[0]), "create_table");
  EXPECT_EQ(checked.redacted_url, Url::parse(url_).redacted());

  const RevisionCommandResult r = revision_command(autogenerate("f1"));
  ASSERT_TRUE(r.written);
  EXPECT_EQ(r.upgrade.size(), 2u);
  checked = check();
  ASSERT_EQ(checked.pending.size(), 1u);
  EXPECT_EQ(checked.pending[0].id, "f1");
  EXPECT_TRUE(checked.differences.empty());
  EXPECT_TRUE(db_->untouched());
  EXPECT_FALSE(fs::exists(dir_ / "app.db"));  // read-only: the SQLite file is not created

  upgrade();
  checked = check();
  EXPECT_TRUE(checked.ok()) << checked.differences.size();
  EXPECT_EQ(checked.current, std::vector<std::string>{"f1"});
}

INSTANTIATE_TEST_SUITE_P(Dialects, FreshProjectTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

INSTANTIATE_TEST_SUITE_P(Dialects, AutogenerateTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort
