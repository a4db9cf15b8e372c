// Type::parse / to_string: every alias, spacing and case, raw pass-through, malformed input.
#include <gtest/gtest.h>

#include "retort/error.hpp"
#include "retort/schema.hpp"

namespace retort {
namespace {

struct TypeCase {
  const char* text;
  TypeKind kind;
  std::optional<int> length;
  std::optional<int> precision;
  std::optional<int> scale;
  const char* name;
  const char* canonical;
};

Type make(TypeKind kind, std::optional<int> length = {}, std::optional<int> precision = {},
          std::optional<int> scale = {}, std::string name = {}) {
  Type t;
  t.kind = kind;
  t.length = length;
  t.precision = precision;
  t.scale = scale;
  t.name = std::move(name);
  return t;
}

const TypeCase kCases[] = {
    {"integer", TypeKind::kInteger, {}, {}, {}, "", "integer"},
    {"int", TypeKind::kInteger, {}, {}, {}, "", "integer"},
    {"INT4", TypeKind::kInteger, {}, {}, {}, "", "integer"},
    {"  Integer  ", TypeKind::kInteger, {}, {}, {}, "", "integer"},
    {"smallint", TypeKind::kSmallInt, {}, {}, {}, "", "smallint"},
    {"int2", TypeKind::kSmallInt, {}, {}, {}, "", "smallint"},
    {"bigint", TypeKind::kBigInt, {}, {}, {}, "", "bigint"},
    {"Int8", TypeKind::kBigInt, {}, {}, {}, "", "bigint"},
    {"boolean", TypeKind::kBoolean, {}, {}, {}, "", "boolean"},
    {"BOOL", TypeKind::kBoolean, {}, {}, {}, "", "boolean"},
    {"varchar", TypeKind::kVarchar, {}, {}, {}, "", "varchar"},
    {"varchar(30)", TypeKind::kVarchar, 30, {}, {}, "", "varchar(30)"},
    {"VARCHAR ( 30 )", TypeKind::kVarchar, 30, {}, {}, "", "varchar(30)"},
    {"character varying(12)", TypeKind::kVarchar, 12, {}, {}, "", "varchar(12)"},
    {"Character\t  Varying", TypeKind::kVarchar, {}, {}, {}, "", "varchar"},
    {"char varying(3)", TypeKind::kVarchar, 3, {}, {}, "", "varchar(3)"},
    {"char", TypeKind::kChar, {}, {}, {}, "", "char"},
    {"char(2)", TypeKind::kChar, 2, {}, {}, "", "char(2)"},
    {"character(8)", TypeKind::kChar, 8, {}, {}, "", "char(8)"},
    {"CHARACTER", TypeKind::kChar, {}, {}, {}, "", "char"},
    {"text", TypeKind::kText, {}, {}, {}, "", "text"},
    {"TEXT", TypeKind::kText, {}, {}, {}, "", "text"},
    {"numeric", TypeKind::kNumeric, {}, {}, {}, "", "numeric"},
    {"numeric(10)", TypeKind::kNumeric, {}, 10, {}, "", "numeric(10)"},
    {"numeric(10,2)", TypeKind::kNumeric, {}, 10, 2, "", "numeric(10,2)"},
    {"numeric( 10 , 2 )", TypeKind::kNumeric, {}, 10, 2, "", "numeric(10,2)"},
    {"numeric(5,-2)", TypeKind::kNumeric, {}, 5, -2, "", "numeric(5,-2)"},
    {"decimal", TypeKind::kNumeric, {}, {}, {}, "", "numeric"},
    {"DECIMAL(8, 3)", TypeKind::kNumeric, {}, 8, 3, "", "numeric(8,3)"},
    {"real", TypeKind::kReal, {}, {}, {}, "", "real"},
    {"float4", TypeKind::kReal, {}, {}, {}, "", "real"},
    {"double", TypeKind::kDouble, {}, {}, {}, "", "double"},
    {"double precision", TypeKind::kDouble, {}, {}, {}, "", "double"},
    {"DOUBLE   PRECISION", TypeKind::kDouble, {}, {}, {}, "", "double"},
    {"float8", TypeKind::kDouble, {}, {}, {}, "", "double"},
    {"date", TypeKind::kDate, {}, {}, {}, "", "date"},
    {"time", TypeKind::kTime, {}, {}, {}, "", "time"},
    {"time without time zone", TypeKind::kTime, {}, {}, {}, "", "time"},
    {"timestamp", TypeKind::kTimestamp, {}, {}, {}, "", "timestamp"},
    {"Timestamp Without Time Zone", TypeKind::kTimestamp, {}, {}, {}, "", "timestamp"},
    {"timestamptz", TypeKind::kTimestampTz, {}, {}, {}, "", "timestamptz"},
    {"timestamp with time zone", TypeKind::kTimestampTz, {}, {}, {}, "", "timestamptz"},
    {"timestamp  with\ttime zone", TypeKind::kTimestampTz, {}, {}, {}, "", "timestamptz"},
    {"uuid", TypeKind::kUuid, {}, {}, {}, "", "uuid"},
    {"UUID", TypeKind::kUuid, {}, {}, {}, "", "uuid"},
    {"json", TypeKind::kJson, {}, {}, {}, "", "json"},
    {"jsonb", TypeKind::kJsonb, {}, {}, {}, "", "jsonb"},
    {"binary", TypeKind::kBinary, {}, {}, {}, "", "binary"},
    {"bytea", TypeKind::kBinary, {}, {}, {}, "", "binary"},
    {"BLOB", TypeKind::kBinary, {}, {}, {}, "", "binary"},
    {"enum(mood)", TypeKind::kEnum, {}, {}, {}, "mood", "enum(mood)"},
    {"ENUM ( Mood )", TypeKind::kEnum, {}, {}, {}, "Mood", "enum(Mood)"},
    {"enum(audit.mood)", TypeKind::kEnum, {}, {}, {}, "audit.mood", "enum(audit.mood)"},
    // Unknown or database-specific: kept verbatim (trimmed), case preserved.
    {"inet", TypeKind::kRaw, {}, {}, {}, "inet", "inet"},
    {" Geometry(Point, 4326) ",
     TypeKind::kRaw,
     {},
     {},
     {},
     "Geometry(Point, 4326)",
     "Geometry(Point, 4326)"},
    {"integer[]", TypeKind::kRaw, {}, {}, {}, "integer[]", "integer[]"},
    {"varchar(10)[]", TypeKind::kRaw, {}, {}, {}, "varchar(10)[]", "varchar(10)[]"},
    {"timestamp(3)", TypeKind::kRaw, {}, {}, {}, "timestamp(3)", "timestamp(3)"},
    {"timestamp(3) with time zone",
     TypeKind::kRaw,
     {},
     {},
     {},
     "timestamp(3) with time zone",
     "timestamp(3) with time zone"},
    {"time with time zone",
     TypeKind::kRaw,
     {},
     {},
     {},
     "time with time zone",
     "time with time zone"},
    {"int(11)", TypeKind::kRaw, {}, {}, {}, "int(11)", "int(11)"},
    {"enumeration", TypeKind::kRaw, {}, {}, {}, "enumeration", "enumeration"},
    {"float", TypeKind::kRaw, {}, {}, {}, "float", "float"},
    // raw(TEXT) forces a raw type with TEXT verbatim; only lower-case "raw(" is the escape.
    {"raw(varchar(x))", TypeKind::kRaw, {}, {}, {}, "varchar(x)", "raw(varchar(x))"},
    {" raw( padded ) ", TypeKind::kRaw, {}, {}, {}, " padded ", "raw( padded )"},
    {"raw(int)", TypeKind::kRaw, {}, {}, {}, "int", "raw(int)"},
    {"raw(inet)", TypeKind::kRaw, {}, {}, {}, "inet", "inet"},
    {"raw(raw(x))", TypeKind::kRaw, {}, {}, {}, "raw(x)", "raw(raw(x))"},
    {"raw()", TypeKind::kRaw, {}, {}, {}, "raw()", "raw()"},
    {"RAW(16)", TypeKind::kRaw, {}, {}, {}, "RAW(16)", "RAW(16)"},
};

TEST(TypeParse, EveryAliasAndSpelling) {
  for (const TypeCase& c : kCases) {
    SCOPED_TRACE(c.text);
    const Type t = Type::parse(c.text);
    EXPECT_EQ(t.kind, c.kind);
    EXPECT_EQ(t.length, c.length);
    EXPECT_EQ(t.precision, c.precision);
    EXPECT_EQ(t.scale, c.scale);
    EXPECT_EQ(t.name, c.name);
    EXPECT_EQ(t.spelling, c.text);
    EXPECT_EQ(t.to_string(), c.canonical);
    EXPECT_EQ(Type::parse(t.to_string()), t);
    EXPECT_EQ(t, make(c.kind, c.length, c.precision, c.scale, c.name));
  }
}

TEST(TypeParse, MalformedKnownTypesThrowWithTheReason) {
  const std::pair<const char*, const char*> cases[] = {
      {"varchar(x)", "malformed type \"varchar(x)\": \"x\" is not a number"},
      {"varchar(-1)", "malformed type \"varchar(-1)\": \"-1\" is not a valid size"},
      {"varchar(0)", "malformed type \"varchar(0)\": the length must be at least 1"},
      {"varchar()", "malformed type \"varchar()\": \"\" is not a valid size"},
      {"varchar(1,2)", "malformed type \"varchar(1,2)\": expected one length"},
      {"varchar(30", "malformed type \"varchar(30\": missing \")\""},
      {"char(+3)", "malformed type \"char(+3)\": \"+3\" is not a valid size"},
      {"numeric(1,2,3)",
       "malformed type \"numeric(1,2,3)\": expected a precision and an optional scale"},
      {"numeric(0)", "malformed type \"numeric(0)\": the precision must be at least 1"},
      {"numeric(a,2)", "malformed type \"numeric(a,2)\": \"a\" is not a number"},
      {"numeric(10,)", "malformed type \"numeric(10,)\": \"\" is not a valid size"},
      {"varchar(99999999999)",
       "malformed type \"varchar(99999999999)\": \"99999999999\" is too large"},
      {"varchar(1 0)", "malformed type \"varchar(1 0)\": \"1 0\" is not a number"},
      {"enum()", "malformed type \"enum()\": an enum type needs a name"},
      {"enum(mood", "malformed type \"enum(mood\": missing \")\""},
      {"", "empty type"},
      {"   ", "empty type"},
  };
  for (const auto& [text, message] : cases) {
    SCOPED_TRACE(text);
    try {
      Type::parse(text);
      ADD_FAILURE() << "no exception";
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()), message);
    }
  }
}

TEST(TypeToString, EveryRawTypeReadsBack) {
  for (const char* name : {"int", "Integer", " x", "x ", "varchar(x)", "numeric(1,2,3)", "enum()",
                           "enum(a", "raw(y)", "a\nb", "text", "timestamp(3)", "()"}) {
    SCOPED_TRACE(name);
    Type t;
    t.kind = TypeKind::kRaw;
    t.name = name;
    EXPECT_EQ(Type::parse(t.to_string()), t) << t.to_string();
  }
}

TEST(TypeEquality, IgnoresSpellingOnly) {
  Type a = Type::parse("INT");
  Type b = Type::parse("integer");
  EXPECT_NE(a.spelling, b.spelling);
  EXPECT_EQ(a, b);
  EXPECT_NE(Type::parse("varchar(10)"), Type::parse("varchar(11)"));
  EXPECT_NE(Type::parse("varchar"), Type::parse("varchar(1)"));
  EXPECT_NE(Type::parse("numeric(10)"), Type::parse("numeric(10,0)"));
  EXPECT_NE(Type::parse("enum(a)"), Type::parse("enum(b)"));
  EXPECT_NE(Type::parse("json"), Type::parse("jsonb"));
  EXPECT_NE(Type::parse("Inet"), Type::parse("inet"));  // raw types compare verbatim
}

}  // namespace
}  // namespace retort
