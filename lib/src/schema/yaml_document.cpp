// YamlDocument::parse with yaml-cpp's event parser (no YAML::Node tree is built).
#include "schema/yaml_document.hpp"

#include <map>
#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

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
  explicit YamlTreeBuilder(YamlDocument& doc) : doc_(doc) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(make(YamlNode::Kind::kNull, mark), anchor);
  }
  void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    add(it == anchors_.end() ? &doc_.nodes_.emplace_back() : it->second, 0);
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
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
  std::vector<Open> stack_;
  std::map<YAML::anchor_t, const YamlNode*> anchors_;
};

YamlDocument YamlDocument::parse(std::string_view text) {
  YamlDocument doc;
  std::istringstream in{std::string(text)};
  try {
    YAML::Parser parser(in);
    YamlTreeBuilder builder(doc);
    parser.HandleNextDocument(builder);
  } catch (const YAML::Exception& e) {
    throw YamlSyntaxError{{e.mark.line, e.mark.column}, e.msg};
  }
  if (doc.root_ == nullptr) doc.root_ = &doc.nodes_.emplace_back();
  return doc;
}

}  // namespace retort::detail
