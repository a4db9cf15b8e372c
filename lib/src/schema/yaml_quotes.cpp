// OpenQuoteCheck and load_yaml (yaml_quotes.hpp).
#include "schema/yaml_quotes.hpp"

#include <cctype>
#include <string>
#include <unordered_set>
#include <vector>

#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/node/impl.h>
#include <yaml-cpp/node/iterator.h>
#include <yaml-cpp/node/parse.h>

namespace retort::detail {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

// The characters of a tag after its first '!', as yaml-cpp reads them: URI characters, '%'
// escapes and the '!' of a named handle.
bool is_tag_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("-%#;/?:@&=+$,_.~*'()!").find(c) != std::string_view::npos;
}

// Walks `text` from a mark, keeping the mark's line and column as yaml-cpp counts them: bytes,
// and a line break at '\n' or at a '\r' not followed by '\n'.
class Cursor {
 public:
  Cursor(std::string_view text, std::size_t offset, const YAML::Mark& mark)
      : text_(text), pos_(offset), mark_(mark) {}

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  std::size_t offset() const { return pos_; }
  const YAML::Mark& mark() const { return mark_; }

  void advance() {
    const char c = text_[pos_++];
    ++mark_.pos;
    if (c == '\n' || (c == '\r' && peek() != '\n')) {
      ++mark_.line;
      mark_.column = 0;
    } else {
      ++mark_.column;
    }
  }

  // Past the node's properties (tags, anchors) and the blanks and comments among them: at
  // the node's content.
  void skip_properties() {
    while (!at_end()) {
      const char c = peek();
      if (is_blank(c)) {
        advance();
      } else if (c == '#') {
        while (!at_end() && peek() != '\n' && peek() != '\r') advance();
      } else if (c == '!' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '<') {
        while (!at_end() && peek() != '>') advance();  // a verbatim tag, !<...>
      } else if (c == '!') {
        // yaml-cpp ends a tag at the first character that cannot be in one: `!"x` is the
        // tag `!` and a quote.
        do {
          advance();
        } while (!at_end() && is_tag_character(peek()));
      } else if (c == '&') {
        while (!at_end() && !is_blank(peek()) && !is_flow_indicator(peek())) advance();
      } else {
        return;
      }
    }
  }

 private:
  std::string_view text_;
  std::size_t pos_;
  YAML::Mark mark_;
};

// True if the quoted scalar opening at text[quote] closes before the end of `text`, by YAML's
// rules: in double quotes a backslash escapes the next character; in single quotes '' is a
// quote.
bool quote_closes(std::string_view text, std::size_t quote) {
  const char q = text[quote];
  for (std::size_t i = quote + 1; i < text.size(); ++i) {
    if (q == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == q) {
      if (q == '"' || i + 1 >= text.size() || text[i + 1] != '\'') return true;
      ++i;
    }
  }
  return false;
}

}  // namespace

void OpenQuoteCheck::finish() const {
  if (last_.pos < 0) return;
  // yaml-cpp's positions count the characters it decoded: UTF-8 bytes after a byte-order
  // mark. Text in another encoding is not checked.
  std::size_t offset = static_cast<std::size_t>(last_.pos);
  if (text_.starts_with("\xEF\xBB\xBF")) {
    offset += 3;
  } else if (!text_.empty() &&
             (text_[0] == '\0' || text_.starts_with("\xFF\xFE") || text_.starts_with("\xFE\xFF"))) {
    return;
  }
  if (offset >= text_.size()) return;
  Cursor cursor(text_, offset, last_);
  cursor.skip_properties();
  if (cursor.peek() != '"' && cursor.peek() != '\'') return;  // a block scalar
  if (!quote_closes(text_, cursor.offset())) {
    throw YAML::ParserException(cursor.mark(), "unterminated quoted string");
  }
}

YAML::Node load_yaml(std::string_view text) {
  YAML::Node root = YAML::Load(std::string(text));
  OpenQuoteCheck check(text);
  // Collections are visited once, known by their mark and kind (an alias shares its anchor's
  // node and mark), so aliases cannot make the walk exponential. Two collections of one kind
  // share a mark only when a flow collection is the first key of a block mapping; the inner
  // one is skipped, and a closed flow collection holds no open quote.
  std::unordered_set<long long> visited;
  std::vector<YAML::Node> pending{root};
  while (!pending.empty()) {
    const YAML::Node node = pending.back();
    pending.pop_back();
    if (node.IsScalar()) {
      check.scalar(node.Mark(), node.Tag());
    } else if ((node.IsMap() || node.IsSequence()) &&
               visited.insert(node.Mark().pos * 2LL + (node.IsMap() ? 1 : 0)).second) {
      for (const auto& entry : node) {
        if (node.IsMap()) {
          pending.push_back(entry.first);
          pending.push_back(entry.second);
        } else {
          pending.push_back(entry);
        }
      }
    }
  }
  check.finish();
  return root;
}

}  // namespace retort::detail
