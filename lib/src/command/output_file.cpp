#include "command/output_file.hpp"

#include <fstream>
#include <random>
#include <string>
#include <system_error>

#include "retort/error.hpp"

namespace retort::detail {
namespace fs = std::filesystem;

fs::path temporary_beside(const fs::path& path) {
  fs::path temp = path;
  temp += ".tmp-" + std::to_string(std::random_device{}());
  return temp;
}

void write_file_atomically(const fs::path& path, std::string_view text) {
  const fs::path temp = temporary_beside(path);
  auto fail = [&](const std::string& why) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw InputError(SourceLocation{path.string()}, "cannot write the output: " + why);
  };
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) fail("cannot create \"" + temp.string() + "\"");
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) fail("write error on \"" + temp.string() + "\"");
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) fail(ec.message());
}

}  // namespace retort::detail
