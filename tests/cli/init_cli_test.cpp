// End to end: retort init and what it lays out.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "retort/config.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
namespace fs = std::filesystem;
using testing::run_retort;
using testing::TempDir;

const char* const kTreeText =
    "  migrations/\n"
    "    script.yaml.tmpl\n"
    "    versions/\n"
    "  models/\n"
    "    schema.yaml\n"
    "  retort.yaml\n"
    "  seeds/\n"
    "    seed.yaml\n";

TEST(CliInit, CreatesTheProjectAndPrintsTheTree) {
  TempDir dir;
  auto r = run_retort({"init", "myproject"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, std::string("Created project in myproject\n") + kTreeText);
  EXPECT_TRUE(fs::is_regular_file(dir / "myproject/retort.yaml"));
  EXPECT_TRUE(fs::is_regular_file(dir / "myproject/models/schema.yaml"));
  EXPECT_TRUE(fs::is_regular_file(dir / "myproject/migrations/script.yaml.tmpl"));
  EXPECT_TRUE(fs::is_directory(dir / "myproject/migrations/versions"));
  EXPECT_TRUE(fs::is_empty(dir / "myproject/migrations/versions"));
  EXPECT_TRUE(fs::is_regular_file(dir / "myproject/seeds/seed.yaml"));
  EXPECT_FALSE(fs::exists(dir / "myproject/README"));
}

TEST(CliInit, DefaultsToTheWorkingDirectory) {
  TempDir dir;
  auto r = run_retort({"init", "--template", "generic"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, std::string("Created project in .\n") + kTreeText);
  EXPECT_TRUE(fs::is_regular_file(dir / "retort.yaml"));
}

TEST(CliInit, JsonListsTheCreatedPaths) {
  TempDir dir;
  auto r = run_retort({"init", "p", "--format", "json"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json out = nlohmann::json::parse(r.out);
  EXPECT_EQ(out.at("directory"), "p");
  EXPECT_EQ(out.at("created").size(), 8u);
  EXPECT_EQ(out.at("created").at(0), "migrations/");
  EXPECT_EQ(out.at("created").at(5), "retort.yaml");
}

TEST(CliInit, CreatedConfigExpandsDatabaseUrlFromTheEnvironment) {
  TempDir dir;
  ASSERT_EQ(run_retort({"init", "p"}, dir.path()).exit_code, 0);
  fs::path config = dir / "p/retort.yaml";

  unsetenv("DATABASE_URL");
  EXPECT_EQ(load_config(config).database_url, "sqlite:///dev.db");
  setenv("DATABASE_URL", "postgresql://app@127.0.0.1:5432/app", 1);
  EXPECT_EQ(load_config(config).database_url, "postgresql://app@127.0.0.1:5432/app");
  setenv("DATABASE_URL", "", 1);  // empty counts as unset for ${VAR:-default}
  EXPECT_EQ(load_config(config).database_url, "sqlite:///dev.db");
  unsetenv("DATABASE_URL");
}

TEST(CliInit, RefusesToOverwriteAnExistingConfig) {
  TempDir dir;
  testing::write_file(dir / "busy/retort.yaml", "x: 1\n");
  auto r = run_retort({"init", "busy"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "retort: \"busy/retort.yaml\" already exists; init never overwrites a file (move it "
            "away or choose another directory)\n");
  EXPECT_EQ(r.out, "");
  EXPECT_FALSE(fs::exists(dir / "busy/models"));
  EXPECT_EQ(testing::read_file(dir / "busy/retort.yaml"), "x: 1\n");
}

TEST(CliInit, UnknownTemplateSuggestsAndExits2) {
  TempDir dir;
  auto r = run_retort({"init", "p", "-t", "generik"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "retort: unknown template \"generik\"; did you mean \"generic\"?\n");
  EXPECT_FALSE(fs::exists(dir / "p"));
}

TEST(CliInit, TooManyArgumentsExit2) {
  TempDir dir;
  auto r = run_retort({"init", "a", "b"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("retort: "), std::string::npos);
  EXPECT_FALSE(fs::exists(dir / "a"));
}

}  // namespace
}  // namespace retort
