#include "engine/sql_builder.hpp"

#include "retort/error.hpp"

namespace retort {

std::string quote_identifier(std::string_view name) {
  if (name.empty()) throw InputError("empty identifier");
  std::string out;
  out.reserve(name.size() + 2);
  out += '"';
  for (char c : name) {
    if (c == '\0') throw InputError("identifier contains a NUL character");
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string quote_literal(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  for (char c : text) {
    if (c == '\0') throw InputError("string literal contains a NUL character");
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

void SqlBuilder::refuse_long_identifier(std::string_view name) const {
  throw InputError(std::string(dialect_->name()) + ": the name " + quote_identifier(name) +
                   " is " + std::to_string(name.size()) + " bytes long; " +
                   std::string(dialect_->name()) + " keeps at most " +
                   std::to_string(dialect_->max_identifier_bytes()) +
                   " and would silently cut it: use a shorter name");
}

SqlBuilder& SqlBuilder::qualified(std::string_view schema, std::string_view name) {
  if (!schema.empty()) {
    ident(schema);
    text_ += '.';
  }
  return ident(name);
}

SqlBuilder& SqlBuilder::ident_list(const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) text_ += ", ";
    ident(names[i]);
  }
  return *this;
}

SqlBuilder& SqlBuilder::param(Value value) {
  params_.push_back(std::move(value));
  text_ += dialect_->placeholder(static_cast<int>(params_.size()));
  return *this;
}

}  // namespace retort
