// ProjectContext: resolving the config and the effective database URL.
#include <gtest/gtest.h>

#include "retort/command.hpp"
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

TEST(ProjectContext, FindsTheConfigFromTheWorkingDirectory) {
  TempDir dir;
  write_file(dir / "retort.yaml", "database_url: ${DATABASE_URL:-sqlite:///found.db}\n");
  fs::create_directories(dir / "src/deep");
  ProjectOptions options;
  options.working_directory = dir / "src/deep";
  ProjectContext project = ProjectContext::load(options, no_env());
  EXPECT_TRUE(project.config_found);
  EXPECT_EQ(project.config.file, dir / "retort.yaml");
  EXPECT_EQ(project.config.root, dir.path());
  EXPECT_EQ(project.database_url, "sqlite:///found.db");
}

TEST(ProjectContext, UrlOptionWinsOverTheConfig) {
  TempDir dir;
  write_file(dir / "retort.yaml", "database_url: sqlite:///config.db\n");
  ProjectOptions options;
  options.working_directory = dir.path();
  options.url = "postgresql://app@127.0.0.1/app";
  ProjectContext project = ProjectContext::load(options, no_env());
  EXPECT_EQ(project.database_url, "postgresql://app@127.0.0.1/app");
  EXPECT_EQ(project.config.database_url, "sqlite:///config.db");
}

TEST(ProjectContext, ExplicitConfigIsUsedInsteadOfTheSearch) {
  TempDir dir;
  write_file(dir / "retort.yaml", "database_url: sqlite:///nearest.db\n");
  write_file(dir / "other/custom.yaml", "database_url: sqlite:///custom.db\n");
  ProjectOptions options;
  options.working_directory = dir.path();
  options.config_file = "other/custom.yaml";  // relative to the working directory
  ProjectContext project = ProjectContext::load(options, no_env());
  EXPECT_EQ(project.database_url, "sqlite:///custom.db");
  EXPECT_EQ(project.config.root, dir / "other");
}

TEST(ProjectContext, MissingExplicitConfigIsAUsageError) {
  TempDir dir;
  ProjectOptions options;
  options.working_directory = dir.path();
  options.config_file = "missing.yaml";
  try {
    ProjectContext::load(options, no_env());
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()), "config file \"missing.yaml\" does not exist");
  }
}

TEST(ProjectContext, NoConfigFoundIsAUsageErrorWhenRequired) {
  TempDir dir;
  ProjectOptions options;
  options.working_directory = dir.path();
  try {
    ProjectContext::load(options, no_env());
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("no retort.yaml in \"" + dir.path().string()),
              std::string::npos)
        << e.what();
  }
}

TEST(ProjectContext, NoConfigGivesDefaultsWhenNotRequired) {
  TempDir dir;
  ProjectOptions options;
  options.working_directory = dir.path();
  options.require_config = false;
  ProjectContext project = ProjectContext::load(options, no_env());
  EXPECT_FALSE(project.config_found);
  EXPECT_EQ(project.database_url, Config().database_url);
  EXPECT_EQ(project.config.root, dir.path());
  EXPECT_EQ(project.config.models_path(), dir / "models/schema.yaml");
}

TEST(ProjectContext, CarriesEchoAndLoggerIntoEngineOptions) {
  TempDir dir;
  ProjectOptions options;
  options.working_directory = dir.path();
  options.require_config = false;
  options.echo = true;
  std::string logged;
  options.logger = [&](LogLevel, std::string_view message) { logged = message; };
  ProjectContext project = ProjectContext::load(options, no_env());
  EXPECT_TRUE(project.engine_options.echo);
  ASSERT_TRUE(project.engine_options.logger);
  project.engine_options.logger(LogLevel::kInfo, "SELECT 1");
  EXPECT_EQ(logged, "SELECT 1");
}

TEST(ProjectContext, MalformedConfigIsAnInputError) {
  TempDir dir;
  write_file(dir / "retort.yaml", "database_url: ${NOPE}\n");
  ProjectOptions options;
  options.working_directory = dir.path();
  EXPECT_THROW(ProjectContext::load(options, no_env()), InputError);
}

}  // namespace
}  // namespace retort
