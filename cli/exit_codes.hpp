// retort's exit codes, in one place (documented in docs/cli.md; scripts rely on them).
#pragma once

#include "retort/error.hpp"

namespace retort::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitFindings = 1,     // check found a difference, lint found a problem
  kExitUsage = 2,        // bad command line, or malformed / inconsistent input files
  kExitDatabase = 3,     // the database refused a statement or could not be reached
  kExitLockTimeout = 4,  // another retort held the migration lock too long
  kExitInternal = 70,    // a bug in retort (EX_SOFTWARE)
};

constexpr ExitCode exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage:
    case ErrorKind::kInput:
      return kExitUsage;
    case ErrorKind::kDatabase:
      return kExitDatabase;
    case ErrorKind::kLockTimeout:
      return kExitLockTimeout;
    case ErrorKind::kInternal:
      break;
  }
  return kExitInternal;
}

}  // namespace retort::cli
