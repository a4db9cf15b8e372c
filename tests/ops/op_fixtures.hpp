// Shared fixtures of the ops tests: a small model and one sample of every operation kind
// that applies to it.
#pragma once

#include <string>
#include <vector>

#include "retort/ops.hpp"

namespace retort::testing {

// artist(id pk, name), track(id pk, title, artist_id fk cascade, producer_id, rating
// default 0, mood enum), tag(name, no key), enums mood and unused; index ix_track_title.
MetaData sample_model();

struct SampleOp {
  std::string label;  // test name suffix
  Operation op;
};
// One operation of each kind (several for the interesting ones), each applicable to
// sample_model() on both dialects (enum and schema operations compile to nothing or to
// rebuilds on SQLite).
std::vector<SampleOp> sample_ops();

}  // namespace retort::testing
