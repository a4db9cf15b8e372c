// Typed access to YAML nodes for the models file: every failure becomes an InputError at
// the node's file:line:column (1-based), naming the object being read.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "retort/error.hpp"
#include "retort/suggest.hpp"
#include "schema/yaml_document.hpp"

namespace retort::detail {

class YamlReader {
 public:
  explicit YamlReader(std::string filename) : filename_(std::move(filename)) {}

  // Parser marks are 0-based; an unknown mark (-1) gives a location without line.
  SourceLocation location(const YamlMark& mark) const;
  [[noreturn]] void fail(const YamlMark& mark, const std::string& message) const;
  [[noreturn]] void fail(const YamlNode& node, const std::string& message) const {
    fail(node.mark, message);
  }

  // `context` prefixes every message, e.g. `table "track": `; `what` names the value.
  void expect_map(const YamlNode& node, std::string_view context, std::string_view what) const;
  void expect_sequence(const YamlNode& node, std::string_view context, std::string_view what) const;
  // A scalar's text; YAML null (`~`, `null`, nothing) is an error.
  std::string text(const YamlNode& node, std::string_view context, std::string_view what) const;
  // The same, as a view into the node (for look-ups that need no copy).
  std::string_view text_view(const YamlNode& node, std::string_view context,
                             std::string_view what) const;
  bool flag(const YamlNode& node, std::string_view context, std::string_view what) const;
  std::vector<std::string> texts(const YamlNode& node, std::string_view context,
                                 std::string_view what) const;
  // Rejects keys outside `allowed` (with a "did you mean"), repeated keys and, unless
  // `allow_null` is set, keys without a value (reported at the key, not at the empty value).
  void check_keys(const YamlNode& map, std::span<const std::string_view> allowed,
                  std::string_view context, bool allow_null = false) const;

  const std::string& filename() const { return filename_; }

 private:
  std::string filename_;
};

// The kind of a node for messages: "a mapping", "a sequence", "a scalar", "null".
std::string_view node_kind(const YamlNode& node);

// The closest of `candidates` to `word` if it looks like a typo of it, else empty.
inline std::string closest_word(std::string_view word,
                                std::span<const std::string_view> candidates) {
  return did_you_mean(word, candidates).value_or("");
}

}  // namespace retort::detail
