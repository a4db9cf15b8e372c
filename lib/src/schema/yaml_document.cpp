// YamlDocument::parse: the fast parser when it can, else yaml-cpp's event parser (no
// YAML::Node tree is built on either path).
#include "schema/yaml_document.hpp"

#include <map>
#include <sstream>
#include <string>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "schema/yaml_fast_parser.hpp"
#include "schema/yaml_quotes.hpp"

namespace retort::detail {

const YamlNode* YamlNode::find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k->is_scalar() && k->scalar == key) return v;
  }
  return nullptr;
}

// Builds the tree: a stack of open collections; a map collects alternating keys and values.
class YamlTreeBuilder : public YAML::EventHandler {
 public:
  YamlTreeBuilder(YamlDocument& doc, std::string_view text) : doc_(doc), quotes_(text) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(make(YamlNode::Kind::kNull, mark), anchor);
  }
  void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    add(it == anchors_.end() ? &doc_.nodes_.emplace_back() : it->second, 0);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    quotes_.scalar(mark, tag);
    YamlNode* node = make(YamlNode::Kind::kScalar, mark);
    node->scalar = value;
    add(node, anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(make(YamlNode::Kind::kSequence, mark), anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(make(YamlNode::Kind::kMap, mark), anchor);
  }
  void OnMapEnd() override { close(); }

  // An empty stream sends no event: its root is null. Throws YAML::Exception for a quoted
  // scalar left open at the end of the input.
  void finish() {
    quotes_.finish();
    if (doc_.root_ == nullptr) doc_.root_ = &doc_.nodes_.emplace_back();
  }

 private:
  struct Open {
    YamlNode* node;
    const YamlNode* pending_key = nullptr;  // maps: the key waiting for its value
  };

  YamlNode* make(YamlNode::Kind kind, const YAML::Mark& mark) {
    YamlNode& node = doc_.nodes_.emplace_back();
    node.kind = kind;
    node.mark = {mark.line, mark.column};
    return &node;
  }

  // Attaches a finished node to the open collection, or makes it the root.
  void add(const YamlNode* node, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = node;
    if (stack_.empty()) {
      if (doc_.root_ == nullptr) doc_.root_ = node;
      return;
    }
    Open& top = stack_.back();
    if (top.node->is_sequence()) {
      top.node->items.push_back(node);
    } else if (top.pending_key == nullptr) {
      top.pending_key = node;
    } else {
      top.node->entries.emplace_back(top.pending_key, node);
      top.pending_key = nullptr;
    }
  }

  void open(YamlNode* node, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = node;
    stack_.push_back({node});
  }

  void close() {
    YamlNode* node = stack_.back().node;
    stack_.pop_back();
    add(node, 0);
  }

  YamlDocument& doc_;
  OpenQuoteCheck quotes_;
  std::vector<Open> stack_;
  std::map<YAML::anchor_t, const YamlNode*> anchors_;
};

YamlDocument parse_yaml_events(std::string_view text) {
  YamlDocument doc;
  std::istringstream in{std::string(text)};
  YamlTreeBuilder builder(doc, text);
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(builder);
    builder.finish();
  } catch (const YAML::Exception& e) {
    throw YamlSyntaxError{{e.mark.line, e.mark.column}, e.msg};
  }
  return doc;
}

// same_tree: the node-by-node comparison behind the differential tests and fuzz target.
namespace {

std::string describe(const YamlNode& node) {
  std::string out;
  switch (node.kind) {
    case YamlNode::Kind::kNull:
      out = "null";
      break;
    case YamlNode::Kind::kScalar:
      out = "scalar \"" + node.scalar + "\"";
      break;
    case YamlNode::Kind::kSequence:
      out = "sequence of " + std::to_string(node.items.size());
      break;
    case YamlNode::Kind::kMap:
      out = "mapping of " + std::to_string(node.entries.size());
      break;
  }
  return out + " at " + std::to_string(node.mark.line) + ":" + std::to_string(node.mark.column);
}

bool differ(const std::string& path, const YamlNode& a, const YamlNode& b, std::string* why) {
  if (why != nullptr) *why = path + ": " + describe(a) + " vs " + describe(b);
  return false;
}

bool compare(const std::string& path, const YamlNode& a, const YamlNode& b, std::string* why) {
  if (a.kind != b.kind || a.mark.line != b.mark.line || a.mark.column != b.mark.column ||
      a.scalar != b.scalar || a.items.size() != b.items.size() ||
      a.entries.size() != b.entries.size()) {
    return differ(path, a, b, why);
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (!compare(path + "[" + std::to_string(i) + "]", *a.items[i], *b.items[i], why)) {
      return false;
    }
  }
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    const std::string at = path + "{" + std::to_string(i) + "}";
    if (!compare(at + ".key", *a.entries[i].first, *b.entries[i].first, why)) return false;
    if (!compare(at + ".value", *a.entries[i].second, *b.entries[i].second, why)) return false;
  }
  return true;
}

}  // namespace

bool same_tree(const YamlNode& a, const YamlNode& b, std::string* why) {
  return compare("root", a, b, why);
}

YamlDocument YamlDocument::parse(std::string_view text) {
  if (std::optional<YamlDocument> fast = parse_yaml_fast(text)) return std::move(*fast);
  return parse_yaml_events(text);
}

}  // namespace retort::detail
