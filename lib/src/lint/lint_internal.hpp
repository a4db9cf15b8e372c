// Internals of the lint layer: where things are in a revision file (lint_file.cpp) and the
// checks of one revision's operations (rules.cpp, renames.cpp).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "retort/lint.hpp"
#include "retort/ops.hpp"

namespace retort::detail::lint {

// What lint needs from a revision file besides its operations: 1-based lines, and the
// revision's `lint: {ignore: [...]}` entries.
struct RevisionLayout {
  std::vector<Operation> upgrade;              // the `upgrade:` operations
  std::vector<int> upgrade_lines;              // 1-based line of each
  int upgrade_line = 0;                        // of the `upgrade` key; 0 when absent
  int transactional_line = 0;                  // of the `transactional` key
  bool has_downgrade = false;                  // `downgrade:` lists at least one operation
  std::map<std::string, std::string> ignores;  // rule id -> reason
};

// Reads `revision.source` (one YAML parse). Throws InputError at file:line:column for
// malformed operations and, when `read_ignores`, for a malformed `lint:` key: not a mapping
// with `ignore`, an unknown rule id (with a "did you mean"), a missing or empty reason, an
// unknown key.
RevisionLayout read_layout(const Revision& revision, bool read_ignores);

// A finding before it is placed: the index of the upgrade operation it is about (-1: the
// revision as a whole).
struct RawFinding {
  std::string rule;
  int operation = -1;
  std::string message;
};

// "schema.name" or "name": how tables are keyed and shown.
std::string table_key(std::string_view schema, std::string_view name);

// Checks one revision's upgrade operations in order. `state` is the schema before the
// revision (as the earlier revisions' operations build it; best effort when raw SQL made
// tables the model does not know); it ends as the schema after it.
class RevisionChecker {
 public:
  RevisionChecker(const Dialect& dialect, MetaData& state) : dialect_(dialect), state_(state) {}
  void check(const std::vector<Operation>& operations);
  std::vector<RawFinding>& findings() { return findings_; }

 private:
  void check_one(const Operation& op, int index);
  void check_destructive(const Operation& op, int index);
  void check_columns(const Operation& op, int index);
  void check_constraints(const Operation& op, int index);
  void check_rebuild(const Operation& op, int index);
  void remember_for_renames(const Operation& op, int index);
  void check_renames();
  bool existing(std::string_view schema, std::string_view name) const;
  void add(std::string_view rule, int index, std::string message);

  const Dialect& dialect_;
  MetaData& state_;
  std::set<std::string> created_;  // table_key of tables this revision creates
  // Columns (and tables) this revision drops and adds, for the likely-rename check: the
  // table (for a table: its schema), the name, and what must match for a rename: the
  // column's type, or a table's columns as "name type".
  struct Touched {
    std::string table;
    std::string name;
    std::vector<std::string> signature;
    int index = 0;
  };
  std::vector<Touched> dropped_columns_, added_columns_, dropped_tables_, created_tables_;
  std::vector<RawFinding> findings_;
};

// Non-empty when changing a column from `from` to `to` can fail or lose data for values
// that fit `from`: says how ("shorter maximum length", ...).
std::string narrowing(const Type& from, const Type& to);

}  // namespace retort::detail::lint
