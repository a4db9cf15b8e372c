// A light, read-only YAML document tree for the models file, built from parser events.
//
// Why not yaml-cpp's YAML::Node: looking a key up in a YAML::Node converts every key it passes
// and copies reference-counted handles, which made walking a 2,000-table models file cost as
// much as parsing it. This tree answers look-ups with plain string comparisons, and it keeps
// the rest of the loader independent of the parser library: only YamlDocument::parse knows
// which parser produced the events.
//
// Two parsers can build it (yaml_fast_parser.hpp): a hand-written one for the subset of YAML
// that retort's files use, and yaml-cpp's event parser for everything else and for errors.
// Both give the same tree, marks included.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace retort::detail {

// A position in the text, 0-based as parsers report it; -1 when unknown.
struct YamlMark {
  int line = -1;
  int column = -1;
};

struct YamlNode {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  YamlMark mark;
  std::string scalar;                                                // kScalar
  std::vector<const YamlNode*> items;                                // kSequence
  std::vector<std::pair<const YamlNode*, const YamlNode*>> entries;  // kMap, in document order

  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_sequence() const { return kind == Kind::kSequence; }
  bool is_map() const { return kind == Kind::kMap; }
  // The value of the first entry whose key is the scalar `key`, or nullptr.
  const YamlNode* find(std::string_view key) const;
};

// Thrown by YamlDocument::parse for malformed YAML.
struct YamlSyntaxError {
  YamlMark mark;
  std::string message;
};

class YamlDocument {
 public:
  // Parses the first document of `text`; an empty stream gives a null root. Throws
  // YamlSyntaxError with yaml-cpp's message and mark.
  static YamlDocument parse(std::string_view text);

  const YamlNode& root() const { return *root_; }

  YamlDocument() = default;
  YamlDocument(YamlDocument&&) = default;
  YamlDocument& operator=(YamlDocument&&) = default;

 private:
  friend class YamlTreeBuilder;
  friend class YamlFastParser;
  std::deque<YamlNode> nodes_;  // stable addresses: nodes point at each other
  const YamlNode* root_ = nullptr;
};

}  // namespace retort::detail
