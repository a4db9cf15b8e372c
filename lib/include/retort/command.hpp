// One function per CLI command, callable from C++. Each takes an options struct and returns
// a result struct; the CLI only parses arguments and formats results.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace retort {

// The library's version, e.g. "0.1.0".
const char* version();

struct TemplateInfo {
  std::string name;
  std::string description;  // first line of the template's README
};

// The project templates compiled into retort (from migrations_template/).
std::vector<TemplateInfo> list_templates();

struct InitOptions {
  std::filesystem::path directory = ".";
  std::string template_name = "generic";
};

struct InitResult {
  std::filesystem::path directory;
  // Paths created, relative to `directory`, sorted; directories end with '/'.
  std::vector<std::string> created;
};

// Lays out a new project from a template. Throws UsageError for an unknown template (with a
// "did you mean") or a directory that exists and is not empty; creates nothing then.
InitResult init(const InitOptions& options);

}  // namespace retort
