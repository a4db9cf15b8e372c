// Damaged documents: whatever the damage, loading either succeeds or throws InputError with a
// location; no other exception escapes and nothing crashes.
#include <gtest/gtest.h>

#include "retort/error.hpp"
#include "retort/models_file.hpp"
#include "schema/model_generator.hpp"

namespace retort {
namespace {

std::string mutate(std::string text, std::mt19937& rng) {
  static const std::string kNoise = " \n\t:-,[]{}#&*!|>'\"%@`?~0aZ\\";
  const std::size_t at = text.empty() ? 0 : rng() % text.size();
  switch (rng() % 4) {
    case 0:
      return text.erase(at, 1 + rng() % 3);
    case 1:
      return text.insert(at, 1, kNoise[rng() % kNoise.size()]);
    case 2:
      return text.substr(0, at);
    default:
      text[at] = kNoise[rng() % kNoise.size()];
      return text;
  }
}

TEST(ModelsMutation, DamagedDocumentsGiveInputErrorsOnly) {
  std::mt19937 rng(1234);
  int errors = 0;
  for (std::uint32_t seed = 1; seed <= 60; ++seed) {
    const std::string text = dump_models(testing::generate_model(seed));
    for (int i = 0; i < 40; ++i) {
      const std::string damaged = mutate(text, rng);
      try {
        parse_models(damaged, "m.yaml");
      } catch (const InputError& e) {
        ++errors;
        EXPECT_EQ(e.location().file, "m.yaml");
        EXPECT_FALSE(e.detail().empty());
      } catch (const std::exception& e) {
        ADD_FAILURE() << "unexpected " << e.what() << " for:\n" << damaged;
        return;
      }
    }
  }
  EXPECT_GT(errors, 100);  // the damage is real
}

}  // namespace
}  // namespace retort
