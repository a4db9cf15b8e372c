// The models-file loader: YAML nodes -> MetaData, remembering where each object came from so
// that validation problems are reported at file:line:column. Grammar: docs/models.md.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "retort/schema.hpp"
#include "schema/validation.hpp"
#include "schema/yaml_reader.hpp"

namespace retort::detail {

// The node's text if it is one of `words` (the enum-like words of the grammar: "cascade",
// "always", ...); otherwise fails, listing the words and suggesting the closest.
std::string parse_word(const YamlReader& reader, const YAML::Node& node, std::string_view context,
                       std::string_view what, std::span<const std::string_view> words);

// Reads on_delete, on_update and deferrable of `map` into `fk`.
void load_foreign_key_actions(const YamlReader& reader, const YAML::Node& map,
                              const std::string& context, ForeignKey& fk);

class ModelsLoader {
 public:
  explicit ModelsLoader(std::string filename) : reader_(std::move(filename)) {}

  // Builds the model from a parsed document and validates it.
  MetaData load(const YAML::Node& root);

 private:
  // Column-level declarations that become table-level objects once all columns are read.
  struct ColumnExtras {
    std::vector<int> primary_key;  // column indexes with primary_key: true
    std::vector<YAML::Node> primary_key_nodes;
    std::vector<bool> explicit_nullable;  // per column: `nullable:` was written
  };

  void load_schemas(const YAML::Node& node);
  void load_enums(const YAML::Node& node);
  void load_enum(const YAML::Node& key, const YAML::Node& value);
  void load_table(const YAML::Node& key, const YAML::Node& value);
  void load_columns(Table& table, int ti, const YAML::Node& node, ColumnExtras& extras);
  void load_column(Table& table, int ti, const YAML::Node& key, const YAML::Node& value,
                   ColumnExtras& extras);
  void load_column_body(Column& column, const YAML::Node& value, const std::string& context);
  void load_column_links(Table& table, int ti, const YAML::Node& value, const std::string& context);
  void load_options(Table& table, const YAML::Node& node, const std::string& context);

  // models_loader_table.cpp: table-level keys and constraints.
  void load_primary_key(Table& table, int ti, const YAML::Node& node, const ColumnExtras& extras,
                        const std::string& context);
  void load_foreign_keys(Table& table, int ti, const YAML::Node& node, const std::string& context);
  void load_foreign_key(Table& table, int ti, const YAML::Node& node, const std::string& context);
  void load_uniques(Table& table, int ti, const YAML::Node& node, const std::string& context);
  void load_checks(Table& table, int ti, const YAML::Node& node, const std::string& context);
  void load_indexes(Table& table, int ti, const YAML::Node& node, const std::string& context);
  void load_index(Table& table, int ti, const YAML::Node& node, const std::string& context);
  void load_relationships(Table& table, int ti, const YAML::Node& node, const std::string& context);
  std::vector<std::string> load_column_list(const YAML::Node& node, ObjectRef where,
                                            const std::string& context, std::string_view what);

  void record(const ObjectRef& where, const YAML::Node& node) { marks_[where] = node.Mark(); }
  // The recorded position of `where`, or of the nearest enclosing object.
  YAML::Mark mark_of(ObjectRef where) const;

  YamlReader reader_;
  MetaData md_;
  std::map<ObjectRef, YAML::Mark> marks_;
};

// `table "name": ` for messages while loading (the schema is not known yet at every point).
std::string table_context(std::string_view name);

}  // namespace retort::detail
