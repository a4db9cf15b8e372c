// Offline mode (`upgrade --sql`, `downgrade --sql`): the plan of a run (plan.cpp) printed as a
// script instead of run. Without a database, the schema each operation compiles against is
// rebuilt in memory by applying the revisions' operations from base; the version rows and the
// log rows become literal statements; the transactions are those an online run would use.
#include <algorithm>
#include <cctype>

#include "retort/error.hpp"
#include "runtime/runtime_internal.hpp"

namespace retort {
namespace {

using detail::Plan;
using detail::PlannedRevision;

constexpr std::string_view kMisfitHint =
    " (offline mode rebuilds the schema from the revisions' operations, from base: what "
    "`execute` SQL created or changed is unknown to it; run this range online)";

// The script's text and whether a transaction is open.
class ScriptWriter {
 public:
  explicit ScriptWriter(const Dialect& dialect) : dialect_(dialect) {}
  // Each line of `text` as a "-- " comment.
  void comment(std::string_view text) {
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      out_ += "-- ";
      out_ += text.substr(start, end - start);
      out_ += '\n';
      start = end + 1;
    }
  }
  void statement(std::string_view sql) {
    out_ += sql;
    out_ += ";\n";
  }
  void begin() {
    if (in_transaction_) return;
    statement(dialect_.begin_migration_sql());
    in_transaction_ = true;
  }
  void commit() {
    if (!in_transaction_) return;
    statement("COMMIT");
    in_transaction_ = false;
  }
  void blank() { out_ += '\n'; }
  std::string take() { return std::move(out_); }

 private:
  const Dialect& dialect_;
  std::string out_;
  bool in_transaction_ = false;
};

// Skips whitespace and SQL comments at `i`.
void skip_blank(std::string_view sql, std::size_t& i) {
  while (i < sql.size()) {
    if (std::isspace(static_cast<unsigned char>(sql[i]))) {
      ++i;
    } else if (sql.substr(i, 2) == "--") {
      i = std::min(sql.find('\n', i), sql.size());
    } else if (sql.substr(i, 2) == "/*") {
      const std::size_t end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else {
      return;
    }
  }
}

std::string next_word(std::string_view sql, std::size_t& i) {
  skip_blank(sql, i);
  std::string word;
  while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i]))) {
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
  }
  return word;
}

// True for CREATE [TEMP|TEMPORARY] TRIGGER ...
bool creates_trigger(std::string_view sql) {
  std::size_t i = 0;
  if (next_word(sql, i) != "CREATE") return false;
  std::string word = next_word(sql, i);
  if (word == "TEMP" || word == "TEMPORARY" || word == "OR") {
    if (word == "OR") next_word(sql, i);  // CREATE OR REPLACE TRIGGER (PostgreSQL 14)
    word = next_word(sql, i);
  }
  return word == "TRIGGER" || word == "CONSTRAINT";
}

// Offline, the triggers a SQLite rebuild must save and restore are unknown: the schema in
// memory has none. That is right unless an `execute` made some; then the rebuild is refused.
class TriggerTracker {
 public:
  void check(const PlannedRevision& planned, std::size_t index, const SqlStep& step) const {
    if (step.kind != SqlStep::Kind::kSaveTriggers || origin_.empty()) return;
    throw InputError(SourceLocation{detail::file_of(*planned.revision), 0, 0},
                     detail::operation_prefix(planned, index)
                             .substr(detail::file_of(*planned.revision).size() + 2) +
                         "offline mode cannot rebuild table \"" + step.table +
                         "\": a rebuild recreates the table's triggers, which only the database "
                         "knows, and " +
                         origin_ + " creates triggers with execute; run this range online");
  }
  void note(const PlannedRevision& planned, std::size_t index, const SqlStep& step) {
    if (origin_.empty() && step.kind == SqlStep::Kind::kExecute && creates_trigger(step.sql)) {
      const std::string prefix = detail::operation_prefix(planned, index);
      origin_ = prefix.substr(0, prefix.size() - 2);
    }
  }
  void note_plan(const Plan& plan) {
    for (const PlannedRevision& planned : plan.revisions) {
      for (std::size_t i = 0; i < planned.operations.size(); ++i) {
        for (const SqlStep& step : planned.operations[i].steps) note(planned, i, step);
      }
    }
  }

 private:
  std::string origin_;
};

void render_revision(ScriptWriter& out, const Dialect& dialect, const RuntimeOptions& options,
                     const PlannedRevision& planned, const std::string& started_at,
                     TriggerTracker& triggers) {
  const MigrationStep& step = planned.step;
  out.blank();
  out.comment(std::string(detail::direction_key(step.direction)) + " " + step.revision + ", " +
              planned.revision->message + " (" + detail::file_of(*planned.revision) + ")");
  for (std::size_t i = 0; i < planned.operations.size(); ++i) {
    out.comment("operation " + std::to_string(i + 1) + ": " + planned.operations[i].description);
    for (const SqlStep& s : planned.operations[i].steps) {
      triggers.check(planned, i, s);
      triggers.note(planned, i, s);
      switch (s.kind) {
        case SqlStep::Kind::kExecute:
          if (!s.comment.empty()) out.comment(s.comment);
          out.statement(s.sql);
          break;
        case SqlStep::Kind::kExpectNoRows:
          out.comment(s.comment + " (offline: the client prints them)");
          out.statement(s.sql);
          break;
        case SqlStep::Kind::kSaveTriggers:
          out.comment(s.comment + ": none is known offline");
          break;
        case SqlStep::Kind::kRestoreTriggers:
          break;
      }
    }
  }
  for (const SqlBuilder& sql :
       detail::heads_update_sql(dialect, options, step.removed_heads, step.added_heads, true)) {
    out.statement(sql.str());
  }
  LogEntry entry;
  entry.revision = step.revision;
  entry.direction = step.direction;
  entry.checksum = planned.revision->checksum;
  entry.started_at = started_at;
  out.statement(detail::log_insert_literal_sql(dialect, options, entry).str());
}

std::string render(const Dialect& dialect, const RuntimeOptions& options, const Plan& plan,
                   const std::string& title, TriggerTracker& triggers) {
  ScriptWriter out(dialect);
  const std::string started_at = detail::utc_now_text();
  out.comment(title + " (" + std::string(dialect.name()) + ", written " + started_at + ")");
  const std::string keys_off = dialect.foreign_keys_enforcement_sql(false);
  const bool keys_switch = plan.needs_foreign_keys_off && !keys_off.empty();
  if (keys_switch) {
    out.comment("a table rebuild needs foreign-key enforcement off, outside the transaction");
    out.statement(keys_off);
  }
  out.begin();
  for (const std::string& sql : detail::runtime_tables_sql(dialect, options)) out.statement(sql);
  const bool lock_in_tx = dialect.migration_lock_is_transaction();
  for (const PlannedRevision& planned : plan.revisions) {
    if (!planned.revision->transactional && !lock_in_tx) {
      out.commit();
      render_revision(out, dialect, options, planned, started_at, triggers);
      continue;
    }
    out.begin();
    render_revision(out, dialect, options, planned, started_at, triggers);
    if (options.transaction_per_migration) out.commit();
  }
  out.blank();
  out.commit();
  if (keys_switch) out.statement(dialect.foreign_keys_enforcement_sql(true));
  return out.take();
}

// The schema at the rows `lower` (base when empty), rebuilt from the revisions' upgrade
// operations; notes the triggers their `execute` SQL creates.
MetaData schema_at(const RevisionGraph& graph, const Dialect& dialect, const std::string& lower,
                   TriggerTracker& triggers) {
  MetaData state;
  if (lower.empty() || lower == "base") return state;
  const Plan before =
      detail::plan_steps(graph, graph.upgrade_range_steps(lower), dialect, state, kMisfitHint);
  triggers.note_plan(before);
  return state;
}

}  // namespace

std::string upgrade_sql(const RevisionGraph& graph, const Dialect& dialect, std::string_view range,
                        const RuntimeOptions& options) {
  RevisionRange parsed{"", std::string(range)};
  if (range.find(':') != std::string_view::npos) parsed = RevisionGraph::parse_range(range);
  const std::vector<MigrationStep> steps = graph.upgrade_range_steps(range);
  TriggerTracker triggers;
  MetaData state = schema_at(graph, dialect, parsed.lower, triggers);
  const Plan plan = detail::plan_steps(graph, steps, dialect, state, kMisfitHint);
  return render(dialect, options, plan, "retort upgrade --sql " + std::string(range), triggers);
}

std::string downgrade_sql(const RevisionGraph& graph, const Dialect& dialect,
                          std::string_view range, const RuntimeOptions& options) {
  const std::vector<MigrationStep> steps = graph.downgrade_range_steps(range);
  TriggerTracker triggers;
  MetaData state = schema_at(graph, dialect, RevisionGraph::parse_range(range).lower, triggers);
  const Plan plan = detail::plan_steps(graph, steps, dialect, state, kMisfitHint);
  return render(dialect, options, plan, "retort downgrade --sql " + std::string(range), triggers);
}

}  // namespace retort
