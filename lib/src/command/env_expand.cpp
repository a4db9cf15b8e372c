// ${VAR} and ${VAR:-default} expansion for retort.yaml values (the syntax of POSIX shells
// and docker compose, restricted to the two forms users need for database URLs).
#include <cstdlib>
#include <string>
#include <string_view>

#include "retort/config.hpp"
#include "retort/error.hpp"

namespace retort {
namespace {

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

// The index of the '}' that closes a reference whose body starts at `begin`, skipping nested
// references (a default may hold ${OTHER}) and "$$"; npos when there is none.
std::size_t find_closing_brace(std::string_view text, std::size_t begin) {
  int depth = 0;
  for (std::size_t i = begin; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size()) {
      if (text[i + 1] == '{') ++depth;
      if (text[i + 1] == '{' || text[i + 1] == '$') ++i;
    } else if (text[i] == '}') {
      if (depth == 0) return i;
      --depth;
    }
  }
  return std::string_view::npos;
}

std::string malformed(std::string_view body, std::string_view why) {
  return "malformed variable reference \"${" + std::string(body) + "}\": " + std::string(why);
}

// Expands the inside of one ${...}.
std::string expand_reference(std::string_view body, const EnvLookup& env) {
  if (body.empty() || !is_name_start(body[0])) {
    throw InputError(malformed(body, "expected a variable name ([A-Za-z_][A-Za-z0-9_]*)"));
  }
  std::size_t end = 1;
  while (end < body.size() && is_name_char(body[end])) ++end;
  std::string name(body.substr(0, end));
  std::string_view rest = body.substr(end);
  std::optional<std::string> value = env(name);
  if (rest.empty()) {
    if (!value) {
      throw InputError("environment variable \"" + name + "\" is not set (write ${" + name +
                       ":-default} to give a default)");
    }
    return *value;
  }
  if (rest.substr(0, 2) != ":-") {
    throw InputError(malformed(body, "expected \"}\" or \":-default}\" after \"" + name + "\""));
  }
  if (value && !value->empty()) return *value;
  return expand_env(rest.substr(2), env);
}

}  // namespace

EnvLookup process_env() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::string expand_env(std::string_view text, const EnvLookup& env) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (text[i] != '$' || (next != '$' && next != '{')) {
      out += text[i];  // a lone '$' (say, in a password) stays as written
      continue;
    }
    if (next == '$') {
      out += '$';
      ++i;
      continue;
    }
    std::size_t close = find_closing_brace(text, i + 2);
    if (close == std::string_view::npos) {
      throw InputError("malformed variable reference \"" + std::string(text.substr(i)) +
                       "\": missing \"}\"");
    }
    out += expand_reference(text.substr(i + 2, close - i - 2), env);
    i = close;
  }
  return out;
}

}  // namespace retort
