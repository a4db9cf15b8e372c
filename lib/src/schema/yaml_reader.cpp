#include "schema/yaml_reader.hpp"

#include <algorithm>
#include <set>

namespace retort::detail {
namespace {

std::string quote_name(std::string_view text) { return "\"" + std::string(text) + "\""; }

// Optimal string alignment distance (an adjacent transposition costs one edit).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

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

std::string closest_word(std::string_view word, std::span<const std::string_view> candidates) {
  const std::size_t limit = word.size() <= 3 ? 1 : word.size() <= 6 ? 2 : 3;
  std::string_view best;
  std::size_t best_distance = limit + 1;
  for (std::string_view candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return std::string(best);
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
      const std::string suggestion = closest_word(key, allowed);
      if (!suggestion.empty()) message += " (did you mean " + quote_name(suggestion) + "?)";
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
