// The YAML models file (grammar: docs/models.md): load with errors that name
// file:line:column, and save. parse_models(dump_models(m)) == m for every valid model m, and
// dump_models is a fixed point of that round trip.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "retort/schema.hpp"

namespace retort {

// Parses and validates a models document. `filename` is used in error messages only.
// Throws InputError with the location of the offending node.
MetaData parse_models(std::string_view yaml_text, std::string_view filename = "<models>");

// Reads and parses a models file. Throws InputError if it cannot be read or is invalid.
MetaData load_models(const std::filesystem::path& path);

// Renders a model as a models document in the canonical form (docs/models.md, "Canonical
// form"). The model should be valid; an invalid one may not read back.
std::string dump_models(const MetaData& metadata);

// Writes dump_models(metadata) to `path`, replacing it atomically (a temporary file in the same
// directory, then a rename). Throws InputError naming `path` if it cannot be written.
void save_models(const MetaData& metadata, const std::filesystem::path& path);

}  // namespace retort
