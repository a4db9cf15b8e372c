// The models-file loader: YAML document -> MetaData, remembering where each object came from so
// that validation problems are reported at file:line:column. Grammar: docs/models.md.
#pragma once

#include <map>
#include <span>
#include <string>
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
  void load_columns(Table& table, int ti, const YamlNode& node, ColumnExtras& extras);
  void load_column(Table& table, int ti, const YamlNode& key, const YamlNode& value,
                   ColumnExtras& extras);
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

  void record(const ObjectRef& where, const YamlNode& node) { marks_[where] = node.mark; }
  // The recorded position of `where`, or of the nearest enclosing object.
  YamlMark mark_of(ObjectRef where) const;

  YamlReader reader_;
  MetaData md_;
  std::map<ObjectRef, YamlMark> marks_;
};

// `table "name": ` for messages while loading (the schema is not known yet at every point).
std::string table_context(std::string_view name);

}  // namespace retort::detail
