// The two ways YamlDocument::parse can build a tree, exposed for tests, benchmarks and the
// differential fuzzer.
//
// parse_yaml_fast is a hand-written single-pass parser for the YAML subset retort's files use
// (block mappings and sequences, flow collections, plain and quoted scalars on one line,
// comments, document markers). It builds exactly the tree yaml-cpp's path builds, marks
// included, or gives up: anything outside the subset, and anything it is not sure is valid,
// returns nullopt so that the caller takes the yaml-cpp path, which decides and reports errors.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "schema/yaml_document.hpp"

namespace retort::detail {

// The fast path: the tree, or nullopt when `text` leaves the subset or may be malformed.
std::optional<YamlDocument> parse_yaml_fast(std::string_view text);

// The reference path: yaml-cpp's event parser. Throws YamlSyntaxError.
YamlDocument parse_yaml_events(std::string_view text);

// True when both trees have the same shape, kinds, scalar texts and marks. Otherwise false,
// and `why` (when not null) says where they first differ, e.g. `root[2].name: scalar "a" at
// 3:4 vs scalar "b" at 3:4`.
bool same_tree(const YamlNode& a, const YamlNode& b, std::string* why);

}  // namespace retort::detail
