// Internal to the script layer: the top-level fields of a revision file, as read by either of
// two readers. The fast reader (header_scan.cpp) handles the plain one-line forms revision
// files use and skips the upgrade/downgrade blocks without parsing them; anything else, and
// every file with an error, goes through yaml-cpp (header_yaml.cpp), so both readers agree
// and every error is reported from a full parse.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retort/error.hpp"
#include "retort/revision.hpp"

namespace retort::detail::script {

enum class HeaderKind { kNull, kScalar, kSequence, kOther };

// One scalar (or null) inside a sequence value.
struct HeaderItem {
  HeaderKind kind = HeaderKind::kScalar;  // kNull, kScalar or kOther
  std::string text;
  bool plain = true;  // unquoted: "true", "~" and "null" mean what YAML says
  int line = 0;
  int column = 0;
};

struct HeaderField {
  std::string key;
  int line = 0;  // of the key, 1-based
  int column = 0;
  HeaderKind kind = HeaderKind::kNull;
  HeaderItem scalar;              // kScalar, and the position of any value
  std::vector<HeaderItem> items;  // kSequence
};

// The fields of a document, or nullopt when `text` is outside the fast reader's subset.
std::optional<std::vector<HeaderField>> scan_header_fast(std::string_view text);

// The fields of a document read with yaml-cpp. Throws InputError (file:line:column) for
// malformed YAML or a document that is not a mapping.
std::vector<HeaderField> scan_header_yaml(std::string_view text, std::string_view filename);

// parse_revision on text the caller owns: `source` moves into the result; the checksum is
// computed only when asked.
Revision parse_revision_source(std::string source, std::string_view filename, bool checksum);

// The whole file, usually in one read(); InputError naming the file when it cannot be read.
// `directory_fd` (an open directory, or AT_FDCWD) anchors a relative `name`: opening by
// name inside an open directory saves the kernel a path walk per file. `display` names the
// file in errors.
std::string read_whole_file(int directory_fd, const char* name, const std::string& display);
std::string read_whole_file(const std::filesystem::path& path);

}  // namespace retort::detail::script
