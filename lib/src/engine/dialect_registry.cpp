#include "engine/dialect_registry.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "retort/error.hpp"
#include "retort/suggest.hpp"

namespace retort::detail {
namespace {

const std::array<DriverEntry, 2>& drivers() {
  static const std::array<DriverEntry, 2> kDrivers = {{
      {"sqlite", &sqlite_dialect, &open_sqlite, &sqlite_pool_url},
      {"postgresql", &postgres_dialect, &open_postgres, nullptr},
  }};
  return kDrivers;
}

[[noreturn]] void unknown_dialect(std::string_view name) {
  std::string message = "unknown database dialect \"" + std::string(name) + "\"";
  static constexpr std::array<std::string_view, 3> kNames = {"sqlite", "postgresql", "postgres"};
  if (auto best = did_you_mean(name, kNames)) message += "; did you mean \"" + *best + "\"?";
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

namespace retort {

const Dialect& dialect_for(std::string_view name) { return detail::driver_for(name).dialect(); }

}  // namespace retort
