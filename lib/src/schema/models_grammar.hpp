// Words and normalisations of the models-file grammar shared by the loader and the writer, so
// that what one writes the other reads back identically (docs/models.md, "Normalisations").
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "retort/schema.hpp"

namespace retort::detail {

// "no_action", "restrict", "cascade", "set_null", "set_default".
std::string_view action_word(ReferentialAction action);
std::optional<ReferentialAction> action_from_word(std::string_view word);
// "not_deferrable", "initially_immediate", "initially_deferred".
std::string_view deferrable_word(Deferrable deferrable);
std::optional<Deferrable> deferrable_from_word(std::string_view word);
// "always", "by_default" (kNone has no word: the key is omitted).
std::string_view identity_word(Identity identity);
std::optional<Identity> identity_from_word(std::string_view word);
std::optional<RelationshipKind> relationship_kind_from_word(std::string_view word);

inline constexpr std::string_view kActionWords[] = {"no_action", "restrict", "cascade", "set_null",
                                                    "set_default"};
inline constexpr std::string_view kDeferrableWords[] = {"not_deferrable", "initially_immediate",
                                                        "initially_deferred"};
inline constexpr std::string_view kIdentityWords[] = {"always", "by_default"};
inline constexpr std::string_view kRelationshipKindWords[] = {"many_to_one", "one_to_many",
                                                              "many_to_many"};

// The name `index: true` gives a column's index: ix_<table>_<column>.
std::string column_index_name(std::string_view table, std::string_view column);

// The kind a relationship without `kind:` gets: many_to_many with a secondary table, else
// many_to_one if `table` has a foreign key to the target, else one_to_many.
RelationshipKind inferred_relationship_kind(const Table& table, const Relationship& relationship);

// A column-level `references:` value: "table.column" or "schema.table.column".
struct ColumnReference {
  std::string schema;
  std::string table;
  std::string column;
};
std::optional<ColumnReference> parse_column_reference(std::string_view text);
// The inverse of parse_column_reference, or nullopt when a part contains a dot (or is empty)
// and so cannot be written in the dotted form.
std::optional<std::string> format_column_reference(const ColumnReference& reference);

}  // namespace retort::detail
