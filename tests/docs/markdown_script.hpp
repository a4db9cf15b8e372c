// The examples of a Markdown document, read as a script a test can replay.
//
// A document shows a user session; the test runs it in a fresh directory and checks it.
//
//   <!-- file: models/schema.yaml -->
//   ```yaml
//   tables: ...
//   ```
// writes the fenced block that follows the marker to that path (relative to the session's
// directory), creating parent directories, before the next commands run.
//
//   ```console
//   $ retort upgrade
//   upgrade: ... -> 3f2a9c1b7d4e (create artist and track)
//   ```
// runs each `$ ` line through /bin/sh in the session's directory (a trailing backslash joins
// the next line) and compares the lines shown after it with what the command printed on
// stdout and stderr together (see lines_match).
//
//   <!-- expect-exit: 1 -->     the next command must exit with 1 (default: 0)
//   <!-- doc-test: skip -->     the next fenced block is not run (e.g. apt-get install)
//   <!-- doc-test: only sqlite -->   the next fenced block or setup runs only in the replay
//                                    on that database (`only postgresql`: e.g. a psql session)
//
//   <!-- doc-test: setup
//   retort init >/dev/null
//   sqlite3 app.db 'CREATE TABLE artist (id INTEGER PRIMARY KEY)'
//   -->
// is hidden shell (the comment's lines between the opening line and a closing line that is
// exactly `-->`) run silently in the session's directory to prepare the state the next
// examples assume: it must exit 0, and what it prints is not compared. Like CommonMark, the
// comment ends at the first line containing `-->`, so that line must be `-->` alone. What the
// reader sees stays what really runs: setup only prepares, it never stands in for a command.
//
//   <!-- doc-test: fresh -->    the steps after it run in a new, empty session directory (and,
//                               in the replay on PostgreSQL, a new, empty database): for a
//                               reference whose sections each assume their own project
#pragma once

#include <string>
#include <vector>

namespace retort::testing {

struct ScriptStep {
  enum class Kind { kWriteFile, kRun, kSetup, kFresh };
  Kind kind = Kind::kRun;
  int line = 0;  // the line of the document where the step starts (1-based)
  // kWriteFile
  std::string path;
  std::string content;
  // kRun and kSetup (the whole hidden script)
  std::string command;
  std::vector<std::string> expected;  // the output lines the document shows
  int expected_exit = 0;
  std::string only;  // empty: every replay; else the one database it belongs to ("sqlite")
};

// The steps of `markdown`, in document order. Throws std::runtime_error naming the line for a
// marker without a fenced block after it, an unterminated fence or setup comment, a setup
// comment closed on a line holding more than `-->`, or an unknown doc-test marker.
std::vector<ScriptStep> parse_markdown_script(const std::string& markdown);

// Whether the printed `actual` lines are what the document shows as `expected`:
//   - trailing spaces are ignored; lines are compared one by one, in order;
//   - "..." inside an expected line matches any text (durations, dates, paths);
//   - an expected line that is exactly "..." matches any number of lines;
//   - revision ids (12 lower-case hex characters with a digit and a letter) match any id.
// On a mismatch, `why` says which line differs.
bool lines_match(const std::vector<std::string>& expected, const std::vector<std::string>& actual,
                 std::string* why);

}  // namespace retort::testing
