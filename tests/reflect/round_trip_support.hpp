// Round-trip checking shared by the reflection tests: create a model on an empty database,
// reflect it, and compare with stored_form(model), reporting the first differing object.
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "retort/ddl.hpp"
#include "retort/engine.hpp"
#include "retort/inspect.hpp"
#include "retort/models_file.hpp"

namespace retort::testing {

// A readable account of the first difference between two models ("" when equal).
inline std::string first_difference(const MetaData& expected, const MetaData& actual) {
  if (expected == actual) return {};
  if (expected.schemas != actual.schemas) return "schemas differ";
  if (expected.enums != actual.enums) {
    MetaData e, a;
    e.enums = expected.enums;
    a.enums = actual.enums;
    return "enums differ\n--- expected\n" + dump_models(e) + "--- reflected\n" + dump_models(a);
  }
  if (expected.tables.size() != actual.tables.size()) {
    return "table count " + std::to_string(expected.tables.size()) +
           " != " + std::to_string(actual.tables.size());
  }
  for (std::size_t i = 0; i < expected.tables.size(); ++i) {
    if (expected.tables[i] == actual.tables[i]) continue;
    MetaData e, a;
    e.tables = {expected.tables[i]};
    a.tables = {actual.tables[i]};
    std::string out = "table \"" + expected.tables[i].display_name() + "\" differs";
    try {
      out += "\n--- expected\n" + dump_models(e) + "--- reflected\n" + dump_models(a);
    } catch (const std::exception& ex) {
      out += std::string(" (cannot dump: ") + ex.what() + ")";
    }
    return out;
  }
  return "models differ";
}

// The schemas a round trip must reflect: the current one and every schema the model uses.
inline InspectOptions options_for(const MetaData& model, const Dialect& dialect) {
  InspectOptions options;
  if (!dialect.has_schemas()) return options;
  options.schemas = {std::string(dialect.default_schema())};
  for (const std::string& schema : model.schemas) options.schemas.push_back(schema);
  for (const Table& table : model.tables) {
    if (!table.schema.empty()) options.schemas.push_back(table.schema);
  }
  return options;
}

// create_all(model) on `conn` (an empty database), then reflect(conn) == stored_form(model).
inline ::testing::AssertionResult round_trips(Connection& conn, const MetaData& model) {
  try {
    create_all(conn, model);
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "create_all failed: " << e.what();
  }
  const MetaData expected = stored_form(model, conn.dialect());
  const MetaData actual = reflect(conn, options_for(model, conn.dialect()));
  const std::string difference = first_difference(expected, actual);
  if (difference.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << difference;
}

// inspect -> models file -> create_all into `fresh` (an empty database) -> inspect again:
// the same model.
inline ::testing::AssertionResult reinspects(Connection& conn, Connection& fresh,
                                             const InspectOptions& options) {
  const MetaData reflected = reflect(conn, options);
  try {
    create_all(fresh, parse_models(dump_models(reflected)));
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "recreating the reflected model failed: " << e.what();
  }
  const std::string difference = first_difference(reflected, reflect(fresh, options));
  if (difference.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "second inspection differs: " << difference;
}

}  // namespace retort::testing
