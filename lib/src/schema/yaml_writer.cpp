#include "schema/yaml_writer.hpp"

#include <array>
#include <cctype>

namespace retort::detail {
namespace {

bool is_ascii_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Words that YAML 1.1 or 1.2 readers take for null or a boolean when written plain.
bool is_reserved_word(std::string_view text) {
  static constexpr std::array<std::string_view, 9> kWords = {"null", "true", "false", "yes", "no",
                                                             "on",   "off",  "y",     "n"};
  if (text.size() > 5) return false;
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view word : kWords) {
    if (lower == word) return true;
  }
  return false;
}

// Plain only for ASCII words: a letter or '_' first, then letters, digits and _ . ( ) - and
// single inner spaces. Everything else (':', '#', ',', brackets, quotes, leading digits or
// dashes, non-ASCII...) is quoted, which is always correct.
bool can_be_plain(std::string_view text) {
  if (text.empty() || is_reserved_word(text)) return false;
  const auto first = static_cast<unsigned char>(text.front());
  if (!is_ascii_letter(first) && first != '_') return false;
  if (text.back() == ' ') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool ok = is_ascii_letter(c) || std::isdigit(c) || c == '_' || c == '.' || c == '(' ||
                    c == ')' || c == '-' || (c == ' ' && text[i - 1] != ' ');
    if (!ok) return false;
  }
  return true;
}

void append_hex(std::string& out, const char* prefix, unsigned value, int digits) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += prefix;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xF];
}

// The length of a UTF-8 sequence at `i` that YAML treats as a line break, a BOM or a
// non-printable character (U+0080..U+009F, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF), with its
// code point; 0 if there is none.
std::size_t special_sequence(std::string_view s, std::size_t i, unsigned& code_point) {
  auto byte = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  if (byte(i) == 0xC2 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F) {
    code_point = byte(i + 1);
    return 2;
  }
  if (byte(i) == 0xE2 && byte(i + 1) == 0x80 && (byte(i + 2) == 0xA8 || byte(i + 2) == 0xA9)) {
    code_point = 0x2000 + byte(i + 2) - 0x80;
    return 3;
  }
  if (byte(i) == 0xEF && ((byte(i + 1) == 0xBB && byte(i + 2) == 0xBF) ||
                          (byte(i + 1) == 0xBF && (byte(i + 2) == 0xBE || byte(i + 2) == 0xBF)))) {
    code_point = byte(i + 1) == 0xBB ? 0xFEFF : byte(i + 2) == 0xBE ? 0xFFFE : 0xFFFF;
    return 3;
  }
  return 0;
}

std::string double_quoted(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    unsigned code_point = 0;
    if (std::size_t n = special_sequence(text, i, code_point)) {
      append_hex(out, "\\u", code_point, 4);
      i += n - 1;
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      append_hex(out, "\\x", c, 2);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

std::string yaml_scalar(std::string_view text) {
  return can_be_plain(text) ? std::string(text) : double_quoted(text);
}

std::string yaml_key(std::string_view text, std::string_view indent) {
  // YAML 1.2 (7.4.2, 8.2.2): an implicit key is at most 1024 characters, its quotes included.
  constexpr std::size_t kMaxImplicitKey = 1000;
  std::string key = yaml_scalar(text);
  if (key.size() <= kMaxImplicitKey) return std::string(indent) + key + ":";
  if (indent.empty()) return "? " + key + " :";
  return std::string(indent) + "? " + key + "\n" + std::string(indent) + ":";
}

std::string yaml_flow_sequence(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + yaml_scalar(items[i]);
  return out + "]";
}

FlowMap& FlowMap::add(std::string_view key, std::string rendered_value) {
  entries_.emplace_back(std::string(key), std::move(rendered_value));
  return *this;
}

std::string FlowMap::str() const {
  std::string out = "{";
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    out += (i ? ", " : "") + yaml_key(entries_[i].first) + " " + entries_[i].second;
  }
  return out + "}";
}

}  // namespace retort::detail
