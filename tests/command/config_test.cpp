// load_config and find_config: retort.yaml.
#include <gtest/gtest.h>

#include <map>

#include "retort/config.hpp"
#include "retort/error.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_file;

EnvLookup no_env() {
  return [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
}

EnvLookup env_with(std::string name, std::string value) {
  return [=](std::string_view n) -> std::optional<std::string> {
    if (n == name) return value;
    return std::nullopt;
  };
}

// The message of the InputError that loading `text` raises.
std::string load_error(const TempDir& dir, const std::string& text) {
  write_file(dir / "retort.yaml", text);
  try {
    load_config(dir / "retort.yaml", no_env());
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(LoadConfig, EmptyFileGivesDefaults) {
  TempDir dir;
  write_file(dir / "retort.yaml", "# nothing yet\n");
  Config config = load_config(dir / "retort.yaml", no_env());
  EXPECT_EQ(config.file, dir / "retort.yaml");
  EXPECT_EQ(config.root, dir.path());
  EXPECT_EQ(config.database_url, "sqlite:///dev.db");
  EXPECT_EQ(config.models, "models/schema.yaml");
  EXPECT_EQ(config.script_location, "migrations");
  EXPECT_EQ(config.version_table, "retort_version");
  EXPECT_FALSE(config.transaction_per_migration);
  EXPECT_EQ(config.models_path(), dir / "models/schema.yaml");
  EXPECT_EQ(config.script_path(), dir / "migrations");
  EXPECT_EQ(config.file_template, "{rev}_{slug}");
  EXPECT_EQ(config.seeds_path(), dir / "seeds/seed.yaml");
  EXPECT_TRUE(config.schemas.empty());
  EXPECT_TRUE(config.include.empty());
  EXPECT_TRUE(config.exclude.empty());
}

TEST(LoadConfig, ReadsEveryKey) {
  TempDir dir;
  write_file(dir / "retort.yaml",
             "database_url: postgresql://app@127.0.0.1/app\n"
             "models: schema/models.yaml\n"
             "script_location: db/migrations\n"
             "version_table: schema_version\n"
             "transaction_per_migration: true\n"
             "file_template: \"{year}{month}{day}_{rev}_{slug}\"\n"
             "seeds: db/seed.yaml\n"
             "schemas: [public, audit]\n"
             "include: app_*\n"
             "exclude:\n  - tmp_*\n  - '*_backup'\n");
  Config config = load_config(dir / "retort.yaml", no_env());
  EXPECT_EQ(config.file_template, "{year}{month}{day}_{rev}_{slug}");
  EXPECT_EQ(config.seeds_path(), dir / "db/seed.yaml");
  EXPECT_EQ(config.schemas, (std::vector<std::string>{"public", "audit"}));
  EXPECT_EQ(config.include, (std::vector<std::string>{"app_*"}));
  EXPECT_EQ(config.exclude, (std::vector<std::string>{"tmp_*", "*_backup"}));
  EXPECT_EQ(config.database_url, "postgresql://app@127.0.0.1/app");
  EXPECT_EQ(config.models, "schema/models.yaml");
  EXPECT_EQ(config.script_location, "db/migrations");
  EXPECT_EQ(config.version_table, "schema_version");
  EXPECT_TRUE(config.transaction_per_migration);
  EXPECT_EQ(config.version_tables(),
            (std::vector<std::string>{"schema_version", "schema_version_log"}));
  EXPECT_EQ(config.models_path(), dir / "schema/models.yaml");
  EXPECT_EQ(config.script_path(), dir / "db/migrations");
}

TEST(LoadConfig, AbsolutePathsStayAbsolute) {
  TempDir dir;
  write_file(dir / "retort.yaml", "models: /srv/models.yaml\nscript_location: /srv/migrations\n");
  Config config = load_config(dir / "retort.yaml", no_env());
  EXPECT_EQ(config.models_path(), "/srv/models.yaml");
  EXPECT_EQ(config.script_path(), "/srv/migrations");
}

TEST(LoadConfig, RelativeConfigPathGivesAbsoluteRoot) {
  TempDir dir;
  write_file(dir / "sub/retort.yaml", "models: m.yaml\n");
  fs::path previous = fs::current_path();
  fs::current_path(dir.path());
  Config config = load_config("sub/retort.yaml", no_env());
  fs::current_path(previous);
  EXPECT_EQ(config.root, dir / "sub");
  EXPECT_EQ(config.models_path(), dir / "sub/m.yaml");
}

TEST(LoadConfig, ExpandsEnvironmentVariables) {
  TempDir dir;
  write_file(dir / "retort.yaml",
             "database_url: ${DATABASE_URL:-sqlite:///dev.db}\n"
             "version_table: ${TABLE:-retort_version}\n"
             "transaction_per_migration: ${TPM:-false}\n");
  Config defaults = load_config(dir / "retort.yaml", no_env());
  EXPECT_EQ(defaults.database_url, "sqlite:///dev.db");
  EXPECT_FALSE(defaults.transaction_per_migration);
  Config set = load_config(dir / "retort.yaml", env_with("DATABASE_URL", "sqlite://"));
  EXPECT_EQ(set.database_url, "sqlite://");
  Config tpm = load_config(dir / "retort.yaml", env_with("TPM", "true"));
  EXPECT_TRUE(tpm.transaction_per_migration);
}

TEST(LoadConfig, UnsetVariableNamesKeyAndPosition) {
  TempDir dir;
  std::string message = load_error(dir, "models: m.yaml\ndatabase_url: ${DB_URL}\n");
  EXPECT_EQ(message, (dir / "retort.yaml").string() +
                         ":2:15: database_url: environment variable \"DB_URL\" is not set "
                         "(write ${DB_URL:-default} to give a default)");
}

TEST(LoadConfig, UnknownKeySuggestsTheNearestAndNamesLineAndColumn) {
  TempDir dir;
  std::string message = load_error(dir, "models: m.yaml\n  # indented comment\ndatabse_url: x\n");
  EXPECT_EQ(message, (dir / "retort.yaml").string() +
                         ":3:1: unknown key \"databse_url\"; did you mean \"database_url\"?");
}

TEST(LoadConfig, UnknownKeyWithoutNearMatchListsTheKnownKeys) {
  TempDir dir;
  std::string message = load_error(dir, "color: blue\n");
  EXPECT_NE(message.find(
                ":1:1: unknown key \"color\" (known keys: database_url, models, "
                "script_location, version_table, transaction_per_migration, file_template, seeds, "
                "schemas, include, exclude)"),
            std::string::npos)
      << message;
}

// yaml-cpp alone reads `models: "abc` as the path "abc " (the quote closed at the end).
TEST(LoadConfig, AQuoteOpenAtTheEndIsAnError) {
  TempDir dir;
  EXPECT_NE(load_error(dir, "database_url: sqlite://\nmodels: \"abc\n")
                .find("retort.yaml:2:9: yaml: unterminated quoted string"),
            std::string::npos);
  EXPECT_NE(load_error(dir, "database_url: 'unterminated\n")
                .find("retort.yaml:1:15: yaml: unterminated quoted string"),
            std::string::npos);
}

TEST(LoadConfig, WrongTypesAreErrors) {
  TempDir dir;
  EXPECT_NE(load_error(dir, "database_url: [a, b]\n")
                .find(":1:15: database_url: expected a string, found a list"),
            std::string::npos);
  EXPECT_NE(
      load_error(dir, "models:\n  a: 1\n").find(":2:3: models: expected a string, found a mapping"),
      std::string::npos);
  EXPECT_NE(
      load_error(dir, "version_table:\n").find("version_table: expected a string, found nothing"),
      std::string::npos);
  EXPECT_NE(load_error(dir, "version_table: ''\n").find(":1:16: version_table: must not be empty"),
            std::string::npos);
  EXPECT_NE(load_error(dir, "transaction_per_migration: maybe\n")
                .find(":1:28: transaction_per_migration: expected true or false, found \"maybe\""),
            std::string::npos);
  EXPECT_NE(load_error(dir, "include:\n  a: 1\n")
                .find(":2:3: include: expected a list of strings, found a mapping"),
            std::string::npos);
  EXPECT_NE(load_error(dir, "exclude: [a, '']\n").find(":1:14: exclude: must not be empty"),
            std::string::npos);
}

TEST(LoadConfig, DocumentMustBeAMapping) {
  TempDir dir;
  EXPECT_NE(load_error(dir, "- database_url: x\n").find(":1:1: expected a mapping of settings"),
            std::string::npos);
}

TEST(LoadConfig, DuplicateKeyIsAnError) {
  TempDir dir;
  EXPECT_NE(load_error(dir, "models: a\nmodels: b\n").find(":2:1: duplicate key \"models\""),
            std::string::npos);
}

TEST(LoadConfig, MalformedYamlNamesThePosition) {
  TempDir dir;
  std::string message = load_error(dir, "models: [a, b\n");
  EXPECT_EQ(message.rfind((dir / "retort.yaml").string() + ":", 0), 0u) << message;
  EXPECT_NE(message.find(": yaml: "), std::string::npos) << message;
}

TEST(LoadConfig, MissingFileIsAnInputErrorNamingIt) {
  TempDir dir;
  try {
    load_config(dir / "nope.yaml", no_env());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              (dir / "nope.yaml").string() + ": cannot read config: no such file");
  }
}

TEST(FindConfig, FindsTheFileInTheStartDirectory) {
  TempDir dir;
  write_file(dir / "retort.yaml", "");
  EXPECT_EQ(find_config(dir.path()), dir / "retort.yaml");
}

TEST(FindConfig, WalksUpToTheNearest) {
  TempDir dir;
  write_file(dir / "retort.yaml", "");
  write_file(dir / "a/retort.yaml", "");
  fs::create_directories(dir / "a/b/c");
  EXPECT_EQ(find_config(dir / "a/b/c"), dir / "a/retort.yaml");
  EXPECT_EQ(find_config(dir / "a/b/c/"), dir / "a/retort.yaml");
  fs::create_directories(dir / "d");
  EXPECT_EQ(find_config(dir / "d"), dir / "retort.yaml");
}

TEST(FindConfig, IgnoresADirectoryNamedLikeTheConfig) {
  TempDir dir;
  write_file(dir / "retort.yaml", "");
  fs::create_directories(dir / "a/retort.yaml");
  EXPECT_EQ(find_config(dir / "a"), dir / "retort.yaml");
}

TEST(FindConfig, NothingFoundGivesNullopt) {
  TempDir dir;
  fs::create_directories(dir / "x");
  // The temp directory's parents hold no retort.yaml on a sane machine.
  ASSERT_FALSE(find_config(fs::temp_directory_path()).has_value());
  EXPECT_EQ(find_config(dir / "x"), std::nullopt);
}

}  // namespace
}  // namespace retort
