// The convergence suite's cases (issue 4): pairs (current, desired) of schemas, as models
// documents or SQL ("sql:" prefix), with rows inserted into the current database before the
// upgrade and a probe query whose rows must survive the upgrade and the downgrade.
#pragma once

#include <string>
#include <vector>

namespace retort::testing {

enum class Only { kBoth, kSqlite, kPostgres };

struct ConvergenceCase {
  std::string label;
  std::string current;
  std::string desired;
  std::string rows;          // SQL run on the current database before the upgrade
  std::string probe;         // a SELECT whose rows must survive
  bool destructive = false;  // the probe's rows need not survive
  Only only = Only::kBoth;
  std::vector<std::string> rename_tables = {};   // OLD=NEW
  std::vector<std::string> rename_columns = {};  // TABLE.OLD=NEW
};

// Every case, for both dialects (filtered by `only`).
std::vector<ConvergenceCase> convergence_cases();
// The second half of them (convergence_cases_more.cpp), included by convergence_cases().
std::vector<ConvergenceCase> more_convergence_cases();

}  // namespace retort::testing
