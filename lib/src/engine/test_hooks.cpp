// RETORT_TEST_KILL_AFTER_STATEMENTS: see test_hooks.hpp. Not a feature: a hook for the
// robustness tests (tests/robustness), which kill the real binary at every point of a run.
#include "engine/test_hooks.hpp"

#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <string>

namespace retort::detail {
namespace {

// The statement number to die before, or 0 when the hook is off.
long kill_before_statement() {
  const char* text = std::getenv("RETORT_TEST_KILL_AFTER_STATEMENTS");
  if (!text || !*text) return 0;
  char* end = nullptr;
  const long n = std::strtol(text, &end, 10);
  return (*end == '\0' && n > 0) ? n : 0;
}

}  // namespace

void before_statement_test_hook() {
  static const long limit = kill_before_statement();
  if (limit == 0) return;
  static std::atomic<long> count{0};
  if (++count == limit) raise(SIGKILL);
}

}  // namespace retort::detail
