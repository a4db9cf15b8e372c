// run_steps(): executing compiled steps on a connection, with the contracts of each step kind.
#include "retort/engine.hpp"
#include "retort/error.hpp"
#include "retort/ops.hpp"

namespace retort {
namespace {

std::string first_row_text(const Result& rows) {
  std::string out;
  for (std::size_t c = 0; c < rows.columns().size(); ++c) {
    if (c) out += ", ";
    out += rows.columns()[c] + "=" + rows.cell(0, c).to_display();
  }
  return out;
}

}  // namespace

void run_steps(Connection& conn, const std::vector<SqlStep>& steps) {
  std::vector<std::string> saved_triggers;
  for (const SqlStep& step : steps) {
    switch (step.kind) {
      case SqlStep::Kind::kExecute:
        conn.query(step.sql);
        break;
      case SqlStep::Kind::kExpectNoRows: {
        const Result rows = conn.query(step.sql);
        if (!rows.empty()) {
          throw DatabaseError(std::string(conn.dialect().name()) + ": rebuilding table \"" +
                              step.table +
                              "\": foreign key violations: " + std::to_string(rows.size()) +
                              " rows (first: " + first_row_text(rows) + ")");
        }
        break;
      }
      case SqlStep::Kind::kSaveTriggers:
        saved_triggers.clear();
        for (const Row row : conn.query(step.sql)) {
          if (!row.is_null(0)) saved_triggers.push_back(row.text(0));
        }
        break;
      case SqlStep::Kind::kRestoreTriggers:
        for (const std::string& sql : saved_triggers) conn.query(sql);
        saved_triggers.clear();
        break;
    }
  }
}

}  // namespace retort
