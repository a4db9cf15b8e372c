// Access to the compiled-in project templates, and list_templates().
#include "command/templates.hpp"

#include <algorithm>
#include <cstddef>

#include "retort/command.hpp"

namespace retort::detail {

// Defined in the generated templates_data.cpp (cmake/embed_templates.cmake); this
// declaration must match the one written there.
struct EmbeddedFile {
  const char* path;
  const unsigned char* data;
  std::size_t size;
};

extern const EmbeddedFile kEmbeddedTemplateFiles[];
extern const std::size_t kEmbeddedTemplateFileCount;

namespace {

// Splits "generic/models/schema.yaml" into "generic" and "models/schema.yaml".
std::pair<std::string_view, std::string_view> split_template_path(std::string_view path) {
  std::size_t slash = path.find('/');
  if (slash == std::string_view::npos) return {std::string_view(), path};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

std::string_view contents_of(const EmbeddedFile& file) {
  return {reinterpret_cast<const char*>(file.data), file.size};
}

}  // namespace

std::vector<std::string> template_names() {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < kEmbeddedTemplateFileCount; ++i) {
    auto [name, rest] = split_template_path(kEmbeddedTemplateFiles[i].path);
    if (name.empty()) continue;  // a stray file at the top of migrations_template/
    if (std::find(names.begin(), names.end(), name) == names.end()) names.emplace_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<TemplateFile> template_files(std::string_view name) {
  std::vector<TemplateFile> files;
  for (std::size_t i = 0; i < kEmbeddedTemplateFileCount; ++i) {
    auto [owner, path] = split_template_path(kEmbeddedTemplateFiles[i].path);
    if (owner == name && !name.empty()) {
      files.push_back({std::string(path), contents_of(kEmbeddedTemplateFiles[i])});
    }
  }
  std::sort(files.begin(), files.end(),
            [](const TemplateFile& a, const TemplateFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace retort::detail

namespace retort {

std::vector<TemplateInfo> list_templates() {
  std::vector<TemplateInfo> templates;
  for (const std::string& name : detail::template_names()) {
    TemplateInfo info{name, ""};
    for (const detail::TemplateFile& file : detail::template_files(name)) {
      if (file.path != detail::kTemplateReadme) continue;
      std::string_view text = file.contents;
      info.description = std::string(text.substr(0, text.find('\n')));
      if (!info.description.empty() && info.description.back() == '\r') info.description.pop_back();
    }
    templates.push_back(std::move(info));
  }
  return templates;
}

}  // namespace retort
