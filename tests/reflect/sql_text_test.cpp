// The pieces of reflection that need no database: the SQL tokenizer, the CREATE TABLE /
// CREATE INDEX text parser, default and expression normalisation, glob matching, and
// PostgreSQL's naming conventions.
#include <gtest/gtest.h>

#include "engine/postgres/postgres_inspect.hpp"
#include "reflect/canonical.hpp"
#include "reflect/create_table_text.hpp"
#include "reflect/sql_identifiers.hpp"
#include "reflect/sql_tokens.hpp"
#include "retort/inspect.hpp"

namespace retort {
namespace {

using detail::TokenKind;

TEST(SqlTokens, QuotingStylesCommentsAndLiterals) {
  const auto tokens = detail::tokenize_sql(
      "\"a \"\"b\"\"\" [c d] `e` 'it''s' -- comment\n /* x */ 1.5e3 x'00ff' ::");
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kQuotedIdent);
  EXPECT_EQ(tokens[0].text, "a \"b\"");
  EXPECT_EQ(tokens[1].text, "c d");
  EXPECT_EQ(tokens[2].text, "e");
  EXPECT_EQ(tokens[3].kind, TokenKind::kString);
  EXPECT_EQ(tokens[3].text, "it's");
  EXPECT_EQ(tokens[4].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[4].text, "1.5e3");
  EXPECT_EQ(tokens[5].kind, TokenKind::kString);
  EXPECT_TRUE(tokens[6].is_punct("::"));
}

TEST(SqlTokens, UnterminatedInputRunsToTheEnd) {
  EXPECT_EQ(detail::tokenize_sql("'abc").size(), 1u);
  EXPECT_EQ(detail::tokenize_sql("a /* never closed").size(), 1u);
  EXPECT_EQ(detail::tokenize_sql("[x").size(), 1u);
}

TEST(SqlTokens, StripOuterParens) {
  EXPECT_EQ(detail::strip_outer_parens(" ((a > 0)) "), "a > 0");
  EXPECT_EQ(detail::strip_outer_parens("(a) + (b)"), "(a) + (b)");
  EXPECT_EQ(detail::strip_outer_parens("(')(')"), "')('");
  EXPECT_EQ(detail::strip_outer_parens(""), "");
}

TEST(SqlIdentifiers, NeedsQuotes) {
  for (const char* bare : {"c", "_x1", "col_2", "value", "name"}) {
    EXPECT_FALSE(detail::needs_quotes(bare)) << bare;
  }
  // Case (PostgreSQL folds bare names), blanks, a leading digit, non-ASCII, and keywords of
  // SQLite ("key", "glob") or PostgreSQL ("user", "int") keep their quotes.
  for (const char* quoted : {"C", "Ab", "a b", "1a", "a-b", "\xc3\xa9t\xc3\xa9", "", "order",
                             "select", "key", "glob", "user", "int", "current_date"}) {
    EXPECT_TRUE(detail::needs_quotes(quoted)) << quoted;
  }
}

TEST(SqlIdentifiers, UnquoteIdentifiersKeepsWhatNeedsQuotesAndLiterals) {
  EXPECT_EQ(detail::unquote_identifiers("\"c\" > 0"), "c > 0");
  EXPECT_EQ(detail::unquote_identifiers("[a] + `b` = \"t\".\"c\""), "a + b = t.c");
  EXPECT_EQ(detail::unquote_identifiers("\"Mixed\" > 0 AND \"my col\" <> \"order\""),
            "\"Mixed\" > 0 AND \"my col\" <> \"order\"");
  EXPECT_EQ(detail::unquote_identifiers("\"c\" IN ('\"c\"', 'it''s') -- \"c\""),
            "c IN ('\"c\"', 'it''s') -- \"c\"");
  EXPECT_EQ(detail::unquote_identifiers("\"c\"IS NOT NULL"), "c IS NOT NULL");
  EXPECT_EQ(detail::unquote_identifiers("x\"c\""), "x c");
  EXPECT_EQ(detail::unquote_identifiers("\"c\"\"\" > 0"), "\"c\"\"\" > 0");
  EXPECT_EQ(detail::unquote_identifiers("lower(\"a\")::\"text\""), "lower(a)::text");
}

TEST(SqlIdentifiers, NormalizedExpressionsCompareEqualWhateverTheQuoting) {
  EXPECT_EQ(detail::normalize_expression("(\"c\" > 0)"), detail::normalize_expression("c > 0"));
  EXPECT_EQ(detail::normalize_expression("((\"score\" >= 0) AND \"Score\" < 10)"),
            "(score >= 0) AND \"Score\" < 10");
}

TEST(CreateTableText, ColumnsConstraintsAndNames) {
  const auto t = detail::parse_create_table(
      "CREATE TABLE \"My Table\" (\n"
      "  \"id\" INTEGER CONSTRAINT \"pk_x\" PRIMARY KEY AUTOINCREMENT NOT NULL,\n"
      "  [na,me] VARCHAR(30) COLLATE \"NOCASE\" UNIQUE CHECK (length([na,me]) > 0),\n"
      "  `slug` TEXT GENERATED ALWAYS AS (lower(\"na,me\")) STORED,\n"
      "  v TEXT AS (upper(slug)),\n"
      "  p INTEGER REFERENCES parent ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,\n"
      "  d NUMERIC(10, 2) DEFAULT (1 + 2), -- trailing comment, with (parens\n"
      "  CONSTRAINT \"uq_two\" UNIQUE (\"id\", [na,me]),\n"
      "  CHECK ((id > 0)),\n"
      "  CONSTRAINT ck_named CHECK (id <> 'a,b)'),\n"
      "  CONSTRAINT fk_self FOREIGN KEY (p, d) REFERENCES \"My Table\" (\"id\", d) "
      "ON UPDATE CASCADE NOT DEFERRABLE\n"
      ") WITHOUT ROWID");
  ASSERT_EQ(t.columns.size(), 6u);
  EXPECT_EQ(t.columns[0].name, "id");
  EXPECT_EQ(t.columns[0].type, "INTEGER");
  EXPECT_TRUE(t.columns[0].autoincrement);
  EXPECT_EQ(t.primary_key_name, "pk_x");
  EXPECT_EQ(t.columns[1].name, "na,me");
  EXPECT_EQ(t.columns[1].type, "VARCHAR(30)");
  EXPECT_EQ(t.columns[1].collation, "NOCASE");
  ASSERT_TRUE(t.columns[2].computed);
  EXPECT_EQ(t.columns[2].computed->expression, "lower(\"na,me\")");
  EXPECT_TRUE(t.columns[2].computed->stored);
  ASSERT_TRUE(t.columns[3].computed);
  EXPECT_FALSE(t.columns[3].computed->stored);
  EXPECT_EQ(t.columns[5].type, "NUMERIC(10, 2)");
  ASSERT_EQ(t.uniques.size(), 2u);
  EXPECT_EQ(t.uniques[0], (UniqueConstraint{"", {"na,me"}}));
  EXPECT_EQ(t.uniques[1], (UniqueConstraint{"uq_two", {"id", "na,me"}}));
  ASSERT_EQ(t.checks.size(), 3u);
  EXPECT_EQ(t.checks[0], (CheckConstraint{"", "length([na,me]) > 0"}));
  EXPECT_EQ(t.checks[1], (CheckConstraint{"", "id > 0"}));
  EXPECT_EQ(t.checks[2], (CheckConstraint{"ck_named", "id <> 'a,b)'"}));
  ASSERT_EQ(t.foreign_keys.size(), 2u);
  EXPECT_EQ(t.foreign_keys[0].columns, std::vector<std::string>{"p"});
  EXPECT_EQ(t.foreign_keys[0].ref_table, "parent");
  EXPECT_TRUE(t.foreign_keys[0].ref_columns.empty());
  EXPECT_EQ(t.foreign_keys[0].deferrable, Deferrable::kInitiallyDeferred);
  EXPECT_EQ(t.foreign_keys[1].name, "fk_self");
  EXPECT_EQ(t.foreign_keys[1].ref_table, "My Table");
  EXPECT_EQ(t.foreign_keys[1].ref_columns, (std::vector<std::string>{"id", "d"}));
  EXPECT_EQ(t.foreign_keys[1].deferrable, Deferrable::kNotDeferrable);
}

TEST(CreateTableText, KeywordsQuotedAsColumnNamesAreColumns) {
  const auto t = detail::parse_create_table(
      "CREATE TABLE t (\"primary\" INTEGER, \"check\" TEXT, \"constraint\", PRIMARY KEY "
      "(\"primary\"))");
  ASSERT_EQ(t.columns.size(), 3u);
  EXPECT_EQ(t.columns[0].name, "primary");
  EXPECT_EQ(t.columns[1].name, "check");
  EXPECT_EQ(t.columns[2].name, "constraint");
  EXPECT_EQ(t.columns[2].type, "");
  EXPECT_TRUE(t.checks.empty());
}

TEST(CreateTableText, IndexElementsAndPredicate) {
  const auto ix = detail::parse_create_index(
      "CREATE UNIQUE INDEX \"ix on\" ON \"t\" (lower(\"a\") DESC, \"b\" COLLATE NOCASE ASC, "
      "(a + b)) WHERE (b IS NOT NULL)");
  EXPECT_TRUE(ix.unique);
  ASSERT_EQ(ix.elements.size(), 3u);
  EXPECT_EQ(ix.elements[0].expression, "lower(\"a\")");
  EXPECT_TRUE(ix.elements[0].descending);
  EXPECT_EQ(ix.elements[1].column, "b");
  EXPECT_FALSE(ix.elements[1].descending);
  EXPECT_EQ(ix.elements[2].expression, "a + b");
  EXPECT_EQ(ix.where, "b IS NOT NULL");
}

TEST(Defaults, LiteralsCastsAndExpressions) {
  using detail::default_from_sql;
  EXPECT_EQ(default_from_sql("'abc'::text"), DefaultValue::literal("abc"));
  EXPECT_EQ(default_from_sql("'it''s'::character varying"), DefaultValue::literal("it's"));
  EXPECT_EQ(default_from_sql("'0'::integer"), DefaultValue::literal("0"));
  EXPECT_EQ(default_from_sql("'-1'::integer"), DefaultValue::literal("-1"));
  EXPECT_EQ(default_from_sql("0"), DefaultValue::literal("0"));
  EXPECT_EQ(default_from_sql("-2.5"), DefaultValue::literal("-2.5"));
  EXPECT_EQ(default_from_sql("(42)"), DefaultValue::literal("42"));
  EXPECT_EQ(default_from_sql("TRUE"), DefaultValue::literal("true"));
  EXPECT_EQ(default_from_sql("false"), DefaultValue::literal("false"));
  EXPECT_EQ(default_from_sql("'happy'::audit.mood"), DefaultValue::literal("happy"));
  EXPECT_EQ(default_from_sql("'{}'::text[]"), DefaultValue::literal("{}"));
  EXPECT_EQ(default_from_sql("CURRENT_TIMESTAMP"), DefaultValue::expression("CURRENT_TIMESTAMP"));
  EXPECT_EQ(default_from_sql("(lower('X'))"), DefaultValue::expression("lower('X')"));
  EXPECT_EQ(default_from_sql("now()"), DefaultValue::expression("now()"));
  EXPECT_EQ(default_from_sql("'a'::text || 'b'::text"),
            DefaultValue::expression("'a'::text || 'b'::text"));
  EXPECT_EQ(default_from_sql("NULL::character varying"), DefaultValue::expression("NULL"));
}

TEST(Glob, StarAndQuestionMark) {
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_TRUE(glob_match("user*", "users"));
  EXPECT_TRUE(glob_match("*_log", "audit_log"));
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_FALSE(glob_match("a?c", "ac"));
  EXPECT_TRUE(glob_match("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(glob_match("a*b*c", "aXXbYY"));
  EXPECT_FALSE(glob_match("users", "Users"));
  EXPECT_FALSE(glob_match(std::string(30, '*') + "b", std::string(200, 'a')));
}

TEST(PostgresNames, DefaultConstraintNames) {
  using postgres::default_object_name;
  using postgres::is_default_name;
  EXPECT_EQ(default_object_name("track", "", "pkey"), "track_pkey");
  EXPECT_EQ(default_object_name("track", "a_b", "key"), "track_a_b_key");
  const std::string t63(63, 't');
  const std::string c63(63, 'c');
  // 63 - len("_fkey") - 1 = 57 bytes for both parts, the longer one cut first.
  EXPECT_EQ(default_object_name(t63, c63, "fkey"),
            std::string(29, 't') + "_" + std::string(28, 'c') + "_fkey");
  EXPECT_EQ(default_object_name(t63, "", "pkey"), std::string(58, 't') + "_pkey");
  EXPECT_TRUE(is_default_name("track_title_key1", "track", "title", "key"));
  EXPECT_TRUE(is_default_name("track_check", "track", "", "check"));
  EXPECT_FALSE(is_default_name("uq_track_title", "track", "title", "key"));
  // Never cut inside a UTF-8 character: "é" is two bytes.
  const std::string accents = std::string(57, 'a') + "\xC3\xA9";
  EXPECT_EQ(default_object_name(accents, "", "pkey"), std::string(57, 'a') + "_pkey");
}

TEST(PostgresNames, TextArrays) {
  EXPECT_EQ(postgres::parse_text_array("{a,\"b c\",\"d\\\"e\",\"f,g\"}"),
            (std::vector<std::string>{"a", "b c", "d\"e", "f,g"}));
  EXPECT_TRUE(postgres::parse_text_array("{}").empty());
}

}  // namespace
}  // namespace retort
