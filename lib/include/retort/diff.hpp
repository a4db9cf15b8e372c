// The diff engine (layer 4): compares two schema models and returns the ordered operations
// that turn the first into the second (docs/diff.md).
//
//   retort::MetaData live = retort::reflect(conn);
//   retort::MetaData wanted = retort::load_models("models/schema.yaml");
//   std::vector<retort::Operation> ops = retort::compare(live, wanted, conn.dialect(), {});
//
// `to` is compared in the form the database can hold it (stored_form), so that a model and a
// database holding it give no operations. Every destructive operation carries the full
// definition of what it drops, so reverse(ops) undoes the change.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "retort/dialect.hpp"
#include "retort/ops.hpp"
#include "retort/schema.hpp"

namespace retort {

// A rename hint: `from` in the old schema is `to` in the new one. For a column, `table` names
// the table (its new name, if the table is renamed too; "schema.table" outside the default
// schema).
struct RenameHint {
  std::string table;  // empty for a table rename
  std::string from;
  std::string to;
  friend bool operator==(const RenameHint&, const RenameHint&) = default;
};

struct CompareOptions {
  // Table name globs (* and ?, glob_match): a table is compared when it matches some include
  // pattern (or there is none) and no exclude pattern. Tables left out are ignored on both
  // sides.
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  // Schemas compared ("" or the dialect's default schema name for the default one); empty:
  // every schema either side has.
  std::vector<std::string> schemas;
  // Tables never compared, in any schema: retort's own bookkeeping.
  std::vector<std::string> version_tables = {"retort_version"};
  // `--rename-table OLD=NEW` and `--rename TABLE.OLD=NEW`: a table or column missing on the
  // `to` side whose hinted new name is missing on the `from` side is renamed, not dropped and
  // added. A hint that does not fit (the old name is not in `from`, the new one not in `to`)
  // is a UsageError.
  std::vector<RenameHint> table_renames;
  std::vector<RenameHint> column_renames;
  // Pass `from` through stored_form too: set it when `from` is a model (a models file) rather
  // than a reflected database. `to` always goes through stored_form.
  bool from_is_model = false;
};

// The operations that turn `from` into `to` on a database of `dialect`, in an order the
// database accepts: create schemas, create enums and add their values, renames, drop foreign
// keys, drop indexes, unique and check constraints and primary keys, drop columns, drop tables
// (children first; foreign keys that close a cycle dropped first), create tables (parents
// first; cycle-closing foreign keys added at the end), add and alter columns, create primary
// keys, unique and check constraints and indexes, create foreign keys, remove enum values,
// drop enums, drop schemas. Empty when the models are equal as the database holds them.
// Throws UsageError for a rename hint that does not fit.
std::vector<Operation> compare(const MetaData& from, const MetaData& to, const Dialect& dialect,
                               const CompareOptions& options = {});

// Parses `TABLE.OLD=NEW` (column; TABLE may be "schema.table") or, with `table_hint`,
// `OLD=NEW`. Throws UsageError naming `text` when it is malformed.
RenameHint parse_rename_hint(std::string_view text, bool table_hint);

}  // namespace retort
