// Running the diff engine against real databases: the two databases of a convergence case
// (SQLite files or PostgreSQL databases), loading a side from a models document or SQL,
// applying operations as the runtime does, and comparing reflected schemas.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "reflect/round_trip_support.hpp"
#include "retort/ddl.hpp"
#include "retort/diff.hpp"
#include "retort/engine.hpp"
#include "retort/inspect.hpp"
#include "retort/models_file.hpp"
#include "retort/ops.hpp"
#include "support/test_support.hpp"

namespace retort::testing {

// One database of a case; `fresh()` makes it empty again.
class TestDb {
 public:
  virtual ~TestDb() = default;
  virtual Connection& conn() = 0;
  virtual void fresh(const std::vector<std::string>& schemas) = 0;
};

class SqliteTestDb : public TestDb {
 public:
  Connection& conn() override { return *conn_; }
  void fresh(const std::vector<std::string>&) override {
    conn_.reset();
    engine_.reset();
    std::filesystem::remove(dir_ / "diff.db");
    engine_ = std::make_unique<Engine>(Url::parse("sqlite:///" + (dir_ / "diff.db").string()));
    conn_ = std::make_unique<Connection>(engine_->connect());
  }

 private:
  TempDir dir_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Connection> conn_;
};

class PgTestDb : public TestDb {
 public:
  PgTestDb()
      : db_(std::make_unique<PgTestDatabase>(*pg_server_url())),
        engine_(std::make_unique<Engine>(db_->url())),
        conn_(std::make_unique<Connection>(engine_->connect())) {}
  Connection& conn() override { return *conn_; }
  void fresh(const std::vector<std::string>& schemas) override {
    std::string reset = "DROP SCHEMA public CASCADE; CREATE SCHEMA public;";
    for (const std::string& schema : schemas) {
      if (schema != "public") reset += "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE;";
    }
    conn_->execute(reset);
  }

 private:
  std::unique_ptr<PgTestDatabase> db_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Connection> conn_;
};

// Every row of `sql` as "v1|v2|..." (NULL for nulls).
inline std::vector<std::string> rows_of(Connection& conn, std::string_view sql) {
  std::vector<std::string> out;
  if (sql.empty()) return out;
  const Result result = conn.query(sql);
  for (const Row row : result) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += (i ? "|" : "") + (row.is_null(i) ? std::string("NULL") : row.text(i));
    }
    out.push_back(line);
  }
  return out;
}

// A side of a case: SQL when it starts with "sql:", else a models document.
inline void load_side(Connection& conn, const std::string& text) {
  if (text.rfind("sql:", 0) == 0) {
    conn.execute(text.substr(4));
  } else if (!text.empty()) {
    create_all(conn, parse_models(text));
  }
}

// Compiles `ops` against `state` and runs them in one transaction, with foreign-key
// enforcement off around it when they rebuild a table (as the runtime does).
inline void apply_ops(Connection& conn, const std::vector<Operation>& ops, MetaData state) {
  run_steps_in_transaction(conn, compile_steps(ops, conn.dialect(), state));
}

inline std::string describe_all(const std::vector<Operation>& ops) {
  std::string out;
  for (const Operation& op : ops) out += "  " + describe(op) + "\n";
  return out;
}

}  // namespace retort::testing
