// Hostile identifiers: quotes, backslashes, semicolons, comment markers, newlines, tabs,
// unicode, reserved words, leading digits and spaces, as schema, table, column, index,
// constraint, enum type and enum value names. Each is created with exactly that name and
// survives models -> DDL -> reflection -> diff (an empty diff), through the library and through
// the binary; none changes the meaning of the SQL (the sentinel table "y" survives). Literal
// values (defaults, bulk_insert rows) with quotes and backslashes round-trip exactly.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/sql_builder.hpp"
#include "retort/ddl.hpp"
#include "retort/diff.hpp"
#include "retort/ops.hpp"
#include "robustness/robustness_fixture.hpp"

namespace retort::testing {
namespace {

const std::vector<std::string> kHostile = {
    "x\"; DROP TABLE y; --",
    "it's",
    "back\\slash",
    "semi;colon",
    "dash -- dash",
    "/* open comment",
    "new\nline",
    "tab\tname",
    "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x8E\x89",  // café 日本 🎉
    "select",
    "Order",
    "1leading digit",
    "  spaces  ",
    "\"",
};

// A default with every character a literal must escape, plus an injection attempt.
const std::string kHostileValue = "it's \"q\" \\ back\\'; DROP TABLE y; --";

const std::string kEnumName = "mood\"; DROP TABLE y; --";
const std::vector<std::string> kEnumValues = {
    "it's", "a\"b", "back\\slash", "new\nline", "\xE6\x97\xA5\xE6\x9C\xAC", "select"};
const std::string kSchemaName = "sch\"; DROP TABLE y; --";

Column make_column(const std::string& name, const std::string& type, bool nullable = true) {
  Column c;
  c.name = name;
  c.type = Type::parse(type);
  c.nullable = nullable;
  return c;
}

// One table per hostile name: the name as table, column, index, unique, check and foreign key
// names; on PostgreSQL also a hostile schema holding a table with a hostile enum column.
MetaData hostile_model(bool postgres) {
  MetaData model;
  for (std::size_t i = 0; i < kHostile.size(); ++i) {
    const std::string& name = kHostile[i];
    Table t;
    t.name = name;
    Column id = make_column("id", "integer", false);
    Column col = make_column(name, "text");
    col.server_default = DefaultValue::literal(kHostileValue);
    Column parent = make_column("parent " + name, "integer");
    t.columns = {id, col, parent};
    t.primary_key = PrimaryKey{"pk " + name, {"id"}};
    t.unique_constraints.push_back({"uq " + name, {name}});
    // Written as PostgreSQL prints it back (docs/reflection.md), so that it compares equal.
    t.check_constraints.push_back(
        {"ck " + name, quote_identifier(name) + (postgres ? " <> 'x'::text" : " <> 'x'")});
    Index index;
    index.name = "ix " + name;
    index.elements.resize(1);
    index.elements[0].column = name;
    t.indexes.push_back(index);
    ForeignKey fk;
    fk.name = "fk " + name;
    fk.columns = {"parent " + name};
    fk.ref_table = kHostile[0];
    fk.ref_columns = {"id"};
    t.foreign_keys.push_back(fk);
    model.tables.push_back(t);
  }
  Table sentinel;
  sentinel.name = "y";
  sentinel.columns = {make_column("id", "integer", false)};
  model.tables.push_back(sentinel);
  if (postgres) {
    model.schemas = {kSchemaName};
    model.enums.push_back(EnumType{kSchemaName, kEnumName, kEnumValues});
    Table t;
    t.schema = kSchemaName;
    t.name = kHostile[0];
    Column mood = make_column(kHostile[1], "text");
    mood.type.kind = TypeKind::kEnum;
    mood.type.name = kSchemaName + "." + kEnumName;
    t.columns = {make_column("id", "integer", false), mood};
    t.primary_key = PrimaryKey{"", {"id"}};
    model.tables.push_back(t);
  }
  return model;
}

using HostileNames = RobustnessTest;

InspectOptions inspect_options(bool postgres) {
  InspectOptions options;
  options.version_tables = {"retort_version", "retort_version_log"};
  if (postgres) options.schemas = {"public", kSchemaName};
  return options;
}

TEST_P(HostileNames, CreateAllReflectDiffRoundTrip) {
  const MetaData model = hostile_model(is_postgres());
  Engine engine(Url::parse(url_));
  Connection conn = engine.connect();
  create_all(conn, model);
  conn.execute("INSERT INTO y (id) VALUES (1)");
  const MetaData live = reflect(conn, inspect_options(is_postgres()));
  for (const std::string& name : kHostile) {
    const Table* t = live.find_table(name);
    ASSERT_NE(t, nullptr) << "table \"" << name << "\" missing:\n" << dump_models(live);
    EXPECT_NE(t->find_column(name), nullptr) << name;
  }
  CompareOptions compare_options;
  compare_options.schemas = inspect_options(is_postgres()).schemas;
  compare_options.version_tables = {"retort_version", "retort_version_log"};
  const std::vector<Operation> ops = compare(live, model, conn.dialect(), compare_options);
  std::string described;
  for (const Operation& op : ops) described += describe(op) + "\n";
  EXPECT_TRUE(ops.empty()) << described;
  EXPECT_EQ(conn.query("SELECT count(*) FROM y", {}).cell(0, 0).integer(), 1);
  // The default is the exact text, bound back through an INSERT that omits the column.
  conn.execute("INSERT INTO " + quote_identifier(kHostile[0]) + " (id) VALUES (1)");
  EXPECT_EQ(conn.query("SELECT " + quote_identifier(kHostile[0]) + " FROM " +
                           quote_identifier(kHostile[0]),
                       {})
                .cell(0, 0)
                .text(),
            kHostileValue);
}

// A YAML double-quoted scalar.
std::string yaml_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

TEST_P(HostileNames, UpgradeInspectDiffThroughTheBinary) {
  const MetaData model = hostile_model(is_postgres());
  write_file(dir_ / "models" / "schema.yaml", dump_models(model));
  write_project({}, "models: models/schema.yaml\n");
  Engine(Url::parse(url_)).connect();  // an empty database (SQLite: the file) to diff against
  // The revision an autogenerate would write: the diff from the empty database to the models.
  RunResult r = retort({"diff", "--from", url_, "--to", "models/schema.yaml", "--format", "yaml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string revision =
      "revision: rev0001\ndown_revision: null\nmessage: hostile names\nupgrade:\n" + r.out;
  // (diff writes the list at column 0, so the extra entries are too.)
  revision += "- bulk_insert:\n    table: " + yaml_quote(kHostile[0]) + "\n    rows:\n";
  revision +=
      "      - {id: 7, " + yaml_quote(kHostile[0]) + ": " + yaml_quote(kHostileValue) + "}\n";
  revision += "- execute: \"INSERT INTO y (id) VALUES (1)\"\ndowngrade: []\n";
  write_file(dir_ / "migrations" / "versions" / "0001_hostile.yaml", revision);

  r = retort({"upgrade"});
  ASSERT_EQ(r.exit_code, 0) << r.err << "\n" << revision;
  // Both schemas (the default one alone without --schema).
  std::vector<std::string> schemas;
  if (is_postgres()) schemas = {"--schema", "public", "--schema", kSchemaName};
  auto diff_to = [&](const std::string& models) {
    std::vector<std::string> args = {"diff", "--from", url_, "--to", models};
    args.insert(args.end(), schemas.begin(), schemas.end());
    return retort(args);
  };
  r = diff_to("models/schema.yaml");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "") << "the database differs from the models";

  // inspect's YAML and JSON name every object exactly.
  r = retort({"inspect", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  const std::string dumped = json.dump();
  for (const std::string& name : kHostile) {
    EXPECT_NE(dumped.find(nlohmann::json(name).dump()), std::string::npos) << name;
  }
  std::vector<std::string> inspect = {"inspect", "-o", "inspected.yaml"};
  inspect.insert(inspect.end(), schemas.begin(), schemas.end());
  r = retort(inspect);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = diff_to("inspected.yaml");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");

  // The row's value is exactly what the revision said, and y survived every statement.
  EXPECT_EQ(count_rows("y"), 1);
  Engine engine(Url::parse(url_));
  Connection conn = engine.connect();
  EXPECT_EQ(conn.query("SELECT " + quote_identifier(kHostile[0]) + " FROM " +
                           quote_identifier(kHostile[0]) + " WHERE id = 7",
                       {})
                .cell(0, 0)
                .text(),
            kHostileValue);
}

// With standard_conforming_strings off, PostgreSQL reads a backslash in '...' as an escape, so
// a literal that only doubles its quotes could be closed early by "\'". retort's sessions turn
// the setting back on; the default and the comment below arrive exactly.
TEST(HostileLiterals, BackslashesStayLiteralWhenTheServerUsesEscapeStrings) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*pg_server_url());
  {
    Engine engine(db.url());
    Connection conn = engine.connect();
    conn.execute("ALTER DATABASE " + quote_identifier(db.name()) +
                 " SET standard_conforming_strings = off");
  }
  TempDir dir;
  write_file(dir / "retort.yaml", "database_url: " + db.url().to_string() + "\n");
  write_file(dir / "migrations/versions/0001.yaml", R"y(revision: rev0001
down_revision: null
message: escapes
upgrade:
  - create_table: {name: y, columns: {id: {type: integer, primary_key: true}}}
  - create_table:
      name: t
      comment: "c\\'; DROP TABLE y; --"
      columns:
        id: {type: integer, primary_key: true}
        v: {type: text, default: "d\\'; DROP TABLE y; --"}
downgrade: []
)y");
  const RunResult r = run_retort({"upgrade"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Engine engine(db.url());
  Connection conn = engine.connect();
  EXPECT_EQ(conn.query("SELECT count(*) FROM y", {}).cell(0, 0).integer(), 0);
  const MetaData live = reflect(conn, {});
  const Table* t = live.find_table("t");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->comment, "c\\'; DROP TABLE y; --");
  ASSERT_TRUE(t->columns[1].server_default.has_value());
  EXPECT_EQ(t->columns[1].server_default->text, "d\\'; DROP TABLE y; --");
}

// PostgreSQL cuts names to 63 bytes without an error; retort refuses them before running
// anything, naming the name, whether it comes from a models file or a revision file.
TEST(HostileLiterals, PostgresNamesOver63BytesAreRefused) {
  RETORT_REQUIRE_PG();
  PgTestDatabase db(*pg_server_url());
  const std::string ok(63, 'a'), too_long(64, 'b');
  const std::string two_byte_long = std::string(31, 'c') + "\xC3\xA9" + std::string(31, 'c');
  TempDir dir;
  write_file(dir / "retort.yaml", "database_url: " + db.url().to_string() + "\n");
  for (const std::string& name : {too_long, two_byte_long}) {
    write_file(dir / "migrations/versions/0001.yaml",
               "revision: rev0001\ndown_revision: null\nmessage: long\nupgrade:\n"
               "  - create_table: {name: " +
                   ok +
                   ", columns: {id: {type: integer}}}\n"
                   "  - add_column: {table: " +
                   ok + ", column: " + name +
                   ", type: integer}\n"
                   "downgrade: []\n");
    const RunResult r = run_retort({"upgrade"}, dir.path());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("0001.yaml"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("\"" + name + "\" is " + std::to_string(name.size()) + " bytes long"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(error_lines(r.err).size(), 1u) << r.err;
    Engine engine(db.url());
    Connection conn = engine.connect();
    EXPECT_EQ(reflect(conn, {}).tables.size(), 0u) << "nothing may run";  // not even table ok
  }
  // A 63-byte name is fine, and create_all refuses a 64-byte one as well.
  Engine engine(db.url());
  Connection conn = engine.connect();
  MetaData model;
  Table t;
  t.name = ok;
  t.columns = {make_column(ok, "integer")};
  model.tables = {t};
  create_all(conn, model);
  model.tables[0].name = too_long;
  EXPECT_THROW(create_all(conn, model), InputError);
}

INSTANTIATE_TEST_SUITE_P(Dialects, HostileNames, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::testing
