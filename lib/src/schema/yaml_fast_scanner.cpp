// The fast path's scanner: plain and quoted scalars, gaps, indicators (see the header).
#include "schema/yaml_fast_scanner.hpp"

#include <cstring>

namespace retort::detail::yaml_fast {

namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  return (c | 0x20) - 'a' + 10;
}

void append_utf8(std::string& out, unsigned value) {
  if (value <= 0x7F) {
    out += static_cast<char>(value);
  } else if (value <= 0x7FF) {
    out += static_cast<char>(0xC0 + (value >> 6));
    out += static_cast<char>(0x80 + (value & 0x3F));
  } else if (value <= 0xFFFF) {
    out += static_cast<char>(0xE0 + (value >> 12));
    out += static_cast<char>(0x80 + ((value >> 6) & 0x3F));
    out += static_cast<char>(0x80 + (value & 0x3F));
  } else {
    out += static_cast<char>(0xF0 + (value >> 18));
    out += static_cast<char>(0x80 + ((value >> 12) & 0x3F));
    out += static_cast<char>(0x80 + ((value >> 6) & 0x3F));
    out += static_cast<char>(0x80 + (value & 0x3F));
  }
}

// Characters that cannot start a plain scalar in either context.
// The length of the well-formed UTF-8 sequence at bytes[i] (RFC 3629: no overlong form, no
// surrogate, nothing above U+10FFFF), or 0. yaml-cpp replaces an ill-formed one, which
// shifts its columns, so such text is left to it.
std::size_t utf8_length(const unsigned char* bytes, std::size_t i, std::size_t n) {
  const unsigned char c = bytes[i];
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) low = 0xA0;
    if (c == 0xED) high = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > n || bytes[i + 1] < low || bytes[i + 1] > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) return 0;
  }
  return length;
}

bool never_starts_plain(char c) {
  return c == '\0' || std::strchr(" \n,[]{}#&*!|>'\"%@`", c) != nullptr;
}

}  // namespace

Scanner::Scanner(std::string_view text) : text_(text) {
  if (!text.empty() && static_cast<unsigned char>(text[0]) >= 0x80) unsupported();
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char c = bytes[i];
    if (c >= 0x20 && c < 0x7F) continue;
    if (c == '\n') continue;
    if (c < 0x20 || c == 0x7F) unsupported();  // tabs, CR, NUL, yaml-cpp's end-of-stream 0x04
    if (c == 0xC2 && i + 1 < n && bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F) unsupported();
    if (c == 0xEF && i + 2 < n && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF) unsupported();
    const std::size_t length = utf8_length(bytes, i, n);
    if (length == 0) unsupported();
    i += length - 1;
  }
}

void Scanner::newline() {
  ++pos_;
  ++line_;
  line_start_ = pos_;
}

void Scanner::skip_spaces() {
  while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
}

void Scanner::skip_gap() {
  for (;;) {
    skip_spaces();
    if (pos_ < text_.size() && text_[pos_] == '#') {
      const std::size_t eol = text_.find('\n', pos_);
      pos_ = eol == std::string_view::npos ? text_.size() : eol;
    }
    if (pos_ >= text_.size() || text_[pos_] != '\n') return;
    newline();
  }
}

bool Scanner::at_line_end() const {
  const char c = peek();
  return at_end() || c == '\n' || c == '#';
}

bool Scanner::at_block_entry() const {
  if (peek() != '-') return false;
  const char next = peek(1);
  return next == ' ' || next == '\n' || next == '\0';
}

bool Scanner::at_block_value() const {
  if (peek() != ':') return false;
  const char next = peek(1);
  return next == ' ' || next == '\n' || next == '\0';
}

bool Scanner::at_document_marker() const {
  if (column() != 0) return false;
  const char c = peek();
  if ((c != '-' && c != '.') || peek(1) != c || peek(2) != c) return false;
  const char next = peek(3);
  return next == ' ' || next == '\n' || next == '\0';
}

std::string_view Scanner::plain_block(int parent_indent, PlainEnd* end) {
  const char first = peek();
  if (never_starts_plain(first)) unsupported();
  if ((first == '-' || first == '?' || first == ':') &&
      (peek(1) == ' ' || peek(1) == '\n' || peek(1) == '\0')) {
    unsupported();
  }
  const std::size_t start = pos_;
  std::size_t last = pos_;  // one past the last non-space character
  *end = PlainEnd::kOther;
  const std::size_t n = text_.size();
  while (pos_ < n) {
    const char c = text_[pos_];
    if (c == '\n') {
      if (block_continues(pos_, parent_indent)) unsupported();
      break;
    }
    if (c == ':' && (pos_ + 1 == n || text_[pos_ + 1] == ' ' || text_[pos_ + 1] == '\n')) {
      *end = PlainEnd::kValueIndicator;
      break;
    }
    if (c == ' ') {
      if (pos_ + 1 < n && text_[pos_ + 1] == '#') break;
    } else {
      last = pos_ + 1;
    }
    ++pos_;
  }
  return text_.substr(start, last - start);
}

bool Scanner::block_continues(std::size_t p, int parent_indent) const {
  const std::size_t n = text_.size();
  while (p < n) {
    const std::size_t line = p + 1;
    std::size_t k = line;
    while (k < n && text_[k] == ' ') ++k;
    if (k >= n) return false;
    if (text_[k] == '\n') {
      p = k;
      continue;
    }
    // yaml-cpp ends the scalar at a comment line, unless the scalar is the root (indent 0),
    // where a '#' in column 0 is taken into the scalar.
    if (text_[k] == '#') return parent_indent < 0;
    return static_cast<int>(k - line) > parent_indent;
  }
  return false;
}

std::string_view Scanner::plain_flow() {
  const char first = peek();
  if (never_starts_plain(first) || first == '?') unsupported();
  if (first == '-' || first == ':') {
    const char next = peek(1);
    if (next == '\0' || std::strchr(" \n,[]{}#", next) != nullptr) unsupported();
  }
  const std::size_t start = pos_;
  std::size_t last = pos_;
  const std::size_t n = text_.size();
  while (pos_ < n) {
    const char c = text_[pos_];
    if (c == '\n') {
      if (flow_continues(pos_)) unsupported();
      break;
    }
    if (c == ',' || c == ']' || c == '}') break;
    if (c == '[' || c == '{' || c == '?') unsupported();  // yaml-cpp ends the scalar there
    if (c == ':') {
      const char next = pos_ + 1 < n ? text_[pos_ + 1] : '\0';
      if (next == '\0' || std::strchr(" \n,]}", next) != nullptr) break;
    }
    if (c == ' ') {
      if (pos_ + 1 < n && text_[pos_ + 1] == '#') break;
    } else {
      last = pos_ + 1;
    }
    ++pos_;
  }
  return text_.substr(start, last - start);
}

bool Scanner::flow_continues(std::size_t p) const {
  const std::size_t n = text_.size();
  while (p < n) {
    const std::size_t line = p + 1;
    std::size_t k = line;
    while (k < n && text_[k] == ' ') ++k;
    if (k >= n) return true;
    const char c = text_[k];
    if (c == '\n') {
      p = k;
      continue;
    }
    if (c == ',' || c == ']' || c == '}') return false;
    return !(c == '#' && k > line);  // a '#' in column 0 would join the scalar
  }
  return true;
}

std::string Scanner::quoted() {
  const char quote = peek();
  ++pos_;
  std::string out;
  const std::size_t n = text_.size();
  for (;;) {
    const std::size_t run = pos_;
    while (pos_ < n && text_[pos_] != quote && text_[pos_] != '\n' &&
           !(quote == '"' && text_[pos_] == '\\')) {
      ++pos_;
    }
    out.append(text_.substr(run, pos_ - run));
    if (pos_ >= n || text_[pos_] == '\n') unsupported();  // multi-line or unterminated
    if (text_[pos_] == '\\') {
      escape(out);
    } else if (quote == '\'' && peek(1) == '\'') {
      out += '\'';
      pos_ += 2;
    } else {
      ++pos_;
      return out;
    }
  }
}

void Scanner::escape(std::string& out) {
  const char c = peek(1);
  pos_ += 2;
  switch (c) {
    case '0':
      out += '\0';
      return;
    case 'a':
      out += '\x07';
      return;
    case 'b':
      out += '\x08';
      return;
    case 't':
      out += '\x09';
      return;
    case 'n':
      out += '\x0A';
      return;
    case 'v':
      out += '\x0B';
      return;
    case 'f':
      out += '\x0C';
      return;
    case 'r':
      out += '\x0D';
      return;
    case 'e':
      out += '\x1B';
      return;
    case ' ':
      out += ' ';
      return;
    case '"':
      out += '"';
      return;
    case '\'':
      out += '\'';
      return;
    case '\\':
      out += '\\';
      return;
    case '/':
      out += '/';
      return;
    case 'N':
      out += "\x85";
      return;
    case '_':
      out += "\xA0";
      return;
    case 'L':
      out += "\xE2\x80\xA8";
      return;
    case 'P':
      out += "\xE2\x80\xA9";
      return;
    case 'x':
      hex_escape(out, 2);
      return;
    case 'u':
      hex_escape(out, 4);
      return;
    case 'U':
      hex_escape(out, 8);
      return;
    default:
      unsupported();  // an escaped line break, or an escape yaml-cpp rejects
  }
}

void Scanner::hex_escape(std::string& out, int digits) {
  unsigned value = 0;
  for (int i = 0; i < digits; ++i) {
    const char c = peek();
    if (!is_hex(c)) unsupported();
    value = value * 16 + static_cast<unsigned>(hex_value(c));
    ++pos_;
  }
  if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) unsupported();
  append_utf8(out, value);
}

}  // namespace retort::detail::yaml_fast
