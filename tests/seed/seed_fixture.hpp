// Shared by the seed tests: a database of either dialect with a schema created from a models
// document, and queries that check every constraint of the model holds.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "engine/sql_builder.hpp"
#include "retort/ddl.hpp"
#include "retort/engine.hpp"
#include "retort/models_file.hpp"
#include "retort/seed.hpp"
#include "support/test_support.hpp"

namespace retort::testing {

// A scratch database: a SQLite file in a TempDir, or a fresh PostgreSQL database.
class SeedDatabase {
 public:
  explicit SeedDatabase(const std::string& dialect) {
    if (dialect == "postgresql") {
      pg_ = std::make_unique<PgTestDatabase>(*pg_server_url());
      url_ = pg_->url().to_string();
    } else {
      url_ = "sqlite:///" + (dir_ / "seed.db").string();
    }
    engine_ = std::make_unique<Engine>(Url::parse(url_));
    conn_ = std::make_unique<Connection>(engine_->connect());
  }
  Connection& conn() { return *conn_; }
  const std::string& url() const { return url_; }

  // Creates the models document's schema and returns the model.
  MetaData create(const std::string& models_yaml) {
    MetaData md = parse_models(models_yaml);
    create_all(*conn_, md);
    return md;
  }

  std::int64_t count(const std::string& sql) { return conn_->query(sql).cell(0, 0).integer(); }

 private:
  TempDir dir_;
  std::unique_ptr<PgTestDatabase> pg_;
  std::string url_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Connection> conn_;
};

// A test run once per dialect (instantiated with "sqlite" and "postgresql"): db_ is a fresh
// database of the dialect; PostgreSQL tests need the test server.
class SeedDialectTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      RETORT_REQUIRE_PG();
    }
    db_ = std::make_unique<SeedDatabase>(GetParam());
  }
  std::unique_ptr<SeedDatabase> db_;
};

inline std::string qualified(const Table& t) {
  return t.schema.empty() ? quote_identifier(t.name)
                          : quote_identifier(t.schema) + "." + quote_identifier(t.name);
}

// Every foreign key, unique set, NOT NULL column and CHECK of `md` holds, and every table
// has rows; on SQLite PRAGMA foreign_key_check is empty as well.
inline void expect_constraints_hold(SeedDatabase& db, const MetaData& md) {
  for (const Table& t : md.tables) {
    const std::string name = qualified(t);
    EXPECT_GT(db.count("SELECT count(*) FROM " + name), 0) << t.name << " has no rows";
    for (const Column& c : t.columns) {
      if (c.nullable) continue;
      EXPECT_EQ(db.count("SELECT count(*) FROM " + name + " WHERE " + quote_identifier(c.name) +
                         " IS NULL"),
                0)
          << t.name << "." << c.name << " NULL";
    }
    std::vector<std::vector<std::string>> uniques;
    if (t.primary_key) uniques.push_back(t.primary_key->columns);
    for (const UniqueConstraint& u : t.unique_constraints) uniques.push_back(u.columns);
    for (const auto& cols : uniques) {
      std::string list, not_null;  // rows with a NULL in the set never collide
      for (const auto& c : cols) {
        list += (list.empty() ? "" : ", ") + quote_identifier(c);
        not_null += (not_null.empty() ? " WHERE " : " AND ") + quote_identifier(c) + " IS NOT NULL";
      }
      EXPECT_EQ(db.count("SELECT count(*) FROM (SELECT " + list + " FROM " + name + not_null +
                         " GROUP BY " + list + " HAVING count(*) > 1) AS dup"),
                0)
          << t.name << " duplicates in (" << list << ")";
    }
    for (const CheckConstraint& ck : t.check_constraints) {
      EXPECT_EQ(db.count("SELECT count(*) FROM " + name + " WHERE NOT (" + ck.expression + ")"), 0)
          << t.name << " breaks " << ck.expression;
    }
    for (const ForeignKey& fk : t.foreign_keys) {
      const Table* parent = md.find_table(fk.ref_table, fk.ref_schema);
      std::string join, not_null;
      for (std::size_t i = 0; i < fk.columns.size(); ++i) {
        join += std::string(i ? " AND " : "") + "p." + quote_identifier(fk.ref_columns[i]) +
                " = c." + quote_identifier(fk.columns[i]);
        not_null += " AND c." + quote_identifier(fk.columns[i]) + " IS NOT NULL";
      }
      EXPECT_EQ(db.count("SELECT count(*) FROM " + name + " c WHERE 1 = 1" + not_null +
                         " AND NOT EXISTS (SELECT 1 FROM " + qualified(*parent) + " p WHERE " +
                         join + ")"),
                0)
          << t.name << " has dangling references to " << fk.ref_table;
    }
  }
  if (db.conn().dialect().kind() == DialectKind::kSqlite) {
    EXPECT_TRUE(db.conn().query("PRAGMA foreign_key_check").empty());
  }
}

}  // namespace retort::testing
