// Fuzzes split_sql, the statement splitter of `execute` operations. Its contract
// (ops.hpp): statements end at top-level ';', are trimmed, and empty ones are dropped. So the
// pieces are non-empty, untrimmable substrings of the input, in order, and what lies between
// them is only whitespace and ';' (at least one ';' between two pieces): nothing the user
// wrote, comments included, is lost or reordered. A piece is one statement: splitting it
// again gives itself.
#include <cctype>

#include "fuzz_support.hpp"
#include "retort/ops.hpp"

using namespace retort;

namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// True when `gap` is whitespace and ';' only; counts the ';'.
bool is_separator(std::string_view gap, std::size_t& semicolons) {
  semicolons = 0;
  for (char c : gap) {
    if (c == ';') {
      ++semicolons;
    } else if (!is_space(c)) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view sql = fuzz::as_text(data, size);
  std::vector<std::string> pieces;
  fuzz::check(fuzz::expect_typed_errors([&] { pieces = split_sql(sql); }),
              "split_sql threw on some input");
  std::size_t cursor = 0, semicolons = 0;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const std::string& piece = pieces[i];
    fuzz::check(!piece.empty(), "an empty statement");
    fuzz::check(!is_space(piece.front()) && !is_space(piece.back()), "an untrimmed statement");
    const std::size_t at = sql.find(piece, cursor);
    fuzz::check(at != std::string_view::npos,
                "statement " + std::to_string(i) + " is not in the input in order");
    fuzz::check(is_separator(sql.substr(cursor, at - cursor), semicolons),
                "text lost before statement " + std::to_string(i));
    fuzz::check(i == 0 || semicolons > 0, "two statements without a ';' between them");
    cursor = at + piece.size();
    const std::vector<std::string> again = split_sql(piece);
    fuzz::check(again.size() == 1 && again[0] == piece, "a statement splits again: " + piece);
  }
  fuzz::check(is_separator(sql.substr(cursor), semicolons), "text lost after the last statement");
  return 0;
}
