// The character level of the fast YAML path (yaml_fast_parser.cpp builds the tree on it).
//
// Every rule here mirrors what yaml-cpp 0.7's scanner does for the same characters; where the
// two could disagree (a scalar that may continue on the next line, an escape yaml-cpp may
// reject, a byte its stream treats specially) the scanner throws Unsupported instead of
// guessing, and the whole document goes to yaml-cpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "schema/yaml_document.hpp"

namespace retort::detail::yaml_fast {

// Thrown anywhere in the fast path when the text leaves the supported subset or may be
// malformed. Never escapes parse_yaml_fast.
struct Unsupported {};
[[noreturn]] inline void unsupported() { throw Unsupported{}; }

// Where a plain scalar stopped.
enum class PlainEnd {
  kValueIndicator,  // at ':' followed by a space, a break or the end (a key ends here)
  kOther,           // at a comment, a line break, the end, or a flow indicator
};

class Scanner {
 public:
  // Throws Unsupported for bytes yaml-cpp's stream treats specially (control characters,
  // tabs, carriage returns, byte-order marks, a non-ASCII first byte).
  explicit Scanner(std::string_view text);

  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  bool at_end() const { return pos_ >= text_.size(); }
  int column() const { return static_cast<int>(pos_ - line_start_); }
  std::size_t pos() const { return pos_; }
  // yaml-cpp's mark here; at the end of the text the column is 0 (its scanner resets it).
  YamlMark mark() const { return {line_, at_end() ? 0 : column()}; }
  // At the end of a text whose last line has no line break: yaml-cpp's mark there depends on
  // what that line held (spaces, a comment) and on what came before, so it is not ours.
  bool at_end_of_unfinished_line() const {
    return at_end() && !text_.empty() && text_.back() != '\n';
  }
  // Moves over `n` characters of the current line.
  void advance(std::size_t n = 1) { pos_ += n; }

  void skip_spaces();
  // Skips spaces, comments and line breaks: between tokens '#' always opens a comment.
  void skip_gap();
  // After skip_spaces: nothing but a comment is left on this line.
  bool at_line_end() const;
  // '-' followed by a space, a break or the end.
  bool at_block_entry() const;
  // ':' followed by a space, a break or the end: the value indicator in block context.
  bool at_block_value() const;
  // "---" or "..." at column 0 followed by a space, a break or the end.
  bool at_document_marker() const;
  bool at_document_start() const { return at_document_marker() && peek() == '-'; }

  // Scalars: each starts at the current character and leaves the cursor right after the
  // scalar (a plain scalar before its terminator). `parent_indent` is the column of the
  // innermost block collection (-1 at the root): a plain scalar whose next content line is
  // indented deeper might continue there, which the fast path does not follow.
  std::string_view plain_block(int parent_indent, PlainEnd* end);
  std::string_view plain_flow();
  std::string quoted();
  // A literal ('|') or folded ('>') block scalar, from its indicator to the first line indented
  // less than its content (the cursor stops there, after that line's leading spaces).
  // `top_indent` is the column of the innermost block collection, exactly (-1 at the root).
  std::string block_literal(int top_indent);

 private:
  void newline();
  // Could a block plain scalar that stopped at the break at `p` continue on a later line?
  bool block_continues(std::size_t p, int parent_indent) const;
  // Could a flow plain scalar that stopped at the break at `p` continue on a later line?
  bool flow_continues(std::size_t p) const;
  void escape(std::string& out);
  void hex_escape(std::string& out, int digits);

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 0;
};

// yaml-cpp's plain scalars that mean null.
inline bool is_null_plain(std::string_view s) {
  return s == "~" || s == "null" || s == "Null" || s == "NULL";
}

}  // namespace retort::detail::yaml_fast
