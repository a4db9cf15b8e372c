// Database URLs: dialect[+driver]://user:password@host:port/database?key=value
//
//   sqlite:///relative.db      path relative to the working directory
//   sqlite:////abs/path.db     absolute path
//   sqlite://                  in-memory database (also sqlite:///:memory:)
//   postgresql://app:s%40cret@127.0.0.1:5432/app?sslmode=disable
//
// User, password, database and query values are percent-decoded when parsed and encoded
// again by to_string(). A password is never shown in logs or errors: use redacted().
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace retort {

struct Url {
  std::string dialect;  // "sqlite" or "postgresql" ("postgres" is accepted and normalised)
  std::string driver;   // optional, after '+'
  std::string user;
  std::optional<std::string> password;
  std::string host;
  std::optional<int> port;
  std::string database;  // SQLite: the file path ("" or ":memory:" for memory)
  std::vector<std::pair<std::string, std::string>> query;

  // Throws UsageError naming what is wrong; the message never contains the password.
  static Url parse(std::string_view text);

  // The full URL, password included. For connecting only; never log it.
  std::string to_string() const;
  // The URL with the password, and the value of every query parameter that carries one
  // (is_secret_query_key), replaced by "***"; use in every log line and message.
  std::string redacted() const;
  // The password and the secret query values: what no output may show.
  std::vector<std::string> secrets() const;

  bool is_sqlite_memory() const;
  // The value of query parameter `key`, if present.
  std::optional<std::string> query_value(std::string_view key) const;

  friend bool operator==(const Url&, const Url&) = default;
};

// Query parameters libpq reads a secret from: "password" and "sslpassword".
bool is_secret_query_key(std::string_view key);

std::string percent_encode(std::string_view text);
// Throws UsageError on a malformed escape.
std::string percent_decode(std::string_view text);

}  // namespace retort
