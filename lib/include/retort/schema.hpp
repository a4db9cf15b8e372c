// The schema model: plain value types for tables, columns, types, keys, indexes,
// constraints and relationships. Every type has operator== so that models built from a
// models file, from C++ or by reflecting a database can be compared directly.
//
// Conventions shared by every type here:
// - Names are stored exactly as the user wrote them (case preserved); SQL quoting happens
//   only when SQL is rendered.
// - An empty `name` on a constraint or index means "unnamed; let the database choose".
// - An empty `schema` means the dialect's default schema (PostgreSQL search_path, SQLite
//   "main").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retort {

enum class TypeKind {
  kInteger,
  kSmallInt,
  kBigInt,
  kBoolean,
  kVarchar,  // length optional
  kChar,     // length optional
  kText,
  kNumeric,  // precision and scale optional
  kReal,     // 4-byte float
  kDouble,   // 8-byte float
  kDate,
  kTime,
  kTimestamp,    // without time zone
  kTimestampTz,  // with time zone
  kUuid,
  kJson,
  kJsonb,
  kBinary,  // bytea / blob
  kEnum,    // `name` names an EnumType of the MetaData
  kRaw,     // anything else, kept verbatim in `name`
};

struct Type {
  TypeKind kind = TypeKind::kText;
  std::optional<int> length;     // varchar(n), char(n)
  std::optional<int> precision;  // numeric(p[,s])
  std::optional<int> scale;
  std::string name;  // kEnum: the enum type's name or "schema.name"; kRaw: the type text as written
  // How the type was spelled where it came from (models file or database catalog). Kept for
  // messages and rendering of raw types; not part of equality.
  std::string spelling;

  // Parses the models-file spelling: "integer", "int", "varchar(30)", "numeric(10, 2)",
  // "timestamp with time zone", "timestamptz", "enum(mood)", ... case-insensitively and with
  // any spacing (docs/models.md lists every alias). Unknown text, and known words followed by
  // anything else (e.g. "timestamp(3)", "integer[]"), gives kRaw with `name` = the trimmed
  // text. Throws InputError for a malformed known type such as "varchar(x)", "varchar(0)" or
  // "numeric(1,2,3)". "raw(TEXT)" is the raw type TEXT verbatim. `spelling` is set to `text` as
  // given.
  static Type parse(std::string_view text);
  // The canonical models-file spelling, e.g. "varchar(30)", "raw(int)" for a raw type named
  // "int"; parse(to_string()) == *this for every valid type (validate() checks it).
  std::string to_string() const;

  friend bool operator==(const Type& a, const Type& b);
};

// A column's server-side default: a literal value (rendered as a literal of the column's
// type) or an SQL expression (rendered verbatim, e.g. CURRENT_TIMESTAMP).
struct DefaultValue {
  enum class Kind { kLiteral, kExpression };
  Kind kind = Kind::kLiteral;
  std::string text;

  static DefaultValue literal(std::string text) { return {Kind::kLiteral, std::move(text)}; }
  static DefaultValue expression(std::string sql) { return {Kind::kExpression, std::move(sql)}; }
  friend bool operator==(const DefaultValue&, const DefaultValue&) = default;
};

enum class Identity { kNone, kAlways, kByDefault };  // PostgreSQL GENERATED ... AS IDENTITY

// A generated column: GENERATED ALWAYS AS (expression) [STORED].
struct Computed {
  std::string expression;
  bool stored = true;
  friend bool operator==(const Computed&, const Computed&) = default;
};

struct Column {
  std::string name;
  Type type;
  bool nullable = true;
  std::optional<DefaultValue> server_default;
  // SQLite AUTOINCREMENT; PostgreSQL serial (an owned sequence with a nextval default).
  bool autoincrement = false;
  Identity identity = Identity::kNone;
  std::optional<Computed> computed;
  std::string collation;
  std::string comment;

  friend bool operator==(const Column&, const Column&) = default;
};

struct PrimaryKey {
  std::string name;
  std::vector<std::string> columns;
  friend bool operator==(const PrimaryKey&, const PrimaryKey&) = default;
};

enum class ReferentialAction { kNoAction, kRestrict, kCascade, kSetNull, kSetDefault };
enum class Deferrable { kNotDeferrable, kInitiallyImmediate, kInitiallyDeferred };

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_schema;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  ReferentialAction on_delete = ReferentialAction::kNoAction;
  ReferentialAction on_update = ReferentialAction::kNoAction;
  Deferrable deferrable = Deferrable::kNotDeferrable;
  friend bool operator==(const ForeignKey&, const ForeignKey&) = default;
};

struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;
  friend bool operator==(const UniqueConstraint&, const UniqueConstraint&) = default;
};

struct CheckConstraint {
  std::string name;
  std::string expression;  // SQL, without the surrounding CHECK ( )
  friend bool operator==(const CheckConstraint&, const CheckConstraint&) = default;
};

// One key of an index: a column or an SQL expression (exactly one is non-empty).
struct IndexElement {
  std::string column;
  std::string expression;
  bool descending = false;
  friend bool operator==(const IndexElement&, const IndexElement&) = default;
};

struct Index {
  std::string name;  // required: indexes are always named
  std::vector<IndexElement> elements;
  bool unique = false;
  std::string where;  // partial index predicate, SQL; empty for a full index
  friend bool operator==(const Index&, const Index&) = default;
};

enum class RelationshipKind { kManyToOne, kOneToMany, kManyToMany };

// An ORM-level relationship between two tables. It emits no DDL; it is part of the model
// for documentation (erd), seeding and validation.
struct Relationship {
  std::string name;
  std::string target;  // target table name
  RelationshipKind kind = RelationshipKind::kManyToOne;
  std::string secondary;  // association table for many-to-many
  std::string back_populates;
  std::string cascade;  // e.g. "all, delete-orphan"; free text, as in SQLAlchemy
  friend bool operator==(const Relationship&, const Relationship&) = default;
};

struct Table {
  std::string schema;
  std::string name;
  std::vector<Column> columns;
  std::optional<PrimaryKey> primary_key;
  std::vector<ForeignKey> foreign_keys;
  std::vector<UniqueConstraint> unique_constraints;
  std::vector<CheckConstraint> check_constraints;
  std::vector<Index> indexes;
  std::vector<Relationship> relationships;
  std::string comment;
  bool without_rowid = false;  // SQLite only
  bool strict = false;         // SQLite only

  const Column* find_column(std::string_view column_name) const&;
  Column* find_column(std::string_view column_name) &;
  const Column* find_column(std::string_view column_name) && = delete;
  // "schema.name" or "name"; for messages, not SQL.
  std::string display_name() const;

  friend bool operator==(const Table&, const Table&) = default;
};

// A named enumerated type (PostgreSQL CREATE TYPE ... AS ENUM; on SQLite a CHECK).
struct EnumType {
  std::string schema;
  std::string name;
  std::vector<std::string> values;
  friend bool operator==(const EnumType&, const EnumType&) = default;
};

// The whole target schema: what a models file declares or a database contains.
struct MetaData {
  std::vector<std::string> schemas;  // PostgreSQL schemas to create besides the default one
  std::vector<EnumType> enums;
  std::vector<Table> tables;  // in declaration order

  // Pointers into `tables` / `enums`: not callable on a temporary, whose pointers would dangle.
  const Table* find_table(std::string_view name, std::string_view schema = {}) const&;
  Table* find_table(std::string_view name, std::string_view schema = {}) &;
  const Table* find_table(std::string_view name, std::string_view schema = {}) && = delete;
  const EnumType* find_enum(std::string_view name, std::string_view schema = {}) const&;
  const EnumType* find_enum(std::string_view name, std::string_view schema = {}) && = delete;

  friend bool operator==(const MetaData&, const MetaData&) = default;
};

// Checks that a model is consistent: unique names (tables and enums per schema, columns and
// constraints per table, indexes per schema), keys and indexes naming existing columns,
// foreign keys naming existing tables and columns of matching count, consistent types, enums
// that exist, relationships whose targets exist, autoincrement / identity only on integer
// columns, computed columns without defaults. Throws InputError naming the object on the first
// problem (docs/models.md, "Validation", lists every rule and message). Dialect-specific checks
// live in the DDL layer (check_dialect_support).
void validate(const MetaData& metadata);

const char* to_string(ReferentialAction action);  // "NO ACTION", "CASCADE", ...
const char* to_string(Deferrable deferrable);     // "", "DEFERRABLE INITIALLY IMMEDIATE", ...
const char* to_string(RelationshipKind kind);     // "many_to_one", ...

}  // namespace retort
