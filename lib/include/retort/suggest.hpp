// "Did you mean" suggestions for mistyped names: commands, keys, templates, dialects.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace retort {

// Optimal string alignment distance: insertions, deletions, substitutions and transpositions
// of two adjacent characters each cost one ("inti" is one edit from "init").
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate a mistyped `word` most likely meant: the closest candidate by edit distance
// when it is close enough to be a typo, or else the only candidate `word` is a prefix of.
// Ties go to the earlier candidate.
std::optional<std::string> did_you_mean(std::string_view word,
                                        std::span<const std::string_view> candidates);
std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates);
inline std::optional<std::string> did_you_mean(std::string_view word,
                                               std::initializer_list<std::string_view> candidates) {
  return did_you_mean(word,
                      std::span<const std::string_view>(candidates.begin(), candidates.size()));
}

// `name` as messages show an object's name: in double quotes ("track").
std::string in_quotes(std::string_view name);

}  // namespace retort
