#include "retort/command.hpp"

namespace retort {

// RETORT_VERSION comes from project(VERSION) in the top-level CMakeLists.txt.
const char* version() { return RETORT_VERSION; }

}  // namespace retort
