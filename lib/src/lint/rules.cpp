// The lint rules: the table of ids and severities, and the checks of one revision's upgrade
// operations. Why each rule exists, with examples: docs/lint.md.
#include <algorithm>

#include "lint/lint_internal.hpp"
#include "retort/error.hpp"
#include "retort/suggest.hpp"

namespace retort {

namespace {
const std::vector<LintRule> kRules = {
    {"RT001", "drop-table", LintSeverity::kError, "dropping a table deletes its rows",
     "keep the table until nothing uses it and its data is archived, then drop it in a revision "
     "that ignores RT001 with the reason"},
    {"RT002", "drop-column", LintSeverity::kError, "dropping a column deletes its values",
     "stop using the column first; drop it in a later revision that ignores RT002 with the "
     "reason"},
    {"RT003", "narrowing-type", LintSeverity::kError,
     "a column type change that can fail or cut values that fit the old type",
     "add a new column of the new type, copy and check the values, then switch over"},
    {"RT004", "not-null-without-default", LintSeverity::kWarning,
     "NOT NULL on an existing table's column without a default",
     "give the column a default, and fill NULL rows (execute UPDATE ... WHERE c IS NULL) before "
     "setting NOT NULL"},
    {"RT005", "unique-on-existing-table", LintSeverity::kWarning,
     "a unique constraint, unique index or primary key added to an existing table",
     "check for duplicates first (SELECT cols, count(*) ... GROUP BY cols HAVING count(*) > 1)"},
    {"RT006", "irreversible", LintSeverity::kError,
     "an upgrade operation without a reverse, or upgrade operations without a downgrade",
     "give the operation what its reverse needs (execute: reverse SQL; drops: the definition) "
     "and write the downgrade"},
    {"RT007", "rename-as-drop-add", LintSeverity::kWarning,
     "a column or table dropped and one of the same type added in one revision: a likely rename",
     "use rename_column / rename_table (diff: --rename TABLE.OLD=NEW, --rename-table OLD=NEW)"},
    {"RT008", "sqlite-table-rebuild", LintSeverity::kWarning,
     "an operation SQLite performs by rebuilding an existing table (copying every row)",
     "expect the copy to hold the write lock for as long as the table takes to copy; batch such "
     "changes into one revision"},
    {"RT009", "index-without-concurrently", LintSeverity::kWarning,
     "PostgreSQL: an index created on an existing table without CONCURRENTLY blocks writes",
     "execute: CREATE INDEX CONCURRENTLY ... (reverse: DROP INDEX CONCURRENTLY ...) in a "
     "revision with transactional: false"},
    {"RT010", "non-transactional", LintSeverity::kWarning,
     "a revision with transactional: false: a failure leaves it half applied",
     "keep such a revision to one statement that is safe to run again (IF NOT EXISTS)"},
};
}  // namespace

const char* to_string(LintSeverity severity) {
  switch (severity) {
    case LintSeverity::kError:
      return "error";
    case LintSeverity::kWarning:
      return "warning";
    case LintSeverity::kInfo:
      break;
  }
  return "info";
}

const std::vector<LintRule>& lint_rules() { return kRules; }

const LintRule* find_lint_rule(std::string_view id) {
  for (const LintRule& rule : kRules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

}  // namespace retort

namespace retort::detail::lint {
namespace {

std::string column_text(const TableRef& table, std::string_view column) {
  return in_quotes(table_key(table.schema, table.name)) + "." + in_quotes(column);
}

std::string columns_text(const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& c : columns) out += (out.empty() ? "" : ", ") + c;
  return "(" + out + ")";
}

std::string label(std::string_view what, std::string_view name) {
  return name.empty() ? std::string(what) : std::string(what) + " " + in_quotes(name);
}

bool takes_values_itself(const Column& c) {
  return c.server_default || c.autoincrement || c.identity != Identity::kNone || c.computed;
}

}  // namespace

std::string table_key(std::string_view schema, std::string_view name) {
  return schema.empty() ? std::string(name) : std::string(schema) + "." + std::string(name);
}

void RevisionChecker::check(const std::vector<Operation>& operations) {
  for (std::size_t i = 0; i < operations.size(); ++i) {
    const int index = static_cast<int>(i);
    check_one(operations[i], index);
    remember_for_renames(operations[i], index);
    try {
      apply_operation(state_, operations[i]);
    } catch (const Error&) {
      // The model does not know the object (raw SQL made it): later checks are best effort.
    }
  }
  check_renames();
}

bool RevisionChecker::existing(std::string_view schema, std::string_view name) const {
  return created_.count(table_key(schema, name)) == 0;
}

void RevisionChecker::add(std::string_view rule, int index, std::string message) {
  findings_.push_back({std::string(rule), index, std::move(message)});
}

void RevisionChecker::check_one(const Operation& op, int index) {
  if (const auto* create = std::get_if<ops::CreateTable>(&op)) {
    created_.insert(table_key(create->table.schema, create->table.name));
  } else if (const auto* rename = std::get_if<ops::RenameTable>(&op)) {
    if (!existing(rename->table.schema, rename->table.name)) {
      created_.insert(table_key(rename->table.schema, rename->new_name));
    }
  }
  const Reversal reversal = reverse(op);
  if (!reversal.op) {
    add("RT006", index, describe(op) + " is irreversible: " + reversal.reason);
  }
  check_destructive(op, index);
  check_columns(op, index);
  check_constraints(op, index);
  check_rebuild(op, index);
}

void RevisionChecker::check_destructive(const Operation& op, int index) {
  if (const auto* drop = std::get_if<ops::DropTable>(&op)) {
    if (existing(drop->table.schema, drop->table.name)) {
      add("RT001", index,
          "dropping table " + in_quotes(table_key(drop->table.schema, drop->table.name)) +
              " deletes its rows");
    }
  } else if (const auto* drop_column = std::get_if<ops::DropColumn>(&op)) {
    if (existing(drop_column->table.schema, drop_column->table.name)) {
      add("RT002", index,
          "dropping column " + column_text(drop_column->table, drop_column->column.name) +
              " deletes its values");
    }
  }
}

void RevisionChecker::check_columns(const Operation& op, int index) {
  if (const auto* added = std::get_if<ops::AddColumn>(&op)) {
    const Column& c = added->column;
    if (existing(added->table.schema, added->table.name) && !c.nullable &&
        !takes_values_itself(c)) {
      add("RT004", index,
          "adding NOT NULL column " + column_text(added->table, c.name) +
              " without a default fails when the table has rows");
    }
    return;
  }
  const auto* alter = std::get_if<ops::AlterColumn>(&op);
  if (!alter || !existing(alter->table.schema, alter->table.name)) return;
  const Table* table = state_.find_table(alter->table.name, alter->table.schema);
  const Column* column = table ? table->find_column(alter->column) : nullptr;
  if (alter->type) {
    const std::optional<Type> from = alter->type->from ? alter->type->from
                                     : column          ? std::optional<Type>(column->type)
                                                       : std::nullopt;
    const std::string why = from ? narrowing(*from, alter->type->to) : std::string();
    if (!why.empty()) {
      add("RT003", index,
          "changing column " + column_text(alter->table, alter->column) + " from " +
              from->to_string() + " to " + alter->type->to.to_string() + " narrows it (" + why +
              "): values that do not fit fail the revision or are cut");
    }
  }
  if (alter->nullable && !alter->nullable->to && alter->nullable->from != false) {
    const bool has_default =
        alter->server_default
            ? alter->server_default->to.has_value()
            : column && (column->server_default || column->identity != Identity::kNone);
    if (!has_default) {
      add("RT004", index,
          "setting column " + column_text(alter->table, alter->column) +
              " NOT NULL without a default fails when a row holds NULL");
    }
  }
}

void RevisionChecker::check_constraints(const Operation& op, int index) {
  auto unique = [&](const TableRef& table, std::string what, const std::vector<std::string>& cols) {
    if (!existing(table.schema, table.name)) return;
    add("RT005", index,
        "adding " + what + " on " + in_quotes(table_key(table.schema, table.name)) + " " +
            columns_text(cols) + " fails when existing rows hold duplicates");
  };
  if (const auto* u = std::get_if<ops::CreateUniqueConstraint>(&op)) {
    unique(u->table, label("unique constraint", u->constraint.name), u->constraint.columns);
  } else if (const auto* pk = std::get_if<ops::CreatePrimaryKey>(&op)) {
    unique(pk->table, label("primary key", pk->key.name), pk->key.columns);
  } else if (const auto* ix = std::get_if<ops::CreateIndex>(&op)) {
    if (ix->index.unique) {
      std::vector<std::string> cols;
      for (const IndexElement& e : ix->index.elements) {
        cols.push_back(e.column.empty() ? e.expression : e.column);
      }
      unique(ix->table, label("unique index", ix->index.name), cols);
    }
    if (dialect_.can_create_index_concurrently() && existing(ix->table.schema, ix->table.name)) {
      add("RT009", index,
          "creating index " + in_quotes(ix->index.name) + " on existing table " +
              in_quotes(table_key(ix->table.schema, ix->table.name)) +
              " without CONCURRENTLY blocks writes to it while the index builds");
    }
  }
}

// Asks the ops layer how the dialect compiles the operation: a step that saves the triggers
// of a table is a rebuild of it (compile_steps, needs_foreign_keys_off).
void RevisionChecker::check_rebuild(const Operation& op, int index) {
  std::vector<SqlStep> steps;
  try {
    steps = compile_steps(op, dialect_, state_);
  } catch (const Error&) {
    return;  // the model does not know the table; the runtime will say more
  }
  if (!needs_foreign_keys_off(steps)) return;
  for (const SqlStep& step : steps) {
    if (step.kind != SqlStep::Kind::kSaveTriggers || !existing({}, step.table)) continue;
    add("RT008", index,
        describe(op) + " rebuilds table " + in_quotes(step.table) + " on " +
            std::string(dialect_.name()) + ": every row is copied while the write lock is held");
    return;
  }
}

}  // namespace retort::detail::lint
