// Minimal YAML rendering for the models file: scalars quoted only when needed, and one-line
// flow collections. Written by hand (not yaml-cpp's emitter) so that the layout is stable and
// every string, however hostile, reads back to the same bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace retort::detail {

// `text` as a YAML scalar that yaml-cpp reads back as exactly `text`, valid in both block and
// flow context: plain when it is a simple word (and not one YAML would read as null or a
// boolean), double-quoted with escapes otherwise.
std::string yaml_scalar(std::string_view text);

// `text` as a mapping key, up to and including its colon, for a key at column `indent` (its
// spaces) of a block mapping, or in a flow mapping (`indent` empty): the scalar of yaml_scalar,
// or where YAML allows no implicit key (one over 1024 characters) an explicit key: "? KEY"
// then, in a block mapping, ":" on the next line at the same indentation.
std::string yaml_key(std::string_view text, std::string_view indent = {});

// "[a, b]" with each item rendered by yaml_scalar.
std::string yaml_flow_sequence(const std::vector<std::string>& items);

// Builds "{key: value, ...}"; values are given already rendered.
class FlowMap {
 public:
  FlowMap& add(std::string_view key, std::string rendered_value);
  FlowMap& add_text(std::string_view key, std::string_view text) {
    return add(key, yaml_scalar(text));
  }
  FlowMap& add_flag(std::string_view key, bool value) { return add(key, value ? "true" : "false"); }
  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }
  std::string str() const;

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

}  // namespace retort::detail
