#include "schema/yaml_reader.hpp"

#include "retort/suggest.hpp"

#include <algorithm>
#include <set>

namespace retort::detail {
namespace {

std::string quote_name(std::string_view text) { return "\"" + std::string(text) + "\""; }

}  // namespace

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
  if (node.is_scalar()) return node.scalar;
  std::string message = std::string(context) + std::string(what) + " must be a scalar, not " +
                        std::string(node_kind(node));
  if (node.is_null()) message += " (quote it to write the word \"null\" or an empty string)";
  fail(node, message);
}

bool YamlReader::flag(const YamlNode& node, std::string_view context, std::string_view what) const {
  const std::string value = text(node, context, what);
  if (value == "true" || value == "True" || value == "TRUE") return true;
  if (value == "false" || value == "False" || value == "FALSE") return false;
  fail(node, std::string(context) + std::string(what) + " must be true or false, not " +
                 quote_name(value));
}

std::vector<std::string> YamlReader::texts(const YamlNode& node, std::string_view context,
                                           std::string_view what) const {
  expect_sequence(node, context, what);
  std::vector<std::string> out;
  out.reserve(node.items.size());
  for (const YamlNode* item : node.items)
    out.push_back(text(*item, context, std::string(what) + " item"));
  return out;
}

void YamlReader::check_keys(const YamlNode& map, std::span<const std::string_view> allowed,
                            std::string_view context, bool allow_null) const {
  std::set<std::string> seen;
  for (const auto& [key_node, value] : map.entries) {
    const std::string key = text(*key_node, context, "a key");
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string message = std::string(context) + "unknown key " + quote_name(key);
      if (auto guess = did_you_mean(key, allowed))
        message += " (did you mean " + quote_name(*guess) + "?)";
      fail(*key_node, message);
    }
    if (!allow_null && value->is_null()) {
      fail(*key_node, std::string(context) + quote_name(key) +
                          " has no value (quote it to write the word \"null\" or an empty string)");
    }
    if (!seen.insert(key).second)
      fail(*key_node, std::string(context) + "duplicate key " + quote_name(key));
  }
}

}  // namespace retort::detail
