// Helpers shared by the test binaries.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "retort/url.hpp"

namespace retort::testing {

// A fresh directory under the system temp dir, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Writes `text` to `path`, creating parent directories.
void write_file(const std::filesystem::path& path, const std::string& text);
std::string read_file(const std::filesystem::path& path);

// The server URL from RETORT_TEST_PG_URL, if set.
std::optional<Url> pg_server_url();
// True when RETORT_REQUIRE_PG is set: PostgreSQL tests must fail rather than skip.
bool pg_required();

// A database created on the test server for one test and dropped afterwards.
class PgTestDatabase {
 public:
  explicit PgTestDatabase(const Url& server);
  ~PgTestDatabase();
  PgTestDatabase(const PgTestDatabase&) = delete;
  PgTestDatabase& operator=(const PgTestDatabase&) = delete;
  const Url& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  Url server_;
  Url url_;
  std::string name_;
};

// Use at the top of a PostgreSQL test: skips when no server is configured, or fails when
// RETORT_REQUIRE_PG says the server must be there.
#define RETORT_REQUIRE_PG()                                                            \
  do {                                                                                 \
    if (!::retort::testing::pg_server_url()) {                                         \
      if (::retort::testing::pg_required()) FAIL() << "RETORT_TEST_PG_URL is not set"; \
      GTEST_SKIP() << "RETORT_TEST_PG_URL is not set";                                 \
    }                                                                                  \
  } while (0)

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv[0] (searched in PATH) with stdin from /dev/null in `cwd`, with `env` added to
// (or, with an empty value, removed from) the environment.
RunResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                      const std::map<std::string, std::string>& env = {});

// A child process started by spawn_process; its stdout and stderr go to temporary files.
// wait() reaps it; the destructor kills (SIGKILL) and reaps a child not waited for.
class ChildProcess {
 public:
  ChildProcess(pid_t pid, std::unique_ptr<TempDir> io) : pid_(pid), io_(std::move(io)) {}
  ChildProcess(ChildProcess&& other) noexcept
      : pid_(std::exchange(other.pid_, -1)), io_(std::move(other.io_)) {}
  ChildProcess& operator=(ChildProcess&&) = delete;
  ~ChildProcess();
  pid_t pid() const { return pid_; }
  // Waits for the child; exit_code is its status, or 128 + the signal that ended it.
  RunResult wait();

 private:
  pid_t pid_;
  std::unique_ptr<TempDir> io_;
};

struct SpawnOptions {
  // Added to (or, with an empty value, removed from) the environment.
  std::map<std::string, std::string> env;
  // Runs in the child after fork, just before exec (set limits, drop privileges): it must
  // only make async-signal-safe calls. May be empty.
  std::function<void()> in_child;
};

// Starts argv[0] (searched in PATH) in `cwd` with stdin from /dev/null, without waiting.
ChildProcess spawn_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                           const SpawnOptions& options);

// Runs the built retort binary with `args` in `cwd`, with stdin from /dev/null and `env`
// added to (or, with an empty value, removed from) the environment.
RunResult run_retort(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                     const std::map<std::string, std::string>& env = {});

}  // namespace retort::testing
