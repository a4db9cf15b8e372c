// The fast reader of revision-file headers. Loading thousands of revision files must take
// milliseconds, and a general YAML parser spends most of that time on the upgrade/downgrade
// blocks that listing the graph never looks at. This reader handles the one-line forms the
// revision template writes (plain, quoted and flow-sequence values; block sequences of
// scalars) and skips the upgrade/downgrade/skip_lint/lint blocks line by line. On anything else
// it returns nullopt and the caller falls back to yaml-cpp, so it never has to be complete,
// only never wrong.
#include <array>
#include <cstring>
#include <utility>

#include "script/revision_header.hpp"

namespace retort::detail::script {
namespace {

bool is_skipped_key(std::string_view key) {
  return key == "upgrade" || key == "downgrade" || key == "skip_lint" || key == "lint";
}

bool is_null_word(std::string_view text) {
  return text == "~" || text == "null" || text == "Null" || text == "NULL";
}

// YAML limits an implicit key ("key: value" with no "? ") to 1024 characters.
constexpr std::size_t kMaxImplicitKeyLength = 1024;

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
  if ((first == '-' || first == ':') &&
      (pos + 1 == line.size() || line[pos + 1] == ' ' || line[pos + 1] == '\t')) {
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
  item.kind = HeaderKind::kScalar;
  if (is_null_word(item.text)) {
    item.kind = HeaderKind::kNull;
    item.text.clear();  // as yaml-cpp reads it: a null has no text
  }
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

// A set of characters, for the scans below (std::string_view::find_first_of calls memchr for
// every character of the text).
struct CharSet {
  std::array<bool, 256> in{};
  constexpr explicit CharSet(std::string_view chars, bool complement = false) {
    for (bool& b : in) b = complement;
    for (char c : chars) in[static_cast<unsigned char>(c)] = !complement;
  }
};

constexpr CharSet kQuoteBracketOrComment("\"'#[]{}");
// The characters at which a reading may change: a plain scalar may end at these (outside and
// inside a flow collection), a quoted one at its quote, a run of blanks at anything else.
constexpr CharSet kEndsPlain(":#");
constexpr CharSet kEndsFlowPlain(":#,[]{}?");
constexpr CharSet kEndsDouble("\"\\");
constexpr CharSet kEndsSingle("'");
constexpr CharSet kNotBlank(" \t", true);

// The first position at or after `from` holding a character of `set`, or line.size().
std::size_t find_any(std::string_view line, std::size_t from, const CharSet& set) {
  while (from < line.size() && !set.in[static_cast<unsigned char>(line[from])]) ++from;
  return from;
}

// How a skipped line leaves the flow collections open around it: `depth` of them before it,
// the returned number after it; nullopt when the line may leave a quoted scalar open (it would
// run on over the lines below, keys included; yaml-cpp even lets one run to the end of the
// text) or when the answer is in doubt.
//
// What a quote, a bracket or a '#' means depends on where it stands: at the start of a node
// (after the indentation, "- ", ": ", a flow indicator, a quoted scalar) a quote opens a
// scalar, a bracket a collection and a '#' a comment (yaml-cpp needs no space before it
// there); inside a plain scalar they are text ("it's", "a[1]", "x#1"), except that a flow
// collection ends a plain scalar at its indicators. Where that is not clear from the line
// alone, the line is read every way at once: the state is the set of readings (where the
// reader is, and how deep in flow collections), split at each doubtful character. The answer
// stands only when every reading ends outside quotes at the same depth. A wrong doubt costs
// only a fall back to yaml-cpp, never a wrong header.
std::optional<int> flow_depth_after(std::string_view line, int depth) {
  enum class At {
    kNodeStart,     // before a node
    kProperty,      // in a tag or an anchor ("!x", "&a") or an alias ("*a")
    kPlain,         // in a plain scalar
    kDouble,        // in a double-quoted scalar
    kDoubleEscape,  // in one, right after a backslash
    kSingle,        // in a single-quoted scalar
    kSingleQuote,   // in one, right after a quote: its end, or the first of "''"
    kComment,
  };
  struct Reading {
    At at;
    int depth;
  };
  // Most lines hold nothing that could open a quote or change the depth: no need to read them.
  if (find_any(line, 0, kQuoteBracketOrComment) == line.size()) return depth;
  // A handful of readings at most in practice; more is doubt enough. Two buffers, swapped.
  constexpr std::size_t kMaxReadings = 16;
  std::array<Reading, kMaxReadings> buffers[2];
  Reading* readings = buffers[0].data();
  Reading* next = buffers[1].data();
  std::size_t count = 1;
  std::size_t next_count = 0;
  readings[0] = {At::kNodeStart, depth};
  bool doubt = false;
  const auto add = [&](At at, int d) {
    for (std::size_t k = 0; k < next_count; ++k) {
      if (next[k].at == at && next[k].depth == d) return;
    }
    // More closing than opening brackets is for yaml-cpp to refuse; too many readings, doubt.
    if (d < 0 || next_count == kMaxReadings) {
      doubt = true;
      return;
    }
    next[next_count++] = {at, d};
  };
  for (std::size_t i = 0; i < line.size(); ++i) {
    // One reading, in a run of characters that cannot change it: skip the run.
    if (count == 1) {
      const Reading& r = readings[0];
      const CharSet* stops = r.at == At::kPlain    ? (r.depth > 0 ? &kEndsFlowPlain : &kEndsPlain)
                             : r.at == At::kDouble ? &kEndsDouble
                             : r.at == At::kSingle ? &kEndsSingle
                             : r.at == At::kNodeStart ? &kNotBlank
                                                      : nullptr;
      if (stops != nullptr) {
        i = find_any(line, i, *stops);
        if (i == line.size()) break;
      }
    }
    const char c = line[i];
    const bool space = c == ' ' || c == '\t';
    const bool space_before = i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t';
    const bool space_after = i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\t';
    next_count = 0;
    for (std::size_t k = 0; k < count; ++k) {
      Reading r = readings[k];
      if (r.at == At::kSingleQuote) {
        if (c == '\'') {
          add(At::kSingle, r.depth);  // "''": a quote inside the scalar
          continue;
        }
        r.at = At::kNodeStart;  // the scalar ended at the quote before this character
      }
      const bool flow = r.depth > 0;
      switch (r.at) {
        case At::kNodeStart:
          if (c == '"') {
            add(At::kDouble, r.depth);
          } else if (c == '\'') {
            add(At::kSingle, r.depth);
          } else if (c == '#') {
            add(At::kComment, r.depth);
            if (!space_before) add(At::kNodeStart, r.depth);  // or text yaml-cpp refuses
          } else if (c == '[' || c == '{') {
            add(At::kNodeStart, r.depth + 1);
          } else if (c == ']' || c == '}') {
            add(At::kNodeStart, r.depth - 1);
          } else if (c == '!' || c == '&' || c == '*') {
            add(At::kProperty, r.depth);
          } else if (space || c == ',' || ((c == '-' || c == '?' || c == ':') && space_after)) {
            add(At::kNodeStart, r.depth);
          } else if (c == ':' && flow) {
            add(At::kNodeStart, r.depth);  // "{a:b}": a value indicator, or text
            add(At::kPlain, r.depth);
          } else {
            add(At::kPlain, r.depth);
          }
          break;
        case At::kProperty:
          if (space) {
            add(At::kNodeStart, r.depth);
          } else if (std::strchr("[]{},\"'#", c) != nullptr) {
            return std::nullopt;  // where a tag ends here is yaml-cpp's business
          } else {
            add(At::kProperty, r.depth);
          }
          break;
        case At::kPlain:
          if (c == '#' && space_before) {
            add(At::kComment, r.depth);
          } else if (c == ':' && space_after) {
            add(At::kNodeStart, r.depth);
          } else if (flow && (c == '[' || c == '{')) {
            add(At::kNodeStart, r.depth + 1);
          } else if (flow && (c == ']' || c == '}')) {
            add(At::kNodeStart, r.depth - 1);
          } else if (flow && (c == ',' || c == '?')) {
            add(At::kNodeStart, r.depth);
          } else if (flow && c == ':') {
            add(At::kNodeStart, r.depth);
            add(At::kPlain, r.depth);
          } else {
            add(At::kPlain, r.depth);
          }
          break;
        case At::kDouble:
          add(c == '\\' ? At::kDoubleEscape : c == '"' ? At::kNodeStart : At::kDouble, r.depth);
          break;
        case At::kDoubleEscape:
          add(At::kDouble, r.depth);
          break;
        case At::kSingle:
          add(c == '\'' ? At::kSingleQuote : At::kSingle, r.depth);
          break;
        case At::kSingleQuote:  // handled above
        case At::kComment:
          add(r.at, r.depth);
          break;
      }
    }
    if (doubt) return std::nullopt;
    std::swap(readings, next);
    count = next_count;
    if (count == 1 && readings[0].at == At::kComment) break;  // the rest is a comment
  }
  for (std::size_t k = 0; k < count; ++k) {
    const Reading& r = readings[k];
    if (r.at == At::kDouble || r.at == At::kDoubleEscape || r.at == At::kSingle) {
      return std::nullopt;  // a quoted scalar runs on over the next line
    }
    if (r.depth != readings[0].depth) return std::nullopt;
  }
  return readings[0].depth;
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
        const std::optional<int> depth = flow_depth_after(line, open_brackets_);
        if (!depth) return std::nullopt;
        open_brackets_ = *depth;
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
    // "null:" is a null key to yaml-cpp, which the header refuses; a key longer than YAML's
    // limit for an implicit key is refused too. Both are left to yaml-cpp and its message.
    if (is_null_word(line.substr(0, colon)) || colon > kMaxImplicitKeyLength) return false;
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
  int open_brackets_ = 0;  // flow collections the skipped block's lines leave open
  bool seen_document_start_ = false;
  std::vector<HeaderField> fields_;
};

}  // namespace

std::optional<std::vector<HeaderField>> scan_header_fast(std::string_view text) {
  return FastScanner(text).run();
}

}  // namespace retort::detail::script
