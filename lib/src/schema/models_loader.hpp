// The models-file loader: YAML document -> MetaData, remembering where each object came from so
// that validation problems are reported at file:line:column. Grammar: docs/models.md.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "retort/schema.hpp"
#include "schema/validation.hpp"
#include "schema/yaml_reader.hpp"

namespace retort::detail {

// The node's text if it is one of `words` (the enum-like words of the grammar: "cascade",
// "always", ...); otherwise fails, listing the words and suggesting the closest.
std::string parse_word(const YamlReader& reader, const YamlNode& node, std::string_view context,
                       std::string_view what, std::span<const std::string_view> words);

// Reads on_delete, on_update and deferrable of `map` into `fk`.
void load_foreign_key_actions(const YamlReader& reader, const YamlNode& map,
                              const std::string& context, ForeignKey& fk);

class ModelsLoader {
 public:
  explicit ModelsLoader(std::string filename) : reader_(std::move(filename)) {}

  // Builds the model from a parsed document and validates it.
  MetaData load(const YamlNode& root);

  // For a document that wraps one table with stubs standing for its neighbours (the operations
  // layer's adapter): every table after the first is a placeholder to validation
  // (ValidationOptions::placeholders_from).
  void tables_after_the_first_are_placeholders() { validation_.placeholders_from = 1; }

 private:
  // Column-level declarations that become table-level objects once all columns are read.
  struct ColumnExtras {
    std::vector<int> primary_key;  // column indexes with primary_key: true
    std::vector<const YamlNode*> primary_key_nodes;
    std::vector<bool> explicit_nullable;  // per column: `nullable:` was written
  };

  void load_schemas(const YamlNode& node);
  void load_enums(const YamlNode& node);
  void load_enum(const YamlNode& key, const YamlNode& value);
  void load_table(const YamlNode& key, const YamlNode& value);
  void load_columns(Table& table, int ti, const YamlNode& node, const std::string& table_ctx,
                    ColumnExtras& extras);
  void load_column(Table& table, int ti, const YamlNode& key, const YamlNode& value,
                   const std::string& table_ctx, ColumnExtras& extras);
  // Type::parse of the node's text, memoised: models repeat a handful of type spellings.
  Type parse_type(const YamlNode& node, const std::string& context);
  void load_column_body(Column& column, const YamlNode& value, const std::string& context);
  void load_column_links(Table& table, int ti, const YamlNode& value, const std::string& context);
  void load_options(Table& table, const YamlNode& node, const std::string& context);

  // models_loader_table.cpp: table-level keys and constraints.
  void load_primary_key(Table& table, int ti, const YamlNode* node, const ColumnExtras& extras,
                        const std::string& context);
  void load_foreign_keys(Table& table, int ti, const YamlNode& node, const std::string& context);
  void load_foreign_key(Table& table, int ti, const YamlNode& node, const std::string& context);
  void load_uniques(Table& table, int ti, const YamlNode& node, const std::string& context);
  void load_checks(Table& table, int ti, const YamlNode& node, const std::string& context);
  void load_indexes(Table& table, int ti, const YamlNode& node, const std::string& context);
  void load_index(Table& table, int ti, const YamlNode& node, const std::string& context);
  void load_relationships(Table& table, int ti, const YamlNode& node, const std::string& context);
  std::vector<std::string> load_column_list(const YamlNode& node, ObjectRef where,
                                            const std::string& context, std::string_view what);

  // Positions are only read back for the one object validation rejects, so they are appended
  // in load order and searched then (the last record of a reference wins).
  void record(const ObjectRef& where, const YamlNode& node) {
    marks_.emplace_back(where, node.mark);
  }
  // The recorded position of `where`, or of the nearest enclosing object.
  YamlMark mark_of(ObjectRef where) const;

  YamlReader reader_;
  ValidationOptions validation_;
  MetaData md_;
  std::vector<std::pair<ObjectRef, YamlMark>> marks_;
  // Type spelling -> parsed type, looked up with a string_view (transparent hash).
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  std::unordered_map<std::string, Type, TextHash, std::equal_to<>> types_;
};

// `table "name": ` for messages while loading (the schema is not known yet at every point).
std::string table_context(std::string_view name);

}  // namespace retort::detail
