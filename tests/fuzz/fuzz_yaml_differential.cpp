// Differential fuzzing of the YAML front end (schema/yaml_fast_parser.hpp): wherever the
// hand-written fast parser answers, yaml-cpp's event parser must accept the same text and
// build the same tree, marks included. The fast parser may give up on anything (nullopt);
// it must never accept malformed YAML or read it differently.
#include "fuzz_support.hpp"
#include "schema/yaml_fast_parser.hpp"

using namespace retort;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  std::optional<detail::YamlDocument> fast;
  fuzz::check(fuzz::expect_typed_errors([&] { fast = detail::parse_yaml_fast(text); }),
              "parse_yaml_fast threw");
  if (!fast) return 0;
  std::optional<detail::YamlDocument> reference;
  try {
    reference = detail::parse_yaml_events(text);
  } catch (const detail::YamlSyntaxError& e) {
    fuzz::fail("the fast parser accepts text yaml-cpp refuses at " +
               std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) + ": " +
               e.message);
  }
  std::string why;
  fuzz::check(detail::same_tree(fast->root(), reference->root(), &why),
              "the fast parser and yaml-cpp build different trees: " + why);
  return 0;
}
