// Type::parse / to_string: the models-file spelling of column types.
//
// Parsing is case-insensitive and tolerant of whitespace ("Character  Varying ( 30 )" is
// varchar(30)). A known keyword followed by a malformed argument list throws; anything the
// grammar does not know (including known keywords with extra words, e.g. "timestamp(3) with
// time zone" or "integer[]") is kept verbatim as a kRaw type so that database-specific types
// pass through untouched. "raw(TEXT)" is a raw type with TEXT exactly, whatever it looks like;
// to_string uses it for raw types that would otherwise read back differently, so that
// parse(to_string(t)) == t for every raw type.
#include <array>
#include <cctype>
#include <charconv>

#include "retort/error.hpp"
#include "retort/schema.hpp"
#include "retort/suggest.hpp"

namespace retort {
namespace {

enum class Params { kNone, kLength, kPrecisionScale };

struct Keyword {
  std::string_view spelling;  // normalised: lower case, single spaces
  TypeKind kind;
  Params params;
};

constexpr std::array kKeywords = {
    Keyword{"integer", TypeKind::kInteger, Params::kNone},
    Keyword{"int", TypeKind::kInteger, Params::kNone},
    Keyword{"int4", TypeKind::kInteger, Params::kNone},
    Keyword{"smallint", TypeKind::kSmallInt, Params::kNone},
    Keyword{"int2", TypeKind::kSmallInt, Params::kNone},
    Keyword{"bigint", TypeKind::kBigInt, Params::kNone},
    Keyword{"int8", TypeKind::kBigInt, Params::kNone},
    Keyword{"boolean", TypeKind::kBoolean, Params::kNone},
    Keyword{"bool", TypeKind::kBoolean, Params::kNone},
    Keyword{"varchar", TypeKind::kVarchar, Params::kLength},
    Keyword{"character varying", TypeKind::kVarchar, Params::kLength},
    Keyword{"char varying", TypeKind::kVarchar, Params::kLength},
    Keyword{"char", TypeKind::kChar, Params::kLength},
    Keyword{"character", TypeKind::kChar, Params::kLength},
    Keyword{"text", TypeKind::kText, Params::kNone},
    Keyword{"numeric", TypeKind::kNumeric, Params::kPrecisionScale},
    Keyword{"decimal", TypeKind::kNumeric, Params::kPrecisionScale},
    Keyword{"real", TypeKind::kReal, Params::kNone},
    Keyword{"float4", TypeKind::kReal, Params::kNone},
    Keyword{"double", TypeKind::kDouble, Params::kNone},
    Keyword{"double precision", TypeKind::kDouble, Params::kNone},
    Keyword{"float8", TypeKind::kDouble, Params::kNone},
    Keyword{"date", TypeKind::kDate, Params::kNone},
    Keyword{"time", TypeKind::kTime, Params::kNone},
    Keyword{"time without time zone", TypeKind::kTime, Params::kNone},
    Keyword{"timestamp", TypeKind::kTimestamp, Params::kNone},
    Keyword{"timestamp without time zone", TypeKind::kTimestamp, Params::kNone},
    Keyword{"timestamptz", TypeKind::kTimestampTz, Params::kNone},
    Keyword{"timestamp with time zone", TypeKind::kTimestampTz, Params::kNone},
    Keyword{"uuid", TypeKind::kUuid, Params::kNone},
    Keyword{"json", TypeKind::kJson, Params::kNone},
    Keyword{"jsonb", TypeKind::kJsonb, Params::kNone},
    Keyword{"binary", TypeKind::kBinary, Params::kNone},
    Keyword{"bytea", TypeKind::kBinary, Params::kNone},
    Keyword{"blob", TypeKind::kBinary, Params::kNone},
};

// The largest length or precision accepted; beyond it the text is surely a typo.
constexpr int kMaxModifier = 1'000'000'000;

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Lower case, whitespace runs collapsed to one space, no space around '(' ',' ')'.
std::string normalise(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char c : text) {
    if (is_space(c)) {
      pending_space = true;
      continue;
    }
    const bool punct = c == '(' || c == ',' || c == ')';
    if (pending_space && !out.empty() && !punct && out.back() != '(' && out.back() != ',') {
      out += ' ';
    }
    pending_space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

const Keyword* find_keyword(std::string_view spelling) {
  for (const Keyword& k : kKeywords) {
    if (k.spelling == spelling) return &k;
  }
  return nullptr;
}

[[noreturn]] void malformed(std::string_view text, std::string_view why) {
  throw InputError("malformed type \"" + std::string(trim(text)) + "\": " + std::string(why));
}

int parse_int(std::string_view arg, bool allow_negative, std::string_view text) {
  int value = 0;
  const char* first = arg.data();
  const char* last = arg.data() + arg.size();
  if (arg.empty() || (arg.front() == '-' && !allow_negative) || arg.front() == '+') {
    malformed(text, in_quotes(arg) + " is not a valid size");
  }
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec == std::errc::result_out_of_range ||
      (ec == std::errc() && ptr == last && (value > kMaxModifier || value < -kMaxModifier))) {
    malformed(text, in_quotes(arg) + " is too large");
  }
  if (ec != std::errc() || ptr != last) {
    malformed(text, in_quotes(arg) + " is not a number");
  }
  return value;
}

std::vector<std::string_view> split_args(std::string_view args) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = args.find(',', start);
    out.push_back(args.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

void apply_args(Type& type, Params params, std::string_view args, std::string_view text) {
  std::vector<std::string_view> parts = split_args(args);
  if (params == Params::kLength) {
    if (parts.size() != 1) malformed(text, "expected one length");
    type.length = parse_int(parts[0], false, text);
    if (*type.length < 1) malformed(text, "the length must be at least 1");
    return;
  }
  if (parts.size() > 2) malformed(text, "expected a precision and an optional scale");
  type.precision = parse_int(parts[0], false, text);
  if (*type.precision < 1) malformed(text, "the precision must be at least 1");
  if (parts.size() == 2) type.scale = parse_int(parts[1], true, text);
}

// "enum(name)" with any case and spacing; the name keeps its case. nullopt if not an enum.
std::optional<std::string> enum_name(std::string_view trimmed, std::string_view text) {
  if (trimmed.size() < 4) return std::nullopt;
  for (std::size_t i = 0; i < 4; ++i) {
    if (std::tolower(static_cast<unsigned char>(trimmed[i])) != "enum"[i]) return std::nullopt;
  }
  std::string_view rest = trim(trimmed.substr(4));
  if (rest.empty() || rest.front() != '(') return std::nullopt;
  if (rest.back() != ')') malformed(text, "missing \")\"");
  std::string_view name = trim(rest.substr(1, rest.size() - 2));
  if (name.empty()) malformed(text, "an enum type needs a name");
  return std::string(name);
}

// "raw(TEXT)": TEXT verbatim as a raw type. to_string writes this form for raw types whose
// text would otherwise read back as something else ("int", " padded", "varchar(x)").
std::optional<std::string> escaped_raw(std::string_view trimmed) {
  if (trimmed.size() <= 5 || !trimmed.starts_with("raw(") || !trimmed.ends_with(')')) {
    return std::nullopt;
  }
  return std::string(trimmed.substr(4, trimmed.size() - 5));
}

Type raw_type(std::string_view trimmed) {
  Type type;
  type.kind = TypeKind::kRaw;
  type.name = std::string(trimmed);
  return type;
}

std::string raw_spelling(const std::string& name) {
  bool reads_back = false;
  try {
    const Type again = Type::parse(name);
    reads_back = again.kind == TypeKind::kRaw && again.name == name;
  } catch (const InputError&) {
  }
  return reads_back ? name : "raw(" + name + ")";
}

}  // namespace

Type Type::parse(std::string_view text) {
  const std::string_view trimmed = trim(text);
  if (trimmed.empty()) throw InputError("empty type");
  Type type;
  if (std::optional<std::string> raw = escaped_raw(trimmed)) {
    type = raw_type(*raw);
  } else if (std::optional<std::string> name = enum_name(trimmed, text)) {
    type.kind = TypeKind::kEnum;
    type.name = std::move(*name);
  } else {
    const std::string norm = normalise(trimmed);
    const std::size_t open = norm.find('(');
    const Keyword* keyword = find_keyword(std::string_view(norm).substr(0, open));
    if (keyword == nullptr) {
      type = raw_type(trimmed);
    } else if (open == std::string::npos) {
      type.kind = keyword->kind;
    } else {
      const std::size_t close = norm.find(')', open);
      if (keyword->params == Params::kNone ||
          (close != std::string::npos && close + 1 != norm.size())) {
        type = raw_type(trimmed);  // e.g. "timestamp(3)", "varchar(10)[]": database-specific
      } else {
        if (close == std::string::npos) malformed(text, "missing \")\"");
        type.kind = keyword->kind;
        apply_args(type, keyword->params, std::string_view(norm).substr(open + 1, close - open - 1),
                   text);
      }
    }
  }
  type.spelling = std::string(text);
  return type;
}

std::string Type::to_string() const {
  auto with_length = [this](std::string base) {
    return length ? base + "(" + std::to_string(*length) + ")" : base;
  };
  switch (kind) {
    case TypeKind::kInteger:
      return "integer";
    case TypeKind::kSmallInt:
      return "smallint";
    case TypeKind::kBigInt:
      return "bigint";
    case TypeKind::kBoolean:
      return "boolean";
    case TypeKind::kVarchar:
      return with_length("varchar");
    case TypeKind::kChar:
      return with_length("char");
    case TypeKind::kText:
      return "text";
    case TypeKind::kNumeric: {
      std::string out = "numeric";
      if (precision) {
        out += "(" + std::to_string(*precision);
        if (scale) out += "," + std::to_string(*scale);
        out += ")";
      }
      return out;
    }
    case TypeKind::kReal:
      return "real";
    case TypeKind::kDouble:
      return "double";
    case TypeKind::kDate:
      return "date";
    case TypeKind::kTime:
      return "time";
    case TypeKind::kTimestamp:
      return "timestamp";
    case TypeKind::kTimestampTz:
      return "timestamptz";
    case TypeKind::kUuid:
      return "uuid";
    case TypeKind::kJson:
      return "json";
    case TypeKind::kJsonb:
      return "jsonb";
    case TypeKind::kBinary:
      return "binary";
    case TypeKind::kEnum:
      return "enum(" + name + ")";
    case TypeKind::kRaw:
      return raw_spelling(name);
  }
  return name;
}

bool operator==(const Type& a, const Type& b) {
  return a.kind == b.kind && a.length == b.length && a.precision == b.precision &&
         a.scale == b.scale && a.name == b.name;
}

}  // namespace retort
