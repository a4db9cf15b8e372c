// validate(): the consistency rules of the schema model (docs/models.md, "Validation").
// Checks run in declaration order and stop at the first problem, so the message is stable.
#include <algorithm>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "retort/error.hpp"
#include "retort/suggest.hpp"
#include "schema/validation.hpp"

namespace retort {
namespace detail {
namespace {

std::string column_list(const std::vector<std::string>& columns) {
  std::string out = "(";
  for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? ", " : "") + columns[i];
  return out + ")";
}

std::string count(std::size_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

// Thrown inside the validator and caught by find_issue.
struct Failure {
  ValidationIssue issue;
};

using NamePair = std::pair<std::string_view, std::string_view>;  // (schema, name)

struct NamePairHash {
  std::size_t operator()(const NamePair& pair) const {
    const std::size_t first = std::hash<std::string_view>{}(pair.first);
    return first ^ (std::hash<std::string_view>{}(pair.second) + 0x9e3779b97f4a7c15ULL +
                    (first << 6) + (first >> 2));
  }
};

// Hash and equality of the fields Type's operator== compares (spelling excluded), which are
// also all that Type::to_string reads; the hash leaves the numbers to the equality.
struct TypeHash {
  std::size_t operator()(const Type* type) const {
    return std::hash<std::string>{}(type->name) ^ static_cast<std::size_t>(type->kind);
  }
};
struct TypeEqual {
  bool operator()(const Type* a, const Type* b) const { return *a == *b; }
};

// Names seen so far within one object (a table's columns, a key's columns, ...): a linear
// scan while short, which the common handful of names always is, then a hash set.
class SeenNames {
 public:
  // False if `name` was inserted before.
  bool insert(std::string_view name) {
    if (!hashed_.empty()) return hashed_.insert(name).second;
    if (std::find(small_.begin(), small_.end(), name) != small_.end()) return false;
    small_.push_back(name);
    if (small_.size() > kSmall) hashed_.insert(small_.begin(), small_.end());
    return true;
  }
  void clear() {
    small_.clear();
    hashed_.clear();
  }

 private:
  static constexpr std::size_t kSmall = 24;
  std::vector<std::string_view> small_;
  std::unordered_set<std::string_view> hashed_;
};

class Validator {
 public:
  // Indexes every table up front so that foreign keys and relationships may name tables
  // declared later, in O(1) per look-up (models reach thousands of tables). Messages are built
  // only for the problem found: a valid model costs no string work.
  Validator(const MetaData& metadata, const ValidationOptions& options)
      : md_(metadata), options_(options) {
    by_name_.reserve(md_.tables.size());
    names_.reserve(md_.tables.size());
    for (const Table& t : md_.tables) {
      by_name_.emplace(NamePair(t.schema, t.name), &t);
      names_.insert(t.name);
    }
  }

  void run() {
    check_schemas();
    check_enums();
    for (std::size_t i = 0; i < md_.tables.size(); ++i) check_table(static_cast<int>(i));
  }

 private:
  [[noreturn]] void fail(ObjectRef where, std::string message) const {
    throw Failure{{where, std::move(message)}};
  }

  void check_schemas() const {
    std::unordered_set<std::string_view> seen;
    for (std::size_t i = 0; i < md_.schemas.size(); ++i) {
      const ObjectRef where{ObjectKind::kSchemaName, static_cast<int>(i)};
      if (md_.schemas[i].empty()) fail(where, "schema with an empty name");
      if (!seen.insert(md_.schemas[i]).second)
        fail(where, "duplicate schema " + in_quotes(md_.schemas[i]));
    }
  }

  void check_enums() const {
    std::unordered_set<NamePair, NamePairHash> seen;
    for (std::size_t i = 0; i < md_.enums.size(); ++i) {
      const EnumType& e = md_.enums[i];
      const ObjectRef where{ObjectKind::kEnum, static_cast<int>(i)};
      auto label = [&e] {
        return "enum " + in_quotes(e.schema.empty() ? e.name : e.schema + "." + e.name);
      };
      if (e.name.empty()) fail(where, "enum with an empty name");
      if (!seen.insert({e.schema, e.name}).second) fail(where, "duplicate " + label());
      if (e.values.empty()) fail(where, label() + " has no values");
      std::unordered_set<std::string_view> values;
      for (std::size_t v = 0; v < e.values.size(); ++v) {
        if (!values.insert(e.values[v]).second) {
          fail({ObjectKind::kEnum, static_cast<int>(i), -1, ObjectPart::kValues,
                static_cast<int>(v)},
               label() + ": duplicate value " + in_quotes(e.values[v]));
        }
      }
    }
  }

  void check_table(int ti) {
    const Table& table = md_.tables[ti];
    const ObjectRef where{ObjectKind::kTable, ti};
    if (table.name.empty()) fail(where, "table with an empty name");
    // by_name_ holds the first table of each (schema, name): any other is a repeat.
    if (by_name_.find(NamePair(table.schema, table.name))->second != &table) {
      fail(where, "duplicate table " + in_quotes(table.display_name()));
    }
    table_ = &table;
    constraint_names_.clear();
    SeenNames& columns = scratch_;
    columns.clear();
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const ObjectRef col{ObjectKind::kColumn, ti, static_cast<int>(c)};
      if (table.columns[c].name.empty()) fail(col, prefix() + "column with an empty name");
      if (!columns.insert(table.columns[c].name)) {
        fail(col, prefix() + "duplicate column " + in_quotes(table.columns[c].name));
      }
      check_column(table.columns[c], col);
    }
    // SQLite cannot create a table without columns; a models file that has one is a mistake.
    if (table.columns.empty() && !is_placeholder(table))
      fail(where, "table " + in_quotes(table.display_name()) + " has no columns");
    if (table.primary_key) check_primary_key(table, ti);
    for (std::size_t i = 0; i < table.foreign_keys.size(); ++i) check_foreign_key(table, ti, i);
    for (std::size_t i = 0; i < table.unique_constraints.size(); ++i) check_unique(table, ti, i);
    for (std::size_t i = 0; i < table.check_constraints.size(); ++i) check_check(table, ti, i);
    for (std::size_t i = 0; i < table.indexes.size(); ++i) check_index(table, ti, i);
    SeenNames& relationships = scratch_;
    relationships.clear();
    for (std::size_t i = 0; i < table.relationships.size(); ++i) {
      check_relationship(table.relationships[i], ti, static_cast<int>(i), relationships);
    }
  }

  // `table "name": ` of the table being checked.
  std::string prefix() const { return "table " + in_quotes(table_->display_name()) + ": "; }

  void check_column(const Column& column, ObjectRef where) {
    auto label = [&] { return prefix() + "column " + in_quotes(column.name) + ": "; };
    check_type(column.type, label, {where.kind, where.owner, where.item, ObjectPart::kType});
    if (column.autoincrement && !is_integer_type(column.type)) {
      fail(where, label() + "autoincrement needs an integer type, not " +
                      in_quotes(column.type.to_string()));
    }
    if (column.identity != Identity::kNone && !is_integer_type(column.type)) {
      fail(where,
           label() + "identity needs an integer type, not " + in_quotes(column.type.to_string()));
    }
    if (column.autoincrement && column.identity != Identity::kNone) {
      fail(where, label() + "both autoincrement and identity");
    }
    if (column.computed && column.server_default) {
      fail(where, label() + "a computed column cannot have a default");
    }
    if (column.computed && (column.autoincrement || column.identity != Identity::kNone)) {
      fail(where, label() + "a computed column cannot be autoincrement or identity");
    }
  }

  template <typename Label>
  void check_type(const Type& type, const Label& label, ObjectRef where) {
    if (type.kind == TypeKind::kRaw && type.name.empty()) fail(where, label() + "empty type");
    // Canonical-ness depends only on what operator== compares, and models repeat a handful of
    // types: each distinct one is round-tripped once.
    if (canonical_.count(&type) == 0) {
      bool canonical = false;
      try {
        canonical = Type::parse(type.to_string()) == type;
      } catch (const InputError&) {
      }
      if (!canonical) {
        fail(where, label() + "inconsistent type " + in_quotes(type.to_string()) +
                        " (it reads back as a different type; build types with Type::parse)");
      }
      canonical_.insert(&type);
    }
    if (type.kind == TypeKind::kRaw && !md_.enums.empty()) {
      Type as_enum;
      as_enum.kind = TypeKind::kEnum;
      as_enum.name = type.name;
      if (resolve_enum(md_, as_enum) != nullptr)
        fail(where, label() + "type " + in_quotes(type.name) + " is the name of an enum; write " +
                        in_quotes("enum(" + type.name + ")"));
    }
    if (type.kind == TypeKind::kEnum && resolve_enum(md_, type) == nullptr) {
      fail(where, label() + "type " + in_quotes(type.to_string()) + " names undeclared enum " +
                      in_quotes(type.name));
    }
  }

  void add_constraint_name(const std::string& name, ObjectRef where) {
    if (!name.empty() && !constraint_names_.insert(name)) {
      fail(where, prefix() + "duplicate constraint name " + in_quotes(name));
    }
  }

  // A key's column list: not empty, no repeats, every column in `table`.
  template <typename Label>
  void check_key_columns(const Table& table, const std::vector<std::string>& columns,
                         const Label& label, ObjectRef where) {
    if (columns.empty()) fail(where, prefix() + label() + " has no columns");
    SeenNames& seen = scratch_;
    seen.clear();
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const ObjectRef member{where.kind, where.owner, where.item, ObjectPart::kColumns,
                             static_cast<int>(i)};
      if (table.find_column(columns[i]) == nullptr) {
        fail(member, prefix() + label() + " names missing column " + in_quotes(columns[i]));
      }
      if (!seen.insert(columns[i])) {
        fail(member, prefix() + label() + " lists column " + in_quotes(columns[i]) + " twice");
      }
    }
  }

  void check_primary_key(const Table& table, int ti) {
    const PrimaryKey& pk = *table.primary_key;
    const ObjectRef where{ObjectKind::kPrimaryKey, ti};
    add_constraint_name(pk.name, where);
    auto label = [&pk] {
      return pk.name.empty() ? std::string("primary key") : "primary key " + in_quotes(pk.name);
    };
    check_key_columns(table, pk.columns, label, where);
  }

  void check_foreign_key(const Table& table, int ti, std::size_t i) {
    const ForeignKey& fk = table.foreign_keys[i];
    const ObjectRef where{ObjectKind::kForeignKey, ti, static_cast<int>(i)};
    add_constraint_name(fk.name, where);
    auto label = [&fk] {
      return "foreign key " + (fk.name.empty() ? column_list(fk.columns) : in_quotes(fk.name));
    };
    check_key_columns(table, fk.columns, label, where);
    auto found = by_name_.find(NamePair(fk.ref_schema, fk.ref_table));
    const Table* target = found == by_name_.end() ? nullptr : found->second;
    auto target_name = [&fk] {
      return fk.ref_schema.empty() ? fk.ref_table : fk.ref_schema + "." + fk.ref_table;
    };
    if (target == nullptr) {
      fail({ObjectKind::kForeignKey, ti, static_cast<int>(i), ObjectPart::kRefTable},
           prefix() + label() + " references missing table " + in_quotes(target_name()));
    }
    if (fk.ref_columns.size() != fk.columns.size()) {
      fail({ObjectKind::kForeignKey, ti, static_cast<int>(i), ObjectPart::kRefColumns},
           prefix() + label() + " has " + count(fk.columns.size(), "column") + " but references " +
               std::to_string(fk.ref_columns.size()));
    }
    for (std::size_t c = 0; c < fk.ref_columns.size(); ++c) {
      if (target->find_column(fk.ref_columns[c]) == nullptr) {
        fail({ObjectKind::kForeignKey, ti, static_cast<int>(i), ObjectPart::kRefColumns,
              static_cast<int>(c)},
             prefix() + label() + " references missing column " + in_quotes(fk.ref_columns[c]) +
                 " of table " + in_quotes(target_name()));
      }
    }
    // PostgreSQL refuses any other foreign key; SQLite creates it, then fails every write to
    // either table ("foreign key mismatch").
    if (!is_placeholder(*target) && !is_unique_key(*target, fk.ref_columns)) {
      fail({ObjectKind::kForeignKey, ti, static_cast<int>(i), ObjectPart::kRefColumns, 0},
           prefix() + label() + ": the referenced columns " + column_list(fk.ref_columns) +
               " must be the primary key or a unique constraint of table " +
               in_quotes(target_name()));
    }
  }

  // True if `columns` are, in any order, the columns of the primary key, a unique constraint
  // or a unique index without predicate or expressions of `table`: what a foreign key may
  // reference.
  static bool is_unique_key(const Table& table, const std::vector<std::string>& columns) {
    auto same_set = [&columns](const std::vector<std::string>& key) {
      if (key.size() != columns.size()) return false;
      for (auto it = columns.begin(); it != columns.end(); ++it) {
        if (std::find(key.begin(), key.end(), *it) == key.end() ||
            std::find(columns.begin(), it, *it) != it) {
          return false;
        }
      }
      return true;
    };
    if (table.primary_key && same_set(table.primary_key->columns)) return true;
    for (const UniqueConstraint& uq : table.unique_constraints) {
      if (same_set(uq.columns)) return true;
    }
    for (const Index& index : table.indexes) {
      if (!index.unique || !index.where.empty()) continue;
      std::vector<std::string> key;
      for (const IndexElement& element : index.elements) {
        if (element.column.empty()) break;
        key.push_back(element.column);
      }
      if (key.size() == index.elements.size() && same_set(key)) return true;
    }
    return false;
  }

  void check_unique(const Table& table, int ti, std::size_t i) {
    const UniqueConstraint& uq = table.unique_constraints[i];
    const ObjectRef where{ObjectKind::kUnique, ti, static_cast<int>(i)};
    add_constraint_name(uq.name, where);
    auto label = [&uq] {
      return "unique constraint " +
             (uq.name.empty() ? column_list(uq.columns) : in_quotes(uq.name));
    };
    check_key_columns(table, uq.columns, label, where);
  }

  void check_check(const Table& table, int ti, std::size_t i) {
    const CheckConstraint& ck = table.check_constraints[i];
    const ObjectRef where{ObjectKind::kCheck, ti, static_cast<int>(i)};
    add_constraint_name(ck.name, where);
    if (ck.expression.empty()) {
      const std::string label = ck.name.empty() ? "check constraint #" + std::to_string(i + 1)
                                                : "check constraint " + in_quotes(ck.name);
      fail(where, prefix() + label + " has an empty expression");
    }
  }

  void check_index(const Table& table, int ti, std::size_t i) {
    const Index& index = table.indexes[i];
    const ObjectRef where{ObjectKind::kIndex, ti, static_cast<int>(i)};
    if (index.name.empty()) fail(where, prefix() + "index with an empty name");
    auto label = [&index] { return "index " + in_quotes(index.name); };
    auto [it, inserted] = index_names_.emplace(NamePair(table.schema, index.name), ti);
    if (!inserted) {
      fail(where, it->second == ti ? prefix() + "duplicate " + label()
                                   : prefix() + label() + " is already defined on table " +
                                         in_quotes(md_.tables[it->second].display_name()));
    }
    if (index.elements.empty()) fail(where, prefix() + label() + " has no columns or expressions");
    for (std::size_t e = 0; e < index.elements.size(); ++e) {
      const IndexElement& element = index.elements[e];
      const ObjectRef member{ObjectKind::kIndex, ti, static_cast<int>(i), ObjectPart::kElements,
                             static_cast<int>(e)};
      if (element.column.empty() == element.expression.empty()) {
        fail(member, prefix() + label() + ": element " + std::to_string(e + 1) +
                         (element.column.empty() ? " has neither a column nor an expression"
                                                 : " has both a column and an expression"));
      }
      if (!element.column.empty() && table.find_column(element.column) == nullptr) {
        fail(member, prefix() + label() + " names missing column " + in_quotes(element.column));
      }
    }
  }

  void check_relationship(const Relationship& rel, int ti, int i, SeenNames& seen) {
    const ObjectRef where{ObjectKind::kRelationship, ti, i};
    if (rel.name.empty()) fail(where, prefix() + "relationship with an empty name");
    auto label = [&rel] { return "relationship " + in_quotes(rel.name); };
    if (!seen.insert(rel.name)) fail(where, prefix() + "duplicate " + label());
    if (rel.target.empty()) fail(where, prefix() + label() + " has no target");
    if (!table_named(rel.target)) {
      fail({ObjectKind::kRelationship, ti, i, ObjectPart::kTarget},
           prefix() + label() + " targets missing table " + in_quotes(rel.target));
    }
    if (!rel.secondary.empty() && !table_named(rel.secondary)) {
      fail({ObjectKind::kRelationship, ti, i, ObjectPart::kSecondary},
           prefix() + label() + " names missing secondary table " + in_quotes(rel.secondary));
    }
  }

  bool is_placeholder(const Table& table) const {
    return static_cast<std::size_t>(&table - md_.tables.data()) >= options_.placeholders_from;
  }

  // Relationships name tables without a schema: any schema matches.
  bool table_named(std::string_view name) const { return names_.count(name) != 0; }

  const MetaData& md_;
  const ValidationOptions& options_;
  const Table* table_ = nullptr;  // the table being checked
  // The first table of each (schema, name), and every table name.
  std::unordered_map<NamePair, const Table*, NamePairHash> by_name_;
  std::unordered_set<std::string_view> names_;
  SeenNames constraint_names_;  // of the table being checked
  SeenNames scratch_;           // columns, then each key's columns, then relationships
  std::unordered_map<NamePair, int, NamePairHash> index_names_;     // (schema, name) -> table
  std::unordered_set<const Type*, TypeHash, TypeEqual> canonical_;  // round-trip checked
};

}  // namespace

std::optional<ValidationIssue> find_issue(const MetaData& metadata,
                                          const ValidationOptions& options) {
  try {
    Validator(metadata, options).run();
  } catch (Failure& failure) {
    return std::move(failure.issue);
  }
  return std::nullopt;
}

const EnumType* resolve_enum(const MetaData& metadata, const Type& type) {
  const std::string_view name = type.name;
  const std::size_t dot = name.find('.');
  const EnumType* any_schema = nullptr;
  for (const EnumType& e : metadata.enums) {
    if (e.name == name) {
      if (e.schema.empty()) return &e;
      if (any_schema == nullptr) any_schema = &e;
    }
  }
  if (any_schema != nullptr) return any_schema;
  if (dot == std::string_view::npos) return nullptr;
  return metadata.find_enum(name.substr(dot + 1), name.substr(0, dot));
}

bool is_integer_type(const Type& type) {
  return type.kind == TypeKind::kInteger || type.kind == TypeKind::kSmallInt ||
         type.kind == TypeKind::kBigInt;
}

}  // namespace detail

void validate(const MetaData& metadata) {
  if (std::optional<detail::ValidationIssue> issue = detail::find_issue(metadata)) {
    throw InputError(SourceLocation{}, issue->message);
  }
}

}  // namespace retort
