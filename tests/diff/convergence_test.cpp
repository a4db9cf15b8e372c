// The convergence suite (issue 4): for each case, load `current` into database A and
// `desired` into database B; diff A -> B; apply to A; A and B then reflect equal and a second
// diff is empty; apply the reverse: A reflects as it was. The probe's rows survive both ways
// unless the case is destructive. The SQL text is never asserted.
#include <gtest/gtest.h>

#include "convergence_cases.hpp"
#include "diff_db_support.hpp"

namespace retort::testing {
namespace {

const std::vector<std::string> kSchemas = {"public", "audit"};

InspectOptions inspect_options(const Dialect& dialect) {
  InspectOptions options;
  if (dialect.has_schemas()) options.schemas = kSchemas;
  return options;
}

CompareOptions compare_options(const ConvergenceCase& c) {
  CompareOptions options;
  for (const std::string& hint : c.rename_tables) {
    options.table_renames.push_back(parse_rename_hint(hint, true));
  }
  for (const std::string& hint : c.rename_columns) {
    options.column_renames.push_back(parse_rename_hint(hint, false));
  }
  return options;
}

// Runs one case; failures are reported through gtest with the case's label in scope. Sets
// `empty` when the diff had no operations (the database cannot hold the difference).
void run_case(const ConvergenceCase& c, TestDb& a, TestDb& b, bool& empty) {
  a.fresh(kSchemas);
  b.fresh(kSchemas);
  Connection& ca = a.conn();
  Connection& cb = b.conn();
  const Dialect& dialect = ca.dialect();
  const InspectOptions inspect = inspect_options(dialect);
  ASSERT_NO_THROW(load_side(ca, c.current));
  ASSERT_NO_THROW(load_side(cb, c.desired));
  if (!c.rows.empty()) ca.execute(c.rows);
  const std::vector<std::string> rows_before = rows_of(ca, c.probe);

  const MetaData original = reflect(ca, inspect);
  const MetaData desired = reflect(cb, inspect);
  const CompareOptions options = compare_options(c);
  const std::vector<Operation> up = compare(original, desired, dialect, options);
  if (up.empty()) {
    // Only where the database cannot hold the difference (comments on SQLite).
    EXPECT_EQ(first_difference(original, desired), "");
    empty = true;
    return;
  }
  SCOPED_TRACE("upgrade:\n" + describe_all(up));
  ASSERT_NO_THROW(apply_ops(ca, up, original));
  const MetaData upgraded = reflect(ca, inspect);
  EXPECT_EQ(first_difference(desired, upgraded), "");
  EXPECT_EQ(describe_all(compare(upgraded, desired, dialect)), "");
  if (!c.destructive) {
    EXPECT_EQ(rows_of(ca, c.probe), rows_before);
  }

  std::vector<Operation> down;
  ASSERT_NO_THROW(down = reverse(up));
  ASSERT_NO_THROW(apply_ops(ca, down, upgraded));
  EXPECT_EQ(first_difference(original, reflect(ca, inspect)), "");
  if (!c.destructive) {
    EXPECT_EQ(rows_of(ca, c.probe), rows_before);
  }
}

int run_all(TestDb& a, TestDb& b, Only skip) {
  int count = 0;
  int without_difference = 0;
  for (const ConvergenceCase& c : convergence_cases()) {
    if (c.only == skip) continue;
    SCOPED_TRACE("case: " + c.label);
    bool empty = false;
    run_case(c, a, b, empty);
    ++count;
    without_difference += empty ? 1 : 0;
  }
  // Only comment cases may find nothing (SQLite has no comments).
  EXPECT_LE(without_difference, 3);
  return count;
}

TEST(Convergence, Sqlite) {
  SqliteTestDb a, b;
  const int count = run_all(a, b, Only::kPostgres);
  EXPECT_GE(count, 40);
  std::cout << "[          ] convergence cases on SQLite: " << count << "\n";
}

TEST(Convergence, Postgres) {
  RETORT_REQUIRE_PG();
  PgTestDb a, b;
  const int count = run_all(a, b, Only::kSqlite);
  EXPECT_GE(count, 40);
  std::cout << "[          ] convergence cases on PostgreSQL: " << count << "\n";
}

}  // namespace
}  // namespace retort::testing
