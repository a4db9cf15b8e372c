// Operations: the dialect-neutral steps of a revision (create_table, add_column, ...), their
// reverses, their YAML form and their compilation to SQL per dialect (docs/operations.md).
//
// Each operation is a plain value struct with operator==, and `Operation` is a std::variant
// of them. A variant rather than a class hierarchy because operations are data: they are
// compared in tests, copied into revisions, written to YAML and read back; every function
// over them (reverse, apply, compile, emit) visits the variant, so adding an operation kind
// fails to compile until each of them handles it.
//
// Conventions:
// - A table is named by schema (may be empty: the dialect's default) and name.
// - Operations that destroy something carry its full definition, so that their reverse can
//   recreate it. When a revision file gives only the name (`drop_table: {name: t}`),
//   `complete` is false: the operation still applies, but its reverse is unknown.
// - Comments use "" for "no comment"; defaults use std::nullopt for "no default".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "retort/dialect.hpp"
#include "retort/schema.hpp"

namespace retort {

class Connection;

// A before/after pair. Without `from` the change applies but cannot be reversed.
template <typename T>
struct Change {
  std::optional<T> from;
  T to{};
  friend bool operator==(const Change&, const Change&) = default;
};

struct TableRef {
  std::string schema;
  std::string name;
  friend bool operator==(const TableRef&, const TableRef&) = default;
};

// SQL given by the user: `sql` for every dialect, or per dialect name ("sqlite",
// "postgresql") in `per_dialect`, which wins where present.
struct SqlText {
  std::string sql;
  std::map<std::string, std::string> per_dialect;
  friend bool operator==(const SqlText&, const SqlText&) = default;
};

// One row of bulk_insert/bulk_delete: column name and value (nullopt is SQL NULL), in the
// order written. Values are text and are rendered as literals of the column's type.
using DataRow = std::vector<std::pair<std::string, std::optional<std::string>>>;

namespace ops {

struct CreateTable {
  Table table;  // with its constraints and indexes
  friend bool operator==(const CreateTable&, const CreateTable&) = default;
};
struct DropTable {
  Table table;
  bool complete = true;  // false: only schema and name are known
  friend bool operator==(const DropTable&, const DropTable&) = default;
};
struct RenameTable {
  TableRef table;
  std::string new_name;
  friend bool operator==(const RenameTable&, const RenameTable&) = default;
};
struct AddColumn {
  TableRef table;
  Column column;
  friend bool operator==(const AddColumn&, const AddColumn&) = default;
};
struct DropColumn {
  TableRef table;
  Column column;
  bool complete = true;  // false: only the column's name is known
  friend bool operator==(const DropColumn&, const DropColumn&) = default;
};
struct AlterColumn {
  TableRef table;
  std::string column;
  std::optional<Change<Type>> type;
  std::string using_sql;          // PostgreSQL: USING expression of the type change
  std::string reverse_using_sql;  // the USING expression of the reverse type change
  std::optional<Change<bool>> nullable;
  std::optional<Change<std::optional<DefaultValue>>> server_default;
  std::optional<Change<std::string>> comment;
  std::optional<Change<bool>> autoincrement;
  std::optional<Change<Identity>> identity;
  friend bool operator==(const AlterColumn&, const AlterColumn&) = default;
};
struct RenameColumn {
  TableRef table;
  std::string column;
  std::string new_name;
  friend bool operator==(const RenameColumn&, const RenameColumn&) = default;
};
struct CreateIndex {
  TableRef table;
  Index index;
  friend bool operator==(const CreateIndex&, const CreateIndex&) = default;
};
struct DropIndex {
  TableRef table;
  Index index;
  bool complete = true;  // false: only the index name is known
  friend bool operator==(const DropIndex&, const DropIndex&) = default;
};
struct CreateUniqueConstraint {
  TableRef table;
  UniqueConstraint constraint;
  friend bool operator==(const CreateUniqueConstraint&, const CreateUniqueConstraint&) = default;
};
struct CreateForeignKey {
  TableRef table;
  ForeignKey constraint;
  friend bool operator==(const CreateForeignKey&, const CreateForeignKey&) = default;
};
struct CreateCheckConstraint {
  TableRef table;
  CheckConstraint constraint;
  friend bool operator==(const CreateCheckConstraint&, const CreateCheckConstraint&) = default;
};
using Constraint = std::variant<UniqueConstraint, ForeignKey, CheckConstraint>;
// Drops a unique, foreign-key or check constraint. With `constraint` (whose name equals
// `name`) the reverse recreates it; an unnamed constraint is found by its definition.
struct DropConstraint {
  TableRef table;
  std::string name;
  std::optional<Constraint> constraint;
  friend bool operator==(const DropConstraint&, const DropConstraint&) = default;
};
struct CreatePrimaryKey {
  TableRef table;
  PrimaryKey key;
  friend bool operator==(const CreatePrimaryKey&, const CreatePrimaryKey&) = default;
};
struct DropPrimaryKey {
  TableRef table;
  PrimaryKey key;
  bool complete = true;  // false: the key's columns are unknown
  friend bool operator==(const DropPrimaryKey&, const DropPrimaryKey&) = default;
};
struct SetTableComment {
  TableRef table;
  Change<std::string> comment;
  friend bool operator==(const SetTableComment&, const SetTableComment&) = default;
};
struct SetColumnComment {
  TableRef table;
  std::string column;
  Change<std::string> comment;
  friend bool operator==(const SetColumnComment&, const SetColumnComment&) = default;
};
struct CreateEnum {
  EnumType type;
  friend bool operator==(const CreateEnum&, const CreateEnum&) = default;
};
struct DropEnum {
  EnumType type;
  bool complete = true;  // false: the values are unknown
  friend bool operator==(const DropEnum&, const DropEnum&) = default;
};
// Adds `value` before or after an existing value (at most one of them), else at the end.
struct AddEnumValue {
  std::string schema;
  std::string name;
  std::string value;
  std::string before;
  std::string after;
  friend bool operator==(const AddEnumValue&, const AddEnumValue&) = default;
};
// Removes `value`; `before`/`after` record where it stood, for the reverse. PostgreSQL has
// no ALTER TYPE ... DROP VALUE: the type is recreated and its columns converted.
struct RemoveEnumValue {
  std::string schema;
  std::string name;
  std::string value;
  std::string before;
  std::string after;
  friend bool operator==(const RemoveEnumValue&, const RemoveEnumValue&) = default;
};
struct RenameEnum {
  std::string schema;
  std::string name;
  std::string new_name;
  friend bool operator==(const RenameEnum&, const RenameEnum&) = default;
};
struct CreateSchema {
  std::string name;
  friend bool operator==(const CreateSchema&, const CreateSchema&) = default;
};
struct DropSchema {
  std::string name;
  friend bool operator==(const DropSchema&, const DropSchema&) = default;
};
// Raw SQL (one or more statements). Without `reverse` it is irreversible.
struct Execute {
  SqlText sql;
  std::optional<SqlText> reverse;
  friend bool operator==(const Execute&, const Execute&) = default;
};
// Inserts rows. The reverse deletes the same rows by `key` (columns every row gives and
// that identify it, usually the primary key); without a key it is irreversible.
struct BulkInsert {
  TableRef table;
  std::vector<std::string> key;
  std::vector<DataRow> rows;
  friend bool operator==(const BulkInsert&, const BulkInsert&) = default;
};
// Deletes rows matching each row's `key` columns; the rows' other values are kept for the
// reverse (a bulk_insert of the same rows).
struct BulkDelete {
  TableRef table;
  std::vector<std::string> key;
  std::vector<DataRow> rows;
  friend bool operator==(const BulkDelete&, const BulkDelete&) = default;
};

}  // namespace ops

using Operation =
    std::variant<ops::CreateTable, ops::DropTable, ops::RenameTable, ops::AddColumn,
                 ops::DropColumn, ops::AlterColumn, ops::RenameColumn, ops::CreateIndex,
                 ops::DropIndex, ops::CreateUniqueConstraint, ops::CreateForeignKey,
                 ops::CreateCheckConstraint, ops::DropConstraint, ops::CreatePrimaryKey,
                 ops::DropPrimaryKey, ops::SetTableComment, ops::SetColumnComment, ops::CreateEnum,
                 ops::DropEnum, ops::AddEnumValue, ops::RemoveEnumValue, ops::RenameEnum,
                 ops::CreateSchema, ops::DropSchema, ops::Execute, ops::BulkInsert,
                 ops::BulkDelete>;

// The YAML key of an operation: "create_table", "add_column", ...
std::string_view op_name(const Operation& op);
// Every op name, in the order of the variant.
const std::vector<std::string_view>& op_names();
// A plain one-line description for messages: `add column "track"."rating"`.
std::string describe(const Operation& op);

// The inverse of an operation, or the reason there is none.
struct Reversal {
  std::optional<Operation> op;
  std::string reason;  // why the operation is irreversible; empty when `op` is set
};
Reversal reverse(const Operation& op);
// The operations that undo `ops`: the reversed list of their reverses. Throws UsageError
// naming the first irreversible operation (its 1-based position and description).
std::vector<Operation> reverse(const std::vector<Operation>& ops);
// True when every operation of `ops` has a reverse.
bool is_reversible(const std::vector<Operation>& ops);

// Applies `op` to a schema model in memory, as the database would: e.g. dropping a column
// also drops the indexes and constraints that use it, renaming a table updates the foreign
// keys that reference it. Throws InputError naming the operation when it does not fit the
// model (a missing table, a column that exists already, ...). Execute, bulk_insert and
// bulk_delete leave the model unchanged.
// (Not named apply_operation(): argument-dependent lookup on std::variant would find std::apply.)
void apply_operation(MetaData& metadata, const Operation& op);
void apply_operations(MetaData& metadata, const std::vector<Operation>& ops);

// One compiled SQL statement and what the runtime must do with it.
struct SqlStep {
  enum class Kind {
    kExecute,         // run it
    kExpectNoRows,    // run it; any row it returns fails the revision (foreign_key_check)
    kSaveTriggers,    // a query returning CREATE TRIGGER texts to run again at kRestoreTriggers
    kRestoreTriggers  // run the texts saved by the preceding kSaveTriggers (sql is empty)
  };
  Kind kind = Kind::kExecute;
  std::string sql;      // without a trailing ';'
  std::string comment;  // why the step exists (table rebuilds), for logs and offline SQL
  std::string table;    // the table a kExpectNoRows or trigger step is about, for messages
  friend bool operator==(const SqlStep&, const SqlStep&) = default;
};

// The SQL that performs `op` on a database whose schema is `current` (the state before the
// operation: rebuilds and enum changes need it). Throws InputError when `op` does not fit
// `current`, UsageError when the dialect cannot express the operation.
std::vector<SqlStep> compile_steps(const Operation& op, const Dialect& dialect,
                                   const MetaData& current);
// The statements of compile_steps, for display and for tests; the runtime should use the
// steps, which say which statements must return no rows.
std::vector<std::string> compile(const Operation& op, const Dialect& dialect,
                                 const MetaData& current);
// Compiles a list, tracking the schema through it with apply_operation(); `current` ends as the
// state after the last operation.
std::vector<SqlStep> compile_steps(const std::vector<Operation>& ops, const Dialect& dialect,
                                   MetaData& current);
// True when some step of `steps` rebuilds a table on a dialect whose foreign keys must be
// off for it (SQLite: PRAGMA foreign_keys = OFF, which only takes effect outside a
// transaction; otherwise dropping the old table fires ON DELETE actions in child tables).
bool needs_foreign_keys_off(const std::vector<SqlStep>& steps);

// Runs `steps` on `conn` in order (the caller owns the transaction). A kExpectNoRows step
// that returns rows throws DatabaseError naming the table, e.g. `sqlite: rebuilding table
// "track": foreign key violations: 1 rows (first: table='track', rowid=2, parent='artist',
// fkid=0)`. A rebuild while foreign keys are enforced throws UsageError before changing
// anything: the caller turns enforcement off first (Dialect::foreign_keys_enforcement_sql,
// outside the transaction) when needs_foreign_keys_off(steps), and back on afterwards.
void run_steps(Connection& conn, const std::vector<SqlStep>& steps);
// run_steps() in a transaction of its own, with foreign-key enforcement turned off before it
// and back on after it (also on failure) when needs_foreign_keys_off(steps). `conn` must not
// be inside a transaction.
void run_steps_in_transaction(Connection& conn, const std::vector<SqlStep>& steps);

// Splits SQL text into statements at top-level ';', respecting quotes, comments,
// PostgreSQL dollar quoting and CREATE TRIGGER ... BEGIN ... END bodies. Statements are
// trimmed; empty ones are dropped.
std::vector<std::string> split_sql(std::string_view sql);

// The YAML form (docs/operations.md): a sequence of single-key mappings,
// `- create_index: {table: track, name: ix_track_title, columns: [title]}`. Errors are
// InputError at filename:line:column; `line_offset` is added to every line, for text cut
// out of a larger file.
std::vector<Operation> parse_operations(std::string_view yaml_text,
                                        std::string_view filename = "<operations>",
                                        int line_offset = 0);
// The operations under the top-level `key` of a YAML document (a revision file's
// `upgrade` or `downgrade`); none when the key is absent or null.
std::vector<Operation> parse_operations_at(std::string_view document_text, std::string_view key,
                                           std::string_view filename);
// Renders `ops` as a YAML block sequence whose lines are indented by `indent` spaces;
// parse_operations(emit_operations(ops)) == ops.
std::string emit_operations(const std::vector<Operation>& ops, int indent = 0);

}  // namespace retort
