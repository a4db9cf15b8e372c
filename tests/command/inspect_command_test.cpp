// The inspect command's library function on SQLite files: URL resolution, read-only opening,
// filtering, the version table, the three renderings and the atomic -o file.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "retort/command.hpp"
#include "retort/ddl.hpp"
#include "retort/engine.hpp"
#include "retort/error.hpp"
#include "retort/inspect.hpp"
#include "retort/models_file.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
namespace fs = std::filesystem;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

constexpr const char* kModel = R"yaml(
tables:
  artist:
    columns:
      id:   {type: integer, primary_key: true, autoincrement: true}
      name: {type: varchar(30), nullable: false, unique: true, collation: NOCASE}
      born: date
  album:
    columns:
      id: {type: integer, primary_key: true}
      artist_id: {type: integer, nullable: false, references: artist.id, on_delete: cascade, index: true}
      title: {type: text, nullable: false, default: untitled}
      created: {type: timestamp, default_sql: CURRENT_TIMESTAMP}
      slug: {type: text, computed: {sql: "lower(title)", stored: true}}
    checks:
      - {name: ck_album_title, sql: "length(title) > 0"}
    indexes:
      - {name: ix_album_lower, elements: [{expression: "lower(title)"}, {column: id, desc: true}], where: "id > 0"}
  album_note:
    columns:
      note: text
  retort_version:
    columns:
      version_num: {type: varchar(32), primary_key: true}
)yaml";

// A SQLite file holding kModel, a view, and the given extra SQL.
class InspectCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    Engine engine(Url::parse(url()));
    Connection conn = engine.connect();
    create_all(conn, parse_models(kModel));
    conn.execute("CREATE VIEW v_album AS SELECT title FROM album");
  }

  std::string url() const { return "sqlite:///" + (dir_ / "app.db").string(); }

  // Options that inspect this test's database from its directory, without any config.
  InspectCommandOptions options() const {
    InspectCommandOptions options;
    options.project.working_directory = dir_.path();
    options.url = url();
    return options;
  }

  static std::vector<std::string> table_names(const MetaData& metadata) {
    std::vector<std::string> names;
    for (const Table& table : metadata.tables) names.push_back(table.name);
    return names;
  }

  TempDir dir_;
};

TEST_F(InspectCommand, YamlIsTheModelFileOfTheReflectedModel) {
  InspectCommandResult result = inspect(options());
  EXPECT_EQ(result.redacted_url, url());
  EXPECT_EQ(table_names(result.metadata),
            (std::vector<std::string>{"album", "album_note", "artist"}));
  EXPECT_EQ(result.text, dump_models(result.metadata));
  EXPECT_EQ(parse_models(result.text), result.metadata);

  // What the database holds is the model as SQLite stores it, version table aside.
  MetaData expected = parse_models(kModel);
  std::erase_if(expected.tables, [](const Table& t) { return t.name == "retort_version"; });
  EXPECT_EQ(result.metadata, stored_form(expected, dialect_for("sqlite")));
}

TEST_F(InspectCommand, ViewsAreExtrasAndLoggedNotTables) {
  std::vector<std::string> logged;
  InspectCommandOptions opts = options();
  opts.project.logger = [&](LogLevel, std::string_view message) { logged.emplace_back(message); };
  InspectCommandResult result = inspect(opts);
  EXPECT_EQ(result.extras.views, (std::vector<std::string>{"v_album"}));
  EXPECT_EQ(result.metadata.find_table("v_album"), nullptr);
  bool mentioned = false;
  for (const std::string& line : logged) {
    mentioned = mentioned || line == "inspect: views are not part of the model: v_album";
  }
  EXPECT_TRUE(mentioned);
}

TEST_F(InspectCommand, IncludeAndExcludeGlobs) {
  InspectCommandOptions opts = options();
  opts.include = {"album*"};
  EXPECT_EQ(table_names(inspect(opts).metadata), (std::vector<std::string>{"album", "album_note"}));
  opts.exclude = {"*_note"};
  EXPECT_EQ(table_names(inspect(opts).metadata), (std::vector<std::string>{"album"}));
  opts.include = {"retort_*"};
  opts.exclude = {};
  EXPECT_TRUE(inspect(opts).metadata.tables.empty()) << "the version table is never included";
}

TEST_F(InspectCommand, TheConfigsVersionTableIsLeftOut) {
  write_file(dir_ / "retort.yaml", "version_table: album_note\n");
  InspectCommandResult result = inspect(options());
  // retort_version is an ordinary table to a project that keeps its versions elsewhere.
  EXPECT_EQ(table_names(result.metadata),
            (std::vector<std::string>{"album", "artist", "retort_version"}));
}

TEST_F(InspectCommand, TheRevisionLogTableIsLeftOutToo) {
  {
    Engine engine(Url::parse(url()));
    Connection conn = engine.connect();
    conn.execute("CREATE TABLE retort_version_log (seq INTEGER PRIMARY KEY, revision TEXT)");
  }
  EXPECT_EQ(table_names(inspect(options()).metadata),
            (std::vector<std::string>{"album", "album_note", "artist"}));
}

TEST_F(InspectCommand, JsonHasEveryPartOfTheModel) {
  InspectCommandOptions opts = options();
  opts.format = InspectFormat::kJson;
  InspectCommandResult result = inspect(opts);
  nlohmann::json json = nlohmann::json::parse(result.text);
  ASSERT_EQ(json["tables"].size(), 3u);
  EXPECT_EQ(json["schemas"], nlohmann::json::array());
  EXPECT_EQ(json["enums"], nlohmann::json::array());
  const nlohmann::json& album = json["tables"][0];
  EXPECT_EQ(album["name"], "album");
  EXPECT_TRUE(album["schema"].is_null());
  EXPECT_TRUE(album["comment"].is_null());
  ASSERT_EQ(album["columns"].size(), 5u);
  EXPECT_EQ(album["columns"][0], (nlohmann::json{{"name", "id"},
                                                 {"type", "integer"},
                                                 {"nullable", false},
                                                 {"default", nullptr},
                                                 {"autoincrement", false},
                                                 {"identity", nullptr},
                                                 {"computed", nullptr},
                                                 {"collation", nullptr},
                                                 {"comment", nullptr}}));
  EXPECT_EQ(album["columns"][2]["default"],
            (nlohmann::json{{"kind", "literal"}, {"value", "untitled"}}));
  EXPECT_EQ(album["columns"][3]["default"],
            (nlohmann::json{{"kind", "expression"}, {"value", "CURRENT_TIMESTAMP"}}));
  EXPECT_EQ(album["columns"][4]["computed"],
            (nlohmann::json{{"sql", "lower(title)"}, {"stored", true}}));
  EXPECT_EQ(album["primary_key"], (nlohmann::json{{"name", nullptr}, {"columns", {"id"}}}));
  ASSERT_EQ(album["foreign_keys"].size(), 1u);
  EXPECT_EQ(album["foreign_keys"][0],
            (nlohmann::json{
                {"name", nullptr},
                {"columns", {"artist_id"}},
                {"references", {{"schema", nullptr}, {"table", "artist"}, {"columns", {"id"}}}},
                {"on_delete", "cascade"},
                {"on_update", "no_action"},
                {"deferrable", nullptr}}));
  EXPECT_EQ(album["checks"],
            (nlohmann::json::array({{{"name", "ck_album_title"}, {"sql", "length(title) > 0"}}})));
  ASSERT_EQ(album["indexes"].size(), 2u);
  const nlohmann::json& lower = album["indexes"][0];
  EXPECT_EQ(lower["name"], "ix_album_artist_id");
  EXPECT_EQ(
      album["indexes"][1],
      (nlohmann::json{{"name", "ix_album_lower"},
                      {"unique", false},
                      {"elements",
                       {{{"column", nullptr}, {"expression", "lower(title)"}, {"desc", false}},
                        {{"column", "id"}, {"expression", nullptr}, {"desc", true}}}},
                      {"where", "id > 0"}}));
  EXPECT_EQ(album["options"], (nlohmann::json{{"without_rowid", false}, {"strict", false}}));
  const nlohmann::json& artist = json["tables"][2];
  EXPECT_EQ(artist["columns"][0]["autoincrement"], true);
  EXPECT_EQ(artist["columns"][1]["collation"], "NOCASE");
  EXPECT_EQ(artist["unique"],
            (nlohmann::json::array({{{"name", nullptr}, {"columns", {"name"}}}})));
}

TEST_F(InspectCommand, SqlRecreatesTheSameModel) {
  InspectCommandOptions opts = options();
  opts.format = InspectFormat::kSql;
  InspectCommandResult result = inspect(opts);
  ASSERT_FALSE(result.text.empty());
  EXPECT_TRUE(result.text.ends_with(";\n"));
  EXPECT_NE(result.text.find("CREATE TABLE \"artist\""), std::string::npos) << result.text;

  Engine fresh(Url::parse("sqlite:///" + (dir_ / "fresh.db").string()));
  Connection conn = fresh.connect();
  conn.execute(result.text);
  InspectCommandOptions again = options();
  again.url = "sqlite:///" + (dir_ / "fresh.db").string();
  EXPECT_EQ(inspect(again).text, inspect(options()).text);
}

TEST_F(InspectCommand, OutputFileIsWrittenWholeAndReplaced) {
  write_file(dir_ / "models.yaml", "old contents\n");
  InspectCommandOptions opts = options();
  opts.output = "models.yaml";  // relative to the working directory
  InspectCommandResult result = inspect(opts);
  EXPECT_EQ(read_file(dir_ / "models.yaml"), result.text);
  // Nothing is left beside it.
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
  }
}

TEST_F(InspectCommand, UnwritableOutputIsAnInputErrorAndWritesNothing) {
  InspectCommandOptions opts = options();
  opts.output = dir_ / "no/such/dir/models.yaml";
  EXPECT_THROW(inspect(opts), InputError);
  EXPECT_FALSE(fs::exists(dir_ / "no"));
}

TEST_F(InspectCommand, MissingSqliteFileIsADatabaseErrorAndIsNotCreated) {
  InspectCommandOptions opts = options();
  opts.url = "sqlite:///" + (dir_ / "missing.db").string();
  opts.output = dir_ / "out.yaml";
  try {
    inspect(opts);
    FAIL() << "no error";
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("missing.db"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(dir_ / "missing.db"));
  EXPECT_FALSE(fs::exists(dir_ / "out.yaml"));
}

TEST_F(InspectCommand, NoUrlAndNoConfigIsAUsageError) {
  InspectCommandOptions opts = options();
  opts.url.reset();
  try {
    inspect(opts);
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("no database given"), std::string::npos) << e.what();
  }
}

TEST_F(InspectCommand, SchemasOnSqliteAreAUsageError) {
  InspectCommandOptions opts = options();
  opts.schemas = {"audit"};
  try {
    inspect(opts);
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "inspect: --schema: sqlite databases have no schemas");
  }
}

TEST_F(InspectCommand, UrlArgumentThenUrlOptionThenConfig) {
  Engine other(Url::parse("sqlite:///" + (dir_ / "other.db").string()));
  Connection conn = other.connect();
  conn.execute("CREATE TABLE only_in_other (x integer)");
  write_file(dir_ / "retort.yaml", "database_url: " + url() + "\n");

  InspectCommandOptions opts = options();
  opts.url.reset();
  EXPECT_EQ(table_names(inspect(opts).metadata).size(), 3u) << "the config's database";
  opts.project.url = "sqlite:///" + (dir_ / "other.db").string();
  EXPECT_EQ(table_names(inspect(opts).metadata), (std::vector<std::string>{"only_in_other"}));
  opts.url = url();
  EXPECT_EQ(table_names(inspect(opts).metadata).size(), 3u) << "the argument wins";
}

TEST(InspectRender, SqlStatementsEndWithSemicolonNewline) {
  MetaData model = parse_models("tables:\n  t:\n    columns:\n      id: integer\n");
  EXPECT_EQ(render_model(model, InspectFormat::kSql, dialect_for("sqlite")),
            "CREATE TABLE \"t\" (\n  \"id\" INTEGER\n);\n");
  EXPECT_EQ(render_model(model, InspectFormat::kYaml, dialect_for("sqlite")), dump_models(model));
  EXPECT_EQ(render_model(MetaData{}, InspectFormat::kSql, dialect_for("sqlite")), "");
}

}  // namespace
}  // namespace retort
