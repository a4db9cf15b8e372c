// The fast path's block scalars: literal ('|') and folded ('>'), with chomping and indentation
// indicators. This is yaml-cpp 0.7's ScanBlockScalar and the block half of its ScanScalar,
// step for step, so that folding, kept and stripped line breaks and the detected indentation
// come out byte for byte the same.
#include <algorithm>

#include "schema/yaml_fast_scanner.hpp"

namespace retort::detail::yaml_fast {

namespace {

enum class Chomp { kClip, kStrip, kKeep };

void apply_chomping(std::string& s, Chomp chomp) {
  const std::size_t pos = s.find_last_not_of('\n');
  if (chomp == Chomp::kKeep) return;
  if (pos == std::string::npos) {
    s.clear();
  } else if (chomp == Chomp::kClip && pos + 1 < s.size()) {
    s.erase(pos + 2);
  } else if (chomp == Chomp::kStrip) {
    s.erase(pos + 1);
  }
}

}  // namespace

// yaml-cpp's ScanBlockScalar and the block half of its ScanScalar, step for step.
std::string Scanner::block_literal(int top_indent) {
  const bool folded = peek() == '>';
  ++pos_;
  Chomp chomp = Chomp::kClip;
  int indent = 1;
  bool detect = true;
  for (int i = 0; i < 2; ++i) {
    const char c = peek();
    if ((c == '+' || c == '-') && chomp == Chomp::kClip) {
      chomp = c == '+' ? Chomp::kKeep : Chomp::kStrip;
    } else if (c >= '1' && c <= '9' && detect) {
      indent = c - '0';
      detect = false;
    } else {
      break;
    }
    ++pos_;
  }
  skip_spaces();
  if (peek() == '#') {
    while (!at_end() && peek() != '\n') ++pos_;
  }
  if (!at_end() && peek() != '\n') unsupported();  // '0', a third indicator, text
  if (top_indent >= 0) indent += top_indent;
  std::string s;
  bool found_text = false, past_opening = false, empty_line = false, more_indented = false;
  bool folded_started_more = false;
  int folded_newlines = 0;
  while (!at_end()) {
    const std::size_t run = pos_;
    while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    if (pos_ > run) {
      found_text = true;
      past_opening = true;
      s.append(text_.substr(run, pos_ - run));
    }
    if (at_end()) break;
    newline();
    while (peek() == ' ' && (column() < indent || (detect && !found_text))) ++pos_;
    if (detect && !found_text) indent = std::max(indent, column());
    const bool next_empty = peek() == '\n';
    const bool next_more = peek() == ' ';
    if (folded && folded_newlines == 0 && next_empty) folded_started_more = more_indented;
    if (past_opening && !folded) {
      s += '\n';
    } else if (past_opening) {
      if (!empty_line && !next_empty && !more_indented && !next_more && column() >= indent) {
        s += ' ';
      } else if (next_empty) {
        ++folded_newlines;
      } else {
        s += '\n';
      }
      if (!next_empty && folded_newlines > 0) {
        s.append(static_cast<std::size_t>(folded_newlines - 1), '\n');
        if (folded_started_more || next_more || !found_text) s += '\n';
        folded_newlines = 0;
      }
    }
    empty_line = next_empty;
    more_indented = next_more;
    past_opening = true;
    if (!empty_line && column() < indent) break;
  }
  apply_chomping(s, chomp);
  return s;
}

}  // namespace retort::detail::yaml_fast
