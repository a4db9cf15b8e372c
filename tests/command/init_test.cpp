// init and list_templates: laying out a project from the compiled-in templates.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "retort/command.hpp"
#include "retort/config.hpp"
#include "retort/error.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
namespace fs = std::filesystem;
using testing::read_file;
using testing::TempDir;

// Every entry under `root`, relative, sorted, directories with a trailing '/'.
std::vector<std::string> tree(const fs::path& root) {
  std::vector<std::string> entries;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    std::string path = fs::relative(entry.path(), root).generic_string();
    entries.push_back(entry.is_directory() ? path + "/" : path);
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

const std::vector<std::string> kGenericTree = {"migrations/",
                                               "migrations/script.yaml.tmpl",
                                               "migrations/versions/",
                                               "models/",
                                               "models/schema.yaml",
                                               "retort.yaml",
                                               "seeds/",
                                               "seeds/seed.yaml"};

TEST(ListTemplates, ListsGenericWithTheFirstLineOfItsReadme) {
  std::vector<TemplateInfo> templates = list_templates();
  ASSERT_FALSE(templates.empty());
  auto generic = std::find_if(templates.begin(), templates.end(),
                              [](const TemplateInfo& t) { return t.name == "generic"; });
  ASSERT_NE(generic, templates.end());
  EXPECT_EQ(generic->description, "Generic single-database configuration.");
  for (const TemplateInfo& t : templates) EXPECT_FALSE(t.description.empty()) << t.name;
  EXPECT_TRUE(std::is_sorted(templates.begin(), templates.end(),
                             [](const auto& a, const auto& b) { return a.name < b.name; }));
}

TEST(Init, CreatesTheGenericTree) {
  TempDir dir;
  InitResult result = init({dir / "project", "generic"});
  EXPECT_EQ(result.directory, dir / "project");
  EXPECT_EQ(result.created, kGenericTree);
  EXPECT_EQ(tree(dir / "project"), kGenericTree);  // no README, no .keep
  EXPECT_TRUE(fs::is_empty(dir / "project/migrations/versions"));
}

TEST(Init, CopiesTheTemplateFilesVerbatim) {
  TempDir dir;
  init({dir / "p", "generic"});
  std::string config = read_file(dir / "p/retort.yaml");
  EXPECT_NE(config.find("database_url: ${DATABASE_URL:-sqlite:///dev.db}\n"), std::string::npos);
  std::string script = read_file(dir / "p/migrations/script.yaml.tmpl");
  EXPECT_NE(script.find("revision: {{revision}}\n"), std::string::npos);
  EXPECT_NE(script.find("down_revision: {{down_revision}}\n"), std::string::npos);
}

TEST(Init, CreatedConfigLoadsWithTheTemplateDefaults) {
  TempDir dir;
  init({dir / "p", "generic"});
  auto no_env = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
  Config config = load_config(dir / "p/retort.yaml", no_env);
  EXPECT_EQ(config.database_url, "sqlite:///dev.db");
  EXPECT_EQ(config.models_path(), dir / "p/models/schema.yaml");
  EXPECT_TRUE(fs::is_regular_file(config.models_path()));
  EXPECT_TRUE(fs::is_directory(config.script_path() / "versions"));
}

TEST(Init, CreatesMissingParents) {
  TempDir dir;
  init({dir / "a/b/c", "generic"});
  EXPECT_EQ(tree(dir / "a/b/c"), kGenericTree);
}

TEST(Init, AcceptsAnExistingEmptyDirectory) {
  TempDir dir;
  fs::create_directories(dir / "empty");
  EXPECT_EQ(init({dir / "empty", "generic"}).created, kGenericTree);
}

TEST(Init, AddsToADirectoryThatHoldsOtherFiles) {
  TempDir dir;
  testing::write_file(dir / "app/notes.txt", "mine");
  fs::create_directories(dir / "app/models");  // an existing directory is reused
  std::vector<std::string> created = init({dir / "app", "generic"}).created;
  std::vector<std::string> expected;
  for (const std::string& path : kGenericTree) {
    if (path != "models/") expected.push_back(path);
  }
  EXPECT_EQ(created, expected);
  EXPECT_EQ(testing::read_file(dir / "app/notes.txt"), "mine");
  EXPECT_TRUE(fs::exists(dir / "app/models/schema.yaml"));
}

TEST(Init, RefusesToOverwriteAFileAndCreatesNothing) {
  TempDir dir;
  testing::write_file(dir / "full/notes.txt", "mine");
  testing::write_file(dir / "full/models/schema.yaml", "tables: {}\n");
  try {
    init({dir / "full", "generic"});
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()),
              "\"" + (dir / "full/models/schema.yaml").string() +
                  "\" already exists; init never overwrites a file (move it away or choose "
                  "another directory)");
  }
  EXPECT_EQ(tree(dir / "full"),
            (std::vector<std::string>{"models/", "models/schema.yaml", "notes.txt"}));
  EXPECT_EQ(testing::read_file(dir / "full/models/schema.yaml"), "tables: {}\n");
}

TEST(Init, RefusesAFile) {
  TempDir dir;
  testing::write_file(dir / "file", "x");
  EXPECT_THROW(init({dir / "file", "generic"}), UsageError);
}

TEST(Init, UnknownTemplateSuggestsTheNearestAndCreatesNothing) {
  TempDir dir;
  try {
    init({dir / "p", "generc"});
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()), "unknown template \"generc\"; did you mean \"generic\"?");
  }
  EXPECT_FALSE(fs::exists(dir / "p"));
}

TEST(Init, UnknownTemplateWithoutNearMatchListsTheTemplates) {
  TempDir dir;
  try {
    init({dir / "p", "zzzzzzzzzz"});
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("(available: generic"), std::string::npos) << e.what();
  }
}

TEST(Init, EveryTemplateInitialises) {
  for (const TemplateInfo& t : list_templates()) {
    TempDir dir;
    InitResult result = init({dir / "p", t.name});
    EXPECT_NE(std::find(result.created.begin(), result.created.end(), "retort.yaml"),
              result.created.end())
        << t.name;
    EXPECT_TRUE(fs::is_directory(dir / "p/migrations/versions")) << t.name;
    EXPECT_FALSE(fs::exists(dir / "p/README")) << t.name;
  }
}

TEST(Init, EveryTemplateYamlFileParses) {
  for (const TemplateInfo& t : list_templates()) {
    TempDir dir;
    for (const std::string& path : init({dir / "p", t.name}).created) {
      if (!path.ends_with(".yaml")) continue;
      EXPECT_NO_THROW(YAML::LoadFile((dir / "p" / path).string())) << t.name << ": " << path;
    }
  }
}

TEST(Init, PostgresqlTemplateDefaultsToAPostgresqlUrl) {
  TempDir dir;
  InitResult result = init({dir / "p", "postgresql"});
  EXPECT_EQ(result.created, kGenericTree);  // the same layout
  auto no_env = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
  Config config = load_config(dir / "p/retort.yaml", no_env);
  EXPECT_EQ(config.database_url, "postgresql://postgres@127.0.0.1:5432/app");
  EXPECT_NE(read_file(dir / "p/models/schema.yaml").find("schema: music"), std::string::npos);
}

TEST(Version, IsTheProjectVersion) { EXPECT_STREQ(version(), "0.1.0"); }

}  // namespace
}  // namespace retort
