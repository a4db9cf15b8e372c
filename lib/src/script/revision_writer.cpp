// Revision files written from the project's template; see revision_writer.hpp.
#include "script/revision_writer.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <random>

#include <unistd.h>

#include "retort/error.hpp"
#include "retort/suggest.hpp"
#include "script/graph_internal.hpp"

namespace retort::detail::script {
namespace {

constexpr std::string_view kPlaceholders[] = {"revision",   "down_revision", "branch_labels",
                                              "depends_on", "message",       "created",
                                              "upgrade",    "downgrade"};

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

// "[]", "[a, b]".
std::string flow_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const std::string& item : items) out += (out.size() > 1 ? ", " : "") + yaml_scalar(item);
  return out + "]";
}

std::string down_revision_value(const std::vector<std::string>& down) {
  if (down.empty()) return "null";
  if (down.size() == 1) return yaml_scalar(down[0]);
  return flow_list(down);
}

// A block of operations starts on the line after its key; none is "[]".
std::string operations_value(const std::string& block) {
  if (block.empty()) return "[]";
  std::string out = "\n" + block;
  if (out.ends_with('\n')) out.pop_back();  // the template supplies the line end
  return out;
}

std::string placeholder_value(std::string_view name, const RevisionFileContent& content) {
  const Revision& header = content.header;
  if (name == "revision") return yaml_scalar(header.id);
  if (name == "down_revision") return down_revision_value(header.down_revisions);
  if (name == "branch_labels") return flow_list(header.branch_labels);
  if (name == "depends_on") return flow_list(header.depends_on);
  if (name == "message") return yaml_double_quoted(header.message);
  if (name == "created") return yaml_scalar(header.created);
  if (name == "upgrade") return operations_value(content.upgrade);
  return operations_value(content.downgrade);
}

std::string trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(' ');
  return std::string(text.substr(first, last - first + 1));
}

std::string two_digits(int value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", value);
  return buffer;
}

}  // namespace

std::string yaml_double_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (byte < 0x20 || byte == 0x7f) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\x%02X", byte);
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string yaml_scalar(std::string_view text) {
  // ':' is fine inside a plain scalar ("2026-11-22T10:00:00Z") but not at its end.
  bool simple = !text.empty() && text[0] != '-' && text[0] != '.' && text.back() != ':';
  for (const char c : text) simple = simple && (is_word_char(c) || c == ':');
  for (std::string_view word : {"null", "Null", "NULL", "true", "True", "TRUE", "false", "False",
                                "FALSE", "yes", "no", "on", "off"}) {
    if (text == word) simple = false;
  }
  return simple ? std::string(text) : yaml_double_quoted(text);
}

std::string render_revision_template(std::string_view tmpl, std::string_view template_name,
                                     const RevisionFileContent& content) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = tmpl.find("{{", pos);
    if (open == std::string_view::npos) break;
    out.append(tmpl.substr(pos, open - pos));
    const std::size_t close = tmpl.find("}}", open + 2);
    const std::size_t line_end = tmpl.find('\n', open);
    if (close == std::string_view::npos || close > line_end) {
      throw InputError(location_of(tmpl, open, template_name), "unterminated placeholder \"{{\"");
    }
    const std::string name = trim(tmpl.substr(open + 2, close - open - 2));
    if (std::find(std::begin(kPlaceholders), std::end(kPlaceholders), name) ==
        std::end(kPlaceholders)) {
      std::string message = "unknown placeholder \"{{" + name + "}}\"";
      if (auto guess = did_you_mean(name, kPlaceholders)) {
        message += " (did you mean \"{{" + *guess + "}}\"?)";
      }
      throw InputError(location_of(tmpl, open, template_name), message);
    }
    const std::string value = placeholder_value(name, content);
    if (value.starts_with('\n')) {
      while (out.ends_with(' ')) out.pop_back();  // "upgrade:" then the block
    }
    out += value;
    pos = close + 2;
  }
  out.append(tmpl.substr(pos));
  return out;
}

std::string slugify(std::string_view message) {
  std::string slug;
  bool gap = false;
  for (const char c : message) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      gap = !slug.empty();
      continue;
    }
    if (slug.size() >= 40) break;
    if (gap) {
      if (slug.size() + 1 >= 40) break;
      slug += '_';
      gap = false;
    }
    slug += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return slug;
}

std::string iso_utc(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string render_file_name(std::string_view file_template, std::string_view config_name,
                             std::string_view rev, std::string_view message,
                             std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  const std::pair<std::string_view, std::string> values[] = {
      {"rev", std::string(rev)},
      {"slug", slugify(message)},
      {"year", std::to_string(tm.tm_year + 1900)},
      {"month", two_digits(tm.tm_mon + 1)},
      {"day", two_digits(tm.tm_mday)},
      {"hour", two_digits(tm.tm_hour)},
      {"minute", two_digits(tm.tm_min)},
      {"second", two_digits(tm.tm_sec)}};
  auto fail = [&](const std::string& why) -> InputError {
    return InputError(SourceLocation{std::string(config_name)},
                      "file_template \"" + std::string(file_template) + "\": " + why);
  };
  std::string out;
  for (std::size_t i = 0; i < file_template.size(); ++i) {
    if (file_template[i] != '{') {
      out += file_template[i];
      continue;
    }
    const std::size_t close = file_template.find('}', i);
    if (close == std::string_view::npos) throw fail("unterminated \"{\"");
    const std::string_view name = file_template.substr(i + 1, close - i - 1);
    auto it = std::find_if(std::begin(values), std::end(values),
                           [&](const auto& v) { return v.first == name; });
    if (it == std::end(values)) {
      throw fail("unknown placeholder {" + std::string(name) +
                 "} (known: {rev} {slug} {year} {month} {day} {hour} {minute} {second})");
    }
    out += it->second;
    i = close;
  }
  // An empty slug leaves separators dangling: "abc_" becomes "abc".
  while (!out.empty() && (out.back() == '_' || out.back() == '-')) out.pop_back();
  if (out.empty() || out[0] == '.' || out.find('/') != std::string::npos ||
      out.find('\\') != std::string::npos) {
    throw fail("gives the file name \"" + out +
               "\"; a name must be non-empty, not start with '.', and hold no '/'");
  }
  return out;
}

void write_new_file(const std::filesystem::path& path, std::string_view text) {
  std::filesystem::path temp = path;
  temp += ".tmp-" + std::to_string(std::random_device{}());
  auto fail = [&](const std::string& why) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw InputError(SourceLocation{path.string()}, "cannot write the revision file: " + why);
  };
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) fail("cannot create \"" + temp.string() + "\"");
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) fail("write error on \"" + temp.string() + "\"");
  }
  // link() fails with EEXIST rather than replacing a file, which rename() would do.
  if (::link(temp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    fail(error == EEXIST ? std::string("the file exists already") : std::strerror(error));
  }
  std::error_code ignored;
  std::filesystem::remove(temp, ignored);
}

}  // namespace retort::detail::script
