// The value generators: one switch over the column's generator, writing into a reused Value.
// Everything here runs once per value (a million rows is six million calls), so text is
// written into the string the Value already holds (its capacity survives from row to row: no
// allocation once warm), digits are written by hand rather than through snprintf, and nothing
// is looked up by name. The text kinds are in generate_text.cpp.
#include <charconv>
#include <cstdio>
#include <cstring>

#include "seed/seed_internal.hpp"

namespace retort::detail {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return q * b > a ? q - 1 : q;
}

// Howard Hinnant's civil_from_days.
void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

// Fixed-width digit writers into a caller's buffer; each returns the end of what it wrote.
// v < 100.
char* put_2(char* p, unsigned v) {
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  std::memcpy(p, kPairs + 2 * v, 2);
  return p + 2;
}

// "YYYY-MM-DD" (at most 16 characters: years outside 0..9999 as printf's %04d has them).
char* put_date(char* p, std::int64_t days) {
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  if (y >= 0 && y <= 9999) {
    p = put_2(p, static_cast<unsigned>(y) / 100);
    p = put_2(p, static_cast<unsigned>(y) % 100);
  } else {
    char buf[16];
    const int n = std::snprintf(buf, sizeof buf, "%04d", y);
    std::memcpy(p, buf, static_cast<std::size_t>(n));
    p += n;
  }
  *p++ = '-';
  p = put_2(p, m);
  *p++ = '-';
  return put_2(p, d);
}

// "hh:mm:ss" for 0 <= seconds_of_day < 86400.
char* put_time(char* p, std::int64_t seconds_of_day) {
  const auto t = static_cast<unsigned>(seconds_of_day);
  p = put_2(p, t / 3600);
  *p++ = ':';
  p = put_2(p, t / 60 % 60);
  *p++ = ':';
  return put_2(p, t % 60);
}

// Sets `out` to the integer `v`, in place when it holds an integer already (a reused row's
// slot mostly does): no variant assignment.
void set_integer(Value& out, std::int64_t v) {
  if (std::int64_t* held = out.get_if_integer()) {
    *held = v;
  } else {
    out = Value(static_cast<long long>(v));
  }
}

// Sets `out` to the text [p, end), in place when it holds text of that length already (a
// date or a timestamp is as long as the one before it), with two overlapping fixed-size
// copies that compile to a few moves rather than a call.
void set_short_text(Value& out, const char* p, const char* end) {
  const auto n = static_cast<std::size_t>(end - p);
  std::string* held = out.get_if_text();
  if (held && held->size() == n && n >= 8 && n <= 32) {
    char* d = held->data();
    if (n >= 16) {
      std::memcpy(d, p, 16);
      std::memcpy(d + n - 16, p + n - 16, 16);
    } else {
      std::memcpy(d, p, 8);
      std::memcpy(d + n - 8, p + n - 8, 8);
    }
    return;
  }
  out.text_buffer().assign(p, end);
}

void append_int(std::string& s, std::uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  s.append(buf, end);
}

void set_scaled_other(const ColumnPlan& c, std::int64_t v, Value& out) {
  if (c.out == Out::kInteger || c.decimals == 0) {
    if (c.out == Out::kText) {
      char buf[24];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
      out.text_buffer().assign(buf, end);
    } else if (c.out == Out::kReal) {
      out = Value(static_cast<double>(v));
    } else {
      set_integer(out, v);
    }
    return;
  }
  std::int64_t scale = 1;
  for (int i = 0; i < c.decimals; ++i) scale *= 10;
  if (c.out == Out::kReal) {
    out = Value(static_cast<double>(v) / static_cast<double>(scale));
    return;
  }
  std::string& s = out.text_buffer();
  if (v < 0) s += '-';
  const std::uint64_t a = v < 0 ? static_cast<std::uint64_t>(-v) : static_cast<std::uint64_t>(v);
  append_int(s, a / static_cast<std::uint64_t>(scale));
  s += '.';
  char frac[24];
  auto [end, ec] = std::to_chars(frac, frac + sizeof frac, a % static_cast<std::uint64_t>(scale));
  s.append(static_cast<std::size_t>(c.decimals) - static_cast<std::size_t>(end - frac), '0');
  s.append(frac, end);
}

// The value v / 10^decimals as the column binds it; integers (the common case) in place.
inline void set_scaled(const ColumnPlan& c, std::int64_t v, Value& out) {
  if (c.out == Out::kInteger) {
    set_integer(out, v);
  } else {
    set_scaled_other(c, v, out);
  }
}

inline std::int64_t draw(ColumnPlan& c) {
  if (c.unique) {
    const std::int64_t v = c.next;
    c.next = wrapping_add(c.next, c.step);
    return v;
  }
  return c.rng.between(c.lo, c.hi);
}

// Ranges of up to kDateTable days (the default is a few years) format their dates from a
// table built on first use: most dates and timestamps then cost no calendar arithmetic.
constexpr std::int64_t kDateTable = 8192;

// Fills the table of formatted dates (see put_date_cached), once per column.
void build_dates(ColumnPlan& c) {
  c.dates_built = true;
  const bool seconds = c.gen != Gen::kDate;
  const std::int64_t first = seconds ? floor_div(c.lo, 86400) : c.lo;
  const std::int64_t last = seconds ? floor_div(c.hi, 86400) : c.hi;
  if (last < first || last - first >= kDateTable) return;
  c.date_first = first;
  c.dates.resize(static_cast<std::size_t>(last - first + 1));
  for (std::size_t i = 0; i < c.dates.size(); ++i) {
    char buf[24];
    if (put_date(buf, first + static_cast<std::int64_t>(i)) - buf != 10) {
      c.dates.clear();  // a year outside 0..9999: not of the table's width
      return;
    }
    std::memcpy(c.dates[i].data(), buf, 10);
  }
}

inline char* put_date_cached(ColumnPlan& c, char* p, std::int64_t day) {
  if (!c.dates_built) build_dates(c);
  const auto i = static_cast<std::uint64_t>(day - c.date_first);
  if (i >= c.dates.size()) return put_date(p, day);  // e.g. a unique counter past the range
  std::memcpy(p, c.dates[i].data(), 10);
  return p + 10;
}

void set_date_or_time(ColumnPlan& c, std::int64_t v, Value& out) {
  char buf[48];
  char* p = buf;
  const std::int64_t day = floor_div(v, 86400);
  const std::int64_t second_of_day = v - day * 86400;
  if (c.gen == Gen::kDate) {
    p = put_date_cached(c, p, v);
  } else if (c.gen == Gen::kTime) {
    p = put_time(p, second_of_day);
  } else {
    p = put_date_cached(c, p, day);
    *p++ = ' ';
    p = put_time(p, second_of_day);
    if (c.utc) {
      std::memcpy(p, "+00:00", 6);
      p += 6;
    }
  }
  set_short_text(out, buf, p);
}

// generate_value's body, inlined into generate_row's loop: a row of six values then costs one
// call rather than six, each saving and restoring the registers of this large switch.
[[gnu::always_inline]] inline void generate_one(ColumnPlan& c, std::uint64_t row, Value& out) {
  if (c.null_ratio > 0 && c.rng.chance(c.null_ratio)) {
    out = Value();
    return;
  }
  switch (c.gen) {
    case Gen::kNull:
      out = Value();
      return;
    case Gen::kConstant:
      out = c.constant;
      return;
    case Gen::kSequence:
      set_scaled(c, c.next, out);
      c.next = wrapping_add(c.next, c.step);
      return;
    case Gen::kChoice: {
      if (c.unique) {
        out = c.choices[static_cast<std::size_t>(c.next++) % c.choices.size()];
        return;
      }
      const double x = c.rng.unit() * c.cumulative.back();
      std::size_t i = 0;
      while (i + 1 < c.cumulative.size() && x >= c.cumulative[i]) ++i;
      out = c.choices[i];
      return;
    }
    case Gen::kInteger:
    case Gen::kDecimal:
    case Gen::kReal:
      set_scaled(c, draw(c), out);
      return;
    case Gen::kDate:
    case Gen::kTimestamp:
    case Gen::kTime:
      set_date_or_time(c, draw(c), out);
      return;
    case Gen::kBoolean: {
      const bool v = c.unique ? (c.next++ % 2) == 0 : c.rng.chance(c.true_ratio);
      if (c.out == Out::kText) {
        out.text_buffer().assign(v ? "true" : "false");
      } else {
        set_integer(out, v ? 1 : 0);  // as Value(bool) holds it
      }
      return;
    }
    case Gen::kBlob: {
      Blob b(8);
      std::uint64_t v = c.unique ? static_cast<std::uint64_t>(c.next++) : c.rng.next();
      std::memcpy(b.data(), &v, 8);
      out = Value(std::move(b));
      return;
    }
    case Gen::kForeignKey:
      return;  // the table loop fills foreign keys
    default:
      break;
  }
  generate_text(c, row, out);
}

}  // namespace

void generate_value(ColumnPlan& c, std::uint64_t row, Value& out) { generate_one(c, row, out); }

void generate_row(std::span<ColumnPlan> columns, std::uint64_t row, std::span<Value> out) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].gen != Gen::kForeignKey) generate_one(columns[i], row, out[i]);
  }
}

std::uint64_t hash_values(std::span<const Value> row, const std::vector<std::size_t>& columns) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL;
  auto mix = [&](const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) {
      h ^= p[i];
      h *= 0x100000001b3ULL;
    }
    h ^= 0xff;
    h *= 0x100000001b3ULL;
  };
  for (std::size_t i : columns) {
    const Value& v = row[i];
    switch (v.type()) {
      case Value::Type::kNull:
        mix("\0n", 2);
        break;
      case Value::Type::kInteger: {  // hashed as its decimal text, as a text key would be
        char t[24];
        auto [end, ec] = std::to_chars(t, t + sizeof t, v.integer());
        mix(t, static_cast<std::size_t>(end - t));
        break;
      }
      case Value::Type::kReal: {
        const double d = v.real();
        mix(&d, sizeof d);
        break;
      }
      case Value::Type::kText:
        mix(v.text_ref().data(), v.text_ref().size());
        break;
      case Value::Type::kBlob:
        mix(v.blob_ref().data(), v.blob_ref().size());
        break;
    }
  }
  return h;
}

}  // namespace retort::detail
