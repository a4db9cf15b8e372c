#include "retort/error.hpp"

namespace retort {

std::string SourceLocation::to_string() const {
  std::string out = file;
  if (line > 0) {
    out += (out.empty() ? "" : ":") + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  return out;
}

namespace {
std::string with_location(const SourceLocation& location, const std::string& message) {
  std::string where = location.to_string();
  return where.empty() ? message : where + ": " + message;
}
}  // namespace

InputError::InputError(SourceLocation location, const std::string& message)
    : Error(ErrorKind::kInput, with_location(location, message)),
      location_(std::move(location)),
      detail_(message) {}

}  // namespace retort
