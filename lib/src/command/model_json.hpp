// The JSON form of the schema model, as `retort inspect --format json` prints it. The shape is
// documented in docs/cli.md ("inspect", "The JSON form") and is stable: every key is always
// present, in a fixed order, with null for what is absent.
#pragma once

#include <nlohmann/json.hpp>

#include "retort/schema.hpp"

namespace retort::detail {

// {"schemas": [...], "enums": [...], "tables": [...]}, objects in the model's order.
nlohmann::ordered_json model_to_json(const MetaData& metadata);

}  // namespace retort::detail
