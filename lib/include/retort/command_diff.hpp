// `retort diff --from A --to B`: the operations that turn schema A into schema B, where each
// side is a database URL or a models file, rendered as SQL, YAML operations or JSON
// (docs/cli.md, "diff"; docs/diff.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "retort/command.hpp"
#include "retort/diff.hpp"
#include "retort/ops.hpp"

namespace retort {

enum class DiffFormat {
  kSql,   // the compiled statements of each operation, each ending ";\n"
  kYaml,  // the operations in the revision-file form (emit_operations)
  kJson,  // an array of {operation, description, reversible, sql, definition}
};

struct DiffCommandOptions {
  // Config (for the version table), echo and logger; a missing config is no error.
  ProjectOptions project;
  // Each a database URL or a models file: a path that exists and ends in .yaml or .yml is a
  // file (relative to project.working_directory when set); anything else is parsed as a URL.
  std::string from;
  std::string to;
  DiffFormat format = DiffFormat::kSql;
  // The dialect to compare and compile for. Required when both sides are files; when a side
  // is a database it must name that database's dialect.
  std::optional<std::string> dialect;
  // Schemas and table globs compared (CompareOptions); renames as `TABLE.OLD=NEW` and
  // `OLD=NEW`.
  std::vector<std::string> schemas;
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  std::vector<std::string> renames;
  std::vector<std::string> rename_tables;
};

struct DiffCommandResult {
  std::string dialect;                // the dialect compared for
  std::vector<Operation> operations;  // empty when the sides are equal
  std::string text;                   // rendered in the requested format
};

// Loads both sides (databases opened read-only), compares them and renders the operations.
// UsageError for a bad option (no dialect, conflicting dialects, a bad rename hint), InputError
// for a malformed models file, DatabaseError when a database cannot be reached or read.
DiffCommandResult diff(const DiffCommandOptions& options);

// The rendering behind DiffFormat; `from` is the schema the operations apply to (SQLite
// rebuilds and enum changes are compiled against it).
std::string render_operations(const std::vector<Operation>& operations, DiffFormat format,
                              const Dialect& dialect, const MetaData& from);

}  // namespace retort
