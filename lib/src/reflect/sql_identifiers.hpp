// When an identifier inside SQL text needs its quotes, on every database retort speaks: the
// rule that lets a CHECK written `c > 0` in a models file compare equal to the `"c" > 0` SQLite
// stores after a column rename, without ever changing what the text means.
#pragma once

#include <string>
#include <string_view>

namespace retort::detail {

// False exactly when `name`, written bare, reads as the same identifier on SQLite and on
// PostgreSQL: lower-case ASCII letters, digits and `_`, not starting with a digit, and not a
// keyword of either database (SQLite's keyword list; PostgreSQL's keywords other than the
// unreserved ones, which PostgreSQL itself prints bare). Everything else keeps its quotes:
// upper case (PostgreSQL folds bare names), spaces, non-ASCII, keywords such as `order`.
bool needs_quotes(std::string_view name);

// `sql` with the quotes removed from every quoted identifier ("c", [c], `c`) whose name does
// not need them. String literals, comments, bare words and the rest of the text are kept byte
// for byte; a space is added where the bare name would otherwise run into a neighbouring word.
std::string unquote_identifiers(std::string_view sql);

}  // namespace retort::detail
