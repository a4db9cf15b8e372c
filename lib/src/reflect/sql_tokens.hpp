// A small SQL tokenizer for reading the DDL text a database stores (SQLite's sqlite_schema.sql)
// and for normalising expressions the catalogs print. It understands what SQLite accepts:
// identifiers quoted with "", [] or ``, string literals with doubled quotes, blob literals,
// numbers, -- and /* */ comments, and punctuation. It never rejects input: an unterminated
// quote or comment runs to the end of the text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace retort::detail {

enum class TokenKind {
  kWord,         // bare identifier or keyword: abc, INTEGER, _x1
  kQuotedIdent,  // "a b", [a b], `a b`
  kString,       // 'text' (also X'00ff' blobs, with `text` the whole literal)
  kNumber,       // 42, 1.5, .5, 1e3, 0x1F
  kPunct,        // ( ) , ; . and operators, one token per operator
};

struct Token {
  TokenKind kind = TokenKind::kPunct;
  std::string text;       // identifiers and strings unquoted; everything else verbatim
  std::size_t begin = 0;  // byte range of the token in the source, quotes included
  std::size_t end = 0;

  bool is_word(std::string_view keyword) const;  // a bare word equal ignoring ASCII case
  bool is_punct(std::string_view p) const { return kind == TokenKind::kPunct && text == p; }
  bool is_identifier() const { return kind == TokenKind::kWord || kind == TokenKind::kQuotedIdent; }
};

std::vector<Token> tokenize_sql(std::string_view sql);

// Index of the token closing the parenthesis opened at `open` (a "(" token), or tokens.size()
// when it is never closed.
std::size_t matching_paren(const std::vector<Token>& tokens, std::size_t open);

// The source text from token `first` to token `last` inclusive (empty when first > last).
std::string source_between(std::string_view sql, const std::vector<Token>& tokens,
                           std::size_t first, std::size_t last);

// `sql` without parentheses that enclose all of it, and without surrounding blanks:
// "((a > 0))" -> "a > 0"; "(a) + (b)" is unchanged.
std::string strip_outer_parens(std::string_view sql);

// Sets `value` to the content of the string literal `sql` ('it''s' -> it's, surrounding blanks
// allowed) and returns true; returns false when `sql` is not exactly one string literal.
bool unquote_string_literal(std::string_view sql, std::string& value);

// ASCII lower-case copy.
std::string ascii_lower(std::string_view text);

}  // namespace retort::detail
