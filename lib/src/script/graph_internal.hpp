// Internal helpers shared by the graph's source files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "retort/revision_graph.hpp"
#include "retort/suggest.hpp"

namespace retort::detail::script {

// "a, b, c"
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

// The location errors about `revision` carry: its file, if it has one.
inline SourceLocation location_of(const Revision& revision) {
  return {revision.path.string(), 0, 0};
}

// Line and column (1-based) of `offset` in `text`.
SourceLocation location_of(std::string_view text, std::size_t offset, std::string_view file);

// Its file and the line of its top-level `key` (column 1), or just the file when the key is
// not written in block style at the start of a line.
SourceLocation location_of(const Revision& revision, std::string_view key);

}  // namespace retort::detail::script
