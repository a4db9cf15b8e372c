// Word lists for the realistic generators, as static arrays (no allocation, no file).
#pragma once

#include <span>
#include <string_view>

namespace retort::detail::words {

extern const std::span<const std::string_view> kFirstNames;
extern const std::span<const std::string_view> kLastNames;
extern const std::span<const std::string_view> kStreets;
extern const std::span<const std::string_view> kStreetKinds;
extern const std::span<const std::string_view> kCities;
extern const std::span<const std::string_view> kCountries;
extern const std::span<const std::string_view> kCompanyWords;
extern const std::span<const std::string_view> kCompanySuffixes;
extern const std::span<const std::string_view> kDomains;
extern const std::span<const std::string_view> kLorem;

}  // namespace retort::detail::words
