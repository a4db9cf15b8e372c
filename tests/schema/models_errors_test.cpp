// Errors while loading a models file: each names file:line:column (1-based) and the object.
#include <gtest/gtest.h>

#include "retort/error.hpp"
#include "retort/models_file.hpp"

namespace retort {
namespace {

std::string error_of(const std::string& yaml) {
  try {
    parse_models(yaml, "models.yaml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

struct Case {
  const char* what;
  const char* yaml;
  const char* error;
};

const Case kCases[] = {
    {"bad indentation (dedent)",
     "tables:\n  t:\n    columns:\n      id: integer\n     name: text\n",
     "models.yaml:5:6: malformed YAML: end of map not found"},
    {"bad indentation (indent)",
     "tables:\n  t:\n    columns:\n      id: integer\n        name: text\n",
     "models.yaml:5:13: malformed YAML: illegal map value"},
    {"unclosed flow sequence", "schemas: [a, b\n",
     "models.yaml:2:1: malformed YAML: end of sequence flow not found"},
    {"double quote open at the end", "tables:\n  t:\n    comment: \"abc\n    columns: {}\n",
     "models.yaml:3:14: malformed YAML: unterminated quoted string"},
    {"single quote open at the end", "tables:\n  t:\n    columns: {id: integer}\n    comment: 'x\n",
     "models.yaml:4:14: malformed YAML: unterminated quoted string"},
    {"unknown top-level key", "tabels: {}\n",
     "models.yaml:1:1: unknown key \"tabels\" (did you mean \"tables\"?)"},
    {"unknown table key", "tables:\n  t:\n    colums: {}\n",
     "models.yaml:3:5: table \"t\": unknown key \"colums\" (did you mean \"columns\"?)"},
    {"unknown column key", "tables: {t: {columns: {a: {type: integer, nulable: false}}}}\n",
     "models.yaml:1:43: table \"t\": column \"a\": unknown key \"nulable\" (did you mean "
     "\"nullable\"?)"},
    {"unknown key without suggestion", "tables:\n  t:\n    zebra: 1\n",
     "models.yaml:3:5: table \"t\": unknown key \"zebra\""},
    {"duplicate key", "tables:\n  t:\n    comment: a\n    comment: b\n",
     "models.yaml:4:5: table \"t\": duplicate key \"comment\""},
    {"document is a sequence", "- a\n",
     "models.yaml:1:1: the models document must be a mapping, not a sequence"},
    {"columns is a sequence", "tables:\n  t:\n    columns: [id]\n",
     "models.yaml:3:14: table \"t\": \"columns\" must be a mapping, not a sequence"},
    {"column is a sequence", "tables:\n  t:\n    columns:\n      id: [integer]\n",
     "models.yaml:4:11: table \"t\": column \"id\": a column must be a type or a mapping, not a "
     "sequence"},
    {"column without type", "tables:\n  t:\n    columns:\n      id:\n",
     "models.yaml:4:7: table \"t\": column \"id\": missing type"},
    {"long form without type", "tables:\n  t:\n    columns:\n      id: {nullable: false}\n",
     "models.yaml:4:11: table \"t\": column \"id\": missing key \"type\""},
    {"key without value", "tables:\n  t:\n    comment:\n    columns: {}\n",
     "models.yaml:3:5: table \"t\": \"comment\" has no value (quote it to write the word \"null\" "
     "or an empty string)"},
    {"malformed type", "tables:\n  t:\n    columns:\n      id: {type: varchar(x)}\n",
     "models.yaml:4:18: table \"t\": column \"id\": malformed type \"varchar(x)\": \"x\" is not a "
     "number"},
    {"not a boolean", "tables:\n  t:\n    columns:\n      id: {type: integer, nullable: maybe}\n",
     "models.yaml:4:37: table \"t\": column \"id\": \"nullable\" must be true or false, not "
     "\"maybe\""},
    {"bad action word",
     "tables:\n  t:\n    columns:\n      id: {type: integer, references: t.id, on_delete: "
     "cascde}\n",
     "models.yaml:4:56: table \"t\": column \"id\": on_delete must be one of no_action, restrict, "
     "cascade, set_null, set_default, not \"cascde\" (did you mean \"cascade\"?)"},
    {"action without references",
     "tables:\n  t:\n    columns:\n      id: {type: integer, on_delete: cascade}\n",
     "models.yaml:4:38: table \"t\": column \"id\": \"on_delete\" needs \"references\""},
    {"bad references", "tables:\n  t:\n    columns:\n      id: {type: integer, references: t}\n",
     "models.yaml:4:39: table \"t\": column \"id\": references must be \"table.column\" or "
     "\"schema.table.column\", not \"t\""},
    {"default and default_sql",
     "tables:\n  t:\n    columns:\n      id: {type: integer, default: 1, default_sql: 2}\n",
     "models.yaml:4:52: table \"t\": column \"id\": give either \"default\" or \"default_sql\""},
    {"bad identity", "tables:\n  t:\n    columns:\n      id: {type: integer, identity: yes}\n",
     "models.yaml:4:37: table \"t\": column \"id\": identity must be one of always, by_default, "
     "not \"yes\""},
    {"primary key twice",
     "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
     "    primary_key: [id]\n",
     "models.yaml:5:18: table \"t\": primary key given both on columns and in \"primary_key\""},
    {"index with columns and elements",
     "tables:\n  t:\n    columns: {a: integer}\n    indexes:\n"
     "      - {name: ix, columns: [a], elements: [{column: a}]}\n",
     "models.yaml:5:44: table \"t\": index \"ix\": give either \"columns\" or \"elements\""},
    {"foreign key without references",
     "tables:\n  t:\n    columns: {a: integer}\n    foreign_keys:\n      - {columns: [a]}\n",
     "models.yaml:5:9: table \"t\": foreign key: missing key \"references\""},
    {"enum of the wrong kind", "enums:\n  mood: happy\n",
     "models.yaml:2:9: enum \"mood\": an enum must be a sequence of values or a mapping, not a "
     "scalar"},
    {"bad relationship kind",
     "tables:\n  t:\n    columns: {a: integer}\n    relationships:\n"
     "      r: {target: t, kind: one_to_one}\n",
     "models.yaml:5:28: table \"t\": relationship \"r\": kind must be one of many_to_one, "
     "one_to_many, many_to_many, not \"one_to_one\" (did you mean \"many_to_one\"?)"},
    {"null table name", "tables:\n  null: {columns: {}}\n",
     "models.yaml:2:3: a table name must be a scalar, not null (quote it to write the word "
     "\"null\" or an empty string)"},
    // Validation problems point at the object that came from the file.
    {"index names a missing column",
     "tables:\n  track:\n    columns:\n      id: integer\n    indexes:\n"
     "      - {name: ix_x, columns: [id, y]}\n",
     "models.yaml:6:36: table \"track\": index \"ix_x\" names missing column \"y\""},
    {"index element with neither",
     "tables:\n  track:\n    columns:\n      id: integer\n    indexes:\n"
     "      - name: ix_x\n        elements:\n          - {column: id}\n          - {desc: true}\n",
     "models.yaml:9:13: table \"track\": index \"ix_x\": element 2 has neither a column nor an "
     "expression"},
    {"column-level references to a missing table",
     "tables:\n  t:\n    columns:\n      id: {type: integer, references: u.id}\n",
     "models.yaml:4:39: table \"t\": foreign key (id) references missing table \"u\""},
    {"foreign key to a missing column",
     "tables:\n  t:\n    columns: {a: integer}\n    foreign_keys:\n"
     "      - {columns: [a], references: {table: t, columns: [zz]}}\n",
     "models.yaml:5:57: table \"t\": foreign key (a) references missing column \"zz\" of table "
     "\"t\""},
    {"foreign key to columns that are no key (column flag)",
     "tables:\n  a: {columns: {id: {type: integer, primary_key: true}, code: text}}\n"
     "  b: {columns: {id: {type: integer, primary_key: true}, a_code: {type: text, references: "
     "a.code}}}\n",
     "models.yaml:3:90: table \"b\": foreign key (a_code): the referenced columns (code) must be "
     "the primary key or a unique constraint of table \"a\""},
    {"foreign key to columns that are no key",
     "tables:\n  t:\n    columns: {a: integer, b: integer}\n    unique: [{columns: [a, b]}]\n"
     "    foreign_keys:\n      - {columns: [a], references: {table: t, columns: [b]}}\n",
     "models.yaml:6:57: table \"t\": foreign key (a): the referenced columns (b) must be the "
     "primary key or a unique constraint of table \"t\""},
    {"table without columns", "tables: {a: {columns: {}}}\n",
     "models.yaml:1:10: table \"a\" has no columns"},
    {"table without a value", "tables:\n  a: {columns: {id: integer}}\n  b:\n",
     "models.yaml:3:3: table \"b\" has no columns"},
    {"foreign key count mismatch",
     "tables:\n  t:\n    columns: {a: integer}\n    foreign_keys:\n"
     "      - {columns: [a], references: {table: t, columns: [a, a]}}\n",
     "models.yaml:5:9: table \"t\": foreign key (a) has 1 column but references 2"},
    {"primary key names a missing column",
     "tables:\n  t:\n    columns: {a: integer}\n    primary_key: {name: pk, columns: [a, b]}\n",
     "models.yaml:4:42: table \"t\": primary key \"pk\" names missing column \"b\""},
    {"autoincrement on text",
     "tables:\n  t:\n    columns:\n      id: {type: text, autoincrement: true}\n",
     "models.yaml:4:7: table \"t\": column \"id\": autoincrement needs an integer type, not "
     "\"text\""},
    {"undeclared enum", "tables:\n  t:\n    columns:\n      m: enum(mood)\n",
     "models.yaml:4:10: table \"t\": column \"m\": type \"enum(mood)\" names undeclared enum "
     "\"mood\""},
    {"enum named without enum()",
     "enums:\n  mood: [a, b]\ntables:\n  t:\n    columns:\n      m: mood\n",
     "models.yaml:6:10: table \"t\": column \"m\": type \"mood\" is the name of an enum; write "
     "\"enum(mood)\""},
    {"duplicate enum value", "enums:\n  mood: [a, b, a]\n",
     "models.yaml:2:16: enum \"mood\": duplicate value \"a\""},
    {"duplicate table", "tables:\n  t: {columns: {a: integer}}\n  t: {columns: {a: integer}}\n",
     "models.yaml:3:3: duplicate table \"t\""},
    {"duplicate index across tables",
     "tables:\n  a: {columns: {x: integer}, indexes: [{name: ix, columns: [x]}]}\n"
     "  b: {columns: {x: integer}, indexes: [{name: ix, columns: [x]}]}\n",
     "models.yaml:3:40: table \"b\": index \"ix\" is already defined on table \"a\""},
    {"relationship to a missing table",
     "tables:\n  t: {columns: {a: integer}, relationships: {r: {target: x}}}\n",
     "models.yaml:2:58: table \"t\": relationship \"r\" targets missing table \"x\""},
    {"duplicate constraint name from a column flag and the table",
     "tables:\n  t:\n    columns:\n      a: {type: integer, unique: true}\n"
     "    checks:\n      - {name: c, sql: a > 0}\n      - {name: c, sql: a > 1}\n",
     "models.yaml:7:9: table \"t\": duplicate constraint name \"c\""},
};

TEST(ModelsErrors, ReportFileLineColumnAndObject) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.what);
    EXPECT_EQ(error_of(c.yaml), c.error);
  }
}

TEST(ModelsErrors, LocationIsStructured) {
  try {
    parse_models("tables:\n  t:\n    colums: {}\n", "dir/models.yaml");
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.location().file, "dir/models.yaml");
    EXPECT_EQ(e.location().line, 3);
    EXPECT_EQ(e.location().column, 5);
    EXPECT_EQ(e.detail(), "table \"t\": unknown key \"colums\" (did you mean \"columns\"?)");
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
  }
}

}  // namespace
}  // namespace retort
