// The convergence cases. Each names one change (or a few) between two schemas built from the
// small "artist" / "album" pair below; docs/diff.md lists what the suite covers.
#include "convergence_cases.hpp"

namespace retort::testing {
namespace {

const std::string kArtistHead =
    "  artist:\n"
    "    columns:\n"
    "      id: {type: integer, primary_key: true}\n"
    "      name: {type: varchar(30), nullable: false}\n";

// A models document with `artist` (plus `extra` lines: more columns and table keys) and
// `more` tables after it; `head` goes before `tables:` (schemas, enums).
std::string artist(const std::string& extra = "", const std::string& more = "",
                   const std::string& head = "") {
  return head + "tables:\n" + kArtistHead + extra + more;
}

// `album` referencing nothing yet; `extra` adds columns or keys.
std::string album(const std::string& extra = "") {
  return "  album:\n"
         "    columns:\n"
         "      id: {type: integer, primary_key: true}\n"
         "      artist_id: integer\n"
         "      title: text\n" +
         extra;
}

const std::string kFk =
    "    foreign_keys:\n      - {columns: [artist_id], references: {table: artist, columns: [id]}";
const std::string kArtistRows = "INSERT INTO artist (id, name) VALUES (1, 'Ann'), (2, 'Bob')";
const std::string kArtistProbe = "SELECT id, name FROM artist ORDER BY id";
const std::string kBothRows = kArtistRows +
                              ";INSERT INTO album (id, artist_id, title) VALUES (1, 1, 'A'), "
                              "(2, 2, 'B')";
const std::string kBothProbe =
    "SELECT a.id, a.name, b.id, b.title FROM artist a JOIN album b ON b.artist_id = a.id "
    "ORDER BY a.id";

ConvergenceCase on_artist(std::string label, std::string current_extra, std::string desired_extra) {
  return {std::move(label), artist(current_extra), artist(desired_extra), kArtistRows,
          kArtistProbe};
}

ConvergenceCase on_album(std::string label, std::string current_extra, std::string desired_extra) {
  return {std::move(label), artist("", album(current_extra)), artist("", album(desired_extra)),
          kBothRows, kBothProbe};
}

std::vector<ConvergenceCase> column_cases() {
  const std::string note = "      note: text\n";
  return {
      on_artist("add nullable column", "", note),
      on_artist("add not-null column with default", "",
                "      rating: {type: integer, nullable: false, default: 0}\n"),
      on_artist("add column with expression default", "",
                "      added: {type: timestamp, default_sql: CURRENT_TIMESTAMP}\n"),
      on_artist("drop column", note, ""),
      on_artist("drop two columns", note + "      rating: integer\n", ""),
      on_artist("type text to varchar", note, "      note: varchar(50)\n"),
      on_artist("type integer to bigint", "      rating: integer\n", "      rating: bigint\n"),
      ConvergenceCase{"type varchar widened", artist(),
                      "tables:\n  artist:\n    columns:\n      id: {type: integer, "
                      "primary_key: true}\n      name: {type: varchar(100), nullable: "
                      "false}\n",
                      kArtistRows, kArtistProbe},
      ConvergenceCase{"nullable to not null", artist(),
                      "tables:\n  artist:\n    columns:\n      id: {type: integer, primary_key: "
                      "true}\n      name: {type: varchar(30)}\n",
                      kArtistRows, kArtistProbe},
      on_artist("not null to nullable", "      note: {type: text, nullable: false, default: x}\n",
                "      note: {type: text, default: x}\n"),
      on_artist("add literal default", note, "      note: {type: text, default: none}\n"),
      on_artist("change literal default", "      rating: {type: integer, default: 1}\n",
                "      rating: {type: integer, default: 2}\n"),
      on_artist("drop default", "      rating: {type: integer, default: 1}\n",
                "      rating: integer\n"),
      on_artist("boolean default", "      active: boolean\n",
                "      active: {type: boolean, default: true}\n"),
      on_artist("column comment", note, "      note: {type: text, comment: Free text}\n"),
      on_artist("table comment", "", "    comment: Performers\n"),
      on_artist("numeric precision", "      fee: numeric(10, 2)\n", "      fee: numeric(12, 3)\n"),
      on_artist("computed column added", "",
                "      upper_name: {type: text, computed: {sql: upper(name), stored: true}}\n"),
  };
}

std::vector<ConvergenceCase> key_cases() {
  const std::string pk2 = "    primary_key: [id, name]\n";
  return {
      {"composite primary key", artist(),
       "tables:\n  artist:\n    columns:\n      id: integer\n      name: {type: varchar(30), "
       "nullable: false}\n" +
           pk2,
       kArtistRows, kArtistProbe},
      {"named primary key", artist(),
       "tables:\n  artist:\n    columns:\n      id: integer\n      name: {type: varchar(30), "
       "nullable: false}\n    primary_key: {name: pk_artist, columns: [id]}\n",
       kArtistRows, kArtistProbe},
      on_album("add foreign key", "", kFk + "}\n"),
      on_album("drop foreign key", kFk + "}\n", ""),
      on_album("foreign key on_delete changed", kFk + "}\n", kFk + ", on_delete: cascade}\n"),
      on_album("foreign key deferrable", kFk + "}\n", kFk + ", deferrable: initially_deferred}\n"),
      on_album("foreign key named", kFk + "}\n", kFk + ", name: fk_album_artist}\n"),
      on_album("add unnamed unique", "", "    unique:\n      - {columns: [title]}\n"),
      on_album("add named unique", "",
               "    unique:\n      - {name: uq_album, columns: [artist_id, title]}\n"),
      on_album("drop named unique", "    unique:\n      - {name: uq_album, columns: [title]}\n",
               ""),
      on_album("unique columns changed",
               "    unique:\n      - {name: uq_album, columns: [title]}\n",
               "    unique:\n      - {name: uq_album, columns: [artist_id, title]}\n"),
      on_album("add named check", "", "    checks:\n      - {name: ck_id, sql: id > 0}\n"),
      on_album("drop named check", "    checks:\n      - {name: ck_id, sql: id > 0}\n", ""),
      {"add unnamed check", artist("", album()),
       artist("", album("    checks:\n      - {sql: id > 0}\n")), kBothRows, kBothProbe, false,
       Only::kSqlite},
  };
}

std::vector<ConvergenceCase> index_cases() {
  const std::string ix = "    indexes:\n      - {name: ix_album_title, ";
  return {
      on_album("add index", "", ix + "columns: [title]}\n"),
      on_album("drop index", ix + "columns: [title]}\n", ""),
      on_album("index made unique", ix + "columns: [title]}\n",
               ix + "columns: [title], unique: true}\n"),
      on_album("index columns changed", ix + "columns: [title]}\n",
               ix + "columns: [title, artist_id]}\n"),
      on_album("partial index", "", ix + "columns: [title], where: title IS NOT NULL}\n"),
      on_album("expression index", "", ix + "elements: [{expression: lower(title)}]}\n"),
      on_album("descending index", "", ix + "elements: [{column: title, desc: true}]}\n"),
      ConvergenceCase{"index: true on a column", artist("", album()),
                      artist("",
                             "  album:\n    columns:\n      id: {type: integer, "
                             "primary_key: true}\n      artist_id: {type: integer, "
                             "index: true}\n      title: text\n"),
                      kBothRows, kBothProbe},
  };
}

std::vector<ConvergenceCase> table_cases() {
  const std::string cyc_a =
      "  a:\n    columns:\n      id: {type: integer, primary_key: true}\n      b_id: {type: "
      "integer, references: b.id}\n";
  const std::string cyc_b =
      "  b:\n    columns:\n      id: {type: integer, primary_key: true}\n      a_id: {type: "
      "integer, references: a.id}\n";
  const std::string child =
      "  album:\n    columns:\n      id: {type: integer, primary_key: true}\n      artist_id: "
      "{type: integer, references: artist.id, on_delete: cascade}\n      title: text\n";
  return {
      {"create table", artist(), artist("", album()), kArtistRows, kArtistProbe},
      {"drop table", artist("", album()), artist(), kBothRows, kArtistProbe},
      {"create child table", artist(), artist("", child), kArtistRows, kArtistProbe},
      {"drop child table", artist("", child), artist(), kBothRows, kArtistProbe},
      {"create tables in a foreign-key cycle", artist(), artist("", cyc_a + cyc_b), kArtistRows,
       kArtistProbe},
      {"drop tables in a foreign-key cycle", artist("", cyc_a + cyc_b), artist(), kArtistRows,
       kArtistProbe},
      {"self reference added", artist(),
       artist("      parent_id: {type: integer, references: artist.id}\n"), kArtistRows,
       kArtistProbe},
      {"foreign key to a new table", artist("", album()),
       artist("", album(kFk + "}\n") + "  label:\n    columns:\n      id: {type: integer, "
                                       "primary_key: true}\n"),
       kBothRows, kBothProbe},
      {"rename table by hint",
       artist(),
       "tables:\n  performer:\n    columns:\n      id: {type: "
       "integer, primary_key: true}\n      name: {type: "
       "varchar(30), nullable: false}\n",
       kArtistRows,
       "SELECT 1",
       false,
       Only::kBoth,
       {"artist=performer"},
       {}},
      {"rename column by hint",
       artist("      note: text\n"),
       artist("      remark: text\n"),
       kArtistRows + ";UPDATE artist SET note = 'n'",
       "SELECT id, name FROM artist ORDER BY id",
       false,
       Only::kBoth,
       {},
       {"artist.note=remark"}},
      {"several changes at once", artist("      note: text\n", album()),
       artist("      rating: {type: integer, default: 0}\n",
              album(kFk + ", on_delete: cascade}\n    indexes:\n      - {name: ix_t, columns: "
                          "[title]}\n")),
       kBothRows, kBothProbe},
      {"from SQL", "sql:CREATE TABLE artist (id integer PRIMARY KEY, name varchar(30) NOT NULL)",
       artist("      note: text\n"), kArtistRows, kArtistProbe},
  };
}

std::vector<ConvergenceCase> postgres_cases() {
  const std::string enums = "enums:\n  mood: [happy, sad]\n";
  const std::string mood = "      mood: {type: enum(mood)}\n";
  auto pg = [](ConvergenceCase c) {
    c.only = Only::kPostgres;
    return c;
  };
  return {
      pg({"create enum and column", artist(), artist(mood, "", enums), kArtistRows, kArtistProbe}),
      pg({"drop enum and column", artist(mood, "", enums), artist(), kArtistRows, kArtistProbe}),
      pg({"add enum value", artist(mood, "", enums),
          artist(mood, "", "enums:\n  mood: [happy, calm, sad]\n"),
          kArtistRows + ";UPDATE artist SET mood = 'sad'",
          "SELECT id, name, mood FROM artist ORDER BY id"}),
      pg({"remove enum value", artist(mood, "", "enums:\n  mood: [happy, calm, sad]\n"),
          artist(mood, "", enums), kArtistRows + ";UPDATE artist SET mood = 'sad'",
          "SELECT id, name, mood FROM artist ORDER BY id"}),
      pg({"create schema and table", artist(),
          artist("",
                 "  ledger:\n    schema: audit\n    columns:\n      id: {type: integer, "
                 "primary_key: true}\n",
                 "schemas: [audit]\n"),
          kArtistRows, kArtistProbe}),
      pg({"drop schema and table",
          artist("",
                 "  ledger:\n    schema: audit\n    columns:\n      id: {type: integer, "
                 "primary_key: true}\n",
                 "schemas: [audit]\n"),
          artist(), kArtistRows, kArtistProbe}),
      pg({"identity added",
          "tables:\n  t:\n    columns:\n      id: {type: bigint, primary_key: true}\n",
          "tables:\n  t:\n    columns:\n      id: {type: bigint, primary_key: true, identity: "
          "by_default}\n",
          "INSERT INTO t (id) VALUES (1)", "SELECT id FROM t"}),
  };
}

}  // namespace

std::vector<ConvergenceCase> convergence_cases() {
  std::vector<ConvergenceCase> all;
  for (auto group : {column_cases(), key_cases(), index_cases(), table_cases(), postgres_cases()}) {
    for (ConvergenceCase& c : group) {
      if (!c.label.empty()) all.push_back(std::move(c));
    }
  }
  for (ConvergenceCase& c : more_convergence_cases()) all.push_back(std::move(c));
  return all;
}

}  // namespace retort::testing
