#include "reflect/canonical.hpp"

#include <algorithm>
#include <tuple>

#include "reflect/sql_identifiers.hpp"
#include "reflect/sql_tokens.hpp"
#include "retort/error.hpp"

namespace retort::detail {

namespace {

void canonicalize_table(Table& table) {
  auto& fks = table.foreign_keys;
  std::sort(fks.begin(), fks.end(), [](const ForeignKey& a, const ForeignKey& b) {
    return std::tie(a.name, a.columns, a.ref_schema, a.ref_table, a.ref_columns) <
           std::tie(b.name, b.columns, b.ref_schema, b.ref_table, b.ref_columns);
  });
  auto& uniques = table.unique_constraints;
  std::sort(uniques.begin(), uniques.end(), [](const auto& a, const auto& b) {
    return std::tie(a.name, a.columns) < std::tie(b.name, b.columns);
  });
  auto& checks = table.check_constraints;
  std::sort(checks.begin(), checks.end(), [](const auto& a, const auto& b) {
    return std::tie(a.name, a.expression) < std::tie(b.name, b.expression);
  });
  std::sort(table.indexes.begin(), table.indexes.end(),
            [](const Index& a, const Index& b) { return a.name < b.name; });
}

// A literal optionally followed by a cast (PostgreSQL prints 'abc'::text, '-1'::integer):
// the tokens of the literal part, or an empty range when the text is not of that form.
bool literal_before_cast(const std::vector<Token>& tokens, std::size_t& literal_end) {
  literal_end = tokens.size();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].is_punct("::")) {
      literal_end = i;
      break;
    }
  }
  // After the cast: a type name made of words, quoted names, dots, [] and (n[, m]).
  for (std::size_t i = literal_end + 1; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const bool type_token = t.is_identifier() || t.kind == TokenKind::kNumber || t.is_punct(".") ||
                            t.is_punct("(") || t.is_punct(")") || t.is_punct(",") ||
                            t.is_punct("[") || t.is_punct("]");
    if (!type_token) return false;
  }
  return literal_end > 0;
}

}  // namespace

void canonicalize(MetaData& metadata) {
  std::sort(metadata.schemas.begin(), metadata.schemas.end());
  metadata.schemas.erase(std::unique(metadata.schemas.begin(), metadata.schemas.end()),
                         metadata.schemas.end());
  std::sort(metadata.enums.begin(), metadata.enums.end(), [](const auto& a, const auto& b) {
    return std::tie(a.schema, a.name) < std::tie(b.schema, b.name);
  });
  // Tables are large: sort their positions and move each table once (sorting the tables
  // themselves moved every Table O(log n) times, 12x the work from 2,000 to 10,000 tables).
  auto& tables = metadata.tables;
  std::vector<std::size_t> order(tables.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(tables[a].schema, tables[a].name) < std::tie(tables[b].schema, tables[b].name);
  });
  std::vector<Table> sorted;
  sorted.reserve(tables.size());
  for (std::size_t i : order) sorted.push_back(std::move(tables[i]));
  tables = std::move(sorted);
  for (Table& table : metadata.tables) canonicalize_table(table);
}

Type type_from_sql(std::string_view spelling) {
  Type type;
  try {
    type = Type::parse(spelling);
  } catch (const InputError&) {
    type = Type{};
    type.kind = TypeKind::kRaw;
    type.name = std::string(spelling);
  }
  // numeric(p, 0) is numeric(p) (the SQL standard's default scale); PostgreSQL prints the 0.
  if (type.kind == TypeKind::kNumeric && type.scale == 0) type.scale.reset();
  type.spelling = std::string(spelling);
  return type;
}

DefaultValue default_from_sql(std::string_view sql) {
  const std::string text = strip_outer_parens(sql);
  const std::vector<Token> tokens = tokenize_sql(text);
  std::size_t end = 0;
  if (!literal_before_cast(tokens, end)) return DefaultValue::expression(text);
  const bool signed_number = end == 2 && (tokens[0].is_punct("-") || tokens[0].is_punct("+")) &&
                             tokens[1].kind == TokenKind::kNumber;
  if (signed_number) {
    return DefaultValue::literal((tokens[0].text == "-" ? "-" : "") + tokens[1].text);
  }
  if (end != 1) return DefaultValue::expression(text);
  const Token& t = tokens[0];
  if (t.kind == TokenKind::kNumber) return DefaultValue::literal(t.text);
  if (t.kind == TokenKind::kString && text[t.begin] == '\'') return DefaultValue::literal(t.text);
  if (t.is_word("true") || t.is_word("false")) return DefaultValue::literal(ascii_lower(t.text));
  if (t.is_word("NULL")) return DefaultValue::expression("NULL");
  return DefaultValue::expression(text);
}

std::string normalize_expression(std::string_view sql) {
  return unquote_identifiers(strip_outer_parens(sql));
}

}  // namespace retort::detail
