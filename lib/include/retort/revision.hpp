// Revision files: one YAML file per revision under `<script_location>/versions/` (grammar:
// docs/revisions.md). This header is the file side of the script layer; the graph built from
// the loaded revisions, with no I/O, is in revision_graph.hpp.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace retort {

// One revision, as its file declares it. A plain value: cheap to build inline in tests.
struct Revision {
  std::string id;
  // The revisions this one follows: empty for a root, one for a plain step, several for a
  // merge. Exact ids.
  std::vector<std::string> down_revisions;
  // Branch labels declared by this file (the graph also propagates them; see
  // RevisionGraph::branch_labels).
  std::vector<std::string> branch_labels;
  // Revisions that must be applied before this one without being its ancestors in the
  // version line (Alembic's depends_on). In a file: ids, unique id prefixes or branch labels;
  // in a RevisionGraph they are resolved to full ids.
  std::vector<std::string> depends_on;
  std::string message;
  // ISO-8601 text, kept as written.
  std::string created;
  // False for a revision that must run outside any transaction (CREATE INDEX CONCURRENTLY).
  bool transactional = true;
  // The file the revision came from; empty for a revision built in memory.
  std::filesystem::path path;
  // Lower-case hex SHA-256 of the file's bytes; empty when not computed.
  std::string checksum;
  // The file's whole text, so that later layers can parse `upgrade:` and `downgrade:`.
  std::string source;

  bool operator==(const Revision&) const = default;
};

// Parses the header of a revision file: `revision` (required), `down_revision` (null, a
// string or a list), `branch_labels` and `depends_on` (a string or a list), `message`,
// `created`, `transactional` (true or false). `upgrade`, `downgrade`, `skip_lint` and `lint`
// (read by lint.hpp) are accepted and left in `source` uninterpreted; any other top-level key
// is an InputError with its file:line:column and a "did you mean". `filename` names the file in errors only: the
// result's `path` stays empty. Sets `source` to `text` and `checksum` to its SHA-256.
Revision parse_revision(std::string_view text, std::string_view filename = "<revision>");

// Reads and parses one revision file (one read()). Sets `path`. Throws InputError when the
// file cannot be read or is invalid.
Revision load_revision(const std::filesystem::path& path);

// Lower-case hex SHA-256 (FIPS 180-4) of `bytes`.
std::string sha256_hex(std::string_view bytes);

struct LoadRevisionsOptions {
  // Compute Revision::checksum for every file. Commands that only read the graph (heads,
  // history) may turn it off; the runtime needs it to detect edited files. Default: true.
  bool checksums = true;
};

// Loads every `*.yaml` file directly in `versions_dir` (not in subdirectories; names starting
// with '.' are ignored), in file-name order. Throws InputError when the directory is
// missing, a file is invalid, or two files declare the same revision id (naming both).
std::vector<Revision> load_revisions(const std::filesystem::path& versions_dir,
                                     const LoadRevisionsOptions& options = {});

}  // namespace retort
