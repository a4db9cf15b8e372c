// Numbers on the command line: CLI11 checks that take digits only, so that "-5" is refused
// rather than read as 2^64 - 5, and a value too large is refused rather than wrapped.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace retort::cli {

// A whole number written in decimal digits, at most `max`; nullopt for anything else (a sign,
// a fraction, trailing text, a number over `max`).
std::optional<std::uint64_t> parse_whole_number(std::string_view text, std::uint64_t max);

// A check for an option holding a whole number from 0 to `max`.
CLI::Validator whole_number(std::uint64_t max);

// The most rows `seed` writes to one table when asked on the command line.
inline constexpr std::uint64_t kMaxSeedRows = 1'000'000'000;

// The longest --lock-timeout, in seconds (milliseconds kept in an int).
inline constexpr double kMaxLockTimeoutSeconds = 2'000'000;

// A number of seconds from 0 to kMaxLockTimeoutSeconds; nullopt for anything else (a sign,
// nan, inf, trailing text).
std::optional<double> parse_seconds(std::string_view text);

}  // namespace retort::cli
