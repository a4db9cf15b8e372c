// The YAML form of operations: round trips (every sample kind and a seeded random generator)
// and error messages at file:line:column.
#include <random>

#include <gtest/gtest.h>

#include "op_fixtures.hpp"
#include "retort/error.hpp"
#include "retort/ops.hpp"

namespace retort::testing {
namespace {

void expect_round_trip(const std::vector<Operation>& ops) {
  const std::string text = emit_operations(ops);
  std::vector<Operation> back;
  try {
    back = parse_operations(text, "ops.yaml");
  } catch (const InputError& e) {
    FAIL() << e.what() << "\n" << text;
  }
  ASSERT_EQ(back.size(), ops.size()) << text;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    EXPECT_TRUE(back[i] == ops[i])
        << "operation " << i + 1 << " (" << describe(ops[i]) << ") differs after a round trip:\n"
        << text;
  }
  EXPECT_EQ(emit_operations(back), text);
}

TEST(OpYaml, EverySampleRoundTrips) {
  std::vector<Operation> all;
  for (const SampleOp& s : sample_ops()) {
    all.push_back(s.op);
    Reversal r = reverse(s.op);
    if (r.op) all.push_back(*r.op);
  }
  std::vector<std::string_view> seen;
  for (const Operation& op : all) seen.push_back(op_name(op));
  for (std::string_view name : op_names()) {
    EXPECT_NE(std::find(seen.begin(), seen.end(), name), seen.end()) << name << " not covered";
  }
  expect_round_trip(all);
}

TEST(OpYaml, IncompleteDropsRoundTripAndAreIrreversible) {
  const std::vector<Operation> ops = parse_operations(R"(
- drop_table: {name: track}
- drop_column: {table: track, column: title}
- drop_index: {table: track, name: ix_track_title}
- drop_constraint: {table: track, name: fk_x}
- drop_primary_key: {table: track}
- drop_enum: {name: mood}
- execute: "DELETE FROM track"
- bulk_insert: {table: t, rows: [{a: "1"}]}
- alter_column: {table: t, column: c, type: bigint}
- set_table_comment: {table: t, to: x}
)");
  ASSERT_EQ(ops.size(), 10u);
  for (const Operation& op : ops) {
    EXPECT_FALSE(reverse(op).op.has_value()) << describe(op);
    EXPECT_FALSE(reverse(op).reason.empty());
  }
  expect_round_trip(ops);
}

// Found by fuzz_revision_yaml (corpus file long_table_name.yaml): a table name too long for an
// implicit YAML key is written as "? name" and ":" on two lines, and the table's block took
// the second line for one of its own.
TEST(OpYaml, ATableNameTooLongForAnImplicitKeyRoundTrips) {
  Table table;
  table.name = std::string(1500, 'n');
  Column id;
  id.name = std::string(1200, 'c');
  id.type = Type::parse("integer");
  table.columns.push_back(id);
  expect_round_trip({ops::CreateTable{table}, ops::DropTable{table, true}});
}

TEST(OpYaml, ReadsTheModelsGrammarForTables) {
  const std::vector<Operation> ops = parse_operations(R"(
- create_table:
    name: track
    columns:
      id: {type: integer, primary_key: true, autoincrement: true}
      title: {type: text, nullable: false, index: true}
      artist_id: {type: integer, references: artist.id, on_delete: cascade}
      mood: enum(mood)
    unique:
      - {name: uq_title, columns: [title, artist_id]}
)");
  ASSERT_EQ(ops.size(), 1u);
  const Table& t = std::get<ops::CreateTable>(ops[0]).table;
  EXPECT_EQ(t.name, "track");
  ASSERT_EQ(t.columns.size(), 4u);
  EXPECT_TRUE(t.columns[0].autoincrement);
  EXPECT_FALSE(t.columns[0].nullable);
  EXPECT_EQ(t.indexes.at(0).name, "ix_track_title");
  EXPECT_EQ(t.foreign_keys.at(0).ref_table, "artist");
  EXPECT_EQ(t.foreign_keys.at(0).on_delete, ReferentialAction::kCascade);
  EXPECT_EQ(t.columns[3].type.kind, TypeKind::kEnum);
  EXPECT_EQ(t.unique_constraints.at(0).name, "uq_title");
}

TEST(OpYaml, ParsesTheDocumentKeyOfARevision) {
  const std::string text = R"(revision: abc
down_revision: null
upgrade:
  - add_column: {table: track, column: rating, type: integer}
downgrade:
  - drop_column: {table: track, column: rating, type: integer}
)";
  const auto up = parse_operations_at(text, "upgrade", "r.yaml");
  const auto down = parse_operations_at(text, "downgrade", "r.yaml");
  ASSERT_EQ(up.size(), 1u);
  ASSERT_EQ(down.size(), 1u);
  EXPECT_TRUE(reverse(up) == down);
  EXPECT_TRUE(parse_operations_at(text, "skip_lint", "r.yaml").empty());
}

TEST(OpYaml, EmitsWithAnIndent) {
  const std::string text = emit_operations({ops::CreateSchema{"audit"}}, 2);
  EXPECT_EQ(text, "  - create_schema: {name: audit}\n");
}

std::string error_of(const std::string& yaml, int line_offset = 0) {
  try {
    parse_operations(yaml, "rev.yaml", line_offset);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(OpYaml, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(error_of("- create_tabel: {name: t}\n"),
            "rev.yaml:1:3: operation 1: unknown operation \"create_tabel\" (did you mean "
            "\"create_table\"?)");
  EXPECT_EQ(error_of("- rename_table: {table: a, to: b}\n- rename_column: {table: a, to: b}\n"),
            "rev.yaml:2:18: operation 2: rename_column: missing key \"column\"");
  EXPECT_EQ(error_of("- create_index: {table: t, name: ix, colums: [a]}\n"),
            "rev.yaml:1:38: operation 1: create_index: unknown key \"colums\" (did you mean "
            "\"columns\"?)");
  EXPECT_EQ(error_of("- create_schema: [audit]\n"),
            "rev.yaml:1:18: operation 1: create_schema: the operation's body must be a mapping, "
            "not a sequence");
  EXPECT_EQ(error_of("- rename_table: {table: a}\n", 10),
            "rev.yaml:11:17: operation 1: rename_table: missing key \"to\"");
  EXPECT_EQ(error_of("{a: 1}\n"),
            "rev.yaml:1:1: a list of operations must be a sequence, not a mapping");
  EXPECT_EQ(error_of("- add_column: {table: t, column: c, type: varchar(x)}\n").substr(0, 13),
            "rev.yaml:1:43");
  EXPECT_NE(error_of("- add_column: {table: t, column: c, primary_key: true}\n")
                .find("unknown key \"primary_key\""),
            std::string::npos);
  EXPECT_EQ(
      error_of(
          "- create_table:\n    name: t\n    columns:\n      a: {type: text, nullabel: true}\n"),
      "rev.yaml:4:23: table \"t\": column \"a\": unknown key \"nullabel\" (did you mean "
      "\"nullable\"?)");
  EXPECT_NE(error_of("- drop_constraint: {table: t, name: x, type: primary}\n")
                .find("type must be one of"),
            std::string::npos);
  EXPECT_NE(error_of("- alter_column: {table: t, column: c, default: \"0\"}\n")
                .find("\"default\" must be"),
            std::string::npos);
  EXPECT_NE(error_of("- a: 1\n  b: 2\n").find("a mapping with one key"), std::string::npos);
  EXPECT_NE(error_of("- [unclosed\n").find("malformed YAML"), std::string::npos);
}

// ---- A seeded random generator of operations -------------------------------------------------

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool coin() { return pick(2) == 0; }

  // Names, some of them hostile to YAML and SQL.
  std::string name() {
    static const char* kNames[] = {"track", "a b",   "it's",     "x:y",     "null",
                                   "true",  "#hash", "- dash",   "quo\"te", "ünï",
                                   "[br]",  "{c}",   "tab\tbed", "0lead"};
    return std::string(kNames[pick(14)]) + std::to_string(pick(100));
  }
  std::string text() {
    static const char* kTexts[] = {"",       "plain", "two words",       "line\nbreak", "'quoted'",
                                   "\"dq\"", "a: b",  "# not a comment", "~",           "yes"};
    return kTexts[pick(10)];
  }
  Type type() {
    static const char* kTypes[] = {
        "integer",     "bigint", "text",  "varchar(30)", "numeric(10, 2)",   "boolean",
        "timestamptz", "uuid",   "jsonb", "enum(mood)",  "double precision", "char(3)"};
    return Type::parse(kTypes[pick(12)]);
  }
  std::optional<DefaultValue> default_value() {
    switch (pick(3)) {
      case 0:
        return std::nullopt;
      case 1:
        return DefaultValue::literal(text());
      default:
        return DefaultValue::expression("now()");
    }
  }
  Column column(const std::string& column_name) {
    Column c;
    c.name = column_name;
    c.type = type();
    c.nullable = coin();
    if (pick(3) == 0) {
      c.computed = Computed{"1 + 1", coin()};
    } else {
      c.server_default = default_value();
    }
    if (c.type.kind == TypeKind::kInteger && !c.computed && pick(3) == 0) {
      c.identity = Identity::kByDefault;
      c.server_default.reset();
    }
    c.comment = text();
    if (pick(4) == 0) c.collation = "C";
    return c;
  }
  std::vector<std::string> some(const std::vector<std::string>& from) {
    std::vector<std::string> out;
    for (const std::string& s : from) {
      if (coin()) out.push_back(s);
    }
    if (out.empty()) out.push_back(from.front());
    return out;
  }
  ForeignKey foreign_key(const std::vector<std::string>& columns) {
    ForeignKey fk;
    if (coin()) fk.name = "fk_" + name();
    fk.columns = {columns[pick(static_cast<int>(columns.size()))]};
    if (coin()) fk.ref_schema = name();
    fk.ref_table = name();
    fk.ref_columns = {name()};
    fk.on_delete = static_cast<ReferentialAction>(pick(5));
    fk.on_update = static_cast<ReferentialAction>(pick(5));
    fk.deferrable = static_cast<Deferrable>(pick(3));
    return fk;
  }
  Index index(const std::vector<std::string>& columns) {
    Index ix;
    ix.name = "ix_" + name();
    for (const std::string& c : some(columns)) ix.elements.push_back({c, "", coin()});
    if (coin()) ix.elements.push_back({"", "lower(x)", false});
    ix.unique = coin();
    if (coin()) ix.where = "x > 0";
    return ix;
  }
  Table table() {
    Table t;
    t.name = name();
    if (coin()) t.schema = name();
    t.comment = text();
    std::vector<std::string> names;
    for (int i = 0, n = 1 + pick(4); i < n; ++i) {
      names.push_back("c" + std::to_string(i) + name());
      t.columns.push_back(column(names.back()));
    }
    if (coin()) {
      t.primary_key = PrimaryKey{coin() ? "" : "pk_" + name(), {names[0]}};
      t.columns[0].nullable = false;
      t.columns[0].computed.reset();
    }
    if (coin()) t.foreign_keys.push_back(foreign_key(names));
    if (coin()) t.unique_constraints.push_back({coin() ? "" : "uq_" + name(), some(names)});
    if (coin()) t.check_constraints.push_back({coin() ? "" : "ck_" + name(), "c0 > 0"});
    if (coin()) t.indexes.push_back(index(names));
    return t;
  }
  TableRef ref() { return {coin() ? name() : "", name()}; }
  DataRow row() {
    DataRow r;
    for (int i = 0, n = 1 + pick(3); i < n; ++i) {
      r.emplace_back("k" + name(), coin() ? std::optional<std::string>(text()) : std::nullopt);
    }
    return r;
  }
  SqlText sql() {
    SqlText s{coin() ? "SELECT '" + text() + "'" : "", {}};
    if (s.sql.empty() || coin()) s.per_dialect["sqlite"] = "SELECT 1";
    if (coin()) s.per_dialect["postgresql"] = "SELECT $$" + text() + "$$";
    return s;
  }
  template <typename T>
  Change<T> change(T from, T to) {
    return Change<T>{coin() ? std::optional<T>(std::move(from)) : std::nullopt, std::move(to)};
  }
  Operation op();

 private:
  std::mt19937 rng_;
};

Operation Generator::op() {
  const std::vector<std::string> cols = {"a" + name(), "b" + name()};
  switch (pick(27)) {
    case 0:
      return ops::CreateTable{table()};
    case 1:
      return ops::DropTable{table(), true};
    case 2:
      return ops::RenameTable{ref(), name()};
    case 3:
      return ops::AddColumn{ref(), column(name())};
    case 4:
      return ops::DropColumn{ref(), column(name()), true};
    case 5: {
      ops::AlterColumn o;
      o.table = ref();
      o.column = name();
      if (coin()) o.type = change(type(), type());
      if (o.type && coin()) o.using_sql = "x::" + text();
      if (coin()) o.nullable = change(coin(), coin());
      if (coin()) o.server_default = change(default_value(), default_value());
      if (coin()) o.comment = change(text(), text());
      if (coin()) o.autoincrement = change(coin(), coin());
      if (coin())
        o.identity = change(static_cast<Identity>(pick(3)), static_cast<Identity>(pick(3)));
      return o;
    }
    case 6:
      return ops::RenameColumn{ref(), name(), name()};
    case 7:
      return ops::CreateIndex{ref(), index(cols)};
    case 8:
      return ops::DropIndex{ref(), index(cols), true};
    case 9:
      return ops::CreateUniqueConstraint{ref(), {coin() ? "" : name(), some(cols)}};
    case 10:
      return ops::CreateForeignKey{ref(), foreign_key(cols)};
    case 11:
      return ops::CreateCheckConstraint{ref(), {coin() ? "" : name(), text() + " > 0"}};
    case 12: {
      const std::string n = name();
      switch (pick(3)) {
        case 0:
          return ops::DropConstraint{ref(), n, UniqueConstraint{n, some(cols)}};
        case 1: {
          ForeignKey fk = foreign_key(cols);
          fk.name = n;
          return ops::DropConstraint{ref(), n, fk};
        }
        default:
          return ops::DropConstraint{ref(), n, CheckConstraint{n, "y < 1"}};
      }
    }
    case 13:
      return ops::CreatePrimaryKey{ref(), {coin() ? "" : name(), some(cols)}};
    case 14:
      return ops::DropPrimaryKey{ref(), {coin() ? "" : name(), some(cols)}, true};
    case 15:
      return ops::SetTableComment{ref(), change(text(), text())};
    case 16:
      return ops::SetColumnComment{ref(), name(), change(text(), text())};
    case 17:
      return ops::CreateEnum{EnumType{coin() ? name() : "", name(), {text(), name()}}};
    case 18:
      return ops::DropEnum{EnumType{"", name(), {name()}}, true};
    case 19:
      return ops::AddEnumValue{coin() ? name() : "", name(), text() + "v", "",
                               coin() ? name() : ""};
    case 20:
      return ops::RemoveEnumValue{"", name(), name(), coin() ? name() : "", ""};
    case 21:
      return ops::RenameEnum{coin() ? name() : "", name(), name()};
    case 22:
      return ops::CreateSchema{name()};
    case 23:
      return ops::DropSchema{name()};
    case 24:
      return ops::Execute{sql(), coin() ? std::optional<SqlText>(sql()) : std::nullopt};
    case 25:
      return ops::BulkInsert{ref(),
                             coin() ? std::vector<std::string>{"k"} : std::vector<std::string>{},
                             {row(), row()}};
    default: {
      DataRow r = row();
      r.emplace_back("key", name());
      return ops::BulkDelete{ref(), {"key"}, {r}};
    }
  }
}

TEST(OpYaml, RandomOperationsRoundTrip) {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Generator gen(seed);
    std::vector<Operation> ops;
    for (int i = 0; i < 25; ++i) ops.push_back(gen.op());
    expect_round_trip(ops);
    if (HasFailure()) return;
  }
}

TEST(Reverse, ReverseOfReverseIsTheOperation) {
  for (unsigned seed = 100; seed < 140; ++seed) {
    Generator gen(seed);
    for (int i = 0; i < 25; ++i) {
      const Operation op = gen.op();
      const Reversal r = reverse(op);
      if (!r.op) continue;
      const Reversal rr = reverse(*r.op);
      ASSERT_TRUE(rr.op.has_value()) << describe(op);
      EXPECT_TRUE(*rr.op == op) << describe(op);
    }
  }
  for (const SampleOp& s : sample_ops()) {
    const Reversal r = reverse(s.op);
    ASSERT_TRUE(r.op.has_value()) << s.label;
    EXPECT_TRUE(*reverse(*r.op).op == s.op) << s.label;
  }
}

}  // namespace
}  // namespace retort::testing
