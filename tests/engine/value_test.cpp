// Value conversions and display, Result lookups.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "retort/error.hpp"
#include "retort/result.hpp"
#include "retort/value.hpp"

namespace retort {
namespace {

TEST(Value, TypesOfConstructors) {
  EXPECT_EQ(Value().type(), Value::Type::kNull);
  EXPECT_EQ(Value(nullptr).type(), Value::Type::kNull);
  EXPECT_EQ(Value(42).type(), Value::Type::kInteger);
  EXPECT_EQ(Value(true).integer(), 1);
  EXPECT_EQ(Value(1.5).type(), Value::Type::kReal);
  EXPECT_EQ(Value("x").type(), Value::Type::kText);
  EXPECT_EQ(Value(Blob{0, 1}).type(), Value::Type::kBlob);
}

TEST(Value, TextBufferMakesAnEmptyTextKeepingItsStorage) {
  Value v(std::string(100, 'x'));
  const char* storage = v.text_ref().data();
  std::string& buffer = v.text_buffer();
  EXPECT_EQ(buffer, "");
  buffer = "short";
  EXPECT_EQ(v.text_ref().data(), storage);  // reused, not reallocated
  EXPECT_EQ(v, Value("short"));
  Value n(42);
  n.text_buffer() = "now text";
  EXPECT_EQ(n.type(), Value::Type::kText);
  EXPECT_EQ(n.text(), "now text");
}

TEST(Value, GetIfGivesTheStoredIntegerOrTextWithoutConverting) {
  Value i(42);
  ASSERT_NE(i.get_if_integer(), nullptr);
  EXPECT_EQ(*i.get_if_integer(), 42);
  EXPECT_EQ(i.get_if_text(), nullptr);
  *i.get_if_integer() = 7;  // written in place
  EXPECT_EQ(i, Value(7));
  Value t("42");
  EXPECT_EQ(t.get_if_integer(), nullptr);  // no lenient conversion here
  ASSERT_NE(t.get_if_text(), nullptr);
  t.get_if_text()->append("!");
  EXPECT_EQ(t, Value("42!"));
  const Value b(true);
  ASSERT_NE(b.get_if_integer(), nullptr);
  EXPECT_EQ(*b.get_if_integer(), 1);
  EXPECT_EQ(Value().get_if_integer(), nullptr);
  EXPECT_EQ(Value(1.5).get_if_text(), nullptr);
}

TEST(Value, IntegerConversions) {
  EXPECT_EQ(Value(std::numeric_limits<long long>::min()).integer(),
            std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(Value("42").integer(), 42);
  EXPECT_EQ(Value("-9223372036854775808").integer(), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(Value("t").integer(), 1);
  EXPECT_EQ(Value("f").integer(), 0);
  EXPECT_EQ(Value(3.0).integer(), 3);
  EXPECT_THROW(Value().integer(), DatabaseError);
  EXPECT_THROW(Value("abc").integer(), DatabaseError);
  EXPECT_THROW(Value("42abc").integer(), DatabaseError);
  EXPECT_THROW(Value("").integer(), DatabaseError);
  EXPECT_THROW(Value("9223372036854775808").integer(), DatabaseError);
  EXPECT_THROW(Value(1.5).integer(), DatabaseError);
  EXPECT_THROW(Value(1e300).integer(), DatabaseError);
  EXPECT_THROW(Value(Blob{1}).integer(), DatabaseError);
}

TEST(Value, RealConversions) {
  EXPECT_DOUBLE_EQ(Value(2).real(), 2.0);
  EXPECT_DOUBLE_EQ(Value("12.50").real(), 12.5);
  EXPECT_DOUBLE_EQ(Value("-1e3").real(), -1000.0);
  EXPECT_TRUE(std::isinf(Value("Infinity").real()));
  EXPECT_TRUE(std::isnan(Value("NaN").real()));
  EXPECT_THROW(Value().real(), DatabaseError);
  EXPECT_THROW(Value("1.5x").real(), DatabaseError);
}

TEST(Value, TextAndBlobConversions) {
  EXPECT_EQ(Value(42).text(), "42");
  EXPECT_EQ(Value(1.5).text(), "1.5");
  EXPECT_EQ(Value(2.0).text(), "2.0");
  EXPECT_EQ(Value(0.1).real(), std::stod(Value(0.1).text()));
  EXPECT_EQ(Value(Blob{'h', 'i'}).text(), "hi");
  EXPECT_EQ(Value("hi").blob(), (Blob{'h', 'i'}));
  EXPECT_EQ(Value("a").text_ref(), "a");
  EXPECT_EQ(Value(Blob{0}).blob_ref(), Blob{0});
  EXPECT_THROW(Value().text(), DatabaseError);
  EXPECT_THROW(Value(1).blob(), DatabaseError);
  EXPECT_THROW(Value(1).text_ref(), DatabaseError);
}

TEST(Value, ConversionErrorNamesTheValue) {
  try {
    Value("abc").integer();
    FAIL();
  } catch (const DatabaseError& e) {
    EXPECT_STREQ(e.what(), "cannot convert text 'abc' to an integer");
  }
}

TEST(Value, Display) {
  EXPECT_EQ(Value().to_display(), "NULL");
  EXPECT_EQ(Value(-7).to_display(), "-7");
  EXPECT_EQ(Value(1.5).to_display(), "1.5");
  EXPECT_EQ(Value(3.0).to_display(), "3.0");
  EXPECT_EQ(Value("it's").to_display(), "'it''s'");
  EXPECT_EQ(Value(Blob{0x00, 0xff}).to_display(), "x'00ff'");
  EXPECT_EQ(Value(Blob{}).to_display(), "x''");
}

TEST(Value, DisplayShortensLongValues) {
  std::string long_text(1000, 'a');
  std::string shown = Value(long_text).to_display();
  EXPECT_LT(shown.size(), 260u);
  EXPECT_NE(shown.find("(1000 bytes)"), std::string::npos) << shown;
  Blob long_blob(500, 0xab);
  shown = Value(long_blob).to_display();
  EXPECT_LT(shown.size(), 100u);
  EXPECT_NE(shown.find("(500 bytes)"), std::string::npos) << shown;
  // Never cut inside a UTF-8 sequence.
  std::string accents;
  for (int i = 0; i < 300; ++i) accents += "\xC3\xA9";
  shown = Value(accents).to_display();
  std::string body = shown.substr(1, shown.find('\'', 1) - 1);
  EXPECT_EQ(body.size() % 2, 0u);
}

TEST(Value, Equality) {
  EXPECT_EQ(Value(1), Value(1LL));
  EXPECT_NE(Value(1), Value(1.0));
  EXPECT_NE(Value("1"), Value(1));
  EXPECT_EQ(Value(), Value(nullptr));
}

TEST(Result, RowsAndColumns) {
  Result result({"id", "name"}, {Value(1), Value("a"), Value(2), Value()}, 0);
  ASSERT_EQ(result.size(), 2u);
  EXPECT_EQ(result.column_index("name"), 1u);
  EXPECT_EQ(result[1]["id"].integer(), 2);
  EXPECT_TRUE(result[1].is_null(1));
  int rows = 0;
  for (Row row : result) rows += static_cast<int>(row.size());
  EXPECT_EQ(rows, 4);
  EXPECT_THROW(result.column_index("nope"), DatabaseError);
  EXPECT_TRUE(Result().empty());
}

}  // namespace
}  // namespace retort
