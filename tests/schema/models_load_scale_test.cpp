// Loading large models files: the paths that only wide or long documents take (the loader's
// memoised types and recorded positions, the validator's hashed look-ups past its short-list
// threshold, load_models reading a file larger than one read buffer) give the same model and
// the same messages at the same positions as small documents do.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "retort/error.hpp"
#include "retort/models_file.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {

// `tables` tables t0..t{n-1}; each but the first has a foreign key to the one before and a
// relationship to the next (declared later); t0 has `wide` columns.
std::string chain_models(int tables, int wide) {
  std::string out = "tables:\n";
  for (int i = 0; i < tables; ++i) {
    out += "  t" + std::to_string(i) +
           ":\n    columns:\n      id: {type: bigint, primary_key: true}\n";
    out += "      note: varchar(40)\n";
    if (i > 0) {
      out += "      up_id: {type: bigint, references: t" + std::to_string(i - 1) + ".id}\n";
    }
    for (int c = 0; i == 0 && c < wide; ++c) out += "      c" + std::to_string(c) + ": text\n";
    if (i + 1 < tables) {
      out += "    relationships:\n      down: {target: t" + std::to_string(i + 1) +
             ", kind: one_to_many}\n";
    }
  }
  return out;
}

InputError load_error(const std::string& text) {
  try {
    parse_models(text, "big.yaml");
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return InputError(SourceLocation{}, "");
}

TEST(ModelsLoadScale, LongAndWideModelLoads) {
  const MetaData md = parse_models(chain_models(1500, 100), "big.yaml");
  ASSERT_EQ(md.tables.size(), 1500u);
  EXPECT_EQ(md.tables[0].columns.size(), 102u);
  EXPECT_EQ(md.tables[1499].foreign_keys.at(0).ref_table, "t1498");
  EXPECT_EQ(md.tables[7].columns[1].type.to_string(), "varchar(40)");
  EXPECT_EQ(md.tables[7].columns[1].type.spelling, "varchar(40)");
  EXPECT_FALSE(md.tables[7].columns[0].nullable);
}

TEST(ModelsLoadScale, DuplicateColumnOfAWideTableIsFoundAtItsPosition) {
  std::string text = chain_models(3, 60);
  // The 61st plain column of t0 repeats c5, past the validator's short-list threshold.
  const std::string anchor = "      c59: text\n";
  text.insert(text.find(anchor) + anchor.size(), "      c5: integer\n");
  const InputError e = load_error(text);
  EXPECT_EQ(e.detail(), "table \"t0\": duplicate column \"c5\"");
  EXPECT_EQ(e.location().line, 66);  // "tables:", "  t0:", 3 lines, c0..c59, then c5
  EXPECT_EQ(e.location().column, 7);
}

TEST(ModelsLoadScale, ProblemsLateInALongFileAreReportedWhereTheyAre) {
  std::string text = chain_models(2000, 0);
  // A missing referenced column in the last table: the position of its `references:` value.
  const std::string last_ref = "references: t1998.id";
  text.replace(text.find(last_ref), last_ref.size(), "references: t1998.nope");
  const InputError e = load_error(text);
  EXPECT_EQ(e.detail(),
            "table \"t1999\": foreign key (up_id) references missing column \"nope\" of table "
            "\"t1998\"");
  const auto before = text.begin() + static_cast<std::ptrdiff_t>(text.find("t1998.nope"));
  const int line = 1 + static_cast<int>(std::count(text.begin(), before, '\n'));
  EXPECT_EQ(e.location().line, line);

  // A repeated table name far from the first: reported at the second declaration's key.
  const std::string twice = chain_models(2000, 0) + "  t5:\n    columns: {id: integer}\n";
  const InputError dup = load_error(twice);
  EXPECT_EQ(dup.detail(), "duplicate table \"t5\"");
  EXPECT_EQ(dup.location().line,
            static_cast<int>(std::count(twice.begin(), twice.end(), '\n')) - 1);
  EXPECT_EQ(dup.location().column, 3);
}

TEST(ModelsLoadScale, LoadModelsReadsFilesLargerThanOneBuffer) {
  testing::TempDir dir;
  const std::string text = chain_models(1500, 0);
  ASSERT_GT(text.size(), 3u * 65536u);
  testing::write_file(dir / "models.yaml", text);
  EXPECT_EQ(dump_models(load_models(dir / "models.yaml")),
            dump_models(parse_models(text, "models.yaml")));
}

}  // namespace
}  // namespace retort
