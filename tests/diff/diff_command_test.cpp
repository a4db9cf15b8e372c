// retort::diff(), the library function behind `retort diff`: sides as files or databases,
// the dialect rule, the three renderings, and the errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "diff_db_support.hpp"
#include "retort/command_diff.hpp"
#include "retort/error.hpp"

namespace retort::testing {
namespace {

const char* kBefore =
    "tables:\n  artist:\n    columns:\n      id: {type: integer, primary_key: true}\n"
    "      name: {type: varchar(30), nullable: false}\n";
const char* kAfter =
    "tables:\n  artist:\n    columns:\n      id: {type: integer, primary_key: true}\n"
    "      name: {type: varchar(30), nullable: false}\n      rating: {type: integer, default: "
    "0}\n    indexes:\n      - {name: ix_name, columns: [name]}\n";

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  EXPECT_EQ(start, text.size()) << "the text ends with a newline";
  return lines;
}

class DiffCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "before.yaml", kBefore);
    write_file(dir_ / "after.yaml", kAfter);
    options_.project.working_directory = dir_.path();
    options_.from = "before.yaml";
    options_.to = "after.yaml";
  }
  std::string sqlite_url(const std::string& name) { return "sqlite:///" + (dir_ / name).string(); }
  // A SQLite file holding the models document `text`.
  std::string sqlite_with(const std::string& name, const std::string& text) {
    Engine engine(Url::parse(sqlite_url(name)));
    Connection conn = engine.connect();
    load_side(conn, text);
    return sqlite_url(name);
  }
  TempDir dir_;
  DiffCommandOptions options_;
};

TEST_F(DiffCommand, TwoFilesNeedADialect) {
  EXPECT_THROW(diff(options_), UsageError);
  options_.dialect = "sqlite";
  const DiffCommandResult result = diff(options_);
  EXPECT_EQ(result.dialect, "sqlite");
  ASSERT_EQ(result.operations.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<ops::AddColumn>(result.operations[0]));
  EXPECT_TRUE(std::holds_alternative<ops::CreateIndex>(result.operations[1]));
  // SQL: comment lines and statements each ending ";\n".
  for (const std::string& line : split_lines(result.text)) {
    EXPECT_TRUE(line.rfind("-- ", 0) == 0 || line.back() == ';') << line;
  }
  options_.dialect = "oracle";
  EXPECT_THROW(diff(options_), UsageError);
}

TEST_F(DiffCommand, YamlReadsBackAndJsonIsAnArray) {
  options_.dialect = "postgresql";
  options_.format = DiffFormat::kYaml;
  const DiffCommandResult yaml = diff(options_);
  EXPECT_EQ(parse_operations(yaml.text), yaml.operations);
  options_.format = DiffFormat::kJson;
  const nlohmann::json json = nlohmann::json::parse(diff(options_).text);
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0]["operation"], "add_column");
  EXPECT_EQ(json[0]["reversible"], true);
  EXPECT_EQ(json[0]["definition"]["column"], "rating");
  EXPECT_EQ(json[1]["sql"].size(), 1u);
}

TEST_F(DiffCommand, DatabaseAgainstFileAndDatabase) {
  options_.from = sqlite_with("before.db", kBefore);
  EXPECT_EQ(diff(options_).operations.size(), 2u);
  options_.to = sqlite_with("after.db", kAfter);
  EXPECT_EQ(diff(options_).operations.size(), 2u);
  options_.to = options_.from;
  EXPECT_TRUE(diff(options_).operations.empty());
  EXPECT_EQ(diff(options_).text, "");
  options_.dialect = "postgresql";  // contradicts the databases
  EXPECT_THROW(diff(options_), UsageError);
}

TEST_F(DiffCommand, RenameHintsAndErrors) {
  write_file(dir_ / "renamed.yaml",
             "tables:\n  artist:\n    columns:\n      id: {type: integer, primary_key: true}\n"
             "      title: {type: varchar(30), nullable: false}\n");
  options_.to = "renamed.yaml";
  options_.dialect = "sqlite";
  options_.renames = {"artist.name=title"};
  const DiffCommandResult result = diff(options_);
  ASSERT_EQ(result.operations.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<ops::RenameColumn>(result.operations[0]));
  options_.renames = {"artist.name"};
  EXPECT_THROW(diff(options_), UsageError);
  options_.renames.clear();
  options_.from = sqlite_url("missing.db");  // not a file: a URL, and the database is absent
  EXPECT_THROW(diff(options_), DatabaseError);
  write_file(dir_ / "bad.yaml", "tables: [\n");
  options_.from = "bad.yaml";
  EXPECT_THROW(diff(options_), InputError);
}

TEST(DiffCommandPostgres, DatabaseAgainstFile) {
  RETORT_REQUIRE_PG();
  TempDir dir;
  write_file(dir / "after.yaml", kAfter);
  PgTestDatabase db(*pg_server_url());
  {
    Engine engine(db.url());
    Connection conn = engine.connect();
    load_side(conn, kBefore);
  }
  DiffCommandOptions options;
  options.project.working_directory = dir.path();
  options.from = db.url().to_string();
  options.to = "after.yaml";
  const DiffCommandResult result = diff(options);
  EXPECT_EQ(result.dialect, "postgresql");
  EXPECT_EQ(result.operations.size(), 2u);
  options.to = options.from;
  EXPECT_TRUE(diff(options).operations.empty());
}

}  // namespace
}  // namespace retort::testing
