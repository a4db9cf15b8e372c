// End to end: retort inspect on SQLite files and PostgreSQL databases: the three formats, -o,
// filtering, the version table, the round trip inspect -> create -> inspect, and clear
// connection errors that never show the password.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>

#include "retort/ddl.hpp"
#include "retort/engine.hpp"
#include "retort/models_file.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
namespace fs = std::filesystem;
using testing::read_file;
using testing::run_retort;
using testing::RunResult;
using testing::TempDir;
using testing::write_file;

constexpr const char* kSqliteModel = R"yaml(
tables:
  artist:
    columns:
      id:   {type: integer, primary_key: true, autoincrement: true}
      name: {type: varchar(30), nullable: false, unique: true, collation: NOCASE}
  "Track List":
    columns:
      id: {type: integer, primary_key: true}
      artist_id: {type: integer, nullable: false, references: artist.id, on_delete: cascade, index: true}
      "select": {type: text, nullable: false, default: "it's"}
      created: {type: timestamp, default_sql: CURRENT_TIMESTAMP}
    checks:
      - {name: ck_select, sql: "length(\"select\") > 0"}
    indexes:
      - {name: ix_lower, elements: [{expression: "lower(\"select\")"}, {column: id, desc: true}], where: "id > 0"}
  track_note:
    columns:
      note: text
    options: {strict: true}
  retort_version:
    columns:
      version_num: {type: varchar(32), primary_key: true}
)yaml";

constexpr const char* kPostgresModel = R"yaml(
schemas: [audit]
enums:
  mood: [happy, sad]
tables:
  artist:
    comment: Artists
    columns:
      id:   {type: integer, primary_key: true, autoincrement: true}
      name: {type: varchar(30), nullable: false, unique: true, comment: The name}
      mood: {type: enum(mood), default: happy}
      created: {type: timestamptz, default_sql: "now()"}
  "Track List":
    columns:
      id: {type: bigint, primary_key: true, identity: by_default}
      artist_id: {type: integer, nullable: false, references: artist.id, on_delete: cascade, index: true}
      title: {type: text, nullable: false, default: "it's", collation: C}
    checks:
      - {name: ck_title, sql: "length(title) > 0"}
    indexes:
      - {name: ix_track_lower, elements: [{expression: "lower(title)"}], where: "id > 0"}
  entry:
    schema: audit
    columns:
      id: {type: integer, primary_key: true}
      artist_id: {type: integer, references: artist.id, deferrable: initially_deferred}
  retort_version:
    columns:
      version_num: {type: varchar(32), primary_key: true}
)yaml";

void create_model(const Url& url, const MetaData& model) {
  Engine engine(url);
  Connection conn = engine.connect();
  create_all(conn, model);
}

void run_sql(const Url& url, const std::string& sql) {
  Engine engine(url);
  Connection conn = engine.connect();
  conn.execute(sql);
}

std::vector<std::string> table_names(const MetaData& metadata) {
  std::vector<std::string> names;
  for (const Table& table : metadata.tables) {
    names.push_back(table.schema.empty() ? table.name : table.schema + "." + table.name);
  }
  return names;
}

std::vector<std::string> json_table_names(const nlohmann::json& json) {
  std::vector<std::string> names;
  for (const nlohmann::json& table : json.at("tables")) {
    std::string name = table.at("name");
    names.push_back(
        table.at("schema").is_null() ? name : table.at("schema").get<std::string>() + "." + name);
  }
  return names;
}

// Runs inspect and expects it to succeed; returns stdout.
std::string inspect_ok(std::vector<std::string> args, const fs::path& cwd) {
  args.insert(args.begin(), "inspect");
  RunResult r = run_retort(args, cwd);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

class InspectCliSqlite : public ::testing::Test {
 protected:
  void SetUp() override { create_model(Url::parse(url()), parse_models(kSqliteModel)); }
  std::string url(const std::string& file = "app.db") const {
    return "sqlite:///" + (dir_ / file).string();
  }
  TempDir dir_;
};

TEST_F(InspectCliSqlite, YamlLoadsBackWithoutTheVersionTable) {
  std::string out = inspect_ok({url()}, dir_.path());
  MetaData model = parse_models(out);
  EXPECT_EQ(table_names(model), (std::vector<std::string>{"Track List", "artist", "track_note"}));
  EXPECT_EQ(dump_models(model), out);
}

TEST_F(InspectCliSqlite, JsonParsesAndHasTheTables) {
  std::string out = inspect_ok({url(), "--format", "json"}, dir_.path());
  nlohmann::json json = nlohmann::json::parse(out);
  EXPECT_EQ(json_table_names(json),
            (std::vector<std::string>{"Track List", "artist", "track_note"}));
  EXPECT_EQ(json["tables"][2]["options"]["strict"], true);
  // The global --format json before the command means the same.
  EXPECT_EQ(run_retort({"--format", "json", "inspect", url()}, dir_.path()).out, out);
}

TEST_F(InspectCliSqlite, FormatTextIsYamlAndBadFormatsAreUsageErrors) {
  std::string yaml = inspect_ok({url()}, dir_.path());
  EXPECT_EQ(inspect_ok({url(), "--format", "text"}, dir_.path()), yaml);
  EXPECT_EQ(inspect_ok({"--format", "yaml", url()}, dir_.path()), yaml);
  RunResult bad = run_retort({"inspect", url(), "--format", "xml"}, dir_.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("expected yaml, json or sql, not \"xml\""), std::string::npos) << bad.err;
}

TEST_F(InspectCliSqlite, SchemaOnSqliteAndSqlAsAGlobalFormatAreUsageErrors) {
  RunResult schema = run_retort({"inspect", url(), "--schema", "audit"}, dir_.path());
  EXPECT_EQ(schema.exit_code, 2);
  EXPECT_EQ(schema.err, "retort: inspect: --schema: sqlite databases have no schemas\n");
  // Before the command, --format is the global text|json option (docs/cli.md, "inspect").
  RunResult global = run_retort({"--format", "sql", "inspect", url()}, dir_.path());
  EXPECT_EQ(global.exit_code, 2);
  EXPECT_NE(global.err.find("expected text or json"), std::string::npos) << global.err;
}

TEST_F(InspectCliSqlite, SqlIntoAFreshDatabaseInspectsIdentically) {
  std::string yaml = inspect_ok({url()}, dir_.path());
  std::string sql = inspect_ok({url(), "--format", "sql"}, dir_.path());
  EXPECT_TRUE(sql.ends_with(";\n")) << sql;
  run_sql(Url::parse(url("fresh.db")), sql);
  EXPECT_EQ(inspect_ok({url("fresh.db")}, dir_.path()), yaml);
}

TEST_F(InspectCliSqlite, ModelsFileIntoAFreshDatabaseInspectsIdentically) {
  RunResult r = run_retort({"inspect", url(), "-o", "models.yaml"}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "") << "with -o nothing goes to stdout";
  EXPECT_NE(r.err.find("wrote models.yaml (3 tables from " + url() + ")"), std::string::npos)
      << r.err;
  std::string first = read_file(dir_ / "models.yaml");
  create_model(Url::parse(url("fresh.db")), load_models(dir_ / "models.yaml"));
  EXPECT_EQ(inspect_ok({url("fresh.db")}, dir_.path()), first);
  // -o replaces an existing file.
  ASSERT_EQ(run_retort({"inspect", url("fresh.db"), "-o", "models.yaml", "--include", "artist"},
                       dir_.path())
                .exit_code,
            0);
  EXPECT_EQ(table_names(load_models(dir_ / "models.yaml")), (std::vector<std::string>{"artist"}));
}

TEST_F(InspectCliSqlite, IncludeAndExcludeFilterTables) {
  // JSON rather than YAML: a models file that leaves out a referenced table does not load.
  auto names = [&](std::vector<std::string> args) {
    args.insert(args.begin(), url());
    args.insert(args.end(), {"--format", "json"});
    return json_table_names(nlohmann::json::parse(inspect_ok(args, dir_.path())));
  };
  EXPECT_EQ(names({"--include", "t*"}), (std::vector<std::string>{"track_note"}));
  EXPECT_EQ(names({"--include", "t*", "--include", "Track*"}),
            (std::vector<std::string>{"Track List", "track_note"}));
  EXPECT_EQ(names({"--exclude", "a*"}), (std::vector<std::string>{"Track List", "track_note"}));
  EXPECT_EQ(names({"--include", "retort_*"}), (std::vector<std::string>{}));
}

TEST_F(InspectCliSqlite, UsesTheConfigAndSkipsItsVersionTable) {
  write_file(dir_ / "proj/retort.yaml", "database_url: " + url() + "\nversion_table: track_note\n");
  fs::create_directories(dir_ / "proj/sub");
  std::string out = inspect_ok({}, dir_ / "proj/sub");
  EXPECT_EQ(table_names(parse_models(out)),
            (std::vector<std::string>{"Track List", "artist", "retort_version"}));
  // --url wins over the config, the argument over --url.
  run_sql(Url::parse(url("other.db")), "CREATE TABLE other (x integer)");
  EXPECT_EQ(table_names(parse_models(inspect_ok({"--url", url("other.db")}, dir_ / "proj"))),
            (std::vector<std::string>{"other"}));
  EXPECT_EQ(inspect_ok({url(), "--url", url("other.db")}, dir_ / "proj"), out);
}

TEST_F(InspectCliSqlite, MissingFileIsADatabaseErrorAndIsNotCreated) {
  RunResult r = run_retort({"inspect", "sqlite:///missing.db", "-o", "out.yaml"}, dir_.path());
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "retort: sqlite: database file \"missing.db\" does not exist\n");
  EXPECT_EQ(r.out, "");
  EXPECT_FALSE(fs::exists(dir_ / "missing.db"));
  EXPECT_FALSE(fs::exists(dir_ / "out.yaml"));
}

TEST_F(InspectCliSqlite, NoUrlAndNoConfigIsAUsageError) {
  TempDir empty;
  RunResult r = run_retort({"inspect"}, empty.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("retort: inspect: no database given"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(empty / "dev.db"));
}

// PostgreSQL: a database holding kPostgresModel, and a second, empty one.
class InspectCliPostgres : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::pg_server_url()) return;
    db_ = std::make_unique<testing::PgTestDatabase>(*testing::pg_server_url());
    fresh_ = std::make_unique<testing::PgTestDatabase>(*testing::pg_server_url());
    create_model(db_->url(), parse_models(kPostgresModel));
  }

  // Runs inspect on `url` and checks that the password shows nowhere.
  std::string inspect_pg(const Url& url, std::vector<std::string> args) {
    args.insert(args.begin(), url.to_string());
    args.insert(args.begin(), "inspect");
    RunResult r = run_retort(args, dir_.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    expect_no_password(r, url);
    return r.out;
  }

  static void expect_no_password(const RunResult& r, const Url& url) {
    ASSERT_TRUE(url.password.has_value());
    EXPECT_EQ(r.out.find(*url.password), std::string::npos) << r.out;
    EXPECT_EQ(r.err.find(*url.password), std::string::npos) << r.err;
  }

  TempDir dir_;
  std::unique_ptr<testing::PgTestDatabase> db_, fresh_;
};

TEST_F(InspectCliPostgres, YamlAndJsonOfTheCurrentSchema) {
  RETORT_REQUIRE_PG();
  std::string yaml = inspect_pg(db_->url(), {});
  MetaData model = parse_models(yaml);
  EXPECT_EQ(table_names(model), (std::vector<std::string>{"Track List", "artist"}));
  EXPECT_EQ(model.enums.size(), 1u);
  nlohmann::json json = nlohmann::json::parse(inspect_pg(db_->url(), {"--format", "json"}));
  EXPECT_EQ(json_table_names(json), (std::vector<std::string>{"Track List", "artist"}));
  EXPECT_EQ(json["enums"][0]["values"], (nlohmann::json{"happy", "sad"}));
  EXPECT_EQ(json["tables"][0]["columns"][0]["identity"], "by_default");
  EXPECT_EQ(json["tables"][1]["comment"], "Artists");
}

TEST_F(InspectCliPostgres, SchemaOptionChoosesTheSchemas) {
  RETORT_REQUIRE_PG();
  // JSON: audit.entry references public.artist, which a models file of audit alone lacks.
  EXPECT_EQ(json_table_names(nlohmann::json::parse(
                inspect_pg(db_->url(), {"--schema", "audit", "--format", "json"}))),
            (std::vector<std::string>{"audit.entry"}));
  MetaData both = parse_models(inspect_pg(db_->url(), {"--schema", "public", "--schema", "audit"}));
  EXPECT_EQ(table_names(both), (std::vector<std::string>{"Track List", "artist", "audit.entry"}));
  EXPECT_EQ(both.schemas, (std::vector<std::string>{"audit"}));
  EXPECT_EQ(json_table_names(nlohmann::json::parse(
                inspect_pg(db_->url(), {"--schema", "public", "--schema", "audit", "--exclude",
                                        "a*", "--format", "json"}))),
            (std::vector<std::string>{"Track List", "audit.entry"}));
}

TEST_F(InspectCliPostgres, SqlIntoAFreshDatabaseInspectsIdentically) {
  RETORT_REQUIRE_PG();
  const std::vector<std::string> schemas = {"--schema", "public", "--schema", "audit"};
  std::string yaml = inspect_pg(db_->url(), schemas);
  std::vector<std::string> sql_args = schemas;
  sql_args.insert(sql_args.end(), {"--format", "sql"});
  std::string sql = inspect_pg(db_->url(), sql_args);
  EXPECT_TRUE(sql.ends_with(";\n")) << sql;
  run_sql(fresh_->url(), sql);
  EXPECT_EQ(inspect_pg(fresh_->url(), schemas), yaml);
}

TEST_F(InspectCliPostgres, ModelsFileIntoAFreshDatabaseInspectsIdentically) {
  RETORT_REQUIRE_PG();
  std::vector<std::string> args = {"--schema", "public", "--schema", "audit", "-o", "models.yaml"};
  EXPECT_EQ(inspect_pg(db_->url(), args), "");
  std::string first = read_file(dir_ / "models.yaml");
  create_model(fresh_->url(), load_models(dir_ / "models.yaml"));
  inspect_pg(fresh_->url(), args);
  EXPECT_EQ(read_file(dir_ / "models.yaml"), first);
}

TEST_F(InspectCliPostgres, EchoNeverShowsThePassword) {
  RETORT_REQUIRE_PG();
  std::string out = inspect_pg(db_->url(), {"--echo", "-v", "--format", "sql"});
  EXPECT_NE(out.find("CREATE TABLE"), std::string::npos);
}

TEST_F(InspectCliPostgres, ConnectionFailuresAreOneLineWithTheRedactedUrl) {
  RETORT_REQUIRE_PG();
  Url refused = db_->url();
  refused.port = 1;  // nothing listens on port 1 of the loopback interface
  Url bad_password = db_->url();
  bad_password.password = "not-the-password";
  Url missing = db_->url();
  missing.database = "retort_no_such_database";
  struct Case {
    Url url;
    std::string says;
  };
  for (const Case& c :
       {Case{refused, "Connection refused"}, Case{bad_password, "password authentication failed"},
        Case{missing, "database \"retort_no_such_database\" does not exist"}}) {
    RunResult r = run_retort({"inspect", c.url.to_string()}, dir_.path());
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(r.err.starts_with("retort: postgresql: connecting to " + c.url.redacted() + ": "))
        << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    expect_no_password(r, c.url);
  }
}

}  // namespace
}  // namespace retort
