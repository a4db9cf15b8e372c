// dialect_for: the Dialect named in a URL.
#include "retort/dialect.hpp"
#include "engine/driver.hpp"
#include "retort/error.hpp"

namespace retort {

const Dialect& dialect_for(std::string_view name) {
  if (name == "sqlite") return detail::sqlite_dialect();
  if (name == "postgresql" || name == "postgres") return detail::postgres_dialect();
  throw UsageError("unknown database dialect \"" + std::string(name) +
                   "\"; use sqlite or postgresql");
}

}  // namespace retort
