// What lint reads from a revision file: its upgrade operations with their lines, the lines of
// the keys findings point at, and the `lint:` key:
//
//   lint:
//     ignore:
//       - {rule: RT005, reason: "the table is empty in production"}
#include <array>

#include "lint/lint_internal.hpp"
#include "ops/op_yaml.hpp"

namespace retort::detail::lint {
namespace {

constexpr std::array<std::string_view, 1> kLintKeys = {"ignore"};
constexpr std::array<std::string_view, 2> kIgnoreKeys = {"rule", "reason"};

std::string file_name(const Revision& revision) {
  return revision.path.empty() ? "revision " + revision.id : revision.path.string();
}

// The key node of the top-level entry `key`, or nullptr.
const YamlNode* key_node(const YamlNode& root, std::string_view key) {
  for (const auto& [k, v] : root.entries) {
    if (k->is_scalar() && k->scalar == key) return k;
  }
  return nullptr;
}

int line_of(const YamlNode* node) { return node && node->mark.line >= 0 ? node->mark.line + 1 : 0; }

std::vector<std::string_view> rule_ids() {
  std::vector<std::string_view> ids;
  for (const LintRule& rule : lint_rules()) ids.push_back(rule.id);
  return ids;
}

void read_ignore(const YamlNode& item, const YamlReader& reader, RevisionLayout& layout) {
  reader.expect_map(item, "lint: ignore: ", "an entry");
  reader.check_keys(item, kIgnoreKeys, "lint: ignore: ", true);
  const YamlNode* rule = item.find("rule");
  if (rule == nullptr) reader.fail(item, "lint: ignore: an entry needs \"rule\" (e.g. RT005)");
  const std::string id = reader.text(*rule, "lint: ignore: ", "rule");
  if (find_lint_rule(id) == nullptr) {
    const std::vector<std::string_view> ids = rule_ids();
    std::string message = "lint: ignore: unknown rule \"" + id + "\"";
    if (auto guess = did_you_mean(id, ids)) message += " (did you mean \"" + *guess + "\"?)";
    reader.fail(*rule, message + "; docs/lint.md lists the rules");
  }
  const YamlNode* reason = item.find("reason");
  const std::string text = reason && reason->is_scalar() ? reason->scalar : std::string();
  if (text.find_first_not_of(" \t") == std::string::npos) {
    reader.fail(reason ? *reason : item,
                "lint: ignoring " + id + " needs a reason (reason: \"why it is safe here\")");
  }
  if (layout.ignores.count(id) > 0) reader.fail(*rule, "lint: rule " + id + " is ignored twice");
  layout.ignores[id] = text;
}

void read_ignores(const YamlNode& lint, const YamlReader& reader, RevisionLayout& layout) {
  reader.expect_map(lint, "lint: ", "the value");
  reader.check_keys(lint, kLintKeys, "lint: ", true);
  const YamlNode* ignore = lint.find("ignore");
  if (ignore == nullptr || ignore->is_null()) return;
  reader.expect_sequence(*ignore, "lint: ", "ignore");
  for (const YamlNode* item : ignore->items) read_ignore(*item, reader, layout);
}

}  // namespace

RevisionLayout read_layout(const Revision& revision, bool read_ignores_too) {
  const YamlReader reader(file_name(revision));
  YamlDocument document;
  try {
    document = YamlDocument::parse(revision.source);
  } catch (const YamlSyntaxError& e) {
    reader.fail(e.mark, e.message);
  }
  RevisionLayout layout;
  const YamlNode& root = document.root();
  if (!root.is_map()) return layout;  // the header reader accepted it: nothing to lint
  if (const YamlNode* upgrade = root.find("upgrade")) {
    layout.upgrade = parse_operations(*upgrade, reader);
    for (const YamlNode* item : upgrade->items) layout.upgrade_lines.push_back(line_of(item));
  }
  layout.upgrade_line = line_of(key_node(root, "upgrade"));
  layout.transactional_line = line_of(key_node(root, "transactional"));
  const YamlNode* downgrade = root.find("downgrade");
  layout.has_downgrade = downgrade && downgrade->is_sequence() && !downgrade->items.empty();
  const YamlNode* lint = root.find("lint");
  if (read_ignores_too && lint && !lint->is_null()) read_ignores(*lint, reader, layout);
  return layout;
}

}  // namespace retort::detail::lint
