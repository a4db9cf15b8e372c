// Helpers shared by the libFuzzer targets in tests/fuzz/ (built with the `fuzz` preset, run by
// scripts/fuzz). A target calls the code under test through expect_typed_errors(): retort
// reports every failure with a retort::Error, so any other exception escaping is a bug and
// aborts, which libFuzzer reports as a crash with the input that caused it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <typeinfo>

#include "retort/error.hpp"

namespace retort::fuzz {

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

// Aborts with `what` unless `condition` holds.
inline void check(bool condition, const std::string& what) {
  if (!condition) fail(what);
}

// Runs `body`; returns true when it completed, false when it threw a retort::Error (the
// expected way to reject bad input). Any other exception aborts, naming its type.
template <typename Body>
bool expect_typed_errors(Body&& body) {
  try {
    body();
    return true;
  } catch (const retort::Error&) {
    return false;
  } catch (const std::exception& e) {
    fail(std::string("untyped exception ") + typeid(e).name() + ": " + e.what());
  } catch (...) {
    fail("an exception that is not a std::exception");
  }
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace retort::fuzz
