// The --format json contract of the reporting commands (docs/cli.md, "JSON output"), shared by
// json_contract_test.cpp and json_contract_schema_test.cpp: the real binary on a SQLite file
// and on PostgreSQL, stdout parsed, and each object's key set compared exactly with the
// documented one, key by key with its JSON type. A renamed, removed or added key fails, so
// changing a shape means changing docs/cli.md with it.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "support/project_database.hpp"
#include "support/test_support.hpp"

namespace retort::json_contract {
using nlohmann::json;
using testing::write_file;

// The JSON types docs/cli.md names.
enum class J {
  kString,
  kInt,
  kNumber,
  kBool,
  kArray,    // of objects, checked separately
  kStrings,  // array of strings
  kObject,
  kStringOrNull,
  kObjectOrNull,
  kStringIfPresent,  // the one optional key: seed's "warning"
};
using Shape = std::vector<std::pair<std::string, J>>;

inline bool has_type(const json& value, J type) {
  switch (type) {
    case J::kString:
    case J::kStringIfPresent:
      return value.is_string();
    case J::kInt:
      return value.is_number_integer();
    case J::kNumber:
      return value.is_number();
    case J::kBool:
      return value.is_boolean();
    case J::kArray:
      return value.is_array();
    case J::kStrings:
      if (!value.is_array()) return false;
      for (const json& item : value)
        if (!item.is_string()) return false;
      return true;
    case J::kObject:
      return value.is_object();
    case J::kStringOrNull:
      return value.is_string() || value.is_null();
    case J::kObjectOrNull:
      return value.is_object() || value.is_null();
  }
  return false;
}

// `value` is an object with exactly the keys of `shape` (optional ones aside), each of its type.
inline void expect_shape(const json& value, const Shape& shape, const std::string& what) {
  ASSERT_TRUE(value.is_object()) << what << ": " << value.dump();
  std::set<std::string> expected;
  for (const auto& [key, type] : shape) {
    if (!value.contains(key)) {
      if (type != J::kStringIfPresent) ADD_FAILURE() << what << ": no key \"" << key << "\"";
      continue;
    }
    expected.insert(key);
    EXPECT_TRUE(has_type(value[key], type))
        << what << ": key \"" << key << "\" has the wrong type: " << value[key].dump();
  }
  std::set<std::string> actual;
  for (const auto& item : value.items()) actual.insert(item.key());
  EXPECT_EQ(actual, expected) << what << ": undocumented keys in " << value.dump();
}

// `array` is an array whose every item has `shape`.
inline void expect_items(const json& array, const Shape& shape, const std::string& what) {
  ASSERT_TRUE(array.is_array()) << what << ": " << array.dump();
  for (const json& item : array) expect_shape(item, shape, what + " item");
}

inline Shape plus(Shape base, const Shape& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

inline std::vector<std::string> ids(const json& entries, const char* key = "id") {
  std::vector<std::string> out;
  for (const json& entry : entries) out.push_back(entry.at(key).get<std::string>());
  return out;
}

// ENTRY of docs/cli.md (under "current"): current, heads, history, branches and show.
inline const Shape kEntry = {{"id", J::kString},           {"down_revisions", J::kStrings},
                             {"depends_on", J::kStrings},  {"branch_labels", J::kStrings},
                             {"message", J::kString},      {"created", J::kString},
                             {"path", J::kString},         {"is_head", J::kBool},
                             {"is_base", J::kBool},        {"is_branch_point", J::kBool},
                             {"is_merge_point", J::kBool}, {"is_current", J::kBool}};

// a1 creates artist and album (a foreign key, an index, a unique and a check to reflect); b1
// and c1 branch from it, both non-transactional (lint's RT010), c1 ignoring RT010.
inline const char* const kA1 =
    "revision: a1\ndown_revision: null\nmessage: artist and album\n"
    "created: \"2026-11-22T10:00:00Z\"\nupgrade:\n"
    "  - create_table: {name: artist, columns: {id: {type: integer, primary_key: true},\n"
    "      name: {type: varchar(30), nullable: false, unique: true}}}\n"
    "  - create_table:\n"
    "      name: album\n"
    "      columns:\n"
    "        id: {type: integer, primary_key: true}\n"
    "        artist_id: {type: integer, nullable: false, references: artist.id, index: true}\n"
    "        title: {type: text, nullable: false, default: untitled}\n"
    "      unique: [{name: uq_album_title, columns: [artist_id, title]}]\n"
    "      checks: [{name: ck_album_title, sql: \"length(title) > 0\"}]\n"
    "downgrade:\n  - drop_table: {name: album}\n  - drop_table: {name: artist}\n";
inline const char* const kB1 =
    "revision: b1\ndown_revision: a1\nmessage: genre\ncreated: \"2026-11-22T11:00:00Z\"\n"
    "transactional: false\nupgrade:\n"
    "  - create_table: {name: genre, columns: {id: {type: integer, primary_key: true}}}\n"
    "downgrade:\n  - drop_table: {name: genre}\n";
inline const char* const kC1 =
    "revision: c1\ndown_revision: a1\nmessage: tag\ncreated: \"2026-11-22T12:00:00Z\"\n"
    "transactional: false\nlint: {ignore: [{rule: RT010, reason: one statement}]}\nupgrade:\n"
    "  - create_table: {name: tag, columns: {id: {type: integer, primary_key: true}}}\n"
    "downgrade:\n  - drop_table: {name: tag}\n";
// The revisions' tables plus "label", which no revision creates: one difference for check.
inline const char* const kModels =
    "tables:\n"
    "  artist:\n    columns:\n      id: {type: integer, primary_key: true}\n"
    "      name: {type: varchar(30), nullable: false, unique: true}\n"
    "  album:\n    columns:\n      id: {type: integer, primary_key: true}\n"
    "      artist_id: {type: integer, nullable: false, references: artist.id, index: true}\n"
    "      title: {type: text, nullable: false, default: untitled}\n"
    "    unique: [{name: uq_album_title, columns: [artist_id, title]}]\n"
    "    checks: [{name: ck_album_title, sql: \"length(title) > 0\"}]\n"
    "  genre:\n    columns:\n      id: {type: integer, primary_key: true}\n"
    "  tag:\n    columns:\n      id: {type: integer, primary_key: true}\n"
    "  label:\n    columns:\n      id: {type: integer, primary_key: true}\n";

class JsonContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") RETORT_REQUIRE_PG();
    db_ = std::make_unique<testing::ProjectDatabase>(GetParam(), dir_.path());
    write_file(dir_ / "retort.yaml", "database_url: " + db_->url() + "\n");
    write_file(dir_ / "models/schema.yaml", kModels);
    write_file(dir_ / "migrations/versions/a1.yaml", kA1);
    write_file(dir_ / "migrations/versions/b1.yaml", kB1);
    write_file(dir_ / "migrations/versions/c1.yaml", kC1);
    std::filesystem::create_directories(dir_ / "tmp");  // verify's scratch file goes there
  }
  // Runs `retort --format json ARGS...`, expects `exit_code` and parses stdout.
  json run_json(const std::vector<std::string>& args, int exit_code = 0) {
    std::vector<std::string> argv = {"--format", "json"};
    argv.insert(argv.end(), args.begin(), args.end());
    const testing::RunResult r =
        testing::run_retort(argv, dir_.path(), {{"TMPDIR", (dir_ / "tmp").string()}});
    EXPECT_EQ(r.exit_code, exit_code) << r.err << r.out;
    try {
      return json::parse(r.out);
    } catch (const json::parse_error& e) {
      ADD_FAILURE() << "stdout is not JSON (" << e.what() << "): " << r.out << r.err;
      return nullptr;
    }
  }
  void upgrade(const std::string& target) {
    const auto r = testing::run_retort({"upgrade", target}, dir_.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // The url key: the database's URL, with the password (PostgreSQL's) replaced by ***.
  void expect_redacted_url(const json& url) {
    ASSERT_TRUE(url.is_string());
    if (db_->is_postgres()) {
      EXPECT_NE(url.get<std::string>().find(":***@"), std::string::npos) << url;
    } else {
      EXPECT_EQ(url, db_->url());
    }
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::ProjectDatabase> db_;
};

}  // namespace retort::json_contract
