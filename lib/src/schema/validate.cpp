// validate(): the consistency rules of the schema model (docs/models.md, "Validation").
// Checks run in declaration order and stop at the first problem, so the message is stable.
#include <map>
#include <set>
#include <utility>

#include "retort/error.hpp"
#include "schema/validation.hpp"

namespace retort {
namespace detail {
namespace {

std::string quote_name(std::string_view text) { return "\"" + std::string(text) + "\""; }

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

class Validator {
 public:
  // Indexes every table up front so that foreign keys and relationships may name tables
  // declared later, in O(log n) per look-up (models reach thousands of tables).
  explicit Validator(const MetaData& metadata) : md_(metadata) {
    for (const Table& t : md_.tables) {
      by_name_.emplace(std::pair<std::string_view, std::string_view>(t.schema, t.name), &t);
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
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < md_.schemas.size(); ++i) {
      const ObjectRef where{ObjectKind::kSchemaName, static_cast<int>(i)};
      if (md_.schemas[i].empty()) fail(where, "schema with an empty name");
      if (!seen.insert(md_.schemas[i]).second)
        fail(where, "duplicate schema " + quote_name(md_.schemas[i]));
    }
  }

  void check_enums() const {
    std::set<std::pair<std::string_view, std::string_view>> seen;
    for (std::size_t i = 0; i < md_.enums.size(); ++i) {
      const EnumType& e = md_.enums[i];
      const ObjectRef where{ObjectKind::kEnum, static_cast<int>(i)};
      const std::string label =
          "enum " + quote_name(e.schema.empty() ? e.name : e.schema + "." + e.name);
      if (e.name.empty()) fail(where, "enum with an empty name");
      if (!seen.insert({e.schema, e.name}).second) fail(where, "duplicate " + label);
      if (e.values.empty()) fail(where, label + " has no values");
      std::set<std::string_view> values;
      for (std::size_t v = 0; v < e.values.size(); ++v) {
        if (!values.insert(e.values[v]).second) {
          fail({ObjectKind::kEnum, static_cast<int>(i), -1, ObjectPart::kValues,
                static_cast<int>(v)},
               label + ": duplicate value " + quote_name(e.values[v]));
        }
      }
    }
  }

  void check_table(int ti) {
    const Table& table = md_.tables[ti];
    const ObjectRef where{ObjectKind::kTable, ti};
    if (table.name.empty()) fail(where, "table with an empty name");
    if (!tables_.insert({table.schema, table.name}).second) {
      fail(where, "duplicate table " + quote_name(table.display_name()));
    }
    prefix_ = "table " + quote_name(table.display_name()) + ": ";
    constraint_names_.clear();
    std::set<std::string_view> columns;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const ObjectRef col{ObjectKind::kColumn, ti, static_cast<int>(c)};
      if (table.columns[c].name.empty()) fail(col, prefix_ + "column with an empty name");
      if (!columns.insert(table.columns[c].name).second) {
        fail(col, prefix_ + "duplicate column " + quote_name(table.columns[c].name));
      }
      check_column(table.columns[c], col);
    }
    if (table.primary_key) check_primary_key(table, ti);
    for (std::size_t i = 0; i < table.foreign_keys.size(); ++i) check_foreign_key(table, ti, i);
    for (std::size_t i = 0; i < table.unique_constraints.size(); ++i) check_unique(table, ti, i);
    for (std::size_t i = 0; i < table.check_constraints.size(); ++i) check_check(table, ti, i);
    for (std::size_t i = 0; i < table.indexes.size(); ++i) check_index(table, ti, i);
    std::set<std::string_view> relationships;
    for (std::size_t i = 0; i < table.relationships.size(); ++i) {
      check_relationship(table.relationships[i], ti, static_cast<int>(i), relationships);
    }
  }

  void check_column(const Column& column, ObjectRef where) const {
    const std::string label = prefix_ + "column " + quote_name(column.name) + ": ";
    check_type(column.type, label, {where.kind, where.owner, where.item, ObjectPart::kType});
    if (column.autoincrement && !is_integer_type(column.type)) {
      fail(where, label + "autoincrement needs an integer type, not " +
                      quote_name(column.type.to_string()));
    }
    if (column.identity != Identity::kNone && !is_integer_type(column.type)) {
      fail(where,
           label + "identity needs an integer type, not " + quote_name(column.type.to_string()));
    }
    if (column.autoincrement && column.identity != Identity::kNone) {
      fail(where, label + "both autoincrement and identity");
    }
    if (column.computed && column.server_default) {
      fail(where, label + "a computed column cannot have a default");
    }
    if (column.computed && (column.autoincrement || column.identity != Identity::kNone)) {
      fail(where, label + "a computed column cannot be autoincrement or identity");
    }
  }

  void check_type(const Type& type, const std::string& label, ObjectRef where) const {
    if (type.kind == TypeKind::kRaw && type.name.empty()) fail(where, label + "empty type");
    bool canonical = false;
    try {
      canonical = Type::parse(type.to_string()) == type;
    } catch (const InputError&) {
    }
    if (!canonical) {
      fail(where, label + "inconsistent type " + quote_name(type.to_string()) +
                      " (it reads back as a different type; build types with Type::parse)");
    }
    if (type.kind == TypeKind::kEnum && resolve_enum(md_, type) == nullptr) {
      fail(where, label + "type " + quote_name(type.to_string()) + " names undeclared enum " +
                      quote_name(type.name));
    }
  }

  void add_constraint_name(const std::string& name, ObjectRef where) {
    if (!name.empty() && !constraint_names_.insert(name).second) {
      fail(where, prefix_ + "duplicate constraint name " + quote_name(name));
    }
  }

  // A key's column list: not empty, no repeats, every column in `table`.
  void check_key_columns(const Table& table, const std::vector<std::string>& columns,
                         const std::string& label, ObjectRef where, bool allow_repeats = false) {
    if (columns.empty()) fail(where, prefix_ + label + " has no columns");
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const ObjectRef member{where.kind, where.owner, where.item, ObjectPart::kColumns,
                             static_cast<int>(i)};
      if (table.find_column(columns[i]) == nullptr) {
        fail(member, prefix_ + label + " names missing column " + quote_name(columns[i]));
      }
      if (!seen.insert(columns[i]).second && !allow_repeats) {
        fail(member, prefix_ + label + " lists column " + quote_name(columns[i]) + " twice");
      }
    }
  }

  void check_primary_key(const Table& table, int ti) {
    const PrimaryKey& pk = *table.primary_key;
    const ObjectRef where{ObjectKind::kPrimaryKey, ti};
    add_constraint_name(pk.name, where);
    const std::string label =
        pk.name.empty() ? "primary key" : "primary key " + quote_name(pk.name);
    check_key_columns(table, pk.columns, label, where);
  }

  void check_foreign_key(const Table& table, int ti, std::size_t i) {
    const ForeignKey& fk = table.foreign_keys[i];
    const ObjectRef where{ObjectKind::kForeignKey, ti, static_cast<int>(i)};
    add_constraint_name(fk.name, where);
    const std::string label =
        "foreign key " + (fk.name.empty() ? column_list(fk.columns) : quote_name(fk.name));
    check_key_columns(table, fk.columns, label, where);
    auto found = by_name_.find({fk.ref_schema, fk.ref_table});
    const Table* target = found == by_name_.end() ? nullptr : found->second;
    const std::string target_name =
        fk.ref_schema.empty() ? fk.ref_table : fk.ref_schema + "." + fk.ref_table;
    if (target == nullptr) {
      fail({ObjectKind::kForeignKey, ti, static_cast<int>(i), ObjectPart::kRefTable},
           prefix_ + label + " references missing table " + quote_name(target_name));
    }
    if (fk.ref_columns.size() != fk.columns.size()) {
      fail({ObjectKind::kForeignKey, ti, static_cast<int>(i), ObjectPart::kRefColumns},
           prefix_ + label + " has " + count(fk.columns.size(), "column") + " but references " +
               std::to_string(fk.ref_columns.size()));
    }
    for (std::size_t c = 0; c < fk.ref_columns.size(); ++c) {
      if (target->find_column(fk.ref_columns[c]) == nullptr) {
        fail({ObjectKind::kForeignKey, ti, static_cast<int>(i), ObjectPart::kRefColumns,
              static_cast<int>(c)},
             prefix_ + label + " references missing column " + quote_name(fk.ref_columns[c]) +
                 " of table " + quote_name(target_name));
      }
    }
  }

  void check_unique(const Table& table, int ti, std::size_t i) {
    const UniqueConstraint& uq = table.unique_constraints[i];
    const ObjectRef where{ObjectKind::kUnique, ti, static_cast<int>(i)};
    add_constraint_name(uq.name, where);
    const std::string label =
        "unique constraint " + (uq.name.empty() ? column_list(uq.columns) : quote_name(uq.name));
    check_key_columns(table, uq.columns, label, where);
  }

  void check_check(const Table& table, int ti, std::size_t i) {
    const CheckConstraint& ck = table.check_constraints[i];
    const ObjectRef where{ObjectKind::kCheck, ti, static_cast<int>(i)};
    add_constraint_name(ck.name, where);
    if (ck.expression.empty()) {
      const std::string label = ck.name.empty() ? "check constraint #" + std::to_string(i + 1)
                                                : "check constraint " + quote_name(ck.name);
      fail(where, prefix_ + label + " has an empty expression");
    }
  }

  void check_index(const Table& table, int ti, std::size_t i) {
    const Index& index = table.indexes[i];
    const ObjectRef where{ObjectKind::kIndex, ti, static_cast<int>(i)};
    if (index.name.empty()) fail(where, prefix_ + "index with an empty name");
    const std::string label = "index " + quote_name(index.name);
    auto [it, inserted] = index_names_.insert({{table.schema, index.name}, ti});
    if (!inserted) {
      fail(where, it->second == ti ? prefix_ + "duplicate " + label
                                   : prefix_ + label + " is already defined on table " +
                                         quote_name(md_.tables[it->second].display_name()));
    }
    if (index.elements.empty()) fail(where, prefix_ + label + " has no columns or expressions");
    for (std::size_t e = 0; e < index.elements.size(); ++e) {
      const IndexElement& element = index.elements[e];
      const ObjectRef member{ObjectKind::kIndex, ti, static_cast<int>(i), ObjectPart::kElements,
                             static_cast<int>(e)};
      const std::string position = "element " + std::to_string(e + 1);
      if (element.column.empty() == element.expression.empty()) {
        fail(member, prefix_ + label + ": " + position +
                         (element.column.empty() ? " has neither a column nor an expression"
                                                 : " has both a column and an expression"));
      }
      if (!element.column.empty() && table.find_column(element.column) == nullptr) {
        fail(member, prefix_ + label + " names missing column " + quote_name(element.column));
      }
    }
  }

  void check_relationship(const Relationship& rel, int ti, int i,
                          std::set<std::string_view>& seen) {
    const ObjectRef where{ObjectKind::kRelationship, ti, i};
    if (rel.name.empty()) fail(where, prefix_ + "relationship with an empty name");
    const std::string label = "relationship " + quote_name(rel.name);
    if (!seen.insert(rel.name).second) fail(where, prefix_ + "duplicate " + label);
    if (rel.target.empty()) fail(where, prefix_ + label + " has no target");
    if (!table_named(rel.target)) {
      fail({ObjectKind::kRelationship, ti, i, ObjectPart::kTarget},
           prefix_ + label + " targets missing table " + quote_name(rel.target));
    }
    if (!rel.secondary.empty() && !table_named(rel.secondary)) {
      fail({ObjectKind::kRelationship, ti, i, ObjectPart::kSecondary},
           prefix_ + label + " names missing secondary table " + quote_name(rel.secondary));
    }
  }

  // Relationships name tables without a schema: any schema matches.
  bool table_named(std::string_view name) const { return names_.count(name) != 0; }

  const MetaData& md_;
  std::string prefix_;                                              // `table "name": `
  std::set<std::pair<std::string_view, std::string_view>> tables_;  // seen so far
  // The first table of each (schema, name), and every table name.
  std::map<std::pair<std::string_view, std::string_view>, const Table*> by_name_;
  std::set<std::string_view> names_;
  std::set<std::string> constraint_names_;
  std::map<std::pair<std::string, std::string>, int> index_names_;  // (schema, name) -> table
};

}  // namespace

std::optional<ValidationIssue> find_issue(const MetaData& metadata) {
  try {
    Validator(metadata).run();
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
