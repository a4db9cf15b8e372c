// The value generators: one switch over the column's generator, writing into a reused Value.
// Everything here runs once per value, so it avoids allocation where a short string (SSO)
// will do, and never looks anything up by name.
#include <charconv>
#include <cstdio>
#include <cstring>

#include "seed/seed_internal.hpp"
#include "seed/word_lists.hpp"

namespace retort::detail {
namespace {

std::string_view pick(Rng& rng, std::span<const std::string_view> list) {
  return list[rng.below(list.size())];
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

void append_2(std::string& s, unsigned v) {
  s += static_cast<char>('0' + v / 10);
  s += static_cast<char>('0' + v % 10);
}

void append_date(std::string& s, std::int64_t days) {
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04d", y);
  s += buf;
  s += '-';
  append_2(s, m);
  s += '-';
  append_2(s, d);
}

void append_time(std::string& s, std::int64_t seconds_of_day) {
  append_2(s, static_cast<unsigned>(seconds_of_day / 3600));
  s += ':';
  append_2(s, static_cast<unsigned>(seconds_of_day / 60 % 60));
  s += ':';
  append_2(s, static_cast<unsigned>(seconds_of_day % 60));
}

void append_int(std::string& s, std::uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  s.append(buf, end);
}

// Base-36 digits of the unique counter: short, and safe in any text column.
void append_counter(std::string& s, std::uint64_t v) {
  char buf[16];
  int n = 0;
  do {
    const auto digit = static_cast<unsigned>(v % 36);
    buf[n++] = static_cast<char>(digit < 10 ? '0' + digit : 'a' + digit - 10);
    v /= 36;
  } while (v);
  while (n) s += buf[--n];
}

void append_lower(std::string& s, std::string_view word) {
  for (char c : word) {
    if (c == ' ') continue;
    s += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
}

void append_words(std::string& s, Rng& rng, int count) {
  for (int i = 0; i < count; ++i) {
    if (i) s += ' ';
    s += pick(rng, words::kLorem);
  }
}

void append_sentence(std::string& s, Rng& rng, int min_words, int max_words) {
  const std::size_t first = s.size();
  append_words(s, rng, static_cast<int>(rng.between(min_words, max_words)));
  if (s.size() > first) s[first] = static_cast<char>(s[first] - 32);
  s += '.';
}

void append_hex(std::string& s, std::uint64_t v, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) s += kHex[(v >> (4 * i)) & 15];
}

// The text of a realistic or lorem kind; `unique` adds the counter where the kind would repeat.
void append_text(ColumnPlan& c, std::uint64_t row, std::string& s) {
  Rng& rng = c.rng;
  switch (c.gen) {
    case Gen::kFirstName:
      s += pick(rng, words::kFirstNames);
      break;
    case Gen::kLastName:
      s += pick(rng, words::kLastNames);
      break;
    case Gen::kFullName:
      s += pick(rng, words::kFirstNames);
      s += ' ';
      s += pick(rng, words::kLastNames);
      break;
    case Gen::kEmail:
      append_lower(s, pick(rng, words::kFirstNames));
      s += '.';
      append_lower(s, pick(rng, words::kLastNames));
      if (c.unique) append_counter(s, c.next++);
      s += '@';
      s += pick(rng, words::kDomains);
      return;
    case Gen::kUsername:
      append_lower(s, pick(rng, words::kFirstNames));
      s += '_';
      append_int(s, rng.below(1000));
      break;
    case Gen::kPhone:
      s += "+1-";
      append_int(s, 200 + rng.below(800));
      s += '-';
      append_int(s, 100 + rng.below(900));
      s += '-';
      append_int(s, 1000 + rng.below(9000));
      break;
    case Gen::kStreet:
      append_int(s, 1 + rng.below(9999));
      s += ' ';
      s += pick(rng, words::kStreets);
      s += ' ';
      s += pick(rng, words::kStreetKinds);
      break;
    case Gen::kCity:
      s += pick(rng, words::kCities);
      break;
    case Gen::kCountry:
      s += pick(rng, words::kCountries);
      break;
    case Gen::kCompany:
      s += pick(rng, words::kCompanyWords);
      s += ' ';
      s += pick(rng, words::kCompanySuffixes);
      break;
    case Gen::kUrl:
      s += "https://www.";
      append_lower(s, pick(rng, words::kCompanyWords));
      s += '.';
      s += pick(rng, words::kDomains);
      s += '/';
      s += pick(rng, words::kLorem);
      if (c.unique) {
        s += '-';
        append_counter(s, c.next++);
      }
      return;
    case Gen::kUuid: {
      const std::uint64_t a = rng.next(), b = rng.next();
      append_hex(s, a >> 32, 8);
      s += '-';
      append_hex(s, a >> 16, 4);
      s += '-';
      append_hex(s, 0x4000 | (a & 0x0fff), 4);
      s += '-';
      append_hex(s, 0x8000 | ((b >> 48) & 0x3fff), 4);
      s += '-';
      append_hex(s, b, 12);
      return;  // unique enough: 122 random bits
    }
    case Gen::kIpv4:
      for (int i = 0; i < 4; ++i) {
        if (i) s += '.';
        append_int(s, i == 0 ? 1 + rng.below(223) : rng.below(256));
      }
      break;
    case Gen::kSentence:
      append_sentence(s, rng, c.min_words, c.max_words);
      break;
    case Gen::kParagraph: {
      const auto n = rng.between(c.min_words, c.max_words);
      for (std::int64_t i = 0; i < n; ++i) {
        if (i) s += ' ';
        append_sentence(s, rng, 4, 10);
      }
      break;
    }
    case Gen::kJson:
      s += "{\"n\": ";
      append_int(s, row);
      s += ", \"tag\": \"";
      s += pick(rng, words::kLorem);
      s += "\"}";
      return;
    default:
      append_words(s, rng, static_cast<int>(rng.between(c.min_words, c.max_words)));
      break;
  }
  if (c.unique) {
    s += ' ';
    append_counter(s, c.next++);
  }
}

// Cuts text to the column's length; a unique value keeps its counter suffix (the last word).
void fit_length(const ColumnPlan& c, std::string& s) {
  if (c.max_length <= 0 || s.size() <= static_cast<std::size_t>(c.max_length)) return;
  const auto limit = static_cast<std::size_t>(c.max_length);
  if (!c.unique) {
    s.resize(limit);
    return;
  }
  const std::size_t space = s.rfind(' ');
  const std::string suffix = space == std::string::npos ? s : s.substr(space + 1);
  if (suffix.size() >= limit) {
    s = suffix.substr(suffix.size() - limit);
  } else {
    s.resize(limit - suffix.size());
    s += suffix;
  }
}

void set_scaled(const ColumnPlan& c, std::int64_t v, Value& out) {
  if (c.out == Out::kInteger || c.decimals == 0) {
    if (c.out == Out::kText) {
      out = Value(std::to_string(v));
    } else if (c.out == Out::kReal) {
      out = Value(static_cast<double>(v));
    } else {
      out = Value(static_cast<long long>(v));
    }
    return;
  }
  std::int64_t scale = 1;
  for (int i = 0; i < c.decimals; ++i) scale *= 10;
  if (c.out == Out::kReal) {
    out = Value(static_cast<double>(v) / static_cast<double>(scale));
    return;
  }
  std::string s;
  if (v < 0) s += '-';
  const std::uint64_t a = v < 0 ? static_cast<std::uint64_t>(-v) : static_cast<std::uint64_t>(v);
  append_int(s, a / static_cast<std::uint64_t>(scale));
  s += '.';
  std::string frac;
  append_int(frac, a % static_cast<std::uint64_t>(scale));
  s.append(static_cast<std::size_t>(c.decimals) - frac.size(), '0');
  s += frac;
  out = Value(std::move(s));
}

std::int64_t draw(ColumnPlan& c) {
  if (c.unique) {
    const std::int64_t v = c.next;
    c.next += c.step;
    return v;
  }
  return c.rng.between(c.lo, c.hi);
}

void set_date_or_time(ColumnPlan& c, std::int64_t v, Value& out) {
  std::string s;
  if (c.gen == Gen::kDate) {
    append_date(s, v);
  } else if (c.gen == Gen::kTime) {
    append_time(s, ((v % 86400) + 86400) % 86400);
  } else {
    append_date(s, v >= 0 ? v / 86400 : -((-v + 86399) / 86400));
    s += ' ';
    append_time(s, ((v % 86400) + 86400) % 86400);
    if (c.utc) s += "+00:00";
  }
  out = Value(std::move(s));
}

}  // namespace

void generate_value(ColumnPlan& c, std::uint64_t row, Value& out) {
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
      c.next += c.step;
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
        out = Value(v ? "true" : "false");
      } else {
        out = Value(v);
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
  std::string s;
  append_text(c, row, s);
  fit_length(c, s);
  out = Value(std::move(s));
}

std::uint64_t hash_values(const std::vector<Value>& row, const std::vector<std::size_t>& columns) {
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
      case Value::Type::kInteger: {
        const std::string t = std::to_string(v.integer());
        mix(t.data(), t.size());
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
