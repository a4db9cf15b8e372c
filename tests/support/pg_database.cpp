#include "support/test_support.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>

#include "engine/sql_builder.hpp"
#include "retort/engine.hpp"

namespace retort::testing {

std::optional<Url> pg_server_url() {
  const char* text = std::getenv("RETORT_TEST_PG_URL");
  if (!text || !*text) return std::nullopt;
  return Url::parse(text);
}

bool pg_required() {
  const char* text = std::getenv("RETORT_REQUIRE_PG");
  return text && *text && std::string(text) != "0";
}

namespace {
std::string unique_database_name() {
  static std::atomic<int> counter{0};
  static const unsigned salt = std::random_device{}();
  return "retort_t_" + std::to_string(getpid()) + "_" + std::to_string(salt % 100000) + "_" +
         std::to_string(counter++);
}
}  // namespace

PgTestDatabase::PgTestDatabase(const Url& server) : server_(server), name_(unique_database_name()) {
  Engine engine(server_);
  Connection conn = engine.connect();
  conn.execute("CREATE DATABASE " + quote_identifier(name_));
  url_ = server_;
  url_.database = name_;
}

PgTestDatabase::~PgTestDatabase() {
  try {
    Engine engine(server_);
    Connection conn = engine.connect();
    conn.execute("DROP DATABASE IF EXISTS " + quote_identifier(name_) + " WITH (FORCE)");
  } catch (const std::exception& e) {
    ADD_FAILURE() << "dropping test database " << name_ << ": " << e.what();
  }
}

}  // namespace retort::testing
