// Fuzzes database URLs (Url::parse). Bad input must be refused with a retort::Error. A URL
// that parses prints back to text that parses to the same Url; its redacted() form parses to
// the same Url with the password and secret query values "***"; and neither an error message nor redacted() ever
// shows a password (checked with a marker password put in front of the fuzzed authority).
#include "fuzz_support.hpp"
#include "retort/url.hpp"

using namespace retort;

namespace {

constexpr std::string_view kMarker = "Pw7MarkerQ";

void check_round_trip(const Url& url) {
  const std::string text = url.to_string();
  Url again;
  fuzz::check(fuzz::expect_typed_errors([&] { again = Url::parse(text); }),
              "to_string() of a parsed URL does not parse: " + text);
  fuzz::check(again == url, "parse(to_string(u)) != u for " + text);
  fuzz::check(again.to_string() == text, "to_string is not a fixed point for " + text);

  const std::string redacted = url.redacted();
  Url shown;
  fuzz::check(fuzz::expect_typed_errors([&] { shown = Url::parse(redacted); }),
              "redacted() does not parse: " + redacted);
  fuzz::check(shown.password.has_value() == url.password.has_value(),
              "redacted() adds or loses the password: " + redacted);
  if (url.password) {
    fuzz::check(shown.password == "***", "redacted() shows a password: " + redacted);
    shown.password = url.password;
  }
  for (std::size_t i = 0; i < shown.query.size() && i < url.query.size(); ++i) {
    if (!is_secret_query_key(url.query[i].first)) continue;
    fuzz::check(shown.query[i].second == "***", "redacted() shows a query secret: " + redacted);
    shown.query[i].second = url.query[i].second;
  }
  fuzz::check(shown == url, "redacted() changes more than the secrets: " + redacted);
}

// The fuzzed text with a marker password in front of its authority: parsing it, right or
// wrong, must never show the marker.
void check_marker_hidden(std::string_view text) {
  const std::size_t sep = text.find("://");
  if (sep == std::string_view::npos || text.find(kMarker) != std::string_view::npos) return;
  const std::string marked = std::string(text.substr(0, sep + 3)) + "user:" + std::string(kMarker) +
                             "@" + std::string(text.substr(sep + 3));
  Url url;
  try {
    url = Url::parse(marked);
  } catch (const Error& e) {
    fuzz::check(std::string_view(e.what()).find(kMarker) == std::string_view::npos,
                std::string("an error message shows the password: ") + e.what());
    return;
  }
  // The marker may also stand elsewhere once decoded ("Pw%37MarkerQ" in a query value): what
  // must hold is that redacted() does not depend on the password at all.
  Url other = url;
  other.password = "another";
  fuzz::check(!url.password || url.redacted() == other.redacted(),
              "redacted() shows the password: " + url.redacted());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  Url url;
  if (fuzz::expect_typed_errors([&] { url = Url::parse(text); })) check_round_trip(url);
  check_marker_hidden(text);
  return 0;
}
