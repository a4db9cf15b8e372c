// Writing a command's output file. Internal to lib/src/command.
#pragma once

#include <filesystem>
#include <string_view>

namespace retort::detail {

// Writes `text` to a temporary file beside `path`, then renames it over `path`: a reader sees
// the old file or the whole new one, never a part, and a failure leaves the old file as it
// was. Throws InputError naming `path`.
void write_file_atomically(const std::filesystem::path& path, std::string_view text);

// A temporary name beside `path` ("<path>.tmp-<random>"), for writers that rename it over
// `path` when done.
std::filesystem::path temporary_beside(const std::filesystem::path& path);

}  // namespace retort::detail
