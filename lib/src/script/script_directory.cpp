// Loading a script directory: every revision file of `versions/`, read with one read() each
// (opened relative to the open directory) and parsed only as far as the header
// (revision_file.cpp), then the graph.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <functional>
#include <thread>
#include <unordered_map>

#include "retort/revision_graph.hpp"
#include "script/revision_header.hpp"

namespace retort {
namespace {

// Owns an open directory stream.
class Directory {
 public:
  explicit Directory(const std::filesystem::path& path) : dir_(::opendir(path.c_str())) {
    if (dir_ == nullptr) {
      throw InputError({path.string(), 0, 0},
                       std::string("cannot list the revision files: ") + std::strerror(errno));
    }
  }
  ~Directory() { ::closedir(dir_); }
  Directory(const Directory&) = delete;
  Directory& operator=(const Directory&) = delete;
  int fd() const { return ::dirfd(dir_); }

  // The names of the regular files (or links to them) ending in ".yaml", not hidden, sorted.
  std::vector<std::string> revision_file_names() {
    std::vector<std::string> names;
    while (const dirent* entry = ::readdir(dir_)) {
      const std::string_view name = entry->d_name;
      if (name.empty() || name.front() == '.' || !name.ends_with(".yaml")) continue;
      if (is_regular(*entry)) names.emplace_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  bool is_regular(const dirent& entry) const {
    if (entry.d_type == DT_REG) return true;
    if (entry.d_type != DT_LNK && entry.d_type != DT_UNKNOWN) return false;
    struct stat info {};
    return ::fstatat(fd(), entry.d_name, &info, 0) == 0 && S_ISREG(info.st_mode);
  }

  DIR* dir_;
};

// Runs work(begin, end) over [0, count) in up to four threads when the count makes it worth
// it; rethrows the error of the earliest failing slice, so errors come in file order.
void run_in_slices(std::size_t count, const std::function<void(std::size_t, std::size_t)>& work) {
  constexpr std::size_t kMinPerThread = 256;
  const std::size_t threads = std::clamp<std::size_t>(
      std::min<std::size_t>(std::thread::hardware_concurrency(), count / kMinPerThread), 1, 4);
  if (threads == 1) {
    work(0, count);
    return;
  }
  std::vector<std::exception_ptr> errors(threads);
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      try {
        work(count * t / threads, count * (t + 1) / threads);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace

std::vector<Revision> load_revisions(const std::filesystem::path& versions_dir,
                                     const LoadRevisionsOptions& options) {
  Directory directory(versions_dir);
  const std::vector<std::string> names = directory.revision_file_names();
  std::vector<Revision> revisions(names.size());
  // Opening and reading a file costs a few microseconds of system calls, which dominates
  // the load of a large directory; a few threads read disjoint slices of it.
  auto load_slice = [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      std::filesystem::path path = versions_dir / names[i];
      const std::string display = path.string();
      revisions[i] = detail::script::parse_revision_source(
          detail::script::read_whole_file(directory.fd(), names[i].c_str(), display), display,
          options.checksums);
      revisions[i].path = std::move(path);
    }
  };
  run_in_slices(names.size(), load_slice);
  std::unordered_map<std::string_view, std::size_t> first_file;  // id -> index in revisions
  first_file.reserve(revisions.size());
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    auto [it, inserted] = first_file.emplace(revisions[i].id, i);
    if (!inserted) {
      throw RevisionError({revisions[i].path.string(), 0, 0},
                          "revision id \"" + revisions[i].id + "\" is already declared by " +
                              revisions[it->second].path.string());
    }
  }
  return revisions;
}

ScriptDirectory ScriptDirectory::load(const std::filesystem::path& script_location,
                                      const LoadRevisionsOptions& options) {
  ScriptDirectory directory;
  directory.location_ = script_location;
  directory.graph_ = RevisionGraph(load_revisions(directory.versions_dir(), options));
  return directory;
}

}  // namespace retort
