// End to end: retort erd from the models file and from SQLite and PostgreSQL databases, DOT
// and SVG output, and the message when Graphviz's dot is not on PATH.
#include <gtest/gtest.h>

#include <memory>

#include "retort/engine.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
using testing::run_retort;
using testing::write_file;

const char* const kModels =
    "tables:\n"
    "  artist:\n    columns:\n      id: {type: integer, primary_key: true}\n"
    "      name: {type: varchar(30), nullable: false, unique: true}\n"
    "  track:\n    columns:\n      id: {type: integer, primary_key: true}\n"
    "      artist_id: {type: integer, nullable: false, references: artist.id, on_delete: "
    "cascade}\n";

const char* const kMermaid =
    "erDiagram\n"
    "    artist {\n        integer id PK\n        varchar(30) name UK\n    }\n"
    "    track {\n        integer id PK\n        integer artist_id FK\n    }\n"
    "    track }o--|| artist : \"artist_id\"\n";

class ErdCli : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "retort.yaml", "database_url: sqlite:///app.db\n");
    write_file(dir_ / "models/schema.yaml", kModels);
  }
  testing::RunResult retort(const std::vector<std::string>& args,
                            const std::map<std::string, std::string>& env = {}) {
    return run_retort(args, dir_.path(), env);
  }
  testing::TempDir dir_;
};

TEST_F(ErdCli, MermaidFromTheModelsFile) {
  auto r = retort({"erd"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kMermaid);
  r = retort({"erd", "--format", "dot"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"track\" -> \"artist\" [label=\"artist_id\""), std::string::npos);
  r = retort({"erd", "--format", "uml"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST_F(ErdCli, SvgThroughGraphviz) {
  auto r = retort({"erd", "-o", "schema.svg"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(testing::read_file(dir_ / "schema.svg").find("<svg"), std::string::npos);
}

TEST_F(ErdCli, WithoutDotOnPathSaysToInstallGraphviz) {
  const testing::TempDir empty;
  auto r = retort({"erd", "-o", "schema.png"}, {{"PATH", empty.path().string()}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not on PATH; install graphviz (apt-get install graphviz"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "schema.png"));
  // Text formats need no Graphviz.
  r = retort({"erd", "-o", "schema.mmd"}, {{"PATH", empty.path().string()}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(testing::read_file(dir_ / "schema.mmd"), kMermaid);
}

TEST_F(ErdCli, FromADatabase) {
  const std::string sqlite_url = "sqlite:///" + (dir_ / "live.db").string();
  std::vector<std::string> urls = {sqlite_url};
  std::unique_ptr<testing::PgTestDatabase> pg;
  if (testing::pg_server_url()) {
    pg = std::make_unique<testing::PgTestDatabase>(*testing::pg_server_url());
    urls.push_back(pg->url().to_string());
  } else if (testing::pg_required()) {
    FAIL() << "RETORT_TEST_PG_URL is not set";
  }
  for (const std::string& url : urls) {
    SCOPED_TRACE(url);
    {
      Engine engine(Url::parse(url));
      Connection conn = engine.connect();
      conn.execute(
          "CREATE TABLE artist (id integer PRIMARY KEY, name varchar(30) NOT NULL UNIQUE)");
      conn.execute(
          "CREATE TABLE track (id integer PRIMARY KEY, artist_id integer NOT NULL REFERENCES "
          "artist (id) ON DELETE CASCADE)");
    }
    auto r = retort({"erd", "--from", url});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, kMermaid);
  }
  auto r = retort({"erd", "--from", "sqlite:///" + (dir_ / "missing.db").string()});
  EXPECT_EQ(r.exit_code, 3);
}

}  // namespace
}  // namespace retort
