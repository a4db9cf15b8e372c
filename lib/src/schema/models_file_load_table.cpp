// Loading the table-level parts of the models file: primary key, foreign keys, unique and
// check constraints, indexes and relationships. Grammar: docs/models.md.
#include <algorithm>

#include "retort/suggest.hpp"
#include "schema/models_grammar.hpp"
#include "schema/models_loader.hpp"

namespace retort::detail {
namespace {

constexpr std::string_view kPrimaryKeyKeys[] = {"name", "columns"};
constexpr std::string_view kForeignKeyKeys[] = {"name",      "columns",   "references",
                                                "on_delete", "on_update", "deferrable"};
constexpr std::string_view kReferenceKeys[] = {"schema", "table", "columns"};
constexpr std::string_view kUniqueKeys[] = {"name", "columns"};
constexpr std::string_view kCheckKeys[] = {"name", "sql"};
constexpr std::string_view kIndexKeys[] = {"name", "columns", "elements", "unique", "where"};
constexpr std::string_view kElementKeys[] = {"column", "expression", "desc"};
constexpr std::string_view kRelationshipKeys[] = {"target", "kind", "secondary", "back_populates",
                                                  "cascade"};

std::string optional_text(const YamlReader& reader, const YamlNode& map, std::string_view key,
                          const std::string& context) {
  const YamlNode* node = map.find(key);
  return node ? reader.text(*node, context, in_quotes(key)) : std::string();
}

}  // namespace

std::string parse_word(const YamlReader& reader, const YamlNode& node, std::string_view context,
                       std::string_view what, std::span<const std::string_view> words) {
  const std::string word = reader.text(node, context, what);
  if (std::find(words.begin(), words.end(), word) != words.end()) return word;
  std::string message = std::string(context) + std::string(what) + " must be one of ";
  for (std::size_t i = 0; i < words.size(); ++i) {
    message += (i ? ", " : "") + std::string(words[i]);
  }
  message += ", not " + in_quotes(word);
  if (auto guess = did_you_mean(word, words))
    message += " (did you mean " + in_quotes(*guess) + "?)";
  reader.fail(node, message);
}

void load_foreign_key_actions(const YamlReader& reader, const YamlNode& map,
                              const std::string& context, ForeignKey& fk) {
  if (const YamlNode* node = map.find("on_delete")) {
    fk.on_delete = *action_from_word(parse_word(reader, *node, context, "on_delete", kActionWords));
  }
  if (const YamlNode* node = map.find("on_update")) {
    fk.on_update = *action_from_word(parse_word(reader, *node, context, "on_update", kActionWords));
  }
  if (const YamlNode* node = map.find("deferrable")) {
    fk.deferrable =
        *deferrable_from_word(parse_word(reader, *node, context, "deferrable", kDeferrableWords));
  }
}

std::vector<std::string> ModelsLoader::load_column_list(const YamlNode& node, ObjectRef where,
                                                        const std::string& context,
                                                        std::string_view what) {
  std::vector<std::string> columns = reader_.texts(node, context, what);
  where.part = where.part == ObjectPart::kWhole ? ObjectPart::kColumns : where.part;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    where.member = static_cast<int>(i);
    record(where, *node.items[i]);
  }
  return columns;
}

void ModelsLoader::load_primary_key(Table& table, int ti, const YamlNode* node,
                                    const ColumnExtras& extras, const std::string& context) {
  const ObjectRef where{ObjectKind::kPrimaryKey, ti};
  if (node != nullptr) {
    if (!extras.primary_key.empty()) {
      reader_.fail(*node, context + "primary key given both on columns and in \"primary_key\"");
    }
    record(where, *node);
    PrimaryKey& pk = table.primary_key.emplace();
    if (node->is_sequence()) {
      pk.columns = load_column_list(*node, where, context, "\"primary_key\"");
    } else if (node->is_map()) {
      reader_.check_keys(*node, kPrimaryKeyKeys, context + "primary_key: ");
      pk.name = optional_text(reader_, *node, "name", context);
      if (const YamlNode* columns = node->find("columns")) {
        pk.columns = load_column_list(*columns, where, context, "\"columns\"");
      }
    } else {
      reader_.fail(*node, context +
                              "\"primary_key\" must be a sequence of columns or a mapping, not " +
                              std::string(node_kind(*node)));
    }
  } else if (!extras.primary_key.empty()) {
    PrimaryKey& pk = table.primary_key.emplace();
    record(where, *extras.primary_key_nodes.front());
    for (std::size_t i = 0; i < extras.primary_key.size(); ++i) {
      pk.columns.push_back(table.columns[extras.primary_key[i]].name);
      record({ObjectKind::kPrimaryKey, ti, -1, ObjectPart::kColumns, static_cast<int>(i)},
             *extras.primary_key_nodes[i]);
    }
  }
  if (!table.primary_key) return;
  // Primary-key columns are NOT NULL unless the column says `nullable: true` explicitly.
  const std::vector<std::string>& key = table.primary_key->columns;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const bool in_key = std::find(key.begin(), key.end(), table.columns[c].name) != key.end();
    if (in_key && !extras.explicit_nullable[c]) table.columns[c].nullable = false;
  }
}

void ModelsLoader::load_foreign_keys(Table& table, int ti, const YamlNode& node,
                                     const std::string& context) {
  reader_.expect_sequence(node, context, "\"foreign_keys\"");
  for (const YamlNode* item : node.items) load_foreign_key(table, ti, *item, context);
}

void ModelsLoader::load_foreign_key(Table& table, int ti, const YamlNode& node,
                                    const std::string& context) {
  const ObjectRef where{ObjectKind::kForeignKey, ti, static_cast<int>(table.foreign_keys.size())};
  reader_.expect_map(node, context, "a foreign key");
  reader_.check_keys(node, kForeignKeyKeys, context + "foreign key: ");
  record(where, node);
  ForeignKey fk;
  fk.name = optional_text(reader_, node, "name", context);
  if (const YamlNode* columns = node.find("columns")) {
    fk.columns = load_column_list(*columns, where, context, "\"columns\"");
  }
  const YamlNode* references = node.find("references");
  if (references == nullptr)
    reader_.fail(node, context + "foreign key: missing key \"references\"");
  reader_.expect_map(*references, context, "\"references\"");
  reader_.check_keys(*references, kReferenceKeys, context + "references: ");
  fk.ref_schema = optional_text(reader_, *references, "schema", context);
  fk.ref_table = optional_text(reader_, *references, "table", context);
  if (const YamlNode* ref_table = references->find("table")) {
    record({where.kind, ti, where.item, ObjectPart::kRefTable}, *ref_table);
  }
  if (const YamlNode* ref_columns = references->find("columns")) {
    fk.ref_columns =
        load_column_list(*ref_columns, {where.kind, ti, where.item, ObjectPart::kRefColumns},
                         context, "\"columns\"");
  }
  load_foreign_key_actions(reader_, node, context, fk);
  table.foreign_keys.push_back(std::move(fk));
}

void ModelsLoader::load_uniques(Table& table, int ti, const YamlNode& node,
                                const std::string& context) {
  reader_.expect_sequence(node, context, "\"unique\"");
  for (const YamlNode* item : node.items) {
    const ObjectRef where{ObjectKind::kUnique, ti,
                          static_cast<int>(table.unique_constraints.size())};
    reader_.expect_map(*item, context, "a unique constraint");
    reader_.check_keys(*item, kUniqueKeys, context + "unique: ");
    record(where, *item);
    UniqueConstraint uq;
    uq.name = optional_text(reader_, *item, "name", context);
    if (const YamlNode* columns = item->find("columns")) {
      uq.columns = load_column_list(*columns, where, context, "\"columns\"");
    }
    table.unique_constraints.push_back(std::move(uq));
  }
}

void ModelsLoader::load_checks(Table& table, int ti, const YamlNode& node,
                               const std::string& context) {
  reader_.expect_sequence(node, context, "\"checks\"");
  for (const YamlNode* item : node.items) {
    reader_.expect_map(*item, context, "a check constraint");
    reader_.check_keys(*item, kCheckKeys, context + "check: ");
    record({ObjectKind::kCheck, ti, static_cast<int>(table.check_constraints.size())}, *item);
    table.check_constraints.push_back({optional_text(reader_, *item, "name", context),
                                       optional_text(reader_, *item, "sql", context)});
  }
}

void ModelsLoader::load_indexes(Table& table, int ti, const YamlNode& node,
                                const std::string& context) {
  reader_.expect_sequence(node, context, "\"indexes\"");
  for (const YamlNode* item : node.items) load_index(table, ti, *item, context);
}

void ModelsLoader::load_index(Table& table, int ti, const YamlNode& node,
                              const std::string& context) {
  const ObjectRef where{ObjectKind::kIndex, ti, static_cast<int>(table.indexes.size())};
  const ObjectRef elements_ref{where.kind, ti, where.item, ObjectPart::kElements};
  reader_.expect_map(node, context, "an index");
  record(where, node);
  Index index;
  index.name = optional_text(reader_, node, "name", context);
  const std::string index_ctx =
      context + (index.name.empty() ? "index: " : "index " + in_quotes(index.name) + ": ");
  reader_.check_keys(node, kIndexKeys, index_ctx);
  const YamlNode* columns = node.find("columns");
  const YamlNode* elements = node.find("elements");
  if (columns && elements) {
    reader_.fail(*elements, index_ctx + "give either \"columns\" or \"elements\"");
  }
  if (columns) {
    for (std::string& column : load_column_list(*columns, elements_ref, index_ctx, "\"columns\"")) {
      index.elements.push_back({std::move(column), "", false});
    }
  }
  if (elements) {
    reader_.expect_sequence(*elements, index_ctx, "\"elements\"");
    for (std::size_t i = 0; i < elements->items.size(); ++i) {
      const YamlNode& element = *elements->items[i];
      reader_.expect_map(element, index_ctx, "an index element");
      reader_.check_keys(element, kElementKeys, index_ctx);
      record({where.kind, ti, where.item, ObjectPart::kElements, static_cast<int>(i)}, element);
      IndexElement& e = index.elements.emplace_back();
      e.column = optional_text(reader_, element, "column", index_ctx);
      e.expression = optional_text(reader_, element, "expression", index_ctx);
      if (const YamlNode* desc = element.find("desc")) {
        e.descending = reader_.flag(*desc, index_ctx, "\"desc\"");
      }
    }
  }
  if (const YamlNode* unique = node.find("unique")) {
    index.unique = reader_.flag(*unique, index_ctx, "\"unique\"");
  }
  index.where = optional_text(reader_, node, "where", index_ctx);
  table.indexes.push_back(std::move(index));
}

void ModelsLoader::load_relationships(Table& table, int ti, const YamlNode& node,
                                      const std::string& context) {
  reader_.expect_map(node, context, "\"relationships\"");
  for (const auto& [key, value] : node.entries) {
    const ObjectRef where{ObjectKind::kRelationship, ti,
                          static_cast<int>(table.relationships.size())};
    Relationship rel;
    rel.name = reader_.text(*key, context, "a relationship name");
    record(where, *key);
    const std::string rel_ctx = context + "relationship " + in_quotes(rel.name) + ": ";
    reader_.expect_map(*value, rel_ctx, "a relationship");
    reader_.check_keys(*value, kRelationshipKeys, rel_ctx);
    rel.target = optional_text(reader_, *value, "target", rel_ctx);
    rel.secondary = optional_text(reader_, *value, "secondary", rel_ctx);
    rel.back_populates = optional_text(reader_, *value, "back_populates", rel_ctx);
    rel.cascade = optional_text(reader_, *value, "cascade", rel_ctx);
    if (const YamlNode* target = value->find("target")) {
      record({where.kind, ti, where.item, ObjectPart::kTarget}, *target);
    }
    if (const YamlNode* secondary = value->find("secondary")) {
      record({where.kind, ti, where.item, ObjectPart::kSecondary}, *secondary);
    }
    if (const YamlNode* kind = value->find("kind")) {
      rel.kind = *relationship_kind_from_word(
          parse_word(reader_, *kind, rel_ctx, "kind", kRelationshipKindWords));
    } else {
      rel.kind = inferred_relationship_kind(table, rel);
    }
    table.relationships.push_back(std::move(rel));
  }
}

}  // namespace retort::detail
