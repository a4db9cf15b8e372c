// PostgreSQL driver entry point (placeholder until the libpq driver lands).
#include "engine/driver.hpp"
#include "retort/error.hpp"

namespace retort::detail {

std::unique_ptr<ConnectionImpl> open_postgres(const Url& /*url*/, const EngineOptions& /*options*/) {
  throw DatabaseError("postgresql: driver not built yet");
}

}  // namespace retort::detail
