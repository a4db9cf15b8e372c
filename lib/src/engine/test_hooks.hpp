// Test-only fault injection for the engine (docs/testing.md, "Fault injection").
#pragma once

namespace retort::detail {

// Called by the engine just before it sends each statement to a database (BEGIN, COMMIT and
// SAVEPOINT included). When the environment variable RETORT_TEST_KILL_AFTER_STATEMENTS holds
// a positive number N, the process raises SIGKILL on itself just before its Nth statement, so
// tests can kill a real run at a chosen point. The variable is read once; unset (the normal
// case) this costs one branch per statement.
void before_statement_test_hook();

}  // namespace retort::detail
