// Values bound to statements and read from results.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace retort {

using Blob = std::vector<std::uint8_t>;

class Value {
 public:
  enum class Type { kNull, kInteger, kReal, kText, kBlob };

  Value() = default;  // null
  Value(std::nullptr_t) {}
  Value(int v) : data_(static_cast<std::int64_t>(v)) {}
  Value(long v) : data_(static_cast<std::int64_t>(v)) {}
  Value(long long v) : data_(static_cast<std::int64_t>(v)) {}
  Value(bool v) : data_(static_cast<std::int64_t>(v ? 1 : 0)) {}
  Value(double v) : data_(v) {}
  Value(std::string v) : data_(std::move(v)) {}
  Value(std::string_view v) : data_(std::string(v)) {}
  Value(const char* v) : data_(std::string(v)) {}
  Value(Blob v) : data_(std::move(v)) {}

  Type type() const { return static_cast<Type>(data_.index()); }
  bool is_null() const { return type() == Type::kNull; }

  // Typed access; the conversions are lenient where unambiguous (text "42" -> 42, integer
  // -> text, PostgreSQL "t"/"f" -> 1/0). Throws DatabaseError when a value cannot convert
  // (e.g. integer() of null or of "abc").
  std::int64_t integer() const;
  double real() const;
  std::string text() const;
  Blob blob() const;
  // The stored text or bytes, without a copy (drivers bind from them). Throw DatabaseError
  // unless the value is of type kText, respectively kBlob.
  const std::string& text_ref() const;
  const Blob& blob_ref() const;
  // The stored integer, respectively text, or null when the value holds another type: no
  // conversion and no call, for drivers binding millions of values and for generators
  // overwriting reused values in place.
  const std::int64_t* get_if_integer() const { return std::get_if<std::int64_t>(&data_); }
  const std::string* get_if_text() const { return std::get_if<std::string>(&data_); }
  std::int64_t* get_if_integer() { return std::get_if<std::int64_t>(&data_); }
  std::string* get_if_text() { return std::get_if<std::string>(&data_); }
  // Makes the value an empty text, keeping the string's storage when it already held text,
  // and returns that string for writing: rows that are reused (Session, seed) fill their
  // text values without allocating.
  std::string& text_buffer();

  // Unambiguous display for logs: NULL, 42, 1.5, 'text', x'00ff' (long values shortened).
  std::string to_display() const;

  friend bool operator==(const Value&, const Value&) = default;

 private:
  std::variant<std::monostate, std::int64_t, double, std::string, Blob> data_;
};

}  // namespace retort
