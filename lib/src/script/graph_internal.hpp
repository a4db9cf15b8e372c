// Internal helpers shared by the graph's source files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "retort/revision_graph.hpp"

namespace retort::detail::script {

inline std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

// "a, b, c"
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

// The location errors about `revision` carry: its file, if it has one.
inline SourceLocation location_of(const Revision& revision) {
  return {revision.path.string(), 0, 0};
}

}  // namespace retort::detail::script
