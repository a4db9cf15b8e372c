// CSV fixture files (RFC 4180 subset: quoted fields with doubled quotes, CRLF or LF).
#include "seed/csv_fixtures.hpp"

#include <fstream>
#include <optional>
#include <sstream>

#include "retort/error.hpp"

namespace retort::detail {
namespace {

// Splits the text into records of fields; a field is nullopt when empty and unquoted.
std::vector<std::vector<std::optional<std::string>>> parse_csv(const std::string& text,
                                                               std::vector<int>& lines) {
  std::vector<std::vector<std::optional<std::string>>> records;
  std::vector<std::optional<std::string>> record;
  std::string field;
  bool quoted = false, was_quoted = false, in_quotes = false;
  int line = 1, record_line = 1;
  auto end_field = [&] {
    record.push_back(field.empty() && !was_quoted ? std::nullopt : std::optional(field));
    field.clear();
    was_quoted = false;
  };
  auto end_record = [&] {
    end_field();
    if (!(record.size() == 1 && !record[0])) {
      records.push_back(std::move(record));
      lines.push_back(record_line);
    }
    record.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      in_quotes = quoted = was_quoted = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      record_line = ++line;
    } else {
      field += c;
    }
  }
  (void)quoted;
  if (!field.empty() || was_quoted || !record.empty()) end_record();
  return records;
}

}  // namespace

std::vector<FixtureRow> read_csv_fixtures(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read CSV fixtures \"" + path.string() + "\"");
  std::ostringstream text;
  text << in.rdbuf();
  std::vector<int> lines;
  const auto records = parse_csv(text.str(), lines);
  std::vector<FixtureRow> rows;
  if (records.empty()) return rows;
  const auto& header = records[0];
  for (std::size_t r = 1; r < records.size(); ++r) {
    const SourceLocation at{path.string(), lines[r], 1};
    if (records[r].size() != header.size())
      throw InputError(at.to_string() + ": " + std::to_string(records[r].size()) +
                       " fields, but the header has " + std::to_string(header.size()));
    FixtureRow row;
    row.location = at;
    for (std::size_t c = 0; c < header.size(); ++c) {
      const std::string name = header[c].value_or("");
      if (name == "_key") {
        row.key = records[r][c].value_or("");
      } else {
        row.values.emplace_back(name, records[r][c]);
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace retort::detail
