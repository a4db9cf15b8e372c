#include "schema/yaml_reader.hpp"

#include "retort/suggest.hpp"

#include <algorithm>
#include <cstdint>
#include <set>

namespace retort::detail {

// Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, falsely) on "\"" + std::string(...).
std::string_view node_kind(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::kMap:
      return "a mapping";
    case YamlNode::Kind::kSequence:
      return "a sequence";
    case YamlNode::Kind::kScalar:
      return "a scalar";
    case YamlNode::Kind::kNull:
      break;
  }
  return "null";
}

SourceLocation YamlReader::location(const YamlMark& mark) const {
  if (mark.line < 0) return {filename_, 0, 0};
  return {filename_, mark.line + 1, mark.column + 1};
}

void YamlReader::fail(const YamlMark& mark, const std::string& message) const {
  throw InputError(location(mark), message);
}

void YamlReader::expect_map(const YamlNode& node, std::string_view context,
                            std::string_view what) const {
  if (!node.is_map()) {
    fail(node, std::string(context) + std::string(what) + " must be a mapping, not " +
                   std::string(node_kind(node)));
  }
}

void YamlReader::expect_sequence(const YamlNode& node, std::string_view context,
                                 std::string_view what) const {
  if (!node.is_sequence()) {
    fail(node, std::string(context) + std::string(what) + " must be a sequence, not " +
                   std::string(node_kind(node)));
  }
}

std::string YamlReader::text(const YamlNode& node, std::string_view context,
                             std::string_view what) const {
  return std::string(text_view(node, context, what));
}

std::string_view YamlReader::text_view(const YamlNode& node, std::string_view context,
                                       std::string_view what) const {
  if (node.is_scalar()) return node.scalar;
  std::string message = std::string(context) + std::string(what) + " must be a scalar, not " +
                        std::string(node_kind(node));
  if (node.is_null()) message += " (quote it to write the word \"null\" or an empty string)";
  fail(node, message);
}

bool YamlReader::flag(const YamlNode& node, std::string_view context, std::string_view what) const {
  const std::string_view value = text_view(node, context, what);
  if (value == "true" || value == "True" || value == "TRUE") return true;
  if (value == "false" || value == "False" || value == "FALSE") return false;
  fail(node, std::string(context) + std::string(what) + " must be true or false, not " +
                 in_quotes(value));
}

std::vector<std::string> YamlReader::texts(const YamlNode& node, std::string_view context,
                                           std::string_view what) const {
  expect_sequence(node, context, what);
  std::vector<std::string> out;
  out.reserve(node.items.size());
  for (const YamlNode* item : node.items) {
    if (!item->is_scalar()) text(*item, context, std::string(what) + " item");  // fails
    out.push_back(item->scalar);
  }
  return out;
}

void YamlReader::check_keys(const YamlNode& map, std::span<const std::string_view> allowed,
                            std::string_view context, bool allow_null) const {
  // Every key must be one of `allowed`, so a repeat is a second hit on the same position: a
  // bit set (or a set for the unusual list longer than 64) instead of a set of copied keys.
  std::uint64_t seen_bits = 0;
  std::set<std::size_t> seen_beyond;
  for (const auto& [key_node, value] : map.entries) {
    const std::string_view key = text_view(*key_node, context, "a key");
    const auto at = std::find(allowed.begin(), allowed.end(), key);
    if (at == allowed.end()) {
      std::string message = std::string(context) + "unknown key " + in_quotes(key);
      if (auto guess = did_you_mean(key, allowed))
        message += " (did you mean " + in_quotes(*guess) + "?)";
      fail(*key_node, message);
    }
    if (!allow_null && value->is_null()) {
      fail(*key_node, std::string(context) + in_quotes(key) +
                          " has no value (quote it to write the word \"null\" or an empty string)");
    }
    const auto position = static_cast<std::size_t>(at - allowed.begin());
    bool repeated = false;
    if (position < 64) {
      repeated = (seen_bits >> position) & 1U;
      seen_bits |= std::uint64_t{1} << position;
    } else {
      repeated = !seen_beyond.insert(position).second;
    }
    if (repeated) fail(*key_node, std::string(context) + "duplicate key " + in_quotes(key));
  }
}

}  // namespace retort::detail
