// Validation with a pointer back to the offending object, so that the models-file loader can
// report the file position of an object that validate() rejects.
#pragma once

#include <compare>
#include <cstddef>
#include <optional>
#include <string>

#include "retort/schema.hpp"

namespace retort::detail {

enum class ObjectKind {
  kSchemaName,  // owner = index in MetaData::schemas
  kEnum,        // owner = index in MetaData::enums
  kTable,       // owner = index in MetaData::tables
  kColumn,      // owner = table index, item = column index
  kPrimaryKey,  // owner = table index
  kForeignKey,  // owner = table index, item = index in Table::foreign_keys
  kUnique,
  kCheck,
  kIndex,
  kRelationship,
};

// Which part of the object a problem is about; `member` indexes into a list part.
enum class ObjectPart {
  kWhole,
  kType,        // a column's type
  kColumns,     // a key's or index's column list (member = position)
  kRefTable,    // a foreign key's referenced table
  kRefColumns,  // a foreign key's referenced columns (member = position)
  kElements,    // an index's elements (member = position)
  kValues,      // an enum's values (member = position)
  kTarget,      // a relationship's target
  kSecondary,   // a relationship's secondary table
};

struct ObjectRef {
  ObjectKind kind = ObjectKind::kTable;
  int owner = -1;
  int item = -1;
  ObjectPart part = ObjectPart::kWhole;
  int member = -1;
  auto operator<=>(const ObjectRef&) const = default;
};

struct ValidationIssue {
  ObjectRef where;
  std::string message;  // names the object, e.g. `table "t": index "ix" names missing column "c"`
};

struct ValidationOptions {
  // Tables from this index on stand for tables defined elsewhere (the operations layer's stubs
  // for a table's neighbours), whose columns and keys are unknown: they may have no columns,
  // and a foreign key to one is not required to reference a key.
  std::size_t placeholders_from = static_cast<std::size_t>(-1);
};

// The first problem validate() would report, or nullopt for a valid model.
std::optional<ValidationIssue> find_issue(const MetaData& metadata,
                                          const ValidationOptions& options = {});

// Resolves the enum named by a kEnum type: "name" (any schema, the default schema first) or
// "schema.name". nullptr if there is none.
const EnumType* resolve_enum(const MetaData& metadata, const Type& type);

// True for the types autoincrement and identity accept.
bool is_integer_type(const Type& type);

}  // namespace retort::detail
