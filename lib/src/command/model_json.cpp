// The JSON form of the schema model (docs/cli.md, "The JSON form"). Spellings follow the models
// file (no_action, initially_deferred, by_default, many_to_one, canonical type text), so that a
// reader who knows one form knows the other.
#include "command/model_json.hpp"

namespace retort::detail {
namespace {

using Json = nlohmann::ordered_json;

// Absent text is null, so that every key is always there and "" never has to be guessed at.
Json text_or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

const char* action_name(ReferentialAction action) {
  switch (action) {
    case ReferentialAction::kNoAction:
      return "no_action";
    case ReferentialAction::kRestrict:
      return "restrict";
    case ReferentialAction::kCascade:
      return "cascade";
    case ReferentialAction::kSetNull:
      return "set_null";
    case ReferentialAction::kSetDefault:
      return "set_default";
  }
  return "no_action";
}

Json deferrable_json(Deferrable deferrable) {
  switch (deferrable) {
    case Deferrable::kNotDeferrable:
      break;
    case Deferrable::kInitiallyImmediate:
      return "initially_immediate";
    case Deferrable::kInitiallyDeferred:
      return "initially_deferred";
  }
  return nullptr;
}

Json identity_json(Identity identity) {
  switch (identity) {
    case Identity::kNone:
      break;
    case Identity::kAlways:
      return "always";
    case Identity::kByDefault:
      return "by_default";
  }
  return nullptr;
}

Json default_json(const std::optional<DefaultValue>& value) {
  if (!value) return nullptr;
  const bool literal = value->kind == DefaultValue::Kind::kLiteral;
  return Json{{"kind", literal ? "literal" : "expression"}, {"value", value->text}};
}

Json column_json(const Column& column) {
  Json computed = nullptr;
  if (column.computed) {
    computed = Json{{"sql", column.computed->expression}, {"stored", column.computed->stored}};
  }
  return Json{{"name", column.name},
              {"type", column.type.to_string()},
              {"nullable", column.nullable},
              {"default", default_json(column.server_default)},
              {"autoincrement", column.autoincrement},
              {"identity", identity_json(column.identity)},
              {"computed", computed},
              {"collation", text_or_null(column.collation)},
              {"comment", text_or_null(column.comment)}};
}

Json foreign_key_json(const ForeignKey& fk) {
  Json references = {{"schema", text_or_null(fk.ref_schema)},
                     {"table", fk.ref_table},
                     {"columns", fk.ref_columns}};
  return Json{{"name", text_or_null(fk.name)},
              {"columns", fk.columns},
              {"references", references},
              {"on_delete", action_name(fk.on_delete)},
              {"on_update", action_name(fk.on_update)},
              {"deferrable", deferrable_json(fk.deferrable)}};
}

Json index_json(const Index& index) {
  Json elements = Json::array();
  for (const IndexElement& element : index.elements) {
    elements.push_back(Json{{"column", text_or_null(element.column)},
                            {"expression", text_or_null(element.expression)},
                            {"desc", element.descending}});
  }
  return Json{{"name", index.name},
              {"unique", index.unique},
              {"elements", elements},
              {"where", text_or_null(index.where)}};
}

Json relationship_json(const Relationship& relationship) {
  return Json{{"name", relationship.name},
              {"target", relationship.target},
              {"kind", to_string(relationship.kind)},
              {"secondary", text_or_null(relationship.secondary)},
              {"back_populates", text_or_null(relationship.back_populates)},
              {"cascade", text_or_null(relationship.cascade)}};
}

// Maps each item of `items` through `convert` into a JSON array (empty lists stay []).
template <typename Item, typename Convert>
Json array_of(const std::vector<Item>& items, Convert convert) {
  Json out = Json::array();
  for (const Item& item : items) out.push_back(convert(item));
  return out;
}

Json table_json(const Table& table) {
  Json primary_key = nullptr;
  if (table.primary_key) {
    primary_key = Json{{"name", text_or_null(table.primary_key->name)},
                       {"columns", table.primary_key->columns}};
  }
  return Json{
      {"schema", text_or_null(table.schema)},
      {"name", table.name},
      {"comment", text_or_null(table.comment)},
      {"columns", array_of(table.columns, column_json)},
      {"primary_key", primary_key},
      {"foreign_keys", array_of(table.foreign_keys, foreign_key_json)},
      {"unique", array_of(table.unique_constraints,
                          [](const UniqueConstraint& u) {
                            return Json{{"name", text_or_null(u.name)}, {"columns", u.columns}};
                          })},
      {"checks", array_of(table.check_constraints,
                          [](const CheckConstraint& c) {
                            return Json{{"name", text_or_null(c.name)}, {"sql", c.expression}};
                          })},
      {"indexes", array_of(table.indexes, index_json)},
      {"relationships", array_of(table.relationships, relationship_json)},
      {"options", Json{{"without_rowid", table.without_rowid}, {"strict", table.strict}}}};
}

}  // namespace

Json model_to_json(const MetaData& metadata) {
  Json enums = array_of(metadata.enums, [](const EnumType& e) {
    return Json{{"schema", text_or_null(e.schema)}, {"name", e.name}, {"values", e.values}};
  });
  return Json{{"schemas", metadata.schemas},
              {"enums", enums},
              {"tables", array_of(metadata.tables, table_json)}};
}

}  // namespace retort::detail
