// Value conversions. They are lenient only where the meaning is unambiguous: numbers held
// as text (PostgreSQL returns numeric as text), booleans as "t"/"f", integral reals.
#include "retort/value.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "retort/error.hpp"

namespace retort {
namespace {

// Displayed text and blobs are cut beyond these sizes (in bytes) to keep log lines short.
constexpr std::size_t kDisplayTextLimit = 200;
constexpr std::size_t kDisplayBlobLimit = 32;

const char* type_name(Value::Type type) {
  switch (type) {
    case Value::Type::kNull:
      return "NULL";
    case Value::Type::kInteger:
      return "an integer";
    case Value::Type::kReal:
      return "a real";
    case Value::Type::kText:
      return "text";
    case Value::Type::kBlob:
      return "a blob";
  }
  return "a value";
}

[[noreturn]] void cannot_convert(const Value& value, const char* target) {
  std::string what =
      value.is_null() ? "NULL" : type_name(value.type()) + (" " + value.to_display());
  throw DatabaseError("cannot convert " + what + " to " + target);
}

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

std::string format_real(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  std::string out(buffer, end);
  if (out.find_first_of(".e") == std::string::npos) out += ".0";
  return out;
}

}  // namespace

std::int64_t Value::integer() const {
  switch (type()) {
    case Type::kInteger:
      return std::get<std::int64_t>(data_);
    case Type::kReal: {
      double v = std::get<double>(data_);
      // 2^63 is exactly representable; anything at or beyond it does not fit.
      if (std::trunc(v) == v && v >= -9223372036854775808.0 && v < 9223372036854775808.0) {
        return static_cast<std::int64_t>(v);
      }
      break;
    }
    case Type::kText: {
      const std::string& s = std::get<std::string>(data_);
      if (s == "t" || s == "true") return 1;
      if (s == "f" || s == "false") return 0;
      std::int64_t v = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (!s.empty() && ec == std::errc() && end == s.data() + s.size()) return v;
      break;
    }
    default:
      break;
  }
  cannot_convert(*this, "an integer");
}

double Value::real() const {
  switch (type()) {
    case Type::kInteger:
      return static_cast<double>(std::get<std::int64_t>(data_));
    case Type::kReal:
      return std::get<double>(data_);
    case Type::kText: {
      const std::string& s = std::get<std::string>(data_);
      if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
      if (s == "Infinity") return std::numeric_limits<double>::infinity();
      if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
      double v = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (!s.empty() && ec == std::errc() && end == s.data() + s.size()) return v;
      break;
    }
    default:
      break;
  }
  cannot_convert(*this, "a real");
}

std::string Value::text() const {
  switch (type()) {
    case Type::kInteger:
      return std::to_string(std::get<std::int64_t>(data_));
    case Type::kReal:
      return format_real(std::get<double>(data_));
    case Type::kText:
      return std::get<std::string>(data_);
    case Type::kBlob: {
      const Blob& b = std::get<Blob>(data_);
      return std::string(b.begin(), b.end());
    }
    case Type::kNull:
      break;
  }
  cannot_convert(*this, "text");
}

Blob Value::blob() const {
  if (type() == Type::kBlob) return std::get<Blob>(data_);
  if (type() == Type::kText) {
    const std::string& s = std::get<std::string>(data_);
    return Blob(s.begin(), s.end());
  }
  cannot_convert(*this, "a blob");
}

std::string& Value::text_buffer() {
  if (auto* text = std::get_if<std::string>(&data_)) {
    text->clear();
    return *text;
  }
  return data_.emplace<std::string>();
}

const std::string& Value::text_ref() const {
  if (type() != Type::kText) cannot_convert(*this, "text");
  return std::get<std::string>(data_);
}

const Blob& Value::blob_ref() const {
  if (type() != Type::kBlob) cannot_convert(*this, "a blob");
  return std::get<Blob>(data_);
}

std::string Value::to_display() const {
  switch (type()) {
    case Type::kNull:
      return "NULL";
    case Type::kInteger:
      return std::to_string(std::get<std::int64_t>(data_));
    case Type::kReal:
      return format_real(std::get<double>(data_));
    case Type::kText: {
      const std::string& s = std::get<std::string>(data_);
      std::string_view shown = utf8_prefix(s, kDisplayTextLimit);
      std::string out = "'";
      for (char c : shown) out += c == '\'' ? std::string("''") : std::string(1, c);
      out += "'";
      if (shown.size() < s.size()) out += "...(" + std::to_string(s.size()) + " bytes)";
      return out;
    }
    case Type::kBlob: {
      static constexpr char kHex[] = "0123456789abcdef";
      const Blob& b = std::get<Blob>(data_);
      std::size_t shown = std::min(b.size(), kDisplayBlobLimit);
      std::string out = "x'";
      for (std::size_t i = 0; i < shown; ++i) {
        out += kHex[b[i] >> 4];
        out += kHex[b[i] & 0xF];
      }
      out += "'";
      if (shown < b.size()) out += "...(" + std::to_string(b.size()) + " bytes)";
      return out;
    }
  }
  return "?";
}

}  // namespace retort
