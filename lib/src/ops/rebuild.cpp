// The table rebuild, for changes a dialect's ALTER TABLE cannot make (SQLite), written out
// step by step as SQLite's "making other kinds of table schema changes" procedure and Atlas
// do it. The runtime runs it with foreign-key enforcement off (see needs_foreign_keys_off):
// with it on, dropping the old table would fire ON DELETE actions in the child tables.
#include "ops/compile_internal.hpp"

namespace retort::detail {
namespace {

std::string temp_name(const Table& table) { return "_retort_new_" + table.name; }

// The columns copied from the old table: those of the new table that existed before (under
// their old name) and are not generated.
std::vector<std::pair<std::string, std::string>> copied_columns(
    const Table& before, const Table& after, const std::map<std::string, std::string>& renamed) {
  std::vector<std::pair<std::string, std::string>> out;  // (new name, old name)
  for (const Column& c : after.columns) {
    if (c.computed) continue;
    auto it = renamed.find(c.name);
    const std::string old_name = it == renamed.end() ? c.name : it->second;
    const Column* old_column = before.find_column(old_name);
    if (old_column == nullptr || old_column->computed) continue;
    out.emplace_back(c.name, old_name);
  }
  return out;
}

SqlStep step(std::string sql, std::string comment, SqlStep::Kind kind = SqlStep::Kind::kExecute,
             std::string table = {}) {
  return {kind, std::move(sql), std::move(comment), std::move(table)};
}

}  // namespace

std::vector<SqlStep> rebuild_table(const Table& before, const Table& after, const MetaData& state,
                                   const Dialect& dialect,
                                   const std::map<std::string, std::string>& renamed) {
  const std::string label = "rebuild \"" + after.display_name() + "\": ";
  std::vector<SqlStep> out;
  const std::string triggers = dialect.triggers_query_sql(before);
  out.push_back(step(triggers, label + "remember the table's triggers (the drop removes them)",
                     SqlStep::Kind::kSaveTriggers, after.display_name()));

  Table staged = after;
  staged.name = temp_name(after);
  const std::vector<std::string> create = create_table_sql(staged, state, dialect);
  out.push_back(step(create.front(), label + "create the new table under a temporary name"));

  const auto columns = copied_columns(before, after, renamed);
  if (!columns.empty()) {
    SqlBuilder b(dialect);
    b.sql("INSERT INTO ");
    append_table_name(b, staged);
    b.sql(" (");
    for (std::size_t i = 0; i < columns.size(); ++i) b.sql(i ? ", " : "").ident(columns[i].first);
    b.sql(") SELECT ");
    for (std::size_t i = 0; i < columns.size(); ++i) b.sql(i ? ", " : "").ident(columns[i].second);
    b.sql(" FROM ");
    append_table_name(b, before);
    out.push_back(step(b.take(), label + "copy the rows of the columns both tables have"));
  }

  out.push_back(step(drop_table_sql(before, dialect), label + "drop the old table"));
  if (std::string sql = dialect.legacy_rename_sql(true); !sql.empty()) {
    out.push_back(step(sql, label + "rename without rewriting the views that name the table"));
  }
  SqlBuilder rename(dialect);
  rename.sql("ALTER TABLE ");
  append_table_name(rename, staged);
  rename.sql(" RENAME TO ").ident(after.name);
  out.push_back(step(rename.take(), label + "give the new table the old name"));
  if (std::string sql = dialect.legacy_rename_sql(false); !sql.empty()) {
    out.push_back(step(sql, label + "rewrite renamed names again"));
  }
  for (const Index& index : after.indexes) {
    out.push_back(step(create_index_sql(after, index, dialect),
                       label + "recreate index \"" + index.name + "\""));
  }
  out.push_back(step({}, label + "recreate the triggers", SqlStep::Kind::kRestoreTriggers,
                     after.display_name()));
  // The table's own foreign keys, then those of the tables referencing it (its key may have
  // changed): any row is a violation.
  std::vector<const Table*> checked{&after};
  for (const Table& other : state.tables) {
    if (&other == &after || (other.name == after.name && other.schema == after.schema)) continue;
    for (const ForeignKey& fk : other.foreign_keys) {
      if (fk.ref_table == after.name && fk.ref_schema == after.schema) {
        checked.push_back(&other);
        break;
      }
    }
  }
  for (const Table* table : checked) {
    const std::string check = dialect.foreign_key_check_sql(*table);
    if (check.empty()) continue;
    out.push_back(step(check,
                       label + "check the foreign keys of \"" + table->display_name() +
                           "\": any row is a violation",
                       SqlStep::Kind::kExpectNoRows, after.display_name()));
  }
  return out;
}

}  // namespace retort::detail
