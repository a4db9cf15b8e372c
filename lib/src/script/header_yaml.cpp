// The general reader of revision-file headers, with yaml-cpp: used when the fast reader
// (header_scan.cpp) meets a form outside its subset, and for every file with an error so
// that errors come from a full parse with yaml-cpp's positions.
#include <yaml-cpp/yaml.h>

#include "schema/yaml_quotes.hpp"
#include "script/revision_header.hpp"

namespace retort::detail::script {
namespace {

void set_position(HeaderItem& item, const YAML::Mark& mark, int line, int column) {
  const bool known = !mark.is_null() && mark.line >= 0;
  item.line = known ? mark.line + 1 : line;
  item.column = known ? mark.column + 1 : column;
}

HeaderItem item_of(const YAML::Node& node, int line, int column) {
  HeaderItem item;
  set_position(item, node.Mark(), line, column);
  if (node.IsNull()) {
    item.kind = HeaderKind::kNull;
  } else if (node.IsScalar()) {
    item.kind = HeaderKind::kScalar;
    item.text = node.Scalar();
    item.plain = node.Tag() != "!";  // yaml-cpp tags quoted scalars "!", plain ones "?"
  } else {
    item.kind = HeaderKind::kOther;
  }
  return item;
}

HeaderField field_of(const YAML::Node& key, const YAML::Node& value, const SourceLocation& where) {
  HeaderField field;
  const YAML::Mark mark = key.Mark();
  field.line = mark.is_null() ? 0 : mark.line + 1;
  field.column = mark.is_null() ? 0 : mark.column + 1;
  if (!key.IsScalar()) {
    throw InputError({where.file, field.line, field.column}, "keys must be plain names");
  }
  field.key = key.Scalar();
  field.scalar = item_of(value, field.line, field.column);
  field.kind = field.scalar.kind;
  if (value.IsSequence()) {
    field.kind = HeaderKind::kSequence;
    for (const YAML::Node& element : value) {
      field.items.push_back(item_of(element, field.scalar.line, field.scalar.column));
    }
  }
  return field;
}

std::string_view kind_name(const YAML::Node& node) {
  if (node.IsSequence()) return "a sequence";
  if (node.IsScalar()) return "a scalar";
  return "something else";
}

}  // namespace

std::vector<HeaderField> scan_header_yaml(std::string_view text, std::string_view filename) {
  const SourceLocation file{std::string(filename), 0, 0};
  YAML::Node root;
  try {
    root = load_yaml(text);
  } catch (const YAML::Exception& e) {
    const bool known = !e.mark.is_null() && e.mark.line >= 0;
    throw InputError({file.file, known ? e.mark.line + 1 : 0, known ? e.mark.column + 1 : 0},
                     "invalid YAML: " + e.msg);
  }
  std::vector<HeaderField> fields;
  if (!root.IsDefined() || root.IsNull()) return fields;
  if (!root.IsMap()) {
    const YAML::Mark mark = root.Mark();
    throw InputError(
        {file.file, mark.line + 1, mark.column + 1},
        "a revision file must be a mapping of keys, not " + std::string(kind_name(root)));
  }
  for (const auto& pair : root) fields.push_back(field_of(pair.first, pair.second, file));
  return fields;
}

}  // namespace retort::detail::script
