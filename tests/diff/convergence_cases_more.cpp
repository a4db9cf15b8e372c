// More convergence cases: types, dependent objects of dropped columns, renames with
// dependents, cycles between existing tables, keys, and PostgreSQL schemas, enums and identity.
#include "convergence_cases.hpp"

namespace retort::testing {
namespace {

// `t` with an integer primary key `id`, a not-null `name` and the `extra` lines.
std::string t(const std::string& extra = "", const std::string& more = "",
              const std::string& head = "") {
  return head +
         "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
         "      name: {type: varchar(30), nullable: false}\n" +
         extra + more;
}

const std::string kRows = "INSERT INTO t (id, name) VALUES (1, 'Ann'), (2, 'Bob')";
const std::string kProbe = "SELECT id, name FROM t ORDER BY id";

ConvergenceCase on_t(std::string label, std::string current, std::string desired,
                     Only only = Only::kBoth) {
  ConvergenceCase c{std::move(label), t(current), t(desired), kRows, kProbe};
  c.only = only;
  return c;
}

// `u` referencing t.id through `t_id`, with `extra` lines (keys) after its columns.
std::string u(const std::string& extra = "", const std::string& t_id = "integer") {
  return "  u:\n    columns:\n      id: {type: integer, primary_key: true}\n      t_id: " + t_id +
         "\n      label: text\n" + extra;
}

const std::string kBothRows =
    kRows + ";INSERT INTO u (id, t_id, label) VALUES (1, 1, 'x'), (2, 2, 'y')";
const std::string kBothProbe =
    "SELECT t.id, t.name, u.id, u.label FROM t JOIN u ON u.t_id = t.id ORDER BY u.id";

ConvergenceCase on_u(std::string label, std::string current, std::string desired,
                     Only only = Only::kBoth) {
  ConvergenceCase c{std::move(label), t("", current), t("", desired), kBothRows, kBothProbe};
  c.only = only;
  return c;
}

std::vector<ConvergenceCase> type_cases() {
  return {
      on_t("add varchar column", "", "      code: varchar(8)\n"),
      on_t("type integer to text", "      n: integer\n", "      n: text\n"),
      on_t("type text to integer", "      n: text\n", "      n: integer\n"),
      on_t("type real to double", "      x: real\n", "      x: double\n"),
      on_t("add boolean with default false", "", "      ok: {type: boolean, default: false}\n"),
      on_t("add date column", "", "      born: date\n"),
      on_t("timestamp to timestamptz", "      at: timestamp\n", "      at: timestamptz\n"),
      on_t("add uuid column", "", "      key: uuid\n"),
      on_t("add json column", "", "      doc: json\n"),
      on_t("add binary column", "", "      blob: binary\n"),
      {"varchar narrowed", t(),
       "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: "
       "true}\n      name: {type: varchar(20), nullable: false}\n",
       kRows, kProbe},
      on_t("add char column", "", "      cc: char(3)\n"),
      on_t("expression default changed", "      d: {type: date, default_sql: CURRENT_DATE}\n",
           "      d: {type: timestamp, default_sql: CURRENT_TIMESTAMP}\n"),
      on_t("nullable and default together",
           "      n: {type: integer, nullable: false, default: 1}\n", "      n: integer\n"),
      {"autoincrement added",
       "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      name: "
       "text\n",
       "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true, autoincrement: "
       "true}\n      name: text\n",
       kRows, kProbe},
  };
}

std::vector<ConvergenceCase> dependent_cases() {
  const std::string fk =
      "    foreign_keys:\n      - {columns: [t_id], references: {table: t, columns: [id]}}\n";
  return {
      on_t("drop column with an index",
           "      code: text\n    indexes:\n      - {name: ix_code, columns: [code]}\n", ""),
      on_t("drop column with a unique",
           "      code: text\n    unique:\n      - {columns: [code]}\n", ""),
      // The dropped column is the last: the reverse adds a column at the end.
      {"drop column with a foreign key",
       t("",
         "  u:\n    columns:\n      id: {type: integer, primary_key: true}\n      label: "
         "text\n      t_id: integer\n" +
             fk),
       t("",
         "  u:\n    columns:\n      id: {type: integer, primary_key: true}\n      label: text\n"),
       kBothRows, "SELECT id, label FROM u ORDER BY id"},
      on_t("add column and index on it", "",
           "      code: text\n    indexes:\n      - {name: ix_code, columns: [code]}\n"),
      {"rename column with an index",
       t("      code: text\n    indexes:\n      - {name: ix_code, columns: [code]}\n"),
       t("      tag: text\n    indexes:\n      - {name: ix_code, columns: [tag]}\n"),
       kRows,
       kProbe,
       false,
       Only::kBoth,
       {},
       {"t.code=tag"}},
      {"rename referenced table",
       t("", u(fk)),
       "tables:\n  t2:\n    columns:\n      id: {type: integer, primary_key: true}\n      name: "
       "{type: varchar(30), nullable: false}\n" +
           u("    foreign_keys:\n      - {columns: [t_id], references: {table: t2, columns: "
             "[id]}}\n"),
       kBothRows,
       "SELECT id, label FROM u ORDER BY id",
       false,
       Only::kBoth,
       {"t=t2"},
       {}},
      on_u("foreign key on_update set_null", u(fk),
           u("    foreign_keys:\n      - {columns: [t_id], references: {table: t, columns: [id]}, "
             "on_update: set_null}\n")),
      on_u("drop unnamed unique", u("    unique:\n      - {columns: [label]}\n"), u()),
      on_u("unnamed unique becomes named", u("    unique:\n      - {columns: [label]}\n"),
           u("    unique:\n      - {name: uq_label, columns: [label]}\n")),
      on_u("check expression changed", u("    checks:\n      - {name: ck_id, sql: id > 0}\n"),
           u("    checks:\n      - {name: ck_id, sql: id > -1}\n")),
      on_u("two indexes added", u(),
           u("    indexes:\n      - {name: ix_a, columns: [label]}\n      - {name: ix_b, columns: "
             "[t_id, label]}\n")),
      on_u("index renamed", u("    indexes:\n      - {name: ix_a, columns: [label]}\n"),
           u("    indexes:\n      - {name: ix_b, columns: [label]}\n")),
      on_u("index where changed",
           u("    indexes:\n      - {name: ix_a, columns: [label], where: id > 0}\n"),
           u("    indexes:\n      - {name: ix_a, columns: [label], where: id > 1}\n")),
      {"drop a table and its child", t("", u(fk)),
       "tables:\n  other:\n    columns:\n      id: integer\n", kBothRows, "", true},
      {"create three tables in a cycle", t(),
       t("",
         "  p:\n    columns:\n      id: {type: integer, primary_key: true}\n      q_id: {type: "
         "integer, references: q.id}\n"
         "  q:\n    columns:\n      id: {type: integer, primary_key: true}\n      r_id: {type: "
         "integer, references: r.id}\n"
         "  r:\n    columns:\n      id: {type: integer, primary_key: true}\n      p_id: {type: "
         "integer, references: p.id}\n"),
       kRows, kProbe},
      {"add table with unique, check and index", t(),
       t("",
         "  w:\n    columns:\n      id: {type: integer, primary_key: true}\n      code: text\n"
         "    unique:\n      - {name: uq_w, columns: [code]}\n    checks:\n      - {name: ck_w, "
         "sql: id > 0}\n"
         "    indexes:\n      - {name: ix_w, columns: [code, id]}\n"),
       kRows, kProbe},
      {"referenced primary key renamed", t("", u(fk)),
       "tables:\n  t:\n    columns:\n      id: integer\n      name: {type: varchar(30), nullable: "
       "false}\n    primary_key: {name: pk_t, columns: [id]}\n" +
           u(fk),
       kBothRows, kBothProbe},
      {"drop primary key",
       "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      name: "
       "text\n",
       "tables:\n  t:\n    columns:\n      id: {type: integer, nullable: false}\n      name: "
       "text\n",
       kRows, kProbe},
      {"add primary key",
       "tables:\n  t:\n    columns:\n      id: {type: integer, nullable: false}\n      name: "
       "text\n",
       "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      name: "
       "text\n",
       kRows, kProbe},
  };
}

std::vector<ConvergenceCase> postgres_cases() {
  const std::string enums = "enums:\n  mood: [happy, sad]\n";
  auto pg = [](ConvergenceCase c) {
    c.only = Only::kPostgres;
    return c;
  };
  const std::string in_audit =
      "  ledger:\n    schema: audit\n    columns:\n      id: {type: integer, primary_key: true}\n";
  return {
      pg({"enum value added first", t("      mood: {type: enum(mood)}\n", "", enums),
          t("      mood: {type: enum(mood)}\n", "", "enums:\n  mood: [calm, happy, sad]\n"), kRows,
          kProbe}),
      pg({"enum column default", t("      mood: {type: enum(mood)}\n", "", enums),
          t("      mood: {type: enum(mood), default: sad}\n", "", enums), kRows, kProbe}),
      pg({"column in another schema added", t("", in_audit, "schemas: [audit]\n"),
          t("", in_audit + "      note: text\n", "schemas: [audit]\n"), kRows, kProbe}),
      pg({"foreign key across schemas",
          t("", in_audit + "      t_id: integer\n", "schemas: [audit]\n"),
          t("", in_audit + "      t_id: {type: integer, references: t.id}\n", "schemas: [audit]\n"),
          kRows, kProbe}),
      pg({"index in another schema", t("", in_audit, "schemas: [audit]\n"),
          t("", in_audit + "    indexes:\n      - {name: ix_ledger, columns: [id]}\n",
            "schemas: [audit]\n"),
          kRows, kProbe}),
      pg({"identity always to by default",
          "tables:\n  t:\n    columns:\n      id: {type: bigint, primary_key: true, identity: "
          "always}\n      name: text\n",
          "tables:\n  t:\n    columns:\n      id: {type: bigint, primary_key: true, identity: "
          "by_default}\n      name: text\n",
          "", ""}),
      pg({"column comment removed", t("      n: {type: text, comment: x}\n"), t("      n: text\n"),
          kRows, kProbe}),
      pg({"table comment changed", t("    comment: one\n"), t("    comment: two\n"), kRows,
          kProbe}),
  };
}

}  // namespace

std::vector<ConvergenceCase> more_convergence_cases() {
  std::vector<ConvergenceCase> all;
  for (auto group : {type_cases(), dependent_cases(), postgres_cases()}) {
    for (ConvergenceCase& c : group) {
      if (!c.label.empty()) all.push_back(std::move(c));
    }
  }
  return all;
}

}  // namespace retort::testing
