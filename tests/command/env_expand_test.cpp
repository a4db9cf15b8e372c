// expand_env: ${VAR} and ${VAR:-default} in retort.yaml values.
#include <gtest/gtest.h>

#include <map>

#include "retort/config.hpp"
#include "retort/error.hpp"

namespace retort {
namespace {

EnvLookup fake_env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string error_of(std::string_view text, const EnvLookup& env) {
  try {
    expand_env(text, env);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ExpandEnv, TextWithoutReferencesIsUnchanged) {
  EXPECT_EQ(expand_env("sqlite:///dev.db", fake_env({})), "sqlite:///dev.db");
  EXPECT_EQ(expand_env("", fake_env({})), "");
}

TEST(ExpandEnv, SetVariableIsSubstituted) {
  auto env = fake_env({{"DATABASE_URL", "postgresql://app@db/app"}, {"HOST", "h"}});
  EXPECT_EQ(expand_env("${DATABASE_URL}", env), "postgresql://app@db/app");
  EXPECT_EQ(expand_env("pg://${HOST}:5432/${HOST}", env), "pg://h:5432/h");
  EXPECT_EQ(expand_env("${DATABASE_URL:-sqlite:///dev.db}", env), "postgresql://app@db/app");
}

TEST(ExpandEnv, UnsetVariableWithDefaultUsesTheDefault) {
  EXPECT_EQ(expand_env("${DATABASE_URL:-sqlite:///dev.db}", fake_env({})), "sqlite:///dev.db");
  EXPECT_EQ(expand_env("a${X:-}b", fake_env({})), "ab");
}

TEST(ExpandEnv, EmptyVariableWithDefaultUsesTheDefault) {
  EXPECT_EQ(expand_env("${DATABASE_URL:-sqlite://}", fake_env({{"DATABASE_URL", ""}})),
            "sqlite://");
}

TEST(ExpandEnv, EmptyVariableWithoutDefaultIsEmpty) {
  EXPECT_EQ(expand_env("[${EMPTY}]", fake_env({{"EMPTY", ""}})), "[]");
}

TEST(ExpandEnv, DefaultMayHoldReferences) {
  auto env = fake_env({{"HOST", "db"}});
  EXPECT_EQ(expand_env("${URL:-postgresql://${HOST}/app}", env), "postgresql://db/app");
  EXPECT_EQ(expand_env("${URL:-${OTHER:-x}}", env), "x");
}

TEST(ExpandEnv, UnsetVariableWithoutDefaultIsAnError) {
  std::string message = error_of("url: ${DATABASE_URL}", fake_env({}));
  EXPECT_NE(message.find("environment variable \"DATABASE_URL\" is not set"), std::string::npos)
      << message;
}

TEST(ExpandEnv, DoubleDollarIsALiteralDollar) {
  EXPECT_EQ(expand_env("pa$$word", fake_env({})), "pa$word");
  EXPECT_EQ(expand_env("$${HOME}", fake_env({{"HOME", "/root"}})), "${HOME}");
  EXPECT_EQ(expand_env("$$$$", fake_env({})), "$$");
}

TEST(ExpandEnv, LoneDollarIsKeptAsWritten) {
  EXPECT_EQ(expand_env("p$ss$", fake_env({})), "p$ss$");
  EXPECT_EQ(expand_env("$HOME", fake_env({{"HOME", "/root"}})), "$HOME");
}

TEST(ExpandEnv, MalformedReferencesAreErrors) {
  auto env = fake_env({{"A", "a"}});
  EXPECT_NE(error_of("x${A", env).find("missing \"}\""), std::string::npos);
  EXPECT_NE(error_of("${", env).find("missing \"}\""), std::string::npos);
  EXPECT_NE(error_of("${}", env).find("expected a variable name"), std::string::npos);
  EXPECT_NE(error_of("${1A}", env).find("expected a variable name"), std::string::npos);
  EXPECT_NE(error_of("${A-x}", env).find("expected \"}\" or \":-default}\""), std::string::npos);
  EXPECT_NE(error_of("${A B}", env).find("malformed variable reference \"${A B}\""),
            std::string::npos);
}

TEST(ExpandEnv, ProcessEnvReadsTheEnvironment) {
  setenv("RETORT_TEST_EXPAND", "value", 1);
  EXPECT_EQ(expand_env("${RETORT_TEST_EXPAND}", process_env()), "value");
  unsetenv("RETORT_TEST_EXPAND");
  EXPECT_EQ(process_env()("RETORT_TEST_EXPAND"), std::nullopt);
}

}  // namespace
}  // namespace retort
