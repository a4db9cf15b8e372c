// retort init: lays out a new project from a compiled-in template.
#include <algorithm>
#include <fstream>
#include <set>
#include <system_error>

#include "command/templates.hpp"
#include "retort/command.hpp"
#include "retort/error.hpp"

namespace retort {
namespace fs = std::filesystem;

namespace {

// A placeholder that makes git (and the template table) keep an empty directory; init
// creates its directory but not the file.
constexpr std::string_view kKeepFile = ".keep";

std::string unknown_template_message(const std::string& name) {
  std::vector<std::string> names = detail::template_names();
  std::string message = "unknown template \"" + name + "\"";
  if (auto guess = did_you_mean(name, names)) return message + "; did you mean \"" + *guess + "\"?";
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  return message + " (available: " + list + "; see \"retort list-templates\")";
}

// Refuses a target that is not a directory, and a directory already holding any of the
// paths init would write: init never overwrites a user's files (a non-empty directory, such
// as an existing application's, is fine otherwise).
void check_target(const fs::path& directory, const std::vector<std::string>& paths) {
  std::error_code ec;
  fs::file_status status = fs::status(directory, ec);
  if (!fs::exists(status)) return;
  if (!fs::is_directory(status)) {
    throw UsageError("\"" + directory.string() + "\" exists and is not a directory");
  }
  for (const std::string& path : paths) {
    fs::file_status existing = fs::symlink_status(directory / path, ec);
    bool is_dir_entry = !path.empty() && path.back() == '/';
    if (fs::exists(existing) && !(is_dir_entry && fs::is_directory(existing))) {
      throw UsageError("\"" + (directory / path).lexically_normal().string() +
                       "\" already exists; init never overwrites a file (move it away or "
                       "choose another directory)");
    }
  }
}

// Every directory a template path lives in: "a/b/c.yaml" gives "a/" and "a/b/".
void add_parent_directories(std::string_view path, std::set<std::string>& directories) {
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos;
       slash = path.find('/', slash + 1)) {
    directories.emplace(path.substr(0, slash + 1));
  }
}

void make_directory(const fs::path& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec)
    throw InputError(SourceLocation{path.string()}, "cannot create directory: " + ec.message());
}

void write_template_file(const fs::path& path, std::string_view contents) {
  std::ofstream out(path, std::ios::binary);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  out.close();
  if (!out) throw InputError(SourceLocation{path.string()}, "cannot write file");
}

}  // namespace

InitResult init(const InitOptions& options) {
  std::vector<detail::TemplateFile> files = detail::template_files(options.template_name);
  if (files.empty()) throw UsageError(unknown_template_message(options.template_name));
  std::set<std::string> directories;
  std::vector<const detail::TemplateFile*> to_write;
  for (const detail::TemplateFile& file : files) {
    if (file.path == detail::kTemplateReadme) continue;
    add_parent_directories(file.path, directories);
    std::string_view name = std::string_view(file.path).substr(file.path.rfind('/') + 1);
    if (name != kKeepFile) to_write.push_back(&file);
  }

  std::vector<std::string> paths(directories.begin(), directories.end());
  for (const detail::TemplateFile* file : to_write) paths.push_back(file->path);
  check_target(options.directory, paths);

  InitResult result;
  result.directory = options.directory;
  make_directory(options.directory);
  for (const std::string& directory : directories) {
    std::error_code ec;
    if (fs::is_directory(options.directory / directory, ec)) continue;
    make_directory(options.directory / directory);
    result.created.push_back(directory);
  }
  for (const detail::TemplateFile* file : to_write) {
    write_template_file(options.directory / file->path, file->contents);
    result.created.push_back(file->path);
  }
  std::sort(result.created.begin(), result.created.end());
  return result;
}

}  // namespace retort
