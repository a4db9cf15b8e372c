// Transactions and savepoints on both backends.
#include "engine/connection_fixture.hpp"
#include "retort/error.hpp"

namespace retort::testing {
namespace {

class TransactionTest : public ConnectionFixture {
 protected:
  void SetUp() override {
    ConnectionFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    conn().execute("CREATE TABLE t (a INTEGER)");
  }
  void insert(int a) { conn().query("INSERT INTO t (a) VALUES (" + p(1) + ")", {a}); }
  std::vector<std::int64_t> values() {
    std::vector<std::int64_t> out;
    for (Row row : conn().query("SELECT a FROM t ORDER BY a")) out.push_back(row.integer(0));
    return out;
  }
};

using Values = std::vector<std::int64_t>;

TEST_P(TransactionTest, RollsBackOnDestruction) {
  {
    Transaction tx(conn());
    insert(1);
    EXPECT_EQ(conn().transaction_depth(), 1);
  }
  EXPECT_EQ(conn().transaction_depth(), 0);
  EXPECT_EQ(values(), Values{});
}

TEST_P(TransactionTest, CommitKeepsWork) {
  Transaction tx(conn());
  insert(1);
  tx.commit();
  EXPECT_FALSE(tx.active());
  EXPECT_EQ(conn().transaction_depth(), 0);
  EXPECT_EQ(values(), Values{1});
}

TEST_P(TransactionTest, ExplicitRollback) {
  Transaction tx(conn());
  insert(1);
  tx.rollback();
  EXPECT_EQ(values(), Values{});
}

TEST_P(TransactionTest, InnerRollbackKeepsOuterWork) {
  Transaction outer(conn());
  insert(1);
  {
    Transaction inner(conn());
    EXPECT_EQ(conn().transaction_depth(), 2);
    insert(2);
    inner.rollback();
  }
  {
    Transaction abandoned(conn());
    insert(3);
  }
  insert(4);
  outer.commit();
  EXPECT_EQ(values(), (Values{1, 4}));
}

TEST_P(TransactionTest, OuterRollbackDiscardsReleasedInnerWork) {
  {
    Transaction outer(conn());
    insert(1);
    Transaction inner(conn());
    insert(2);
    inner.commit();
    outer.rollback();
  }
  EXPECT_EQ(values(), Values{});
}

TEST_P(TransactionTest, SavepointStatementsAreEchoed) {
  log().clear();
  Transaction outer(conn());
  {
    Transaction first(conn());
    first.commit();
  }
  { Transaction second(conn()); }
  outer.commit();
  EXPECT_EQ(log().at(LogLevel::kInfo),
            (std::vector<std::string>{"BEGIN", "SAVEPOINT \"sp_1\"", "RELEASE SAVEPOINT \"sp_1\"",
                                      "SAVEPOINT \"sp_2\"", "ROLLBACK TO SAVEPOINT \"sp_2\"",
                                      "RELEASE SAVEPOINT \"sp_2\"", "COMMIT"}));
}

TEST_P(TransactionTest, SavepointRecoversFromAFailedStatement) {
  Transaction outer(conn());
  insert(1);
  {
    Transaction inner(conn());
    EXPECT_THROW(conn().query("INSERT INTO missing (a) VALUES (1)"), DatabaseError);
    inner.rollback();
  }
  insert(2);
  outer.commit();
  EXPECT_EQ(values(), (Values{1, 2}));
}

TEST_P(TransactionTest, EndingTwiceIsAUsageError) {
  Transaction tx(conn());
  tx.commit();
  EXPECT_THROW(tx.commit(), UsageError);
  EXPECT_THROW(tx.rollback(), UsageError);
  Transaction other(conn());
  other.rollback();
  EXPECT_THROW(other.rollback(), UsageError);
}

TEST_P(TransactionTest, OuterCannotEndBeforeInner) {
  Transaction outer(conn());
  Transaction inner(conn());
  EXPECT_THROW(outer.commit(), UsageError);
  EXPECT_TRUE(outer.active());
  inner.commit();
  insert(5);
  outer.commit();
  EXPECT_EQ(values(), Values{5});
}

TEST_P(TransactionTest, FailedCommitLeavesNoTransactionOpen) {
  conn().execute("DROP TABLE t");
  conn().execute(
      "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
      "CREATE TABLE child (pid INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)");
  {
    Transaction tx(conn());
    conn().query("INSERT INTO child (pid) VALUES (99)");  // checked at COMMIT
    EXPECT_THROW(tx.commit(), DatabaseError);
    EXPECT_FALSE(tx.active());
  }
  EXPECT_EQ(conn().transaction_depth(), 0);
  EXPECT_EQ(count_rows("child"), 0);
  // A new transaction can begin: the failed one is not left open.
  Transaction again(conn());
  again.commit();
}

TEST_P(TransactionTest, DestructorLogsAFailedRollbackInsteadOfThrowing) {
  Transaction outer(conn());
  {
    Transaction inner(conn());
    conn().execute("RELEASE SAVEPOINT \"sp_1\"");
  }  // ROLLBACK TO fails: the savepoint is gone
  EXPECT_EQ(log().count(LogLevel::kWarning, "rolling back an abandoned transaction failed: "), 1u);
  EXPECT_EQ(conn().transaction_depth(), 1);
  outer.rollback();
  EXPECT_EQ(conn().transaction_depth(), 0);
}

RETORT_INSTANTIATE_BACKENDS(TransactionTest);

}  // namespace
}  // namespace retort::testing
