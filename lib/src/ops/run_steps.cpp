// run_steps(): executing compiled steps on a connection, with the contracts of each step kind.
#include <optional>

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

// A rebuild with foreign keys enforced would fire the ON DELETE actions of the child tables
// when the old table is dropped (deleting or nulling their rows), so it is refused.
void require_foreign_keys_off(Connection& conn, const SqlStep& step) {
  const std::string query = conn.dialect().foreign_keys_enforced_query_sql();
  if (query.empty()) return;
  const Result rows = conn.query(query);
  if (rows.empty() || rows.cell(0, 0).is_null() || rows.cell(0, 0).integer() == 0) return;
  throw UsageError(std::string(conn.dialect().name()) + ": rebuilding table \"" + step.table +
                   "\" needs foreign-key enforcement off (" +
                   conn.dialect().foreign_keys_enforcement_sql(false) +
                   " before the transaction begins): dropping the old table would otherwise fire "
                   "the ON DELETE actions of its child tables");
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
        require_foreign_keys_off(conn, step);
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

namespace {

// Restores foreign-key enforcement when the run ends, however it ends.
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(Connection& conn) : conn_(conn) {
    conn_.execute(conn_.dialect().foreign_keys_enforcement_sql(false));
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
  ~ForeignKeysOff() {
    try {
      conn_.execute(conn_.dialect().foreign_keys_enforcement_sql(true));
    } catch (const Error&) {
      // The connection is broken; the pool will not lend it again.
    }
  }

 private:
  Connection& conn_;
};

}  // namespace

void run_steps_in_transaction(Connection& conn, const std::vector<SqlStep>& steps) {
  std::optional<ForeignKeysOff> foreign_keys_off;
  if (needs_foreign_keys_off(steps)) foreign_keys_off.emplace(conn);
  Transaction tx(conn);
  run_steps(conn, steps);
  tx.commit();
}

}  // namespace retort
