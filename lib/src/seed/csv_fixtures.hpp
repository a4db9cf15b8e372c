// Fixture rows from a CSV file: a header row of column names, then one row per fixture.
// RFC 4180 quoting ("a, b", "say ""hi"""); an empty unquoted field is NULL; a column named
// _key names the row. CSV rows hold plain values; references by key are written in seed.yaml.
#pragma once

#include <filesystem>
#include <vector>

#include "retort/seed.hpp"

namespace retort::detail {

// Throws InputError naming path:line for a file that cannot be read or a row whose field
// count differs from the header's.
std::vector<FixtureRow> read_csv_fixtures(const std::filesystem::path& path);

}  // namespace retort::detail
