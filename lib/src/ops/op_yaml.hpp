// The node-level API of the operations' YAML form, for readers that have parsed a larger
// document already (revision files: `upgrade:` and `downgrade:`) into the schema layer's
// YamlDocument tree. Internal: public headers expose no YAML tree.
#pragma once

#include <string>
#include <vector>

#include "retort/ops.hpp"
#include "schema/yaml_document.hpp"
#include "schema/yaml_reader.hpp"

namespace retort::detail {

// Parses a sequence of operations (null: none). Errors are InputError at the node's
// position, reported in `reader`'s file.
std::vector<Operation> parse_operations(const YamlNode& node, const YamlReader& reader);
Operation parse_operation(const YamlNode& item, const YamlReader& reader, std::size_t position);

// The models-file grammar of one table (a table mapping with a `name:` key) or of one column,
// read through the models loader (models_adapter.cpp).
Table load_table_body(const YamlNode& body, const YamlReader& reader, const std::string& context);
Column load_column_body(const YamlNode& name, const YamlNode& body, const TableRef& table,
                        const YamlReader& reader);
// The models-file rendering of a table (block lines indented by `indent`, `name:` first)
// and of a column (the entries of its flow mapping, without braces, type first).
std::string render_table_body(const Table& table, int indent);
std::string render_column_entries(const Column& column);

}  // namespace retort::detail
