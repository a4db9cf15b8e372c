// apply_operation() on a model in memory, list reversal, and split_sql.
#include <gtest/gtest.h>

#include "op_fixtures.hpp"
#include "retort/error.hpp"
#include "retort/ops.hpp"

namespace retort::testing {
namespace {

TEST(Apply, EverySampleAndItsReverseRestoreTheModel) {
  for (const SampleOp& s : sample_ops()) {
    SCOPED_TRACE(s.label);
    MetaData md = sample_model();
    apply_operation(md, s.op);
    if (s.label != "execute" && s.label != "bulk_insert") {
      EXPECT_FALSE(md == sample_model()) << "the operation changed nothing";
    }
    apply_operation(md, *reverse(s.op).op);
    // Dropping and re-adding a column moves it to the end and loses what used it.
    if (s.label.rfind("drop_column", 0) == 0) continue;
    // Adding a primary key makes its columns NOT NULL; dropping it leaves them so.
    EXPECT_TRUE(md == sample_model());
  }
}

TEST(Apply, RenamesFollowReferences) {
  MetaData md = sample_model();
  apply_operation(md, ops::RenameTable{{"", "artist"}, "performer"});
  EXPECT_EQ(md.find_table("track")->foreign_keys[0].ref_table, "performer");
  apply_operation(md, ops::RenameColumn{{"", "performer"}, "id", "pid"});
  EXPECT_EQ(md.find_table("track")->foreign_keys[0].ref_columns, std::vector<std::string>{"pid"});
  apply_operation(md, ops::RenameColumn{{"", "track"}, "title", "name"});
  EXPECT_EQ(md.find_table("track")->indexes[0].elements[0].column, "name");
  apply_operation(md, ops::RenameEnum{"", "mood", "feeling"});
  EXPECT_EQ(md.find_table("track")->find_column("mood")->type.name, "feeling");
}

TEST(Apply, DroppingAMissingColumnFails) {
  MetaData md = sample_model();
  Column c;
  c.name = "nope";
  EXPECT_THROW(apply_operation(md, ops::DropColumn{{"", "track"}, c, false}), InputError);
}

TEST(Apply, DropColumnTakesIndexesAndKeysAlong) {
  MetaData md = sample_model();
  Column title;
  title.name = "title";
  apply_operation(md, ops::DropColumn{{"", "track"}, title, false});
  EXPECT_TRUE(md.find_table("track")->indexes.empty());
  Column artist;
  artist.name = "artist_id";
  apply_operation(md, ops::DropColumn{{"", "track"}, artist, false});
  EXPECT_TRUE(md.find_table("track")->foreign_keys.empty());
}

// The databases rewrite the expressions that use a renamed column, and drop those that use a
// dropped one.
TEST(Apply, ExpressionsFollowColumnRenamesAndDrops) {
  MetaData md = sample_model();
  Table& track = md.tables[1];
  track.check_constraints = {{"", "rating > 0 AND \"rating\" < lower(title)"},
                             {"", "length(title) > 0"}};
  track.indexes.push_back(Index{"ix_r", {{"", "rating * 2", false}}, false, "rating > 'rating'"});
  apply_operation(md, ops::RenameColumn{{"", "track"}, "rating", "Score"});
  EXPECT_EQ(md.tables[1].check_constraints[0].expression,
            R"("Score" > 0 AND "Score" < lower(title))");
  EXPECT_EQ(md.tables[1].indexes[1].elements[0].expression, R"("Score" * 2)");
  EXPECT_EQ(md.tables[1].indexes[1].where, R"("Score" > 'rating')");
  Column score;
  score.name = "Score";
  apply_operation(md, ops::DropColumn{{"", "track"}, score, false});
  EXPECT_EQ(md.tables[1].check_constraints,
            (std::vector<CheckConstraint>{CheckConstraint{"", "length(title) > 0"}}));
  EXPECT_EQ(md.tables[1].indexes.size(), 1u);
}

// A bare name stays bare only when the new name reads the same bare on both databases: a
// keyword is quoted, or the expression would no longer parse.
TEST(Apply, ColumnRenamedToAKeywordIsQuotedInExpressions) {
  MetaData md = sample_model();
  md.tables[1].check_constraints = {{"", "rating > 0"}};
  apply_operation(md, ops::RenameColumn{{"", "track"}, "rating", "order"});
  EXPECT_EQ(md.tables[1].check_constraints[0].expression, R"("order" > 0)");
  apply_operation(md, ops::RenameColumn{{"", "track"}, "order", "stars"});
  EXPECT_EQ(md.tables[1].check_constraints[0].expression, R"("stars" > 0)");
}

TEST(Apply, EnumValuesGoWhereTheySay) {
  MetaData md = sample_model();
  apply_operation(md, ops::AddEnumValue{"", "mood", "calm", "sad", ""});
  apply_operation(md, ops::AddEnumValue{"", "mood", "wild", "", ""});
  EXPECT_EQ(md.find_enum("mood")->values,
            (std::vector<std::string>{"happy", "calm", "sad", "wild"}));
  apply_operation(md, ops::RemoveEnumValue{"", "mood", "calm", "sad", ""});
  EXPECT_EQ(md.find_enum("mood")->values, (std::vector<std::string>{"happy", "sad", "wild"}));
}

std::string error_of(const Operation& op) {
  MetaData md = sample_model();
  try {
    apply_operation(md, op);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Apply, MisfitsNameTheOperation) {
  EXPECT_EQ(error_of(ops::RenameTable{{"", "nope"}, "x"}),
            "rename table \"nope\" to \"x\": table \"nope\" does not exist");
  Column title;
  title.name = "title";
  EXPECT_EQ(error_of(ops::AddColumn{{"", "track"}, title}),
            "add column \"track\".\"title\": the column exists already");
  EXPECT_EQ(error_of(ops::RenameColumn{{"", "track"}, "nope", "x"}),
            "rename column \"track\".\"nope\" to \"x\": table \"track\" has no column \"nope\"");
  EXPECT_EQ(error_of(ops::DropConstraint{{"", "track"}, "nope", std::nullopt}),
            "drop constraint \"nope\" on \"track\": the table has no such constraint");
  EXPECT_EQ(error_of(ops::CreatePrimaryKey{{"", "track"}, {"", {"id"}}}),
            "create primary key on \"track\": the table has a primary key already");
  EXPECT_EQ(error_of(ops::AddEnumValue{"", "mood", "sad", "", ""}),
            "add value \"sad\" to enum \"mood\": the enum has this value already");
}

TEST(Reverse, ListIsReversedListOfReverses) {
  const std::vector<Operation> up = {ops::CreateSchema{"audit"}, ops::RenameTable{{"", "a"}, "b"}};
  const std::vector<Operation> down = reverse(up);
  ASSERT_EQ(down.size(), 2u);
  EXPECT_TRUE(down[0] == Operation(ops::RenameTable{{"", "b"}, "a"}));
  EXPECT_TRUE(down[1] == Operation(ops::DropSchema{"audit"}));
  EXPECT_TRUE(is_reversible(up));
}

TEST(Reverse, IrreversibleOperationNamesItself) {
  const std::vector<Operation> up = {ops::CreateSchema{"audit"},
                                     ops::Execute{{"DELETE FROM t", {}}, std::nullopt}};
  EXPECT_FALSE(is_reversible(up));
  try {
    reverse(up);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(),
                 "operation 2 (execute \"DELETE FROM t\") is irreversible: execute has no reverse "
                 "SQL");
  }
  Column c;
  c.name = "c";
  EXPECT_EQ(reverse(ops::DropColumn{{"", "t"}, c, false}).reason,
            "the column's definition is not given");
  EXPECT_EQ(reverse(ops::BulkInsert{{"", "t"}, {"id"}, {{{"name", "x"}}}}).reason,
            "a row has no value for key column \"id\"");
}

TEST(SplitSql, RespectsQuotesCommentsDollarsAndTriggers) {
  EXPECT_EQ(split_sql("SELECT 1; SELECT 2;\n\n"),
            (std::vector<std::string>{"SELECT 1", "SELECT 2"}));
  EXPECT_EQ(split_sql("SELECT 'a;b'; SELECT \"c;d\""),
            (std::vector<std::string>{"SELECT 'a;b'", "SELECT \"c;d\""}));
  EXPECT_EQ(split_sql("SELECT 'it''s;'; SELECT 2"),
            (std::vector<std::string>{"SELECT 'it''s;'", "SELECT 2"}));
  EXPECT_EQ(split_sql("SELECT 1 -- no; split\n; /* a; b */ SELECT 2"),
            (std::vector<std::string>{"SELECT 1 -- no; split", "/* a; b */ SELECT 2"}));
  EXPECT_EQ(split_sql("CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql; "
                      "SELECT $$;$$"),
            (std::vector<std::string>{
                "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql",
                "SELECT $$;$$"}));
  EXPECT_EQ(split_sql("CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET x = CASE WHEN 1 "
                      "THEN 2 END; DELETE FROM c; END; SELECT 1"),
            (std::vector<std::string>{"CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET x = "
                                      "CASE WHEN 1 THEN 2 END; DELETE FROM c; END",
                                      "SELECT 1"}));
  EXPECT_EQ(split_sql("BEGIN; COMMIT"), (std::vector<std::string>{"BEGIN", "COMMIT"}));
  EXPECT_EQ(split_sql("SELECT $1; SELECT 2"), (std::vector<std::string>{"SELECT $1", "SELECT 2"}));
}

}  // namespace
}  // namespace retort::testing
