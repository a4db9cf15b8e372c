// The fast reader of revision-file headers. Loading thousands of revision files must take
// milliseconds, and a general YAML parser spends most of that time on the upgrade/downgrade
// blocks that listing the graph never looks at. This reader handles the one-line forms the
// revision template writes (plain, quoted and flow-sequence values; block sequences of
// scalars) and skips the upgrade/downgrade/skip_lint/lint blocks line by line. On anything else
// it returns nullopt and the caller falls back to yaml-cpp, so it never has to be complete,
// only never wrong.
#include <cctype>
#include <cstring>

#include "script/revision_header.hpp"

namespace retort::detail::script {
namespace {

bool is_skipped_key(std::string_view key) {
  return key == "upgrade" || key == "downgrade" || key == "skip_lint" || key == "lint";
}

bool is_null_word(std::string_view text) {
  return text == "~" || text == "null" || text == "Null" || text == "NULL";
}

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// True when `line` holds a control character other than a tab (a NUL, ...): YAML refuses
// most of them, so the fast reader leaves such a file to yaml-cpp.
bool has_control_character(std::string_view line) {
  for (char c : line) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) return true;
  }
  return false;
}

std::size_t skip_spaces(std::string_view line, std::size_t pos) {
  while (pos < line.size() && line[pos] == ' ') ++pos;
  return pos;
}

// After a complete value only spaces and a comment may follow.
bool only_comment_left(std::string_view line, std::size_t pos) {
  std::size_t next = pos;
  while (next < line.size() && (line[next] == ' ' || line[next] == '\t')) ++next;
  return next == line.size() || (line[next] == '#' && next > pos);
}

// Reads a quoted scalar starting at line[pos] (the quote); sets `end` past the closing quote.
bool read_quoted(std::string_view line, std::size_t pos, std::string& out, std::size_t& end) {
  const char quote = line[pos];
  for (std::size_t i = pos + 1; i < line.size(); ++i) {
    const char c = line[i];
    if (quote == '\'' && c == '\'') {
      if (i + 1 < line.size() && line[i + 1] == '\'') {
        out += '\'';
        ++i;
        continue;
      }
      end = i + 1;
      return true;
    }
    if (quote == '"' && c == '"') {
      end = i + 1;
      return true;
    }
    if (quote == '"' && c == '\\') {
      if (i + 1 >= line.size()) return false;
      const char escaped = line[++i];
      const char* from = "\"\\/ntr";
      const char* to = "\"\\/\n\t\r";
      const char* hit = std::strchr(from, escaped);
      if (escaped == '\0' || hit == nullptr) return false;  // \x, \u...: let yaml-cpp decode
      out += to[hit - from];
      continue;
    }
    out += c;
  }
  return false;  // continues on the next line
}

// A plain scalar ends at " #" or, inside a flow sequence, at ',' or ']'; the fast reader
// gives up on anything yaml-cpp reads differently there (':', '?', other brackets).
bool read_plain(std::string_view line, std::size_t pos, bool in_flow, std::string& out,
                std::size_t& end) {
  const char first = line[pos];
  if (std::strchr("[]{},&*!|>%@`?\"'#", first) != nullptr) return false;
  if ((first == '-' || first == ':') && (pos + 1 == line.size() || line[pos + 1] == ' ')) {
    return false;
  }
  std::size_t i = pos;
  for (; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '#' && (line[i - 1] == ' ' || line[i - 1] == '\t')) break;
    if (c == ':' &&
        (i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\t' || in_flow)) {
      return false;
    }
    if (in_flow && (c == ',' || c == ']')) break;
    // yaml-cpp ends a plain scalar in a flow collection at '?' too, then refuses what follows.
    if (in_flow && std::strchr("[{}?", c) != nullptr) return false;
  }
  std::size_t last = i;
  while (last > pos && (line[last - 1] == ' ' || line[last - 1] == '\t')) --last;
  if (last == pos) return false;
  out.assign(line.substr(pos, last - pos));
  end = last;
  return true;
}

// One scalar item at line[pos]: quoted or plain.
bool read_item(std::string_view line, int number, std::size_t pos, bool in_flow, HeaderItem& item,
               std::size_t& end) {
  // yaml-cpp skips tabs before a value as it skips spaces (this reader skips only spaces).
  if (line[pos] == '\t') return false;
  item.line = number;
  item.column = static_cast<int>(pos) + 1;
  if (line[pos] == '"' || line[pos] == '\'') {
    item.plain = false;
    item.kind = HeaderKind::kScalar;
    return read_quoted(line, pos, item.text, end);
  }
  if (!read_plain(line, pos, in_flow, item.text, end)) return false;
  item.kind = is_null_word(item.text) ? HeaderKind::kNull : HeaderKind::kScalar;
  return true;
}

bool read_flow_sequence(std::string_view line, int number, std::size_t pos, HeaderField& field,
                        std::size_t& end) {
  field.kind = HeaderKind::kSequence;
  std::size_t i = skip_spaces(line, pos + 1);
  if (i < line.size() && line[i] == ']') {
    end = i + 1;
    return true;
  }
  while (i < line.size()) {
    HeaderItem item;
    std::size_t item_end = 0;
    if (!read_item(line, number, i, true, item, item_end)) return false;
    field.items.push_back(std::move(item));
    i = skip_spaces(line, item_end);
    if (i >= line.size()) return false;
    if (line[i] == ']') {
      end = i + 1;
      return true;
    }
    if (line[i] != ',') return false;
    i = skip_spaces(line, i + 1);
    if (i < line.size() && line[i] == ']') return false;  // trailing comma: leave it to yaml-cpp
  }
  return false;
}

// The value after "key: " on the key's own line.
bool read_inline_value(std::string_view line, int number, std::size_t pos, HeaderField& field) {
  std::size_t end = 0;
  if (line[pos] == '[') {
    if (!read_flow_sequence(line, number, pos, field, end)) return false;
    field.scalar.line = number;
    field.scalar.column = static_cast<int>(pos) + 1;
  } else {
    if (!read_item(line, number, pos, false, field.scalar, end)) return false;
    field.kind = field.scalar.kind;
  }
  return only_comment_left(line, end);
}

class FastScanner {
 public:
  explicit FastScanner(std::string_view text) : text_(text) {
    if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);
  }

  std::optional<std::vector<HeaderField>> run() {
    std::string_view line;
    while (next_line(line)) {
      if (has_control_character(line)) return std::nullopt;
      const std::size_t indent = skip_spaces(line, 0);
      if (indent == line.size() || line[indent] == '#') continue;  // blank or comment
      if (line[indent] == '\t') return std::nullopt;
      if (mode_ == Mode::kSkip && skipped_line(line, indent)) {
        // A quoted scalar left open swallows the lines that follow, keys included.
        if (leaves_quote_open(line)) return std::nullopt;
        open_brackets_ += bracket_balance(line);
        continue;
      }
      // A flow collection left open in a skipped block swallows the lines that follow it
      // (yaml-cpp reads them as part of the block, or refuses the file): not for this reader.
      if (open_brackets_ != 0) return std::nullopt;
      if (mode_ == Mode::kSequence) {
        if (is_sequence_entry(line, indent)) {
          if (!read_sequence_entry(line, indent)) return std::nullopt;
          continue;
        }
        if (indent > 0) return std::nullopt;
      }
      mode_ = Mode::kTop;
      if (indent > 0 || !read_key_line(line)) return std::nullopt;
    }
    return std::move(fields_);
  }

 private:
  enum class Mode { kTop, kSkip, kSequence };

  bool next_line(std::string_view& line) {
    if (pos_ >= text_.size()) return false;
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    line = text_.substr(pos_, end - pos_);
    // "\r\n" is a line break; a '\r' ending the text is not (yaml-cpp keeps it in the
    // scalar), so it stays in the line, where has_control_character sends the file to yaml-cpp.
    if (line.ends_with('\r') && end < text_.size()) line.remove_suffix(1);
    pos_ = end + 1;
    ++number_;
    return true;
  }

  static bool is_sequence_entry(std::string_view line, std::size_t indent) {
    return line[indent] == '-' && (indent + 1 == line.size() || line[indent + 1] == ' ');
  }

  // Opening minus closing flow brackets on a line. Brackets inside quoted text count too:
  // the only cost of a miscount is a fall back to yaml-cpp, never a wrong header.
  static int bracket_balance(std::string_view line) {
    int balance = 0;
    for (char c : line) {
      if (c == '{' || c == '[') ++balance;
      if (c == '}' || c == ']') --balance;
    }
    return balance;
  }

  // True when a quoted scalar starts on `line` and does not end on it (it would run on over
  // the lines that follow). A quote right after a letter, a digit or '_' is text inside a
  // plain scalar ("it's"); anywhere else it is taken to open a scalar, as it does after white
  // space, a flow indicator or a tag ('!"'). As with bracket_balance, a wrong guess costs
  // only a fall back to yaml-cpp.
  static bool leaves_quote_open(std::string_view line) {
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      const char before = i == 0 ? ' ' : line[i - 1];
      if (quote == '"') {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          quote = 0;
        }
      } else if (quote == '\'') {
        if (c == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
          ++i;  // '' is a quote inside the scalar
        } else if (c == '\'') {
          quote = 0;
        }
      } else if (c == '#' && (before == ' ' || before == '\t')) {
        return false;  // a comment
      } else if ((c == '"' || c == '\'') && !in_word(before)) {
        quote = c;
      }
    }
    return quote != 0;
  }

  static bool in_word(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
  }

  // Lines of an upgrade/downgrade/skip_lint/lint block: indented, or a "- " entry at column 1.
  static bool skipped_line(std::string_view line, std::size_t indent) {
    return indent > 0 || is_sequence_entry(line, indent);
  }

  bool read_sequence_entry(std::string_view line, std::size_t indent) {
    if (sequence_indent_ < 0) sequence_indent_ = static_cast<int>(indent);
    if (static_cast<int>(indent) != sequence_indent_) return false;
    const std::size_t pos = skip_spaces(line, indent + 1);
    if (pos == line.size()) return false;
    HeaderField& field = fields_.back();
    HeaderItem item;
    std::size_t end = 0;
    if (!read_item(line, number_, pos, false, item, end) || !only_comment_left(line, end)) {
      return false;
    }
    field.kind = HeaderKind::kSequence;
    field.items.push_back(std::move(item));
    return true;
  }

  bool read_key_line(std::string_view line) {
    if (line.starts_with("---") || line.starts_with("...")) {
      // One document start before the first key is harmless; anything else is for yaml-cpp.
      if (!line.starts_with("---") || !fields_.empty() || seen_document_start_) return false;
      seen_document_start_ = true;
      return only_comment_left(line, 3);
    }
    std::size_t colon = 0;
    while (colon < line.size() && is_key_char(line[colon])) ++colon;
    if (colon == 0 || colon == line.size() || line[colon] != ':') return false;
    if (colon + 1 < line.size() && line[colon + 1] != ' ') return false;
    HeaderField field;
    field.key.assign(line.substr(0, colon));
    field.line = number_;
    field.column = 1;
    field.scalar.line = number_;
    field.scalar.column = static_cast<int>(colon) + 2;
    const std::size_t value = skip_spaces(line, colon + 1);
    const bool empty = value == line.size() || line[value] == '#';
    if (!empty && !read_inline_value(line, number_, value, field)) return false;
    if (empty) {
      mode_ = is_skipped_key(field.key) ? Mode::kSkip : Mode::kSequence;
      sequence_indent_ = -1;
    }
    fields_.push_back(std::move(field));
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  int number_ = 0;
  Mode mode_ = Mode::kTop;
  int sequence_indent_ = -1;
  int open_brackets_ = 0;  // over the skipped block's lines so far
  bool seen_document_start_ = false;
  std::vector<HeaderField> fields_;
};

}  // namespace

std::optional<std::vector<HeaderField>> scan_header_fast(std::string_view text) {
  return FastScanner(text).run();
}

}  // namespace retort::detail::script
