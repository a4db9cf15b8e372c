// retort::dialect_for itself is defined in lib/src/ddl/dialect.cpp.
#include "engine/dialect_registry.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "retort/error.hpp"

namespace retort::detail {
namespace {

const std::array<DriverEntry, 2>& drivers() {
  static const std::array<DriverEntry, 2> kDrivers = {{
      {"sqlite", &sqlite_dialect, &open_sqlite, &sqlite_pool_url},
      {"postgresql", &postgres_dialect, &open_postgres, nullptr},
  }};
  return kDrivers;
}

// Levenshtein distance; names here are short.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

[[noreturn]] void unknown_dialect(std::string_view name) {
  std::string message = "unknown database dialect \"" + std::string(name) + "\"";
  std::string_view best;
  std::size_t best_distance = name.size() / 2 + 2;
  for (std::string_view candidate : {"sqlite", "postgresql", "postgres"}) {
    std::size_t d = edit_distance(name, candidate);
    if (d < best_distance) best = candidate, best_distance = d;
  }
  if (!best.empty()) message += "; did you mean \"" + std::string(best) + "\"?";
  throw UsageError(message + " (supported: sqlite, postgresql)");
}

}  // namespace

std::string canonical_dialect_name(std::string_view name) {
  if (name == "postgres") return "postgresql";
  for (const DriverEntry& entry : drivers()) {
    if (entry.name == name) return std::string(name);
  }
  unknown_dialect(name);
}

const DriverEntry& driver_for(std::string_view name) {
  std::string canonical = canonical_dialect_name(name);
  for (const DriverEntry& entry : drivers()) {
    if (entry.name == canonical) return entry;
  }
  unknown_dialect(name);
}

}  // namespace retort::detail
