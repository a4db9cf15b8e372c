// The project templates compiled into the library (cmake/embed_templates.cmake turns
// migrations_template/<name>/<path> into a table of files).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace retort::detail {

struct TemplateFile {
  std::string path;           // inside the template, '/'-separated, e.g. "models/schema.yaml"
  std::string_view contents;  // static storage
};

// The README at the top of a template: describes it and is not copied by init.
inline constexpr std::string_view kTemplateReadme = "README";

// The names of the compiled-in templates, sorted.
std::vector<std::string> template_names();

// The files of template `name`, sorted by path; empty when there is no such template.
std::vector<TemplateFile> template_files(std::string_view name);

}  // namespace retort::detail
