// Fuzzes the seed config loader (parse_seed_config, seeds/seed.yaml). Bad input must be
// refused with a retort::Error. CSV fixtures are read relative to a scratch directory holding
// two small CSV files; inputs containing '/' or '\' are skipped, so that no input can name a
// file outside it (a YAML scalar can only spell '/' with one of them).
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "fuzz_support.hpp"
#include "retort/seed.hpp"

using namespace retort;

namespace {

std::filesystem::path csv_directory() {
  static const std::filesystem::path dir = [] {
    std::string name =
        (std::filesystem::temp_directory_path() / "retort-fuzz-seed-XXXXXX").string();
    if (mkdtemp(name.data()) == nullptr) fuzz::fail("mkdtemp failed");
    std::ofstream(std::filesystem::path(name) / "artist.csv")
        << "id,name,note\n1,Nina,\n2,\"Bo, \"\"the kid\"\"\",x\n";
    std::ofstream(std::filesystem::path(name) / "empty.csv") << "";
    return std::filesystem::path(name);
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  if (text.find_first_of("/\\") != std::string_view::npos) return 0;
  SeedConfig config;
  if (!fuzz::expect_typed_errors(
          [&] { config = parse_seed_config(text, "seed.yaml", csv_directory()); })) {
    return 0;
  }
  for (const TableSeed& table : config.tables) {
    fuzz::check(config.find(table.table) != nullptr, "SeedConfig::find misses a loaded table");
  }
  return 0;
}
