// Fuzzes the models-file loader (parse_models). Bad input must be refused with a retort::Error
// (InputError with its position); a document that loads must survive the documented round
// trip: parse_models(dump_models(m)) == m, and dump_models is a fixed point of it.
#include "fuzz_support.hpp"
#include "retort/models_file.hpp"

using namespace retort;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  MetaData model;
  if (!fuzz::expect_typed_errors(
          [&] { model = parse_models(fuzz::as_text(data, size), "fuzz.yaml"); })) {
    return 0;
  }
  std::string dumped;
  MetaData again;
  bool reloaded = fuzz::expect_typed_errors([&] {
    dumped = dump_models(model);
    again = parse_models(dumped, "dumped.yaml");
  });
  fuzz::check(reloaded, "dump_models of a loaded model does not load again:\n" + dumped);
  fuzz::check(again == model, "parse_models(dump_models(m)) != m:\n" + dumped);
  fuzz::check(dump_models(again) == dumped, "dump_models is not a fixed point:\n" + dumped);
  return 0;
}
