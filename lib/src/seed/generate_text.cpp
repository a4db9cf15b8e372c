// The text generators (names, emails, addresses, lorem...). They run once per value, so the
// fixed-shape kinds are built in a stack buffer and handed to the Value's own string in one
// assign (its capacity survives from row to row: no allocation once warm), and their word
// lists are laid out in fixed-size slots so that a word is one fixed-size copy, which the
// compiler inlines, rather than a call to memcpy. The draws from the column's Rng are the same,
// in the same order, whichever way the text is built: rows depend on the seed only.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <stdexcept>

#include "seed/seed_internal.hpp"
#include "seed/word_lists.hpp"

namespace retort::detail {
namespace {

// A word list laid out for TextWriter: each word in a zero-padded slot of kSlot bytes,
// optionally in lower case without spaces (for emails and host names).
class SlotWords {
 public:
  static constexpr std::size_t kSlot = 32;

  SlotWords(std::span<const std::string_view> words, bool lower)
      : slots_(words.size()), lengths_(words.size()) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (words[i].size() > kSlot) throw std::logic_error("seed: word list entry too long");
      std::size_t n = 0;
      for (char c : words[i]) {
        if (lower && c == ' ') continue;
        slots_[i][n++] = lower && c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
      }
      lengths_[i] = static_cast<std::uint8_t>(n);
    }
  }
  std::size_t size() const { return lengths_.size(); }
  const char* slot(std::size_t i) const { return slots_[i].data(); }
  std::size_t length(std::size_t i) const { return lengths_[i]; }

 private:
  std::vector<std::array<char, kSlot>> slots_;
  std::vector<std::uint8_t> lengths_;
};

struct WordTables {
  SlotWords first{words::kFirstNames, false}, last{words::kLastNames, false};
  SlotWords first_lower{words::kFirstNames, true}, last_lower{words::kLastNames, true};
  SlotWords streets{words::kStreets, false}, street_kinds{words::kStreetKinds, false};
  SlotWords cities{words::kCities, false}, countries{words::kCountries, false};
  SlotWords company{words::kCompanyWords, false}, company_lower{words::kCompanyWords, true};
  SlotWords suffixes{words::kCompanySuffixes, false}, domains{words::kDomains, false};
  SlotWords lorem{words::kLorem, false};
};

const WordTables& tables() {
  static const WordTables t;
  return t;
}

// Text of a bounded length under construction. kCapacity holds the longest fixed-shape kind
// (a unique URL: under 160 bytes) plus the slack a whole-slot copy writes past a word's end.
class TextWriter {
 public:
  static constexpr std::size_t kCapacity = 256;

  void word(Rng& rng, const SlotWords& list) {
    const std::size_t i = rng.below(list.size());
    std::memcpy(p_, list.slot(i), SlotWords::kSlot);
    p_ += list.length(i);
  }
  void text(std::string_view s) {
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  void ch(char c) { *p_++ = c; }
  void uint(std::uint64_t v) { p_ = std::to_chars(p_, p_ + 24, v).ptr; }
  // Base-36 digits of the unique counter: short, and safe in any text column.
  void counter(std::uint64_t v) {
    char buf[16];
    int n = sizeof buf;
    do {
      const auto digit = static_cast<unsigned>(v % 36);
      buf[--n] = static_cast<char>(digit < 10 ? '0' + digit : 'a' + digit - 10);
      v /= 36;
    } while (v);
    text(std::string_view(buf + n, sizeof buf - static_cast<std::size_t>(n)));
  }
  void hex(std::uint64_t v, int digits) {
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = 0; i < digits; ++i) p_[i] = kHex[(v >> (4 * (digits - 1 - i))) & 15];
    p_ += digits;
  }
  std::string_view view() const { return {buf_, static_cast<std::size_t>(p_ - buf_)}; }

 private:
  char buf_[kCapacity];
  char* p_ = buf_;
};

void put_uuid(Rng& rng, TextWriter& w) {
  const std::uint64_t a = rng.next(), b = rng.next();
  w.hex(a >> 32, 8);
  w.ch('-');
  w.hex(a >> 16, 4);
  w.ch('-');
  w.hex(0x4000 | (a & 0x0fff), 4);
  w.ch('-');
  w.hex(0x8000 | ((b >> 48) & 0x3fff), 4);
  w.ch('-');
  w.hex(b, 12);
}

// A fixed-shape kind; `unique` adds the counter where the kind would repeat.
void put_fixed_text(ColumnPlan& c, std::uint64_t row, TextWriter& w) {
  const WordTables& t = tables();
  Rng& rng = c.rng;
  switch (c.gen) {
    case Gen::kFirstName:
      w.word(rng, t.first);
      break;
    case Gen::kLastName:
      w.word(rng, t.last);
      break;
    case Gen::kFullName:
      w.word(rng, t.first);
      w.ch(' ');
      w.word(rng, t.last);
      break;
    case Gen::kEmail:
      w.word(rng, t.first_lower);
      w.ch('.');
      w.word(rng, t.last_lower);
      if (c.unique) {  // after a dot: "martin" + "ez5" would equal "martinez" + "5"
        w.ch('.');
        w.counter(static_cast<std::uint64_t>(c.next++));
      }
      w.ch('@');
      w.word(rng, t.domains);
      return;
    case Gen::kUsername:
      w.word(rng, t.first_lower);
      w.ch('_');
      w.uint(rng.below(1000));
      break;
    case Gen::kPhone:
      w.text("+1-");
      w.uint(200 + rng.below(800));
      w.ch('-');
      w.uint(100 + rng.below(900));
      w.ch('-');
      w.uint(1000 + rng.below(9000));
      break;
    case Gen::kStreet:
      w.uint(1 + rng.below(9999));
      w.ch(' ');
      w.word(rng, t.streets);
      w.ch(' ');
      w.word(rng, t.street_kinds);
      break;
    case Gen::kCity:
      w.word(rng, t.cities);
      break;
    case Gen::kCountry:
      w.word(rng, t.countries);
      break;
    case Gen::kCompany:
      w.word(rng, t.company);
      w.ch(' ');
      w.word(rng, t.suffixes);
      break;
    case Gen::kUrl:
      w.text("https://www.");
      w.word(rng, t.company_lower);
      w.ch('.');
      w.word(rng, t.domains);
      w.ch('/');
      w.word(rng, t.lorem);
      if (c.unique) {
        w.ch('-');
        w.counter(static_cast<std::uint64_t>(c.next++));
      }
      return;
    case Gen::kUuid:
      put_uuid(rng, w);
      return;  // unique enough: 122 random bits
    case Gen::kIpv4:
      for (int i = 0; i < 4; ++i) {
        if (i) w.ch('.');
        w.uint(i == 0 ? 1 + rng.below(223) : rng.below(256));
      }
      break;
    case Gen::kJson:
      w.text("{\"n\": ");
      w.uint(row);
      w.text(", \"tag\": \"");
      w.word(rng, t.lorem);
      w.text("\"}");
      return;
    default:
      return;
  }
  if (c.unique) {
    w.ch(' ');
    w.counter(static_cast<std::uint64_t>(c.next++));
  }
}

void append_words(std::string& s, Rng& rng, std::int64_t count) {
  for (std::int64_t i = 0; i < count; ++i) {
    if (i) s += ' ';
    s += words::kLorem[rng.below(words::kLorem.size())];
  }
}

void append_sentence(std::string& s, Rng& rng, int min_words, int max_words) {
  const std::size_t first = s.size();
  append_words(s, rng, rng.between(min_words, max_words));
  if (s.size() > first) s[first] = static_cast<char>(s[first] - 32);
  s += '.';
}

// The lorem kinds (words, sentence, paragraph): of any length, so built in the string itself.
void append_lorem(ColumnPlan& c, std::string& s) {
  Rng& rng = c.rng;
  if (c.gen == Gen::kSentence) {
    append_sentence(s, rng, c.min_words, c.max_words);
  } else if (c.gen == Gen::kParagraph) {
    const auto n = rng.between(c.min_words, c.max_words);
    for (std::int64_t i = 0; i < n; ++i) {
      if (i) s += ' ';
      append_sentence(s, rng, 4, 10);
    }
  } else {
    append_words(s, rng, rng.between(c.min_words, c.max_words));
  }
  if (c.unique) {
    TextWriter w;
    w.ch(' ');
    w.counter(static_cast<std::uint64_t>(c.next++));
    s += w.view();
  }
}

bool is_lorem(Gen g) { return g == Gen::kWords || g == Gen::kSentence || g == Gen::kParagraph; }

// Cuts text to the column's length, with no blanks left at its end: PostgreSQL compares
// char(n) without them, so "sed " cut from "sed quia" would be the same key as "sed" (and both
// dialects get the same text). A unique value keeps its counter as the text after its last
// space, the counter standing alone when no word fits beside it: that is how an uncut value
// ends too, so values of different counters differ however they were cut. (Only a counter
// longer than the column loses digits: make_unique leaves such columns to the unique set.)
// Kinds without a space (email, url) keep their end, where the counter is.
void fit_length(const ColumnPlan& c, std::string& s) {
  if (c.max_length <= 0 || s.size() <= static_cast<std::size_t>(c.max_length)) return;
  const auto limit = static_cast<std::size_t>(c.max_length);
  if (!c.unique) {
    std::size_t n = limit;
    while (n > 0 && s[n - 1] == ' ') --n;
    s.resize(n);
    return;
  }
  const std::size_t space = s.rfind(' ');  // the text is cut in place: no allocation
  if (space == std::string::npos) {
    s.erase(0, s.size() - limit);
    return;
  }
  const std::size_t counter = s.size() - space - 1;
  if (counter + 2 > limit) {  // no room for a word and a space beside the counter
    s.erase(0, s.size() - std::min(counter, limit));
    return;
  }
  std::size_t words = limit - counter - 1;
  while (words > 0 && s[words - 1] == ' ') --words;
  if (words == 0) {
    s.erase(0, space + 1);  // the text began with blanks: the counter alone
  } else {
    s.erase(words, space - words);  // the words that fit, then " " and the counter
  }
}

}  // namespace

void generate_text(ColumnPlan& c, std::uint64_t row, Value& out) {
  std::string* held = out.get_if_text();  // a reused slot mostly holds text already
  std::string& s = held ? *held : out.text_buffer();
  s.clear();
  if (is_lorem(c.gen)) {
    append_lorem(c, s);
  } else {
    TextWriter w;
    put_fixed_text(c, row, w);
    s.assign(w.view());
  }
  fit_length(c, s);
}

}  // namespace retort::detail
