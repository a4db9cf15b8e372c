#include "retort/result.hpp"

#include "retort/error.hpp"

namespace retort {

std::size_t Result::column_index(std::string_view name) const {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i] == name) return i;
  }
  std::string known;
  for (const std::string& column : columns_) known += (known.empty() ? "" : ", ") + column;
  throw DatabaseError("result has no column \"" + std::string(name) +
                      "\" (columns: " + (known.empty() ? "none" : known) + ")");
}

}  // namespace retort
