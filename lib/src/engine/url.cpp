// Database URL parsing and printing.
//
// Grammar (lenient in the way SQLAlchemy is):
//   dialect[+driver]://[user[:password]@][host][:port][/database][?key=value&...]
// The authority ends at the first '/' or '?'; inside it the LAST '@' separates the user info,
// so an unencoded '@' in a password still parses. The password is never part of a message.
#include "retort/url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "engine/dialect_registry.hpp"
#include "retort/error.hpp"

namespace retort {
namespace {

constexpr std::string_view kExpected =
    "expected dialect[+driver]://user:password@host:port/database, e.g. sqlite:///app.db";

[[noreturn]] void fail(const std::string& what) {
  throw UsageError("invalid database URL: " + what);
}

bool is_unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// Percent-encodes every byte that is not unreserved and not in `safe`.
std::string encode(std::string_view text, std::string_view safe, bool keep_non_ascii) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c) || safe.find(ch) != std::string_view::npos ||
        (keep_non_ascii && c >= 0x80)) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes one part of a URL. `part` names it in messages; the text itself is never shown,
// since it may be (or be next to) a password.
std::string decode_part(std::string_view text, std::string_view part) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    int hi = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (hi < 0 || lo < 0) {
      fail("malformed percent escape in the " + std::string(part) +
           " (a '%' must be followed by two hex digits)");
    }
    char decoded = static_cast<char>(hi * 16 + lo);
    if (decoded == '\0') fail("the " + std::string(part) + " contains an encoded NUL (%00)");
    out += decoded;
    i += 2;
  }
  return out;
}

bool is_ipv6_text(std::string_view host) {
  if (host.find(':') == std::string_view::npos) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return hex_value(c) >= 0 || c == ':' || c == '.' || c == '%' || is_unreserved(c);
  });
}

int parse_port(std::string_view text) {
  int port = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  bool digits_only =
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (text.empty() || !digits_only || ec != std::errc() || end != text.data() + text.size() ||
      port < 1 || port > 65535) {
    // The port text is not shown: with an unencoded '/' in a password it may be part of it.
    fail(
        "the port must be a number from 1 to 65535 (a '/', '?' or '@' in a password must be "
        "percent-encoded)");
  }
  return port;
}

void parse_userinfo(std::string_view info, Url& url) {
  auto colon = info.find(':');
  url.user = decode_part(info.substr(0, colon), "user name");
  if (colon != std::string_view::npos)
    url.password = decode_part(info.substr(colon + 1), "password");
}

void parse_hostport(std::string_view text, Url& url) {
  std::string_view rest = text;
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    if (close == std::string_view::npos) fail("an IPv6 host is missing its closing ']'");
    url.host = std::string(rest.substr(1, close - 1));
    if (!is_ipv6_text(url.host)) fail("the bracketed host is not an IPv6 address");
    rest.remove_prefix(close + 1);
    if (!rest.empty() && rest.front() != ':') fail("unexpected text after the IPv6 host");
  } else {
    auto colon = rest.find(':');
    url.host = decode_part(rest.substr(0, colon), "host");
    rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon);
  }
  if (!rest.empty()) url.port = parse_port(rest.substr(1));
}

void parse_query(std::string_view text, Url& url) {
  while (!text.empty()) {
    auto amp = text.find('&');
    std::string_view item = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (item.empty()) continue;
    auto eq = item.find('=');
    std::string key = decode_part(item.substr(0, eq), "query");
    std::string value =
        eq == std::string_view::npos ? std::string() : decode_part(item.substr(eq + 1), "query");
    url.query.emplace_back(std::move(key), std::move(value));
  }
}

void parse_scheme(std::string_view scheme, Url& url) {
  auto plus = scheme.find('+');
  std::string_view dialect = scheme.substr(0, plus);
  if (dialect.empty()) fail(std::string("no dialect before \"://\"; ") + std::string(kExpected));
  // Schemes are case-insensitive (RFC 3986).
  std::string lower(dialect);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  url.dialect = detail::canonical_dialect_name(lower);  // throws for an unknown dialect
  if (plus != std::string_view::npos) {
    url.driver = std::string(scheme.substr(plus + 1));
    bool ok = !url.driver.empty() && std::all_of(url.driver.begin(), url.driver.end(), [](char c) {
      return is_unreserved(static_cast<unsigned char>(c));
    });
    if (!ok) fail("the driver after '+' must be a plain name");
  }
}

}  // namespace

std::string percent_encode(std::string_view text) { return encode(text, "", false); }

std::string percent_decode(std::string_view text) { return decode_part(text, "text"); }

Url Url::parse(std::string_view text) {
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) fail("it contains a control character or NUL");
  }
  auto sep = text.find("://");
  if (sep == std::string_view::npos) fail("no scheme; " + std::string(kExpected));
  Url url;
  parse_scheme(text.substr(0, sep), url);

  std::string_view rest = text.substr(sep + 3);
  auto query_at = rest.find('?');
  std::string_view query = query_at == std::string_view::npos ? "" : rest.substr(query_at + 1);
  rest = rest.substr(0, query_at);
  auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash + 1);

  auto at = authority.rfind('@');
  if (at != std::string_view::npos) {
    parse_userinfo(authority.substr(0, at), url);
    authority.remove_prefix(at + 1);
  }
  parse_hostport(authority, url);
  url.database = decode_part(path, "database");
  parse_query(query, url);

  // "sqlite:///" with nothing after it is a path left empty (e.g. "sqlite:///${DB_FILE}" with
  // DB_FILE empty), not a request for a throwaway in-memory database, which is "sqlite://".
  if (url.dialect == "sqlite" && slash != std::string_view::npos && url.database.empty()) {
    fail(
        "the sqlite URL has no path; use sqlite:///relative.db, sqlite:////absolute/path.db "
        "or sqlite:// for memory");
  }
  if (url.dialect == "sqlite" && (at != std::string_view::npos || !url.host.empty() || url.port)) {
    fail(
        "a sqlite URL takes no host, user or port; use sqlite:///relative.db, "
        "sqlite:////absolute/path.db or sqlite:// for memory");
  }
  return url;
}

namespace {
std::string render(const Url& url, bool redact) {
  std::string out = url.dialect;
  if (!url.driver.empty()) out += "+" + url.driver;
  out += "://";
  if (!url.user.empty() || url.password) {
    out += encode(url.user, "", false);
    if (url.password) out += ":" + (redact ? std::string("***") : encode(*url.password, "", false));
    out += "@";
  }
  out += is_ipv6_text(url.host) ? "[" + url.host + "]" : encode(url.host, "", true);
  if (url.port) out += ":" + std::to_string(*url.port);
  if (!url.database.empty()) out += "/" + encode(url.database, "/:@+,=!$&'()*;", true);
  for (std::size_t i = 0; i < url.query.size(); ++i) {
    out += i == 0 ? "?" : "&";
    const auto& [key, value] = url.query[i];
    out += encode(key, "", true) + "=" +
           (redact && is_secret_query_key(key) ? std::string("***") : encode(value, "", true));
  }
  return out;
}
}  // namespace

std::string Url::to_string() const { return render(*this, false); }

std::string Url::redacted() const { return render(*this, true); }

std::vector<std::string> Url::secrets() const {
  std::vector<std::string> out;
  if (password) out.push_back(*password);
  for (const auto& [key, value] : query)
    if (is_secret_query_key(key)) out.push_back(value);
  return out;
}

bool is_secret_query_key(std::string_view key) {
  return key == "password" || key == "sslpassword";
}

bool Url::is_sqlite_memory() const {
  return dialect == "sqlite" && (database.empty() || database == ":memory:");
}

std::optional<std::string> Url::query_value(std::string_view key) const {
  for (const auto& [k, v] : query) {
    if (k == key) return v;
  }
  return std::nullopt;
}

}  // namespace retort
