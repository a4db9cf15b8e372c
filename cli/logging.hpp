// Logging set-up: the only place retort configures spdlog. Everything goes to stderr so that
// stdout carries only a command's output (text or JSON).
#pragma once

#include "retort/log.hpp"

namespace retort::cli {

enum class Verbosity { kQuiet, kNormal, kVerbose };

// Creates the stderr logger and returns a LogSink that feeds it. kQuiet shows warnings and
// errors only, kNormal adds info (where --echo writes SQL), kVerbose adds debug.
LogSink setup_logging(Verbosity verbosity);

}  // namespace retort::cli
