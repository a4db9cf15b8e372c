// Catalog-query helpers for the DDL tests that run against a real database.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "retort/engine.hpp"

namespace retort::testing {

// Every row of the query as "v1|v2|..." (NULL for nulls), in the query's order.
inline std::vector<std::string> rows(Connection& conn, std::string_view sql,
                                     const std::vector<Value>& params = {}) {
  const Result result = conn.query(sql, params);
  std::vector<std::string> out;
  for (const Row row : result) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) line += "|";
      line += row.is_null(i) ? std::string("NULL") : row.text(i);
    }
    out.push_back(line);
  }
  return out;
}

inline std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace retort::testing
