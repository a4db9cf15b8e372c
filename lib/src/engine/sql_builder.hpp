// SqlBuilder: the one place SQL text is assembled. Trusted text (keywords, punctuation,
// expressions that the user wrote as SQL in a models or revision file) is appended with
// sql(); names go through ident() and are always quoted; values go through param() and are
// bound, or through literal() where the grammar allows no parameter (DDL defaults,
// COMMENT ON), which escapes them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "retort/dialect.hpp"
#include "retort/value.hpp"

namespace retort {

// "name" with embedded double quotes doubled. Throws InputError for an empty name or one
// containing a NUL character.
std::string quote_identifier(std::string_view name);
// 'text' with embedded single quotes doubled. Throws InputError for a NUL character.
std::string quote_literal(std::string_view text);

class SqlBuilder {
 public:
  explicit SqlBuilder(const Dialect& dialect)
      : dialect_(&dialect),
        max_identifier_bytes_(dialect.max_identifier_bytes() ? dialect.max_identifier_bytes()
                                                             : std::string_view::npos) {}

  SqlBuilder& sql(std::string_view text) {
    text_ += text;
    return *this;
  }
  // Throws InputError for a name longer than the dialect's max_identifier_bytes(), which the
  // database would silently cut (and then not find under its full name).
  SqlBuilder& ident(std::string_view name) {
    if (name.size() > max_identifier_bytes_) refuse_long_identifier(name);
    text_ += quote_identifier(name);
    return *this;
  }
  // schema.name, or just name when `schema` is empty.
  SqlBuilder& qualified(std::string_view schema, std::string_view name);
  // ident, ident, ...
  SqlBuilder& ident_list(const std::vector<std::string>& names);
  SqlBuilder& literal(std::string_view text) {
    text_ += quote_literal(text);
    return *this;
  }
  // A placeholder, with `value` appended to params().
  SqlBuilder& param(Value value);

  const std::string& str() const { return text_; }
  std::string take() { return std::move(text_); }
  const std::vector<Value>& params() const { return params_; }
  std::vector<Value> take_params() { return std::move(params_); }
  const Dialect& dialect() const { return *dialect_; }

 private:
  [[noreturn]] void refuse_long_identifier(std::string_view name) const;

  const Dialect* dialect_;
  std::size_t max_identifier_bytes_;
  std::string text_;
  std::vector<Value> params_;
};

}  // namespace retort
