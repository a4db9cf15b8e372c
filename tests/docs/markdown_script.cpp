#include "markdown_script.hpp"

#include <regex>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace retort::testing {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string trim_right(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The value of a `<!-- key: value -->` marker line, or "" when `line` is not that marker.
std::string marker(const std::string& line, std::string_view key) {
  std::string t = trim_right(line);
  std::string open = "<!-- " + std::string(key) + ":";
  if (!starts_with(t, open) || t.size() < open.size() + 4 || t.substr(t.size() - 3) != "-->") {
    return "";
  }
  std::string value = t.substr(open.size(), t.size() - 3 - open.size());
  std::size_t b = value.find_first_not_of(' ');
  std::size_t e = value.find_last_not_of(' ');
  return b == std::string::npos ? "" : value.substr(b, e - b + 1);
}

// Reads the fenced block starting at lines[i] (the ``` line); returns its body and moves i
// past the closing fence.
std::vector<std::string> read_fence(const std::vector<std::string>& lines, std::size_t& i) {
  std::size_t open_line = i + 1;
  std::vector<std::string> body;
  for (++i; i < lines.size(); ++i) {
    if (starts_with(lines[i], "```")) {
      ++i;
      return body;
    }
    body.push_back(lines[i]);
  }
  throw std::runtime_error("line " + std::to_string(open_line) + ": unterminated ``` block");
}

void add_console_steps(const std::vector<std::string>& body, int first_line, int& pending_exit,
                       const std::string& only, std::vector<ScriptStep>& steps) {
  for (std::size_t j = 0; j < body.size(); ++j) {
    const std::string& line = body[j];
    if (!starts_with(line, "$ ")) {
      if (steps.empty() || steps.back().kind != ScriptStep::Kind::kRun) {
        throw std::runtime_error("line " + std::to_string(first_line + j) +
                                 ": output before any command in a console block");
      }
      steps.back().expected.push_back(trim_right(line));
      continue;
    }
    ScriptStep step;
    step.line = first_line + static_cast<int>(j);
    step.command = line.substr(2);
    // The backslash stays: the shell reads it with the newline as a line continuation.
    while (!step.command.empty() && step.command.back() == '\\' && j + 1 < body.size()) {
      step.command += "\n" + body[++j];
    }
    step.expected_exit = pending_exit;
    step.only = only;
    pending_exit = 0;
    steps.push_back(std::move(step));
  }
}

// Reads the hidden setup comment opening at lines[i] (`<!-- doc-test: setup`); returns the
// step running its body and moves i past the closing `-->` line.
ScriptStep read_setup(const std::vector<std::string>& lines, std::size_t& i) {
  ScriptStep step;
  step.kind = ScriptStep::Kind::kSetup;
  step.line = static_cast<int>(i) + 1;
  for (++i; i < lines.size(); ++i) {
    if (lines[i].find("-->") == std::string::npos) {
      step.command += lines[i] + "\n";
      continue;
    }
    if (trim_right(lines[i]) != "-->") {
      // A Markdown renderer ends the comment here and would show the rest of the line.
      throw std::runtime_error("line " + std::to_string(i + 1) +
                               ": a setup comment must end with a line holding only -->");
    }
    ++i;
    return step;
  }
  throw std::runtime_error("line " + std::to_string(step.line) +
                           ": unterminated doc-test setup comment (no --> line)");
}

// A line's revision ids replaced by a placeholder.
std::string mask_revision_ids(const std::string& line) {
  static const std::regex id(R"(\b(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{12}\b)");
  return std::regex_replace(line, id, "<rev>");
}

bool line_matches(const std::string& expected_in, const std::string& actual_in) {
  std::string expected = mask_revision_ids(trim_right(expected_in));
  std::string actual = mask_revision_ids(trim_right(actual_in));
  std::size_t star = expected.find("...");
  if (star == std::string::npos) return expected == actual;
  // Glob: every "..." matches any text.
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (; star != std::string::npos; star = expected.find("...", from)) {
    parts.push_back(expected.substr(from, star - from));
    from = star + 3;
  }
  parts.push_back(expected.substr(from));
  if (!starts_with(actual, parts.front())) return false;
  std::size_t pos = parts.front().size();
  for (std::size_t k = 1; k + 1 < parts.size(); ++k) {
    std::size_t found = actual.find(parts[k], pos);
    if (found == std::string::npos) return false;
    pos = found + parts[k].size();
  }
  const std::string& last = parts.back();
  return actual.size() >= pos + last.size() &&
         actual.compare(actual.size() - last.size(), last.size(), last) == 0;
}

bool match_from(const std::vector<std::string>& expected, std::size_t e,
                const std::vector<std::string>& actual, std::size_t a) {
  if (e == expected.size()) return a == actual.size();
  if (trim_right(expected[e]) == "...") {
    for (std::size_t skip = a; skip <= actual.size(); ++skip) {
      if (match_from(expected, e + 1, actual, skip)) return true;
    }
    return false;
  }
  return a < actual.size() && line_matches(expected[e], actual[a]) &&
         match_from(expected, e + 1, actual, a + 1);
}

}  // namespace

std::vector<ScriptStep> parse_markdown_script(const std::string& markdown) {
  std::vector<std::string> lines = split_lines(markdown);
  std::vector<ScriptStep> steps;
  std::string pending_file;
  int pending_file_line = 0;
  int pending_exit = 0;
  bool skip_next = false;
  std::string only_next;
  for (std::size_t i = 0; i < lines.size();) {
    const std::string& line = lines[i];
    if (trim_right(line) == "<!-- doc-test: setup") {
      steps.push_back(read_setup(lines, i));
      steps.back().only = only_next;
      only_next.clear();
    } else if (std::string file = marker(line, "file"); !file.empty()) {
      pending_file = file;
      pending_file_line = static_cast<int>(i) + 1;
      ++i;
    } else if (std::string code = marker(line, "expect-exit"); !code.empty()) {
      pending_exit = std::stoi(code);
      ++i;
    } else if (std::string test = marker(line, "doc-test"); !test.empty()) {
      if (test == "skip") {
        skip_next = true;
      } else if (starts_with(test, "only ")) {
        only_next = test.substr(5);
      } else if (test == "setup") {
        throw std::runtime_error("line " + std::to_string(i + 1) +
                                 ": a setup comment holds its shell on the lines after "
                                 "\"<!-- doc-test: setup\" and ends with a line \"-->\"");
      } else if (test == "fresh") {
        ScriptStep step;
        step.kind = ScriptStep::Kind::kFresh;
        step.line = static_cast<int>(i) + 1;
        steps.push_back(std::move(step));
      } else {
        throw std::runtime_error("line " + std::to_string(i + 1) + ": unknown doc-test marker \"" +
                                 test + "\"");
      }
      ++i;
    } else if (starts_with(line, "```")) {
      std::string info = trim_right(line.substr(3));
      int first_line = static_cast<int>(i) + 2;
      std::vector<std::string> body = read_fence(lines, i);
      if (skip_next) {
        skip_next = false;
      } else if (!pending_file.empty()) {
        ScriptStep step;
        step.kind = ScriptStep::Kind::kWriteFile;
        step.line = first_line;
        step.path = pending_file;
        step.only = only_next;
        for (const std::string& b : body) step.content += b + "\n";
        steps.push_back(std::move(step));
      } else if (info == "console") {
        add_console_steps(body, first_line, pending_exit, only_next, steps);
      }
      pending_file.clear();
      only_next.clear();
    } else {
      ++i;
    }
  }
  if (!pending_file.empty()) {
    throw std::runtime_error("line " + std::to_string(pending_file_line) +
                             ": the file marker for \"" + pending_file +
                             "\" has no block after it");
  }
  return steps;
}

bool lines_match(const std::vector<std::string>& expected, const std::vector<std::string>& actual,
                 std::string* why) {
  if (match_from(expected, 0, actual, 0)) return true;
  if (why != nullptr) {
    std::ostringstream out;
    out << "expected:\n";
    for (const std::string& l : expected) out << "  | " << l << "\n";
    out << "printed:\n";
    for (const std::string& l : actual) out << "  | " << l << "\n";
    *why = out.str();
  }
  return false;
}

}  // namespace retort::testing
