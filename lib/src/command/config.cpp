// retort.yaml: loading, validation and the upward search.
#include "retort/config.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "retort/command.hpp"
#include "retort/error.hpp"
#include "retort/runtime.hpp"
#include "schema/yaml_quotes.hpp"

namespace retort {
namespace fs = std::filesystem;

fs::path Config::models_path() const { return root / models; }
fs::path Config::script_path() const { return root / script_location; }
fs::path Config::seeds_path() const { return root / seeds; }

std::vector<std::string> Config::version_tables() const {
  return {version_table, log_table_name(version_table)};
}

namespace {

const char* describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return "nothing";
    case YAML::NodeType::Scalar:
      break;
  }
  return "a scalar";
}

// Reads the values of one config file; every error names file:line:column of the value.
class ConfigReader {
 public:
  ConfigReader(fs::path file, const EnvLookup& env) : file_(std::move(file)), env_(env) {}

  SourceLocation where(const YAML::Mark& mark) const {
    if (mark.is_null()) return {file_.string(), 0, 0};
    return {file_.string(), mark.line + 1, mark.column + 1};
  }

  // A scalar with ${VAR} expanded.
  std::string text(const std::string& key, const YAML::Node& node) const {
    if (!node.IsScalar()) {
      throw InputError(where(node.Mark()), key + ": expected a string, found " + describe(node));
    }
    try {
      return expand_env(node.Scalar(), env_);
    } catch (const InputError& e) {
      // expand_env's errors carry no location; what() is then the bare message.
      throw InputError(where(node.Mark()), key + ": " + e.what());
    }
  }

  std::string non_empty_text(const std::string& key, const YAML::Node& node) const {
    std::string value = text(key, node);
    if (value.empty()) throw InputError(where(node.Mark()), key + ": must not be empty");
    return value;
  }

  // A list of non-empty strings; a single scalar is a list of one.
  std::vector<std::string> text_list(const std::string& key, const YAML::Node& node) const {
    if (node.IsScalar()) return {non_empty_text(key, node)};
    if (!node.IsSequence()) {
      throw InputError(where(node.Mark()),
                       key + ": expected a list of strings, found " + describe(node));
    }
    std::vector<std::string> values;
    for (const YAML::Node& item : node) values.push_back(non_empty_text(key, item));
    return values;
  }

  bool boolean(const std::string& key, const YAML::Node& node) const {
    std::string value = text(key, node);
    bool result = false;
    if (!YAML::convert<bool>::decode(YAML::Node(value), result)) {
      throw InputError(where(node.Mark()),
                       key + ": expected true or false, found \"" + value + "\"");
    }
    return result;
  }

 private:
  fs::path file_;
  const EnvLookup& env_;
};

// One known key: how its value lands in Config. New settings are one line here.
struct Field {
  const char* key;
  void (*read)(const ConfigReader&, const std::string& key, const YAML::Node&, Config&);
};

const Field kFields[] = {
    {"database_url", [](const ConfigReader& r, const std::string& k, const YAML::Node& n,
                        Config& c) { c.database_url = r.non_empty_text(k, n); }},
    {"models", [](const ConfigReader& r, const std::string& k, const YAML::Node& n,
                  Config& c) { c.models = r.non_empty_text(k, n); }},
    {"script_location", [](const ConfigReader& r, const std::string& k, const YAML::Node& n,
                           Config& c) { c.script_location = r.non_empty_text(k, n); }},
    {"version_table", [](const ConfigReader& r, const std::string& k, const YAML::Node& n,
                         Config& c) { c.version_table = r.non_empty_text(k, n); }},
    {"transaction_per_migration",
     [](const ConfigReader& r, const std::string& k, const YAML::Node& n, Config& c) {
       c.transaction_per_migration = r.boolean(k, n);
     }},
    {"file_template", [](const ConfigReader& r, const std::string& k, const YAML::Node& n,
                         Config& c) { c.file_template = r.non_empty_text(k, n); }},
    {"seeds", [](const ConfigReader& r, const std::string& k, const YAML::Node& n,
                 Config& c) { c.seeds = r.non_empty_text(k, n); }},
    {"schemas", [](const ConfigReader& r, const std::string& k, const YAML::Node& n,
                   Config& c) { c.schemas = r.text_list(k, n); }},
    {"include", [](const ConfigReader& r, const std::string& k, const YAML::Node& n,
                   Config& c) { c.include = r.text_list(k, n); }},
    {"exclude", [](const ConfigReader& r, const std::string& k, const YAML::Node& n,
                   Config& c) { c.exclude = r.text_list(k, n); }},
};

const Field* find_field(const std::string& key) {
  for (const Field& field : kFields) {
    if (key == field.key) return &field;
  }
  return nullptr;
}

std::string unknown_key_message(const std::string& key) {
  std::vector<std::string> known;
  for (const Field& field : kFields) known.emplace_back(field.key);
  std::string message = "unknown key \"" + key + "\"";
  if (auto guess = did_you_mean(key, known)) return message + "; did you mean \"" + *guess + "\"?";
  std::string list;
  for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
  return message + " (known keys: " + list + ")";
}

std::string read_text(const fs::path& file) {
  std::error_code ec;
  if (fs::is_directory(file, ec)) {
    throw InputError(SourceLocation{file.string()}, "cannot read config: it is a directory");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::string why = fs::exists(file, ec) ? "permission denied" : "no such file";
    throw InputError(SourceLocation{file.string()}, "cannot read config: " + why);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

YAML::Node parse_yaml(const fs::path& file, const std::string& text) {
  try {
    return detail::load_yaml(text);
  } catch (const YAML::Exception& e) {
    SourceLocation where{file.string(), e.mark.is_null() ? 0 : e.mark.line + 1,
                         e.mark.is_null() ? 0 : e.mark.column + 1};
    throw InputError(where, "yaml: " + e.msg);
  }
}

}  // namespace

Config load_config(const fs::path& file, const EnvLookup& env) {
  Config config;
  config.file = file;
  config.root = fs::absolute(file).lexically_normal().parent_path();
  YAML::Node document = parse_yaml(file, read_text(file));
  ConfigReader reader(file, env);
  if (document.IsNull()) return config;  // an empty file: all defaults
  if (!document.IsMap()) {
    throw InputError(
        reader.where(document.Mark()),
        "expected a mapping of settings (key: value), found " + std::string(describe(document)));
  }
  std::set<std::string> seen;
  for (const auto& entry : document) {
    const YAML::Node& key_node = entry.first;
    std::string key = key_node.IsScalar() ? key_node.Scalar() : std::string();
    const Field* field = find_field(key);
    if (field == nullptr) throw InputError(reader.where(key_node.Mark()), unknown_key_message(key));
    if (!seen.insert(key).second) {
      throw InputError(reader.where(key_node.Mark()), "duplicate key \"" + key + "\"");
    }
    field->read(reader, key, entry.second, config);
  }
  return config;
}

std::optional<fs::path> find_config(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (ec) return std::nullopt;
  if (dir.filename().empty() && dir.has_relative_path()) dir = dir.parent_path();  // "a/b/"
  while (true) {
    fs::path candidate = dir / kConfigFileName;
    if (fs::is_regular_file(candidate, ec)) return candidate;
    if (!dir.has_relative_path()) return std::nullopt;  // reached the root
    fs::path parent = dir.parent_path();
    if (parent == dir) return std::nullopt;
    dir = parent;
  }
}

}  // namespace retort
