// Errors: retort reports every failure with a typed exception derived from retort::Error.
// Third-party failures (yaml-cpp, libpq, sqlite3, the filesystem) are translated into these
// types where they arise; the CLI catches retort::Error once, in main, and maps its kind to
// an exit code (docs/cli.md).
#pragma once

#include <stdexcept>
#include <string>

namespace retort {

enum class ErrorKind {
  kUsage,        // bad command line or API use
  kInput,        // a file or value given by the user is malformed or inconsistent
  kDatabase,     // the database refused a statement or could not be reached
  kLockTimeout,  // the migration lock could not be taken in time
  kInternal,     // a bug in retort
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(ErrorKind::kUsage, message) {}
};

// A position in a user's file; line and column are 1-based, 0 when unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  // "file:line:column", "file:line" or "file"; empty when nothing is known.
  std::string to_string() const;
};

// Malformed or inconsistent input. what() is "file:line:column: message" when the location
// is known.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message)
      : Error(ErrorKind::kInput, message), detail_(message) {}
  InputError(SourceLocation location, const std::string& message);
  const SourceLocation& location() const { return location_; }
  // The message without the location prefix.
  const std::string& detail() const { return detail_; }

 private:
  SourceLocation location_;
  std::string detail_;
};

// A failure reported by the database or its client library. `code` is the SQLSTATE for
// PostgreSQL and the extended result code (as decimal text) for SQLite.
class DatabaseError : public Error {
 public:
  DatabaseError(const std::string& message, std::string code = {}, std::string server_message = {})
      : Error(ErrorKind::kDatabase, message),
        code_(std::move(code)),
        server_message_(std::move(server_message)) {}
  const std::string& code() const { return code_; }
  const std::string& server_message() const { return server_message_; }

 private:
  std::string code_;
  std::string server_message_;
};

class LockTimeoutError : public Error {
 public:
  explicit LockTimeoutError(const std::string& message) : Error(ErrorKind::kLockTimeout, message) {}
};

}  // namespace retort
