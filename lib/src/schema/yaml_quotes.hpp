// yaml-cpp reads a quoted scalar that is still open at the end of the input as if it closed
// there, so a missing quote silently swallows every line below it (`message: "abc` takes the
// whole `upgrade:` block as text). Every YAML file retort reads through yaml-cpp (models,
// seed.yaml, revision files, retort.yaml) goes through these checks, which turn that into an
// error at the opening quote, reported the way yaml-cpp reports its own errors.
#pragma once

#include <string_view>

#include <yaml-cpp/mark.h>
#include <yaml-cpp/node/node.h>

namespace retort::detail {

// Tracks the scalars of one parse of `text` and refuses the last quoted one if the end of
// the input leaves it open. Only the last can be: an open quote runs to the end of the input,
// so no scalar starts after it.
class OpenQuoteCheck {
 public:
  explicit OpenQuoteCheck(std::string_view text) : text_(text) {}

  // A scalar node whose mark (yaml-cpp's: its first token, the tag or anchor if it has one)
  // is `mark` and whose tag is `tag` ("?" for a plain scalar without a tag).
  void scalar(const YAML::Mark& mark, std::string_view tag) {
    if (tag != "?" && mark.pos > last_.pos) last_ = mark;
  }

  // Throws YAML::ParserException("unterminated quoted string") at the opening quote of the
  // last quoted scalar when the input ends inside it.
  void finish() const;

 private:
  std::string_view text_;
  YAML::Mark last_ = YAML::Mark::null_mark();
};

// YAML::Load(text) with OpenQuoteCheck: throws YAML::Exception for malformed YAML, an open
// quoted scalar included.
YAML::Node load_yaml(std::string_view text);

}  // namespace retort::detail
