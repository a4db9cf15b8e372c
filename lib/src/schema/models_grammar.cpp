#include "schema/models_grammar.hpp"

#include <array>
#include <utility>

namespace retort::detail {
namespace {

constexpr std::array<std::pair<std::string_view, ReferentialAction>, 5> kActions = {{
    {"no_action", ReferentialAction::kNoAction},
    {"restrict", ReferentialAction::kRestrict},
    {"cascade", ReferentialAction::kCascade},
    {"set_null", ReferentialAction::kSetNull},
    {"set_default", ReferentialAction::kSetDefault},
}};

constexpr std::array<std::pair<std::string_view, Deferrable>, 3> kDeferrables = {{
    {"not_deferrable", Deferrable::kNotDeferrable},
    {"initially_immediate", Deferrable::kInitiallyImmediate},
    {"initially_deferred", Deferrable::kInitiallyDeferred},
}};

constexpr std::array<std::pair<std::string_view, Identity>, 2> kIdentities = {{
    {"always", Identity::kAlways},
    {"by_default", Identity::kByDefault},
}};

constexpr std::array<std::pair<std::string_view, RelationshipKind>, 3> kKinds = {{
    {"many_to_one", RelationshipKind::kManyToOne},
    {"one_to_many", RelationshipKind::kOneToMany},
    {"many_to_many", RelationshipKind::kManyToMany},
}};

template <typename Table, typename Value>
std::string_view word_of(const Table& table, Value value) {
  for (const auto& [word, v] : table) {
    if (v == value) return word;
  }
  return {};
}

template <typename Table>
auto value_of(const Table& table, std::string_view word)
    -> std::optional<typename Table::value_type::second_type> {
  for (const auto& [w, value] : table) {
    if (w == word) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view action_word(ReferentialAction action) { return word_of(kActions, action); }
std::optional<ReferentialAction> action_from_word(std::string_view word) {
  return value_of(kActions, word);
}
std::string_view deferrable_word(Deferrable deferrable) {
  return word_of(kDeferrables, deferrable);
}
std::optional<Deferrable> deferrable_from_word(std::string_view word) {
  return value_of(kDeferrables, word);
}
std::string_view identity_word(Identity identity) { return word_of(kIdentities, identity); }
std::optional<Identity> identity_from_word(std::string_view word) {
  return value_of(kIdentities, word);
}
std::optional<RelationshipKind> relationship_kind_from_word(std::string_view word) {
  return value_of(kKinds, word);
}

std::string column_index_name(std::string_view table, std::string_view column) {
  return "ix_" + std::string(table) + "_" + std::string(column);
}

RelationshipKind inferred_relationship_kind(const Table& table, const Relationship& relationship) {
  if (!relationship.secondary.empty()) return RelationshipKind::kManyToMany;
  for (const ForeignKey& fk : table.foreign_keys) {
    if (fk.ref_table == relationship.target) return RelationshipKind::kManyToOne;
  }
  return RelationshipKind::kOneToMany;
}

std::optional<ColumnReference> parse_column_reference(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = text.find('.', start);
    parts.emplace_back(text.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (parts.back().empty()) return std::nullopt;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts.size() == 2) return ColumnReference{"", parts[0], parts[1]};
  if (parts.size() == 3) return ColumnReference{parts[0], parts[1], parts[2]};
  return std::nullopt;
}

std::optional<std::string> format_column_reference(const ColumnReference& reference) {
  auto plain = [](const std::string& part) {
    return !part.empty() && part.find('.') == std::string::npos;
  };
  if (!plain(reference.table) || !plain(reference.column)) return std::nullopt;
  if (reference.schema.empty()) return reference.table + "." + reference.column;
  if (!plain(reference.schema)) return std::nullopt;
  return reference.schema + "." + reference.table + "." + reference.column;
}

}  // namespace retort::detail
