// One column's plan: a generator chosen from the column's name and type (or the user's
// seed.yaml), fitted to its type, length, precision, CHECK bounds and enum values.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "retort/error.hpp"
#include "schema/validation.hpp"
#include "seed/seed_internal.hpp"

namespace retort::detail {
namespace {

constexpr std::int64_t kDayStart = 16436;  // 2015-01-01
constexpr std::int64_t kDayEnd = 20453;    // 2025-12-31

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

bool any_of(const std::string& name, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), name) != words.end();
}

bool ends_with_any(const std::string& name, std::initializer_list<std::string_view> ends) {
  for (std::string_view e : ends)
    if (name.size() >= e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0)
      return true;
  return false;
}

// A text column's kind from its name (docs/seeding.md, "Defaults").
Gen text_gen_for_name(const std::string& n) {
  if (n.find("email") != std::string::npos) return Gen::kEmail;
  if (any_of(n, {"first_name", "firstname", "given_name", "forename"})) return Gen::kFirstName;
  if (any_of(n, {"last_name", "lastname", "surname", "family_name"})) return Gen::kLastName;
  if (any_of(n, {"username", "user_name", "login", "handle", "nickname", "nick"}))
    return Gen::kUsername;
  if (any_of(n, {"name", "full_name", "fullname", "display_name", "author", "contact"}) ||
      ends_with_any(n, {"_name"}))
    return Gen::kFullName;
  if (n.find("phone") != std::string::npos || any_of(n, {"mobile", "fax", "tel"}))
    return Gen::kPhone;
  if (any_of(n, {"street", "address", "address1", "address_line", "street_address"}))
    return Gen::kStreet;
  if (any_of(n, {"city", "town"})) return Gen::kCity;
  if (any_of(n, {"country", "country_name"})) return Gen::kCountry;
  if (any_of(n, {"company", "organization", "organisation", "employer", "publisher"}))
    return Gen::kCompany;
  if (any_of(n, {"url", "website", "homepage", "link", "uri"}) || ends_with_any(n, {"_url"}))
    return Gen::kUrl;
  if (any_of(n, {"uuid", "guid"})) return Gen::kUuid;
  if (any_of(n, {"ip", "ip_address", "ipv4", "ip_addr"})) return Gen::kIpv4;
  if (any_of(n, {"title", "subject", "headline", "caption", "label"})) return Gen::kSentence;
  if (any_of(n, {"description", "body", "content", "bio", "notes", "note", "summary", "text",
                 "comment", "message", "about"}))
    return Gen::kParagraph;
  if (ends_with_any(n, {"_at"}) || any_of(n, {"created", "updated", "timestamp"}))
    return Gen::kTimestamp;
  if (ends_with_any(n, {"_date", "_on"}) || n == "date") return Gen::kDate;
  return Gen::kWords;
}

void integer_range_for_name(const std::string& n, ColumnPlan& c) {
  c.lo = 1;
  c.hi = 1000;
  if (n == "age") {
    c.lo = 18;
    c.hi = 90;
  } else if (n == "year" || ends_with_any(n, {"_year"})) {
    c.lo = 1950;
    c.hi = 2025;
  } else if (any_of(n, {"quantity", "qty", "count", "stock"}) || ends_with_any(n, {"_count"})) {
    c.lo = 0;
    c.hi = 100;
  } else if (any_of(n, {"rating", "stars", "score"})) {
    c.lo = 1;
    c.hi = 5;
  }
}

Out out_for(TypeKind kind) {
  switch (kind) {
    case TypeKind::kInteger:
    case TypeKind::kSmallInt:
    case TypeKind::kBigInt:
      return Out::kInteger;
    case TypeKind::kBoolean:
      return Out::kBoolean;
    case TypeKind::kReal:
    case TypeKind::kDouble:
      return Out::kReal;
    case TypeKind::kBinary:
      return Out::kBlob;
    default:
      return Out::kText;
  }
}

// The generator the column's type and name call for when seed.yaml says nothing.
void default_gen(const Column& column, ColumnPlan& c) {
  const std::string n = lower(column.name);
  c.min_words = 1;
  c.max_words = 3;
  switch (column.type.kind) {
    case TypeKind::kInteger:
    case TypeKind::kSmallInt:
    case TypeKind::kBigInt:
      c.gen = Gen::kInteger;
      integer_range_for_name(n, c);
      return;
    case TypeKind::kBoolean:
      c.gen = Gen::kBoolean;
      return;
    case TypeKind::kNumeric:
    case TypeKind::kReal:
    case TypeKind::kDouble:
      c.gen = Gen::kDecimal;
      c.decimals = column.type.kind == TypeKind::kNumeric
                       ? std::clamp(column.type.scale.value_or(2), 0, kMaxSeedDecimals)
                       : 2;
      c.lo = 0;
      c.hi = 1000;
      return;
    case TypeKind::kDate:
      c.gen = Gen::kDate;
      return;
    case TypeKind::kTime:
      c.gen = Gen::kTime;
      return;
    case TypeKind::kTimestamp:
    case TypeKind::kTimestampTz:
      c.gen = Gen::kTimestamp;
      return;
    case TypeKind::kUuid:
      c.gen = Gen::kUuid;
      return;
    case TypeKind::kJson:
    case TypeKind::kJsonb:
      c.gen = Gen::kJson;
      return;
    case TypeKind::kBinary:
      c.gen = Gen::kBlob;
      return;
    default:
      break;
  }
  c.gen = text_gen_for_name(n);
  if (c.gen == Gen::kSentence) {
    c.min_words = 3;
    c.max_words = 6;
  } else if (c.gen == Gen::kParagraph) {
    c.min_words = 1;
    c.max_words = 3;
  }
}

// Scales a [lo, hi] given in units into the plan's integer domain (days, seconds, or the
// mantissa of a decimal).
void set_range_scaled(ColumnPlan& c, double lo, double hi) {
  double scale = 1;
  for (int i = 0; i < c.decimals; ++i) scale *= 10;
  c.lo = bounded_int64(std::ceil(lo * scale - 1e-9));
  c.hi = bounded_int64(std::floor(hi * scale + 1e-9));
}

Value choice_value(const ColumnPlan& c, const std::string& text) { return text_value(c.out, text); }

void set_choices(ColumnPlan& c, const std::vector<std::string>& values,
                 const std::vector<double>& weights) {
  c.gen = Gen::kChoice;
  c.choices.clear();
  c.cumulative.clear();
  double sum = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    c.choices.push_back(choice_value(c, values[i]));
    sum += i < weights.size() ? weights[i] : 1.0;
    c.cumulative.push_back(sum);
  }
}

// seed.yaml's generator for the column; the loader has checked its keys.
void apply_spec(const ColumnGenerator& g, ColumnPlan& c) {
  if (g.kind != GeneratorKind::kAuto) c.soft_range = false;
  if (g.min_words > 0) c.min_words = g.min_words;
  if (g.max_words > 0) c.max_words = std::max(g.max_words, c.min_words);
  switch (g.kind) {
    case GeneratorKind::kAuto:
      return;
    case GeneratorKind::kSequence:
      c.gen = Gen::kSequence;
      c.decimals = 0;
      c.next = g.start;
      c.step = g.step;
      return;
    case GeneratorKind::kConstant:
      c.gen = Gen::kConstant;
      c.constant = g.value ? choice_value(c, *g.value) : Value();
      return;
    case GeneratorKind::kChoice:
      set_choices(c, g.choices, g.weights);
      return;
    case GeneratorKind::kInteger:
      c.gen = Gen::kInteger;
      c.decimals = 0;
      set_range_scaled(c, g.min, g.max);
      return;
    case GeneratorKind::kDecimal:
      c.gen = Gen::kDecimal;
      c.decimals = g.decimals;
      set_range_scaled(c, g.min, g.max);
      return;
    case GeneratorKind::kDate:
    case GeneratorKind::kTimestamp: {
      c.gen = g.kind == GeneratorKind::kDate ? Gen::kDate : Gen::kTimestamp;
      c.decimals = 0;
      std::int64_t lo = 0, hi = 0;
      if (c.gen == Gen::kDate) {
        parse_iso_date(g.from, lo);
        parse_iso_date(g.to, hi);
      } else {
        parse_iso_timestamp(g.from, lo);
        parse_iso_timestamp(g.to, hi);
      }
      c.lo = lo;
      c.hi = hi;
      return;
    }
    case GeneratorKind::kBoolean:
      c.gen = Gen::kBoolean;
      c.true_ratio = g.true_ratio;
      return;
    case GeneratorKind::kNull:
      c.gen = Gen::kNull;
      return;
    case GeneratorKind::kFixture:  // the foreign key's plan reads the fixture keys
      return;
    default:
      break;
  }
  // The realistic and lorem kinds share their order with Gen.
  c.gen =
      static_cast<Gen>(static_cast<int>(Gen::kFirstName) +
                       (static_cast<int>(g.kind) - static_cast<int>(GeneratorKind::kFirstName)));
}

// The CHECK terms on one column joined: each list of values in turn, the highest lower and
// the lowest upper bound.
void join_bounds(const CheckBounds& b, CheckBounds& all) {
  if (b.has_list) {
    all.has_list = true;
    all.list = b.list;
  }
  if (b.lo && (!all.lo || *b.lo > *all.lo || (*b.lo == *all.lo && b.lo_strict))) {
    all.lo = b.lo;
    all.lo_strict = b.lo_strict;
  }
  if (b.hi && (!all.hi || *b.hi < *all.hi || (*b.hi == *all.hi && b.hi_strict))) {
    all.hi = b.hi;
    all.hi_strict = b.hi_strict;
  }
}

std::string shortest(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

// `b` as a reader sees it: ">= 1 and < 10".
std::string describe_bounds(const CheckBounds& b) {
  std::string out;
  if (b.lo) out = (b.lo_strict ? "> " : ">= ") + shortest(*b.lo);
  if (b.hi)
    out += (out.empty() ? "" : " and ") + std::string(b.hi_strict ? "< " : "<= ") + shortest(*b.hi);
  return out;
}

// Returns false when the range is seed.yaml's (`user_range`) and no value of it passes the
// check; retort's own ranges give way to the check's instead.
bool apply_bounds(const CheckBounds& b, ColumnPlan& c, bool user_range) {
  if (b.has_list && c.gen != Gen::kConstant && c.gen != Gen::kNull) {
    set_choices(c, b.list, {});
    return true;  // values from the list, which bounds beside it can only narrow
  }
  if (!b.lo && !b.hi) return true;
  if (c.gen != Gen::kInteger && c.gen != Gen::kDecimal && c.gen != Gen::kSequence) {
    c.gen = c.out == Out::kInteger ? Gen::kInteger : Gen::kDecimal;
    if (c.gen == Gen::kInteger) c.decimals = 0;
    c.lo = 0;
    c.hi = 1000;
  }
  double scale = 1;
  for (int i = 0; i < c.decimals; ++i) scale *= 10;
  std::int64_t lo = c.lo, hi = c.hi;
  if (b.lo) {
    lo = bounded_int64(std::ceil(*b.lo * scale - 1e-9));
    if (b.lo_strict && static_cast<double>(lo) <= *b.lo * scale) ++lo;
    if (c.gen == Gen::kSequence) c.next = std::max(c.next, lo);
  }
  if (b.hi) {
    hi = bounded_int64(std::floor(*b.hi * scale + 1e-9));
    if (b.hi_strict && static_cast<double>(hi) >= *b.hi * scale) --hi;
    // A unique column's range may grow (make_unique) up to the check's bound, not past it.
    c.type_max = std::min(c.type_max, hi);
  }
  // The check narrows the range it overlaps (retort's guess or the user's); a range of
  // retort's beside it, or touching it at one end only (numeric's 0.00 to 10.00 and BETWEEN 10
  // AND 20 share 10.00 alone), gives way to the check's, up to 1000 units from the bound
  // beyond it. The user's range must meet the check.
  if (user_range) {
    c.lo = std::max(c.lo, lo);
    c.hi = std::min(c.hi, hi);
    return c.lo <= c.hi;
  }
  if (b.lo && lo >= c.hi) {
    c.lo = lo;
    c.hi = b.hi ? std::min(hi, lo + 1000) : lo + 1000;
  } else if (b.hi && hi <= c.lo) {
    c.hi = hi;
    c.lo = b.lo ? std::max(lo, hi - 1000) : hi - 1000;
  } else {
    c.lo = std::max(c.lo, lo);
    c.hi = std::min(c.hi, hi);
  }
  if (c.lo > c.hi) c.lo = c.hi;  // contradictory bounds: the database will say so
  return true;
}

// Keeps numbers inside numeric(p, s) and smallint.
void apply_type_limits(const Column& column, ColumnPlan& c) {
  std::int64_t limit = INT64_MAX;
  if (column.type.kind == TypeKind::kSmallInt) limit = 32767;
  if (column.type.kind == TypeKind::kInteger) limit = 2147483647;
  if (column.type.kind == TypeKind::kNumeric && column.type.precision) {
    const int digits = *column.type.precision - column.type.scale.value_or(0) + c.decimals;
    limit = 1;
    for (int i = 0; i < std::min(digits, 18); ++i) limit *= 10;
    limit -= 1;
    c.decimals = std::clamp(column.type.scale.value_or(0), 0, c.decimals);
  }
  c.type_max = std::min(c.type_max, limit);
  if (c.gen == Gen::kInteger || c.gen == Gen::kDecimal) {
    c.hi = std::min(c.hi, limit);
    c.lo = std::max(c.lo, -limit);
    if (c.lo > c.hi) c.lo = c.hi;
  }
}

}  // namespace

Type modelled_type(const Type& type) {
  if (type.kind != TypeKind::kRaw) return type;
  std::string bare;
  int depth = 0;
  for (char ch : type.name) {
    if (ch == '(') ++depth;
    if (depth == 0) bare += ch;
    if (ch == ')') --depth;
  }
  try {
    Type modelled = Type::parse(bare);
    if (modelled.kind != TypeKind::kRaw && modelled.kind != TypeKind::kEnum) return modelled;
  } catch (const InputError&) {
  }
  return type;
}

ColumnPlan plan_column(const Table& table, const Column& declared, const MetaData& metadata,
                       const ColumnGenerator* spec, const std::vector<CheckBounds>& checks,
                       std::uint64_t seed, bool raw_takes_text) {
  Column column = declared;
  column.type = modelled_type(declared.type);
  ColumnPlan c;
  c.name = column.name;
  c.column = &declared;
  c.rng = Rng(derive_seed(seed, table.display_name(), column.name));
  c.out = out_for(column.type.kind);
  if (column.type.length &&
      (column.type.kind == TypeKind::kVarchar || column.type.kind == TypeKind::kChar))
    c.max_length = *column.type.length;
  c.lo = kDayStart;
  c.hi = kDayEnd;
  c.utc = column.type.kind == TypeKind::kTimestampTz;
  default_gen(column, c);
  if (c.gen == Gen::kTimestamp) {
    c.lo = kDayStart * 86400;
    c.hi = kDayEnd * 86400 + 86399;
  } else if (c.gen == Gen::kTime) {
    c.lo = 0;
    c.hi = 86399;
  }
  if (column.type.kind == TypeKind::kEnum) {
    if (const EnumType* e = resolve_enum(metadata, column.type)) set_choices(c, e->values, {});
  }
  if (column.nullable) c.null_ratio = 0.1;
  if (spec) {
    apply_spec(*spec, c);
    if (column.nullable) c.null_ratio = spec->null_ratio;
  }
  CheckBounds bounds;
  for (const CheckBounds& b : checks)
    if (b.column == column.name) join_bounds(b, bounds);
  const bool user_range =
      spec && (spec->kind == GeneratorKind::kInteger || spec->kind == GeneratorKind::kDecimal);
  if (!apply_bounds(bounds, c, user_range)) {
    throw InputError(spec->location, "seed: table " + in_quotes(table.display_name()) +
                                         ": column " + in_quotes(column.name) + ": the range [" +
                                         shortest(spec->min) + ", " + shortest(spec->max) +
                                         "] has no value the column's CHECK allows (" +
                                         describe_bounds(bounds) + ")");
  }
  apply_type_limits(column, c);
  if (c.gen == Gen::kDecimal && c.out == Out::kInteger) c.decimals = 0;
  if (column.type.kind == TypeKind::kRaw && !raw_takes_text &&
      (!spec || spec->kind == GeneratorKind::kAuto)) {
    // A type retort does not model (text[], interval, ...): no value of ours would fit it.
    c.gen = Gen::kNull;
    c.null_ratio = 0;
    c.unsupported_type = !column.nullable;
  }
  return c;
}

bool parse_iso_date(std::string_view text, std::int64_t& days) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
  auto num = [&](std::size_t at, std::size_t n, auto& out) {
    return std::from_chars(text.data() + at, text.data() + at + n, out).ptr == text.data() + at + n;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d) || m < 1 || m > 12 || d < 1 || d > 31)
    return false;
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  days = static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
  return true;
}

bool parse_iso_timestamp(std::string_view text, std::int64_t& seconds) {
  std::int64_t days = 0;
  if (!parse_iso_date(text, days)) return false;
  int h = 0, mi = 0, s = 0;
  if (text.size() > 10) {
    if (text.size() < 19 || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' ||
        text[16] != ':')
      return false;
    auto num = [&](std::size_t at, int& out) {
      return std::from_chars(text.data() + at, text.data() + at + 2, out).ptr ==
             text.data() + at + 2;
    };
    if (!num(11, h) || !num(14, mi) || !num(17, s) || h > 23 || mi > 59 || s > 59) return false;
  }
  seconds = days * 86400 + h * 3600 + mi * 60 + s;
  return true;
}

}  // namespace retort::detail
