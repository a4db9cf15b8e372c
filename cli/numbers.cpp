#include "numbers.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace retort::cli {

std::optional<std::uint64_t> parse_whole_number(std::string_view text, std::uint64_t max) {
  std::uint64_t n = 0;
  const char* end = text.data() + text.size();
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  const auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (ec != std::errc() || ptr != end || n > max) return std::nullopt;
  return n;
}

CLI::Validator whole_number(std::uint64_t max) {
  return CLI::Validator(
      [max](const std::string& text) -> std::string {
        if (parse_whole_number(text, max)) return {};
        return "takes a whole number from 0 to " + std::to_string(max) + ", not \"" + text + "\"";
      },
      "", "whole number");
}

std::optional<double> parse_seconds(std::string_view text) {
  double seconds = 0;
  const char* end = text.data() + text.size();
  if (text.empty() || !((text.front() >= '0' && text.front() <= '9') || text.front() == '.')) {
    return std::nullopt;
  }
  const auto [ptr, ec] = std::from_chars(text.data(), end, seconds);
  if (ec != std::errc() || ptr != end || !std::isfinite(seconds) ||
      seconds > kMaxLockTimeoutSeconds) {
    return std::nullopt;
  }
  return seconds;
}

}  // namespace retort::cli
