// Revision-file headers: turns the fields read by header_scan.cpp or header_yaml.cpp into a
// Revision, with file:line:column errors.
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "retort/suggest.hpp"
#include "script/revision_header.hpp"

namespace retort::detail::script {
namespace {

constexpr std::array<std::string_view, 11> kKnownKeys = {
    "revision",      "down_revision", "branch_labels", "depends_on", "message", "created",
    "transactional", "upgrade",       "downgrade",     "skip_lint",  "lint"};

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

class HeaderReader {
 public:
  explicit HeaderReader(std::string_view filename) : filename_(filename) {}

  Revision read(const std::vector<HeaderField>& fields) {
    Revision revision;
    std::vector<std::string_view> seen;
    bool has_id = false;
    for (const HeaderField& field : fields) {
      if (std::find(seen.begin(), seen.end(), field.key) != seen.end()) {
        fail(field.line, field.column, "duplicate key " + in_quotes(field.key));
      }
      seen.push_back(field.key);
      if (field.key == "revision") {
        revision.id = required_string(field);
        has_id = true;
      } else if (field.key == "down_revision") {
        revision.down_revisions = string_list(field);
      } else if (field.key == "branch_labels") {
        revision.branch_labels = string_list(field);
      } else if (field.key == "depends_on") {
        revision.depends_on = string_list(field);
      } else if (field.key == "message") {
        revision.message = optional_string(field);
      } else if (field.key == "created") {
        revision.created = optional_string(field);
      } else if (field.key == "transactional") {
        revision.transactional = boolean(field);
      } else if (std::find(kKnownKeys.begin(), kKnownKeys.end(), field.key) == kKnownKeys.end()) {
        unknown_key(field);
      }
    }
    if (!has_id) fail(1, 1, "missing key \"revision\" (the revision's id)");
    return revision;
  }

 private:
  [[noreturn]] void fail(int line, int column, const std::string& message) const {
    throw InputError({std::string(filename_), line, column}, message);
  }
  [[noreturn]] void fail(const HeaderItem& at, const std::string& message) const {
    fail(at.line, at.column, message);
  }

  [[noreturn]] void unknown_key(const HeaderField& field) const {
    std::string message = "unknown key " + in_quotes(field.key);
    if (auto guess = did_you_mean(field.key, kKnownKeys)) {
      message += " (did you mean " + in_quotes(*guess) + "?)";
    }
    fail(field.line, field.column, message);
  }

  std::string required_string(const HeaderField& field) const {
    if (field.kind != HeaderKind::kScalar || field.scalar.text.empty()) {
      fail(field.scalar, in_quotes(field.key) + " must be a non-empty string");
    }
    return field.scalar.text;
  }

  std::string optional_string(const HeaderField& field) const {
    if (field.kind == HeaderKind::kNull) return {};
    if (field.kind != HeaderKind::kScalar)
      fail(field.scalar, in_quotes(field.key) + " must be a string");
    return field.scalar.text;
  }

  // null, one string, or a list of distinct strings.
  std::vector<std::string> string_list(const HeaderField& field) const {
    const std::string what = in_quotes(field.key) + " must be null, a string or a list of strings";
    if (field.kind == HeaderKind::kNull) return {};
    if (field.kind == HeaderKind::kScalar) {
      if (field.scalar.text.empty()) fail(field.scalar, what);
      return {field.scalar.text};
    }
    if (field.kind != HeaderKind::kSequence) fail(field.scalar, what);
    std::vector<std::string> out;
    for (const HeaderItem& item : field.items) {
      if (item.kind != HeaderKind::kScalar || item.text.empty()) fail(item, what);
      if (std::find(out.begin(), out.end(), item.text) != out.end()) {
        fail(item, in_quotes(field.key) + " lists " + in_quotes(item.text) + " twice");
      }
      out.push_back(item.text);
    }
    return out;
  }

  bool boolean(const HeaderField& field) const {
    const std::string& text = field.scalar.text;
    if (field.kind == HeaderKind::kScalar && field.scalar.plain) {
      if (text == "true" || text == "True" || text == "TRUE") return true;
      if (text == "false" || text == "False" || text == "FALSE") return false;
    }
    fail(field.scalar, in_quotes(field.key) + " must be true or false");
  }

  std::string_view filename_;
};

}  // namespace

Revision parse_revision_source(std::string source, std::string_view filename, bool checksum) {
  Revision revision;
  bool done = false;
  if (auto fields = scan_header_fast(source)) {
    try {
      revision = HeaderReader(filename).read(*fields);
      done = true;
    } catch (const InputError&) {
      // Report from a full parse: the fast reader may have stopped before a YAML error.
    }
  }
  if (!done) revision = HeaderReader(filename).read(scan_header_yaml(source, filename));
  if (checksum) revision.checksum = sha256_hex(source);
  revision.source = std::move(source);
  return revision;
}

std::string read_whole_file(int directory_fd, const char* name, const std::string& display) {
  auto failure = [&display](const char* what) {
    return InputError({display, 0, 0}, std::string(what) + ": " + std::strerror(errno));
  };
  const int fd = ::openat(directory_fd, name, O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw failure("cannot open the file");
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  // Revision files are small: one read() into a reused buffer, then an exact-size copy; no
  // fstat() needed. A read shorter than asked is taken as the end of the file, as it is for
  // regular files; larger files take further reads.
  thread_local std::vector<char> buffer(64 * 1024);
  std::string text;
  while (true) {
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw failure("cannot read the file");
    if (got == 0) break;
    text.append(buffer.data(), static_cast<std::size_t>(got));
    if (static_cast<std::size_t>(got) < buffer.size()) break;
  }
  return text;
}

std::string read_whole_file(const std::filesystem::path& path) {
  return read_whole_file(AT_FDCWD, path.c_str(), path.string());
}

}  // namespace retort::detail::script

namespace retort {

Revision parse_revision(std::string_view text, std::string_view filename) {
  return detail::script::parse_revision_source(std::string(text), filename, true);
}

Revision load_revision(const std::filesystem::path& path) {
  Revision revision = detail::script::parse_revision_source(detail::script::read_whole_file(path),
                                                            path.string(), true);
  revision.path = path;
  return revision;
}

}  // namespace retort
