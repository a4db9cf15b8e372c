// The fast path's tree builder: block and flow structure on top of yaml_fast::Scanner.
//
// Marks follow yaml-cpp: a scalar or flow collection at its first character, a block mapping
// at its first key, a block sequence at its first '-', and a missing value (null) at the next
// token, i.e. the next content, or (last line, column 0) at the end of a text that ends with a
// line break (without one, yaml-cpp's mark there varies: Unsupported). Structure the
// subset does not cover (explicit keys, compact mappings in flow sequences, empty flow entries,
// anything after the first document that yaml-cpp would still scan) throws Unsupported.
#include "schema/yaml_fast_parser.hpp"

#include "schema/yaml_fast_scanner.hpp"

namespace retort::detail {

using yaml_fast::PlainEnd;
using yaml_fast::Scanner;
using yaml_fast::unsupported;

class YamlFastParser {
 public:
  YamlFastParser(std::string_view text, YamlDocument& doc) : in_(text), doc_(doc) {}

  void parse_document();

 private:
  // yaml-cpp stops at 500 nested nodes; stay well below.
  class Depth {
   public:
    explicit Depth(int& depth) : depth_(depth) {
      if (++depth_ > 200) unsupported();
    }
    ~Depth() { --depth_; }
    Depth(const Depth&) = delete;
    Depth& operator=(const Depth&) = delete;

   private:
    int& depth_;
  };

  YamlNode* make(YamlNode::Kind kind, YamlMark mark) {
    YamlNode& node = doc_.nodes_.emplace_back();
    node.kind = kind;
    node.mark = mark;
    return &node;
  }
  // A missing value, marked at the next content (or the end of the text, when that end is
  // a complete line).
  YamlNode* null_here() {
    if (in_.at_end_of_unfinished_line()) unsupported();
    return make(YamlNode::Kind::kNull, in_.mark());
  }

  const YamlNode* node_at_line_start(int parent);
  const YamlNode* map_value(int map_column);
  const YamlNode* seq_item(int seq_column);
  const YamlNode* block_map(int column, const YamlNode* first_key);
  const YamlNode* block_seq(int column);
  const YamlNode* block_scalar(int parent, bool key_allowed, bool* is_key);
  const YamlNode* literal(int parent);
  const YamlNode* flow_node();
  const YamlNode* flow_seq();
  const YamlNode* flow_map();
  const YamlNode* flow_scalar();
  void flow_gap();
  void end_inline();
  void after_root();

  Scanner in_;
  YamlDocument& doc_;
  int depth_ = 0;
};

void YamlFastParser::parse_document() {
  in_.skip_gap();
  if (in_.at_end()) {
    doc_.root_ = &doc_.nodes_.emplace_back();  // no document at all: yaml-cpp sends no event
    return;
  }
  if (in_.column() == 0 && (in_.peek() == '%' || in_.peek() == '.')) unsupported();
  if (in_.at_document_start()) {
    in_.advance(3);
    in_.skip_spaces();
    if (!in_.at_line_end()) unsupported();
    in_.skip_gap();
    if (in_.at_end() || in_.at_document_marker()) {
      doc_.root_ = null_here();
      after_root();
      return;
    }
  }
  doc_.root_ = node_at_line_start(-1);
  after_root();
}

// yaml-cpp reads nothing after a "---" that starts the next document, but it does scan one
// token after a "...": accept only comments there.
void YamlFastParser::after_root() {
  while (!in_.at_end() && in_.at_document_marker() && in_.peek() == '.') {
    in_.advance(3);
    in_.skip_spaces();
    if (!in_.at_line_end()) unsupported();
    in_.skip_gap();
  }
  if (!in_.at_end() && !in_.at_document_start()) unsupported();
}

// A node whose first character starts the current content, where yaml-cpp allows a simple key
// (the start of a line, or after "- "). Leaves the cursor at the next content.
const YamlNode* YamlFastParser::node_at_line_start(int parent) {
  Depth depth(depth_);
  const int column = in_.column();
  if (in_.at_document_marker()) unsupported();
  if (in_.at_block_entry()) return block_seq(column);
  const char c = in_.peek();
  if (c == '[' || c == '{') {
    const YamlNode* node = flow_node();
    in_.skip_spaces();
    if (in_.peek() == ':') unsupported();  // a flow collection as a key
    end_inline();
    return node;
  }
  if (c == '|' || c == '>') return literal(parent);
  bool is_key = false;
  const YamlNode* node = block_scalar(parent, true, &is_key);
  if (is_key) return block_map(column, node);
  end_inline();
  return node;
}

// The value after a block key's ':'. Leaves the cursor at the next content.
const YamlNode* YamlFastParser::map_value(int map_column) {
  in_.skip_spaces();
  if (!in_.at_line_end()) {
    Depth depth(depth_);
    const char c = in_.peek();
    const YamlNode* node = nullptr;
    if (c == '|' || c == '>') return literal(map_column);
    if (c == '[' || c == '{') {
      node = flow_node();
      in_.skip_spaces();
      if (in_.peek() == ':') unsupported();
    } else {
      bool is_key = false;
      node = block_scalar(map_column, false, &is_key);
    }
    end_inline();
    return node;
  }
  in_.skip_gap();
  if (in_.at_end() || in_.at_document_marker()) return null_here();
  const int column = in_.column();
  if (column > map_column) return node_at_line_start(map_column);
  if (column == map_column && in_.at_block_entry()) return block_seq(column);  // indentless
  return null_here();
}

// The item after a block sequence's '-'. Leaves the cursor at the next content.
const YamlNode* YamlFastParser::seq_item(int seq_column) {
  in_.skip_spaces();
  if (!in_.at_line_end()) return node_at_line_start(seq_column);
  in_.skip_gap();
  if (in_.at_end() || in_.at_document_marker()) return null_here();
  if (in_.column() > seq_column) return node_at_line_start(seq_column);
  return null_here();
}

const YamlNode* YamlFastParser::block_map(int column, const YamlNode* first_key) {
  YamlNode* map = make(YamlNode::Kind::kMap, first_key->mark);
  const YamlNode* key = first_key;
  for (;;) {
    const YamlNode* value = map_value(column);
    map->entries.emplace_back(key, value);
    if (in_.at_end() || in_.at_document_marker()) break;
    const int next = in_.column();
    if (next < column) break;
    if (next > column) unsupported();
    const char c = in_.peek();
    if (c == '[' || c == '{' || in_.at_block_entry()) unsupported();
    bool is_key = false;
    key = block_scalar(column, true, &is_key);
    if (!is_key) unsupported();
  }
  return map;
}

const YamlNode* YamlFastParser::block_seq(int column) {
  YamlNode* seq = make(YamlNode::Kind::kSequence, in_.mark());
  for (;;) {
    in_.advance(1);  // '-'
    seq->items.push_back(seq_item(column));
    if (in_.at_end() || in_.at_document_marker()) break;
    const int next = in_.column();
    if (next > column) unsupported();
    if (next < column || !in_.at_block_entry()) break;
  }
  return seq;
}

// A plain or quoted scalar in block context. When it is followed by the value indicator it is
// a key: `*is_key` is set and the ':' is consumed.
const YamlNode* YamlFastParser::block_scalar(int parent, bool key_allowed, bool* is_key) {
  const YamlMark mark = in_.mark();
  const std::size_t start = in_.pos();
  const char c = in_.peek();
  YamlNode* node;
  if (c == '"' || c == '\'') {
    node = make(YamlNode::Kind::kScalar, mark);
    node->scalar = in_.quoted();
    in_.skip_spaces();
    *is_key = in_.at_block_value();
  } else {
    PlainEnd end;
    const std::string_view text = in_.plain_block(parent, &end);
    if (yaml_fast::is_null_plain(text)) {
      node = make(YamlNode::Kind::kNull, mark);
    } else {
      node = make(YamlNode::Kind::kScalar, mark);
      node->scalar.assign(text);
    }
    *is_key = end == PlainEnd::kValueIndicator;
  }
  if (*is_key) {
    // yaml-cpp takes a key only from one line and within 1024 characters of its ':'.
    if (!key_allowed || in_.pos() - start > 1000) unsupported();
    in_.advance(1);
  }
  return node;
}

// A block scalar: `parent` is exactly yaml-cpp's top indent here, as no simple key can be
// pending before '|' or '>'. Leaves the cursor at the next content.
const YamlNode* YamlFastParser::literal(int parent) {
  YamlNode* node = make(YamlNode::Kind::kScalar, in_.mark());
  node->scalar = in_.block_literal(parent);
  in_.skip_gap();
  return node;
}

// After a node that ends on its line: only a comment may follow. Moves to the next content.
void YamlFastParser::end_inline() {
  in_.skip_spaces();
  if (!in_.at_line_end()) unsupported();
  in_.skip_gap();
}

// Between flow tokens: spaces, comments, line breaks; a document marker there is not ours.
void YamlFastParser::flow_gap() {
  in_.skip_gap();
  if (in_.at_document_marker()) unsupported();
}

const YamlNode* YamlFastParser::flow_node() {
  Depth depth(depth_);
  const char c = in_.peek();
  if (c == '[') return flow_seq();
  if (c == '{') return flow_map();
  return flow_scalar();
}

const YamlNode* YamlFastParser::flow_scalar() {
  const YamlMark mark = in_.mark();
  const char c = in_.peek();
  if (c == '"' || c == '\'') {
    YamlNode* node = make(YamlNode::Kind::kScalar, mark);
    node->scalar = in_.quoted();
    return node;
  }
  const std::string_view text = in_.plain_flow();
  if (yaml_fast::is_null_plain(text)) return make(YamlNode::Kind::kNull, mark);
  YamlNode* node = make(YamlNode::Kind::kScalar, mark);
  node->scalar.assign(text);
  return node;
}

const YamlNode* YamlFastParser::flow_seq() {
  YamlNode* seq = make(YamlNode::Kind::kSequence, in_.mark());
  in_.advance(1);
  for (;;) {
    flow_gap();
    if (in_.peek() == ']') break;
    if (in_.peek() == ',') unsupported();  // an empty entry
    seq->items.push_back(flow_node());
    flow_gap();
    if (in_.peek() == ']') break;
    if (in_.peek() != ',') unsupported();  // includes ':' (a compact mapping) and the end
    in_.advance(1);
  }
  in_.advance(1);
  return seq;
}

const YamlNode* YamlFastParser::flow_map() {
  YamlNode* map = make(YamlNode::Kind::kMap, in_.mark());
  in_.advance(1);
  for (;;) {
    flow_gap();
    const char c = in_.peek();
    if (c == '}') break;
    if (c == ',' || c == '[' || c == '{' || c == ':' || c == '\0') unsupported();
    const std::size_t start = in_.pos();
    const YamlNode* key = flow_scalar();
    in_.skip_spaces();  // a simple key must end on its own line
    if (in_.pos() - start > 1000) unsupported();
    const YamlNode* value;
    if (in_.peek() == ':') {  // after a plain key, plain_flow stopped only at an indicator
      in_.advance(1);
      flow_gap();
      if (in_.peek() == ',' || in_.peek() == '}') {
        value = null_here();
      } else {
        value = flow_node();
        flow_gap();
      }
    } else if (in_.peek() == ',' || in_.peek() == '}') {
      value = null_here();
    } else {
      unsupported();
    }
    map->entries.emplace_back(key, value);
    if (in_.peek() == '}') break;
    if (in_.peek() != ',') unsupported();
    in_.advance(1);
  }
  in_.advance(1);
  return map;
}

std::optional<YamlDocument> parse_yaml_fast(std::string_view text) {
  try {
    YamlDocument doc;
    YamlFastParser parser(text, doc);
    parser.parse_document();
    return doc;
  } catch (const yaml_fast::Unsupported&) {
    return std::nullopt;
  }
}

}  // namespace retort::detail
