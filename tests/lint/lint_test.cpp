// The lint rules on revisions written inline: each rule fires where it should, at the line of
// the operation, and stays quiet on a table the same revision creates.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lint/lint_internal.hpp"
#include "retort/error.hpp"
#include "retort/lint.hpp"

namespace retort {
namespace {

// A revision file "<id>.yaml": two header lines, then `body`.
Revision revision(const std::string& id, const std::string& down, const std::string& body) {
  Revision r = parse_revision(
      "revision: " + id + "\ndown_revision: " + (down.empty() ? "null" : down) + "\n" + body,
      id + ".yaml");
  r.path = id + ".yaml";
  return r;
}

// Creates table t (id, name varchar(100), note text) with its downgrade.
const char* const kCreateT =
    "upgrade:\n"
    "  - create_table: {name: t, columns: {id: {type: integer, primary_key: true},\n"
    "      name: varchar(100), note: text, n: bigint}}\n"
    "downgrade:\n"
    "  - drop_table: {name: t}\n";

LintResult lint_on(const std::string& dialect, const std::string& body,
                   const std::string& range = "") {
  RevisionGraph graph({revision("a", "", kCreateT), revision("b", "a", body)});
  LintOptions options;
  options.range = range.empty() ? "a:b" : range;
  return lint(graph, dialect_for(dialect), options);
}

std::vector<std::string> rules_of(const LintResult& result, const std::string& rev = "b") {
  std::vector<std::string> out;
  for (const LintFinding& f : result.findings) {
    if (f.revision == rev) out.push_back(f.rule);
  }
  return out;
}

const LintFinding* find(const LintResult& result, const std::string& rule) {
  for (const LintFinding& f : result.findings) {
    if (f.rule == rule) return &f;
  }
  return nullptr;
}

using Rules = std::vector<std::string>;

TEST(Lint, RulesHaveStableIdsAndSeverities) {
  ASSERT_EQ(lint_rules().size(), 10u);
  EXPECT_EQ(lint_rules().front().id, "RT001");
  EXPECT_EQ(find_lint_rule("RT001")->severity, LintSeverity::kError);
  EXPECT_EQ(find_lint_rule("RT005")->name, "unique-on-existing-table");
  EXPECT_EQ(find_lint_rule("RT010")->severity, LintSeverity::kWarning);
  EXPECT_EQ(find_lint_rule("RT999"), nullptr);
  EXPECT_STREQ(to_string(LintSeverity::kInfo), "info");
}

TEST(Lint, ACleanRevisionHasNoFindings) {
  const LintResult result = lint_on("sqlite", kCreateT);
  EXPECT_TRUE(result.findings.empty());
  EXPECT_EQ(result.revisions_checked, 2u);
  EXPECT_FALSE(result.has_errors());
}

TEST(Lint, DroppingAnExistingTableIsAnErrorAtItsLine) {
  const LintResult result = lint_on("sqlite",
                                    "upgrade:\n  - drop_table: {name: t, columns: {id: "
                                    "integer}}\ndowngrade: [{execute: \"x\"}]\n");
  EXPECT_EQ(rules_of(result), Rules{"RT001"});
  const LintFinding* f = find(result, "RT001");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->line, 4);
  EXPECT_EQ(f->file, "b.yaml");
  EXPECT_EQ(f->severity, LintSeverity::kError);
  EXPECT_EQ(f->message, "dropping table \"t\" deletes its rows");
  EXPECT_TRUE(result.has_errors());
}

TEST(Lint, ATableCreatedInTheSameRevisionIsNotExisting) {
  const std::string body =
      "upgrade:\n"
      "  - create_table: {name: u, columns: {id: integer, a: text}}\n"
      "  - create_index: {table: u, name: ix_u, columns: [a], unique: true}\n"
      "  - alter_column: {table: u, column: a, type: {from: text, to: varchar(5)}}\n"
      "  - drop_column: {table: u, column: a, type: varchar(5)}\n"
      "  - drop_table: {name: u, columns: {id: integer}}\n"
      "downgrade: [{execute: x}]\n";
  EXPECT_EQ(rules_of(lint_on("postgresql", body)), Rules{});
}

TEST(Lint, DroppingAColumn) {
  const LintResult result =
      lint_on("postgresql",
              "upgrade:\n  - drop_column: {table: t, column: note, type: text}\n"
              "downgrade:\n  - add_column: {table: t, column: note, type: text}\n");
  EXPECT_EQ(rules_of(result), Rules{"RT002"});
  EXPECT_EQ(find(result, "RT002")->message, "dropping column \"t\".\"note\" deletes its values");
}

TEST(Lint, NarrowingTypes) {
  using detail::lint::narrowing;
  auto t = [](const char* text) { return Type::parse(text); };
  EXPECT_NE(narrowing(t("varchar(100)"), t("varchar(50)")), "");
  EXPECT_NE(narrowing(t("bigint"), t("integer")), "");
  EXPECT_NE(narrowing(t("integer"), t("smallint")), "");
  EXPECT_NE(narrowing(t("numeric(10, 2)"), t("numeric(8, 2)")), "");
  EXPECT_NE(narrowing(t("numeric(10, 4)"), t("numeric(10, 2)")), "");
  EXPECT_NE(narrowing(t("numeric"), t("numeric(5)")), "");
  EXPECT_NE(narrowing(t("text"), t("varchar(20)")), "");
  EXPECT_NE(narrowing(t("double"), t("real")), "");
  EXPECT_EQ(narrowing(t("varchar(50)"), t("varchar(100)")), "");
  EXPECT_EQ(narrowing(t("integer"), t("bigint")), "");
  EXPECT_EQ(narrowing(t("varchar(20)"), t("text")), "");
  EXPECT_EQ(narrowing(t("numeric(8, 2)"), t("numeric(10, 2)")), "");
  EXPECT_EQ(narrowing(t("integer"), t("text")), "");
  // Across kinds.
  EXPECT_EQ(narrowing(t("bigint"), t("varchar(3)")), "text longer than the new maximum length");
  EXPECT_EQ(narrowing(t("date"), t("varchar(3)")), "text longer than the new maximum length");
  EXPECT_EQ(narrowing(t("varchar(10)"), t("integer")), "text that does not read as integer");
  EXPECT_EQ(narrowing(t("text"), t("date")), "text that does not read as date");
  EXPECT_EQ(narrowing(t("numeric(10, 2)"), t("integer")), "a conversion to whole numbers");
  EXPECT_EQ(narrowing(t("bigint"), t("double")), "less precision");
  EXPECT_EQ(narrowing(t("timestamptz"), t("date")), "a part of the timestamp is cut");
  EXPECT_EQ(narrowing(t("json"), t("integer")), "a conversion from json that can fail");
  EXPECT_EQ(narrowing(t("integer"), t("varchar(11)")), "");
  EXPECT_EQ(narrowing(t("integer"), t("double")), "");
  EXPECT_EQ(narrowing(t("integer"), t("numeric")), "");
  EXPECT_EQ(narrowing(t("boolean"), t("integer")), "");
  EXPECT_EQ(narrowing(t("date"), t("timestamp")), "");
  EXPECT_EQ(narrowing(t("real"), t("double")), "");
  EXPECT_EQ(narrowing(t("json"), t("jsonb")), "");
  EXPECT_EQ(narrowing(t("uuid"), t("text")), "");
  EXPECT_EQ(narrowing(t("text"), t("citext")), "") << "a raw type is not guessed";
}

TEST(Lint, NarrowingAColumnUsesTheKnownTypeWithoutFrom) {
  const LintResult result =
      lint_on("postgresql",
              "upgrade:\n  - alter_column: {table: t, column: name, type: varchar(50)}\n"
              "downgrade: [{execute: \"x\"}]\n");
  EXPECT_EQ(rules_of(result), (Rules{"RT006", "RT003"}));
  EXPECT_EQ(find(result, "RT003")->message,
            "changing column \"t\".\"name\" from varchar(100) to varchar(50) narrows it (a "
            "shorter maximum length): values that do not fit fail the revision or are cut");
  const LintResult widen =
      lint_on("postgresql",
              "upgrade:\n  - alter_column: {table: t, column: n, type: {from: bigint, to: "
              "integer}}\ndowngrade: [{execute: \"x\"}]\n");
  EXPECT_EQ(rules_of(widen), Rules{"RT003"});
}

TEST(Lint, NotNullWithoutDefault) {
  const std::string down = "downgrade: [{execute: \"x\"}]\n";
  EXPECT_EQ(rules_of(lint_on("postgresql",
                             "upgrade:\n  - alter_column: {table: t, column: note, nullable: "
                             "{from: true, to: false}}\n" +
                                 down)),
            Rules{"RT004"});
  EXPECT_EQ(rules_of(lint_on("postgresql",
                             "upgrade:\n  - alter_column: {table: t, column: note, nullable: "
                             "{from: true, to: false}, default: {from: null, to: {value: x}}}\n" +
                                 down)),
            Rules{});
  EXPECT_EQ(rules_of(lint_on("postgresql",
                             "upgrade:\n  - add_column: {table: t, column: c, type: integer, "
                             "nullable: false}\n" +
                                 down)),
            Rules{"RT004"});
  EXPECT_EQ(rules_of(lint_on("postgresql",
                             "upgrade:\n  - add_column: {table: t, column: c, type: integer, "
                             "nullable: false, default: 0}\n" +
                                 down)),
            Rules{});
}

TEST(Lint, UniqueOnAnExistingTable) {
  const std::string down = "downgrade: [{execute: \"x\"}]\n";
  const LintResult constraint = lint_on(
      "sqlite",
      "upgrade:\n  - create_unique_constraint: {table: t, name: uq_t, columns: [name]}\n" + down);
  EXPECT_EQ(rules_of(constraint), (Rules{"RT005", "RT008"}));
  EXPECT_EQ(find(constraint, "RT005")->message,
            "adding unique constraint \"uq_t\" on \"t\" (name) fails when existing rows hold "
            "duplicates");
  EXPECT_EQ(rules_of(lint_on("sqlite",
                             "upgrade:\n  - create_index: {table: t, name: ix, columns: [name], "
                             "unique: true}\n" +
                                 down)),
            Rules{"RT005"});
}

TEST(Lint, IrreversibleOperationsAndAMissingDowngrade) {
  const LintResult result =
      lint_on("sqlite", "message: m\nupgrade:\n  - execute: \"UPDATE t SET note = 'x'\"\n");
  EXPECT_EQ(rules_of(result), (Rules{"RT006", "RT006"}));
  EXPECT_EQ(result.findings[0].line, 4);  // the `upgrade` key: no downgrade
  EXPECT_EQ(result.findings[0].message,
            "the revision has 1 upgrade operation(s) and no downgrade: it cannot be reversed");
  EXPECT_EQ(result.findings[1].line, 5);
  EXPECT_NE(result.findings[1].message.find("irreversible: execute has no reverse SQL"),
            std::string::npos)
      << result.findings[1].message;
}

TEST(Lint, ALikelyRenameDoneAsDropAndAdd) {
  const LintResult result = lint_on(
      "postgresql",
      "upgrade:\n  - drop_column: {table: t, column: note}\n"
      "  - add_column: {table: t, column: remark, type: text}\ndowngrade: [{execute: x}]\n");
  EXPECT_EQ(rules_of(result), (Rules{"RT006", "RT002", "RT007"}));
  EXPECT_EQ(find(result, "RT007")->line, 4);
  EXPECT_EQ(find(result, "RT007")->message,
            "column \"note\" of \"t\" is dropped and column \"remark\" of the same type (text) "
            "added: if it is a rename, the values are lost");
  // Another type is no rename.
  EXPECT_EQ(rules_of(lint_on("postgresql",
                             "upgrade:\n  - drop_column: {table: t, column: note, type: text}\n"
                             "  - add_column: {table: t, column: c, type: integer}\n"
                             "downgrade: [{execute: x}]\n")),
            Rules{"RT002"});
  // A table dropped and one with the same columns created.
  const LintResult tables =
      lint_on("postgresql",
              "upgrade:\n  - drop_table: {name: t}\n"
              "  - create_table: {name: t2, columns: {id: {type: integer, primary_key: true},\n"
              "      name: varchar(100), note: text, n: bigint}}\ndowngrade: [{execute: x}]\n");
  // The incomplete drop_table is irreversible too; the known columns come from the model.
  EXPECT_EQ(rules_of(tables), (Rules{"RT006", "RT001", "RT007"}));
}

TEST(Lint, SqliteRebuildOnlyOnSqlite) {
  const std::string body =
      "upgrade:\n  - alter_column: {table: t, column: name, type: {from: varchar(100), to: "
      "text}}\n"
      "downgrade:\n  - alter_column: {table: t, column: name, type: {from: text, to: "
      "varchar(100)}}\n";
  const LintResult sqlite = lint_on("sqlite", body);
  EXPECT_EQ(rules_of(sqlite), Rules{"RT008"});
  EXPECT_NE(find(sqlite, "RT008")->message.find("rebuilds table \"t\" on sqlite"),
            std::string::npos);
  EXPECT_EQ(rules_of(lint_on("postgresql", body)), Rules{});
  // Adding a nullable column is a plain ALTER TABLE on SQLite.
  EXPECT_EQ(rules_of(lint_on("sqlite",
                             "upgrade:\n  - add_column: {table: t, column: c, type: text}\n"
                             "downgrade:\n  - drop_column: {table: t, column: c, type: text}\n")),
            Rules{});
}

TEST(Lint, IndexWithoutConcurrentlyOnlyOnPostgresql) {
  const std::string body =
      "upgrade:\n  - create_index: {table: t, name: ix_t_note, columns: [note]}\n"
      "downgrade:\n  - drop_index: {table: t, name: ix_t_note, columns: [note]}\n";
  const LintResult pg = lint_on("postgresql", body);
  EXPECT_EQ(rules_of(pg), Rules{"RT009"});
  EXPECT_EQ(find(pg, "RT009")->message,
            "creating index \"ix_t_note\" on existing table \"t\" without CONCURRENTLY blocks "
            "writes to it while the index builds");
  EXPECT_EQ(rules_of(lint_on("sqlite", body)), Rules{});
}

TEST(Lint, NonTransactionalRevision) {
  const LintResult result = lint_on(
      "postgresql",
      "transactional: false\nupgrade:\n  - execute: {sql: \"CREATE INDEX CONCURRENTLY ix ON t "
      "(note)\", reverse: \"DROP INDEX CONCURRENTLY ix\"}\n"
      "downgrade:\n  - execute: {sql: \"DROP INDEX CONCURRENTLY ix\", reverse: \"x\"}\n");
  EXPECT_EQ(rules_of(result), Rules{"RT010"});
  EXPECT_EQ(find(result, "RT010")->line, 3);
  EXPECT_EQ(find(result, "RT010")->severity, LintSeverity::kWarning);
  EXPECT_FALSE(result.has_errors());
}

TEST(Lint, ARevisionIgnoresARuleWithAReason) {
  const LintResult result = lint_on(
      "sqlite",
      "lint:\n  ignore:\n    - {rule: RT001, reason: \"archived in ticket 12\"}\n"
      "upgrade:\n  - drop_table: {name: t, columns: {id: integer}}\ndowngrade: [{execute: x}]\n");
  const LintFinding* f = find(result, "RT001");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->ignored);
  EXPECT_EQ(f->ignore_reason, "archived in ticket 12");
  EXPECT_FALSE(result.has_errors());
  // The flow form.
  EXPECT_FALSE(lint_on("sqlite",
                       "lint: {ignore: [{rule: RT001, reason: ok}]}\n"
                       "upgrade:\n  - drop_table: {name: t, columns: {id: integer}}\ndowngrade: "
                       "[{execute: x}]\n")
                   .has_errors());
}

std::string lint_error(const std::string& body) {
  try {
    lint_on("sqlite", body + "upgrade: []\n");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Lint, MalformedIgnoresAreErrorsAtTheirLine) {
  EXPECT_EQ(lint_error("lint:\n  ignore:\n    - {rule: RT001}\n"),
            "b.yaml:5:7: lint: ignoring RT001 needs a reason (reason: \"why it is safe here\")");
  EXPECT_EQ(lint_error("lint:\n  ignore:\n    - {rule: RT001, reason: \"  \"}\n"),
            "b.yaml:5:29: lint: ignoring RT001 needs a reason (reason: \"why it is safe here\")");
  EXPECT_EQ(lint_error("lint:\n  ignore:\n    - {rule: RT01, reason: x}\n"),
            "b.yaml:5:14: lint: ignore: unknown rule \"RT01\" (did you mean \"RT001\"?); "
            "docs/lint.md lists the rules");
  EXPECT_NE(lint_error("lint:\n  ignores: []\n").find("b.yaml:4:3: "), std::string::npos);
  EXPECT_NE(lint_error("lint: [RT001]\n").find("b.yaml:3:7: "), std::string::npos);
}

TEST(Lint, TheRangeLimitsWhatIsReportedNotWhatIsKnown) {
  RevisionGraph graph({revision("a", "", "upgrade:\n  - execute: \"x\"\n"),
                       revision("b", "a", kCreateT),
                       revision("c", "b",
                                "upgrade:\n  - drop_table: {name: t, columns: {id: "
                                "integer}}\ndowngrade: [{execute: x}]\n")});
  LintOptions options;
  options.range = "b:c";
  const LintResult result = lint(graph, dialect_for("sqlite"), options);
  EXPECT_EQ(result.revisions_checked, 2u);
  EXPECT_EQ(rules_of(result, "a"), Rules{});
  EXPECT_EQ(rules_of(result, "c"), Rules{"RT001"});
  options.range = "";
  EXPECT_EQ(rules_of(lint(graph, dialect_for("sqlite"), options), "a"), (Rules{"RT006", "RT006"}));
}

}  // namespace
}  // namespace retort
