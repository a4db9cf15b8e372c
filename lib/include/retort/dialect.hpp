// A Dialect describes one database's SQL: placeholders, capabilities, and the small hooks the
// generic DDL compiler calls where databases differ. Every line that is specific to one
// database lives in lib/src/engine/<dialect>/; code elsewhere asks the Dialect.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "retort/schema.hpp"

namespace retort {

struct Url;

enum class DialectKind { kSqlite, kPostgres };

enum class ConstraintKind { kPrimaryKey, kUnique, kForeignKey, kCheck };

class Dialect {
 public:
  virtual ~Dialect() = default;

  virtual DialectKind kind() const = 0;
  // "sqlite" or "postgresql", as in URLs.
  virtual std::string_view name() const = 0;
  // The bind-parameter placeholder for the 1-based parameter `index` ("?" or "$1").
  virtual std::string placeholder(int index) const = 0;
  // The largest number of bind parameters one statement may carry.
  virtual int max_bind_parameters() const = 0;
  // The schema an empty Table::schema means: "main" (SQLite) or "public" (PostgreSQL).
  virtual std::string_view default_schema() const = 0;

  // Capabilities.
  virtual bool has_schemas() const = 0;               // CREATE SCHEMA, schema-qualified names
  virtual bool has_enum_types() const = 0;            // CREATE TYPE ... AS ENUM
  virtual bool has_comments() const = 0;              // COMMENT ON TABLE/COLUMN
  virtual bool can_alter_add_constraint() const = 0;  // ALTER TABLE ... ADD CONSTRAINT
  // A column of any declared type stores any value (SQLite's flexible typing), so text fits
  // even a type retort does not model; PostgreSQL checks every value against its type.
  virtual bool any_value_fits_any_type() const = 0;

  // DDL hooks. The SQL type for a column, e.g. "varchar(30)", "INTEGER", "serial". Enum
  // columns: the enum type's quoted (schema-qualified) name where has_enum_types(), else a
  // text type (the compiler then adds CHECK ("col" IN (...)) to the column).
  virtual std::string column_type_sql(const Table& table, const Column& column,
                                      const MetaData& metadata) const = 0;
  // A literal usable in DDL for a server default of the given type ("0", "'abc'", "TRUE").
  // Throws InputError when `literal` is not a value of the type (e.g. "abc" for an integer).
  virtual std::string default_literal_sql(const Type& type, std::string_view literal) const = 0;
  // The clause that follows the type of an autoincrement column, e.g. "PRIMARY KEY
  // AUTOINCREMENT" (SQLite). When non-empty, the column carries the table's primary key
  // inline and no table-level PRIMARY KEY is emitted. Empty where the type says it all
  // (PostgreSQL serial).
  virtual std::string_view autoincrement_clause_sql() const = 0;
  // Options after the closing parenthesis of CREATE TABLE (" WITHOUT ROWID, STRICT").
  virtual std::string table_options_sql(const Table& table) const = 0;
  // Statements run first, inside the transaction, by drop_all (SQLite: PRAGMA
  // defer_foreign_keys = ON, so that tables referencing each other can be dropped).
  virtual std::vector<std::string> drop_all_prologue_sql() const = 0;
  // A statement that makes the generated key `column` (autoincrement, serial, identity) of
  // the emptied `table` start over at its first value, so that `seed --truncate` gives the
  // keys of a new database; empty when the database does that by itself.
  virtual std::string restart_generated_key_sql(const Table& table, const Column& column) const = 0;
  // Throws InputError naming the first object of `metadata` this database cannot hold, e.g.
  // `sqlite: table "t": column "id": identity columns are not supported; use autoincrement`.
  virtual void check_support(const MetaData& metadata) const = 0;

  // Schema-change hooks (the ops layer, lib/src/ops). Every change ALTER TABLE cannot make in
  // place is compiled to a table rebuild: create the new table, copy the rows, drop the old
  // one, rename the new one, recreate indexes and triggers, check foreign keys.
  //
  // Whether ALTER TABLE ... ALTER COLUMN changes a column's type, nullability, default and
  // identity in place (PostgreSQL); false: a rebuild (SQLite).
  virtual bool can_alter_column() const = 0;
  // Whether ALTER TABLE ... ADD COLUMN can add `column` as it is (SQLite refuses NOT NULL
  // without a default, expression defaults, stored generated and autoincrement columns).
  virtual bool can_add_column(const Column& column) const = 0;
  // Whether ALTER TABLE ... DROP COLUMN also drops the indexes, keys and constraints that use
  // the column (PostgreSQL); false: such a column needs a rebuild (SQLite).
  virtual bool drop_column_drops_dependents() const = 0;
  // A query returning rows only when `table`'s foreign keys are violated (SQLite
  // `PRAGMA foreign_key_check("t")`), run after a rebuild; empty where there is none.
  virtual std::string foreign_key_check_sql(const Table& table) const = 0;
  // A query whose rows hold the CREATE TRIGGER text of each trigger on `table`, read before a
  // rebuild drops them (SQLite sqlite_schema); empty where there is none.
  virtual std::string triggers_query_sql(const Table& table) const = 0;
  // The statement that turns foreign-key enforcement on or off for the connection (SQLite
  // `PRAGMA foreign_keys`, which takes effect only outside a transaction); empty where
  // enforcement cannot be switched. A rebuild must run with it off.
  virtual std::string foreign_keys_enforcement_sql(bool on) const = 0;
  // The statement that stops (on = true) or resumes ALTER TABLE ... RENAME rewriting the
  // views, triggers and foreign keys that name the table (SQLite `PRAGMA legacy_alter_table`).
  // A rebuild renames with rewriting stopped: the views naming the old table must keep naming
  // it, and while it is dropped they would make the rename fail. Empty where unneeded.
  virtual std::string legacy_rename_sql(bool on) const = 0;
  // A query returning 1 while foreign keys are enforced (SQLite `PRAGMA foreign_keys`); empty
  // where enforcement cannot be switched.
  virtual std::string foreign_keys_enforced_query_sql() const = 0;
  // Statements that make an existing integer column autoincrement or not (PostgreSQL: an
  // owned sequence and a nextval default); called only where can_alter_column().
  // The name the database gives an unnamed constraint of `table` on `columns` (for a CHECK,
  // the columns its expression uses), so that it can be dropped or renamed (PostgreSQL:
  // "t_pkey", "t_a_b_key", "t_a_fkey", "t_a_check"); empty where constraints are not
  // separately named objects (SQLite).
  virtual std::string implicit_constraint_name(const Table& table, ConstraintKind kind,
                                               const std::vector<std::string>& columns) const = 0;
  virtual std::vector<std::string> alter_autoincrement_sql(const Table& table, const Column& column,
                                                           bool enable) const = 0;

  // Migration runtime hooks (lib/src/runtime). The statement that opens a migration run's
  // transaction and, where the database locks by transaction, takes its write lock at once
  // (SQLite "BEGIN IMMEDIATE"; PostgreSQL "BEGIN").
  virtual std::string begin_migration_sql() const = 0;
  // True where the migration lock is the write lock of that transaction (SQLite): a run then
  // stays inside one transaction and per-revision units are savepoints. False where a session
  // lock is held across transactions (PostgreSQL advisory lock).
  virtual bool migration_lock_is_transaction() const = 0;
  // The statement making begin_migration_sql wait at most `timeout_ms` for the write lock,
  // forever when negative (SQLite PRAGMA busy_timeout); empty where the lock is a session lock.
  virtual std::string lock_wait_sql(int timeout_ms) const = 0;
  // A query taking a session lock keyed by its one bound 64-bit integer parameter without
  // waiting; it returns one row whose first column is 1 when the lock was taken, else 0.
  // Empty where there is no session lock (SQLite).
  virtual std::string try_session_lock_sql() const = 0;
  // A query releasing that lock (same parameter); empty where there is none.
  virtual std::string session_unlock_sql() const = 0;
  // True when a DatabaseError with this code means a lock could not be had in time
  // (SQLite SQLITE_BUSY and its extended codes; PostgreSQL 55P03 lock_not_available).
  virtual bool is_lock_busy_code(std::string_view code) const = 0;

  // ---- project tools (lint, verify) -------------------------------------------------------
  // True when an index can be created without blocking writes to its table (PostgreSQL's
  // CREATE INDEX CONCURRENTLY, which cannot run inside a transaction): lint then flags a plain
  // index creation on an existing table.
  virtual bool can_create_index_concurrently() const = 0;
  // The SQL that creates / drops the whole database `name`, run on a connection to another
  // database of the same server; empty where a database is a file that opening creates and
  // deleting the file drops (SQLite). verify's scratch database uses them.
  virtual std::string create_database_sql(std::string_view name) const = 0;
  virtual std::string drop_database_sql(std::string_view name) const = 0;

  // ---- names --------------------------------------------------------------------------------
  // The longest identifier the database keeps, in bytes; 0 when there is no limit (SQLite).
  // PostgreSQL silently cuts longer names to 63 bytes, so SqlBuilder refuses them instead.
  virtual std::size_t max_identifier_bytes() const { return 0; }

  // ---- existence ----------------------------------------------------------------------------
  // False only when the database `url` names certainly does not exist yet, so that opening it
  // without creating it would fail for that reason alone (a SQLite file not created yet); true
  // otherwise (a server database: connecting tells, and its errors stay errors). Read-only
  // commands use it to treat a database never upgraded as an empty one. Creates nothing.
  virtual bool database_exists(const Url& url) const {
    (void)url;
    return true;
  }
  // A query with one bound parameter, a table name, returning a row only when a table of that
  // exact name exists in the schema reflect() reads by default (SQLite main, PostgreSQL
  // current_schema()); one catalog lookup instead of a reflection. Empty: reflect to find out.
  virtual std::string table_exists_sql() const { return {}; }
};

// The dialect named in a URL ("sqlite", "postgresql", "postgres"); throws UsageError
// for an unknown name.
const Dialect& dialect_for(std::string_view name);

}  // namespace retort
