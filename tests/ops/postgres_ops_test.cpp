// Operations against a real PostgreSQL database: every sample kind and its reverse with rows
// present, and the ALTER forms that convert data.
#include <memory>

#include <gtest/gtest.h>

#include "db_apply_support.hpp"
#include "retort/error.hpp"
#include "support/test_support.hpp"

namespace retort::testing {
namespace {

class PgDb {
 public:
  PgDb()
      : db_(std::make_unique<PgTestDatabase>(*pg_server_url())),
        engine_(std::make_unique<Engine>(db_->url())),
        conn_(std::make_unique<Connection>(engine_->connect())) {}
  Connection& conn() { return *conn_; }

 private:
  std::unique_ptr<PgTestDatabase> db_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Connection> conn_;
};

TEST(PostgresOps, EverySampleAndItsReverseKeepRows) {
  RETORT_REQUIRE_PG();
  check_every_sample([] { return PgDb(); });
}

TEST(PostgresOps, UnnamedConstraintsFollowRenamesAndDrops) {
  RETORT_REQUIRE_PG();
  check_unnamed_constraints_follow_renames([] { return PgDb(); });
}

TEST(PostgresOps, SchemasAreCreatedAndDropped) {
  RETORT_REQUIRE_PG();
  PgDb db;
  Connection& conn = db.conn();
  const std::string query = "SELECT count(*) FROM pg_namespace WHERE nspname = 'au dit'";
  run_operation(conn, ops::CreateSchema{"au dit"}, {});
  EXPECT_EQ(query_rows(conn, query), std::vector<std::string>{"1"});
  run_operation(conn, ops::DropSchema{"au dit"}, {});
  EXPECT_EQ(query_rows(conn, query), std::vector<std::string>{"0"});
}

TEST(PostgresOps, TypeChangeUsesUsingAndConvertsValues) {
  RETORT_REQUIRE_PG();
  PgDb db;
  Connection& conn = db.conn();
  create_sample(conn);
  conn.execute(
      "UPDATE track SET title = '42' WHERE id = 1; UPDATE track SET title = '7' WHERE id = 2");
  ops::AlterColumn to_int;
  to_int.table = {"", "track"};
  to_int.column = "title";
  to_int.type = Change<Type>{Type::parse("text"), Type::parse("integer")};
  run_operation(conn, to_int, sample_model());
  EXPECT_EQ(query_rows(conn, "SELECT title + 1 FROM track ORDER BY id"),
            (std::vector<std::string>{"43", "8"}));
  MetaData state = sample_model();
  apply_operation(state, to_int);
  run_operation(conn, *reverse(Operation(to_int)).op, state);
  EXPECT_EQ(query_rows(conn, "SELECT title || 'x' FROM track ORDER BY id"),
            (std::vector<std::string>{"42x", "7x"}));
}

TEST(PostgresOps, FailedOperationLeavesNothing) {
  RETORT_REQUIRE_PG();
  PgDb db;
  Connection& conn = db.conn();
  create_sample(conn);
  conn.execute("UPDATE track SET producer_id = 99 WHERE id = 2");
  const std::string before = reflected(conn);
  const Operation add_fk = ops::CreateForeignKey{
      {"", "track"}, {"fk_track_producer", {"producer_id"}, "", "artist", {"id"}}};
  try {
    run_operation(conn, add_fk, sample_model());
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), "23503") << e.what();
  }
  EXPECT_EQ(reflected(conn), before);
}

// The type swap that removes an enum value cannot convert the old type's literals in a CHECK
// or an index predicate ('a'::st): such objects are dropped and made again around it.
TEST(PostgresOps, RemovingAnEnumValueKeepsTheChecksAndIndexesThatUseTheColumn) {
  RETORT_REQUIRE_PG();
  PgDb db;
  Connection& conn = db.conn();
  MetaData state = parse_models(R"yaml(
enums:
  st: [a, b, c]
tables:
  t:
    columns:
      id: {type: integer, primary_key: true}
      s: {type: enum(st), nullable: false, default: a}
      n: integer
    checks:
      - {name: ck_s, sql: "s <> 'c'::st"}
      - {sql: "n > 0"}
    indexes:
      - {name: ix_s, columns: [id], where: "s = 'a'::st"}
      - {name: ix_s_lt, elements: [{expression: "s < 'c'::st"}]}
      - {name: ix_n, columns: [n], where: "n > 1"}
)yaml");
  create_all(conn, state);
  conn.execute("INSERT INTO t (id, s, n) VALUES (1, 'a', 1), (2, 'b', 2)");
  const Operation remove = ops::RemoveEnumValue{"", "st", "b", "a", ""};
  // The values left must not use the removed one.
  conn.execute("DELETE FROM t WHERE s = 'b'");
  ASSERT_NO_THROW(run_operation(conn, remove, state));
  apply_operation(state, remove);
  EXPECT_EQ(reflected(conn), expected(state, conn.dialect()));
  EXPECT_EQ(query_rows(conn, "SELECT id FROM t WHERE s = 'a'"), std::vector<std::string>{"1"});
  const Operation back = *reverse(remove).op;
  ASSERT_NO_THROW(run_operation(conn, back, state));
  apply_operation(state, back);
  EXPECT_EQ(reflected(conn), expected(state, conn.dialect()));
}

TEST(PostgresOps, IdentityAndSerialChanges) {
  RETORT_REQUIRE_PG();
  PgDb db;
  Connection& conn = db.conn();
  create_sample(conn);
  ops::AlterColumn serial;
  serial.table = {"", "tag"};
  serial.column = "name";
  serial.type = Change<Type>{Type::parse("text"), Type::parse("integer")};
  serial.using_sql = "length(name)";
  serial.reverse_using_sql = "name::text";
  serial.autoincrement = Change<bool>{false, true};
  run_operation(conn, serial, sample_model());
  conn.execute("INSERT INTO tag DEFAULT VALUES");
  EXPECT_EQ(query_rows(conn, "SELECT name FROM tag ORDER BY name"),
            (std::vector<std::string>{"1", "2"}));
  MetaData state = sample_model();
  apply_operation(state, serial);
  EXPECT_EQ(reflected(conn), expected(state, conn.dialect()));
  run_operation(conn, *reverse(Operation(serial)).op, state);
  EXPECT_EQ(reflected(conn), expected(sample_model(), conn.dialect()));

  ops::AlterColumn identity;
  identity.table = {"", "track"};
  identity.column = "producer_id";
  identity.identity = Change<Identity>{Identity::kNone, Identity::kByDefault};
  identity.nullable = Change<bool>{true, false};
  conn.execute("UPDATE track SET producer_id = id");
  run_operation(conn, identity, sample_model());
  state = sample_model();
  apply_operation(state, identity);
  EXPECT_EQ(reflected(conn), expected(state, conn.dialect()));
  run_operation(conn, *reverse(Operation(identity)).op, state);
  EXPECT_EQ(reflected(conn), expected(sample_model(), conn.dialect()));
}

}  // namespace
}  // namespace retort::testing
