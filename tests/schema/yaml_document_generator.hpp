// Random YAML documents for the fast parser's differential tests (and the fuzzer's seeds):
// nested block and flow collections, block scalars, comments, document markers, and scalars in
// every style drawn from a pool of tricky texts (colons, '#', quotes, unicode, leading spaces,
// numbers, booleans, null words, indicator characters). Some come out invalid on purpose:
// the two parsers must agree on those too.
#pragma once

#include <random>
#include <string>

namespace retort::testing {

// Random documents: nested block and flow collections with tricky scalars in every style.
class DocumentGenerator {
 public:
  explicit DocumentGenerator(unsigned seed) : rng_(seed) {}

  std::string document() {
    std::string out;
    if (pick(6) == 0) out += pick(2) ? "---\n" : "--- # start\n";
    if (pick(2)) {
      block_map(out, pick(3) == 0 ? pick(3) : 0, 0);
    } else {
      block_seq(out, 0, 0);
    }
    if (pick(8) == 0) out += pick(2) ? "...\n" : "# trailing comment\n";
    return out;
  }

 private:
  int pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }

  std::string atom() {
    static const char* const kAtoms[] = {"a",
                                         "foo bar",
                                         "x:y",
                                         "a#b",
                                         "-1",
                                         "3.14",
                                         "true",
                                         "no",
                                         "null",
                                         "~",
                                         "Null",
                                         "h\xC3\xA9",
                                         "\xE6\x97\xA5\xE6\x9C\xAC",
                                         "it's",
                                         "say \"hi\"",
                                         " lead",
                                         "trail ",
                                         "k: v",
                                         "[x]",
                                         "{y}",
                                         "a,b",
                                         "#c",
                                         "-",
                                         "?",
                                         ":",
                                         "- a",
                                         "0x1F",
                                         "1e3",
                                         "@at",
                                         "&a",
                                         "*a",
                                         "%p",
                                         "|",
                                         ">",
                                         "...",
                                         "---",
                                         "a #b",
                                         "c:",
                                         "back\\slash",
                                         "",
                                         "tab\tin",
                                         "x?y",
                                         "line\nbreak",
                                         "long_identifier_name_with_digits_12345"};
    return kAtoms[pick(sizeof(kAtoms) / sizeof(kAtoms[0]))];
  }

  // Whether `text` reads back as itself when written plain (a rough rule: the generator
  // still writes some unsafe ones plain, and both paths must agree on those too).
  static bool plain_safe(const std::string& text) {
    return !text.empty() && std::string(" -?:,[]{}#&*!|>'\"%@`.~").find(text[0]) == npos &&
           text.find(": ") == npos && text.find(" #") == npos && text.back() != ':' &&
           text.back() != ' ' && text.find_first_of("\t\n?[{") == npos && text != "null" &&
           text != "Null";
  }
  static constexpr std::size_t npos = std::string::npos;

  std::string scalar(bool flow) {
    const std::string text = atom();
    int style = pick(4);
    if (style >= 2 && !plain_safe(text) && pick(5) != 0) style = 1;
    switch (style) {
      case 0: {
        std::string out = "'";
        for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
        return out + "'";
      }
      case 1: {
        std::string out = "\"";
        for (char c : text) {
          if (c == '"' || c == '\\') out += '\\';
          if (c == '\n') {
            out += "\\n";
          } else if (c == '\t') {
            out += pick(2) ? "\\t" : "\\x09";
          } else {
            out += c;
          }
        }
        return out + (pick(5) == 0 ? "\\u00e9\"" : "\"");
      }
      default:
        if (text.empty() || text.find_first_of("\t\n") != std::string::npos) return "plain";
        (void)flow;
        return text;  // plain, even when that is not valid YAML: both paths must agree
    }
  }

  void flow(std::string& out, int depth) {
    const int kind = depth > 2 ? 2 : pick(3);
    const char* sep = pick(4) == 0 ? ",\n   " : (pick(2) ? ", " : ",");
    if (kind == 0) {
      out += '[';
      const int n = pick(4);
      for (int i = 0; i < n; ++i) {
        if (i > 0) out += sep;
        flow(out, depth + 1);
      }
      out += pick(8) == 0 && n > 0 ? ",]" : "]";
    } else if (kind == 1) {
      out += '{';
      const int n = pick(4);
      for (int i = 0; i < n; ++i) {
        if (i > 0) out += sep;
        out += scalar(true);
        if (pick(8) == 0) continue;  // a key without a value
        out += pick(6) == 0 ? ":" : ": ";
        flow(out, depth + 1);
      }
      out += '}';
    } else {
      out += scalar(true);
    }
  }

  void gap(std::string& out, int indent) {
    if (pick(10) == 0) out += "\n";
    if (pick(12) == 0) out += std::string(indent + pick(3), ' ') + "# note: x\n";
  }

  // A value after "key:" or "- ": on the same line, or a block collection on the next lines.
  void value(std::string& out, int indent, int depth, bool in_map) {
    const int kind = depth > 3 ? pick(3) : pick(7);
    if (kind == 6) {
      block_literal(out, indent);
    } else if (kind == 0) {
      out += " " + scalar(false) + (pick(6) == 0 ? " # comment\n" : "\n");
    } else if (kind == 1) {
      out += pick(3) == 0 ? "\n" : (pick(2) ? " ~\n" : " # empty\n");
    } else if (kind == 2) {
      out += " ";
      flow(out, 0);
      out += "\n";
    } else if (kind == 3 || kind == 4) {
      out += "\n";
      block_map(out, indent + 1 + pick(3), depth + 1);
    } else {
      out += "\n";
      block_seq(out, in_map && pick(2) ? indent : indent + 1 + pick(2), depth + 1);
    }
  }

  void block_literal(std::string& out, int indent) {
    static const char* const kHeaders[] = {"", "", "-", "+", "2", "-1", "+3", "1-", "4"};
    out += pick(2) ? " |" : " >";
    out += kHeaders[pick(sizeof(kHeaders) / sizeof(kHeaders[0]))];
    out += pick(5) == 0 ? " # c\n" : "\n";
    const int content = indent + 1 + pick(3);
    const int lines = 1 + pick(5);
    for (int i = 0; i < lines; ++i) {
      const int kind = pick(6);
      if (kind == 0) {
        out += pick(2) ? "\n" : std::string(pick(6), ' ') + "\n";
        continue;
      }
      std::string text = atom();
      if (text.find_first_of("\t\n") != std::string::npos) text = "x";
      out += std::string(content + (kind == 1 ? 1 + pick(3) : 0), ' ') + text + "\n";
    }
  }

  void block_map(std::string& out, int indent, int depth, bool first_inline = false) {
    const int n = 1 + pick(4);
    for (int i = 0; i < n; ++i) {
      if (!(first_inline && i == 0)) out += std::string(indent, ' ');
      out += scalar(false) + (pick(10) == 0 ? " :" : ":");
      value(out, indent, depth, true);
      gap(out, indent);
    }
  }

  void block_seq(std::string& out, int indent, int depth) {
    const int n = 1 + pick(4);
    for (int i = 0; i < n; ++i) {
      out += std::string(indent, ' ') + "-";
      const int kind = depth > 3 ? 0 : pick(4);
      if (kind == 1) {  // a compact mapping: "- key: value"
        out += " ";
        block_map(out, indent + 2, depth + 1, true);
      } else if (kind == 2) {  // a nested sequence on the same line
        out += " - " + scalar(false) + "\n";
      } else {
        value(out, indent, depth, false);
      }
      gap(out, indent);
    }
  }

  std::mt19937 rng_;
};

}  // namespace retort::testing
