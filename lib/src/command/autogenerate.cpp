// Shared by revision --autogenerate, check, diff and inspect; see autogenerate.hpp.
#include "command/autogenerate.hpp"

#include <algorithm>
#include <filesystem>

#include "retort/error.hpp"
#include "retort/models_file.hpp"
#include "retort/runtime.hpp"

namespace retort::detail {
namespace {

std::vector<std::string> joined_unique(const std::vector<std::string>& first,
                                       const std::vector<std::string>& second) {
  std::vector<std::string> out;
  for (const auto* list : {&first, &second}) {
    for (const std::string& item : *list) {
      if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
    }
  }
  return out;
}

std::string list_or(const std::vector<std::string>& ids, const char* empty) {
  if (ids.empty()) return empty;
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

std::string qualified(const std::string& schema, const std::string& name) {
  return schema.empty() ? name : schema + "." + name;
}

// The column names and types of a table, in order: what a renamed table keeps.
std::vector<std::pair<std::string, Type>> shape(const Table& table) {
  std::vector<std::pair<std::string, Type>> out;
  for (const Column& column : table.columns) out.emplace_back(column.name, column.type);
  return out;
}

// True when `op` is the drop or the add of candidate `c`.
bool is_part_of(const Operation& op, const RenameCandidate& c) {
  if (c.is_table) {
    if (const auto* drop = std::get_if<ops::DropTable>(&op)) {
      return drop->table.schema == c.schema && drop->table.name == c.from;
    }
    if (const auto* create = std::get_if<ops::CreateTable>(&op)) {
      return create->table.schema == c.schema && create->table.name == c.to;
    }
    return false;
  }
  const TableRef table{c.schema, c.table};
  if (const auto* drop = std::get_if<ops::DropColumn>(&op)) {
    return drop->table == table && drop->column.name == c.from;
  }
  if (const auto* add = std::get_if<ops::AddColumn>(&op)) {
    return add->table == table && add->column.name == c.to;
  }
  return false;
}

void add_column_candidates(const std::vector<Operation>& ops, std::vector<RenameCandidate>& out) {
  std::vector<bool> used(ops.size(), false);
  for (const Operation& op : ops) {
    const auto* drop = std::get_if<ops::DropColumn>(&op);
    if (drop == nullptr || !drop->complete) continue;
    for (std::size_t i = 0; i < ops.size(); ++i) {
      const auto* add = std::get_if<ops::AddColumn>(&ops[i]);
      // The same name dropped and added is a change the database cannot alter in place (a
      // collation), not a rename.
      if (used[i] || add == nullptr || add->table != drop->table ||
          add->column.type != drop->column.type || add->column.name == drop->column.name) {
        continue;
      }
      used[i] = true;
      out.push_back(
          {false, drop->table.schema, drop->table.name, drop->column.name, add->column.name});
      break;
    }
  }
}

void add_table_candidates(const std::vector<Operation>& ops, std::vector<RenameCandidate>& out) {
  std::vector<bool> used(ops.size(), false);
  for (const Operation& op : ops) {
    const auto* drop = std::get_if<ops::DropTable>(&op);
    if (drop == nullptr || !drop->complete) continue;
    for (std::size_t i = 0; i < ops.size(); ++i) {
      const auto* create = std::get_if<ops::CreateTable>(&ops[i]);
      if (used[i] || create == nullptr || create->table.schema != drop->table.schema ||
          create->table.name == drop->table.name || shape(create->table) != shape(drop->table)) {
        continue;
      }
      used[i] = true;
      out.push_back(
          {true, drop->table.schema, create->table.name, drop->table.name, create->table.name});
      break;
    }
  }
}

// InspectOptions and CompareOptions name their filters alike: the schemas (only where the
// dialect has schemas, so a PostgreSQL-minded config still works on SQLite), the table globs,
// and the version and log tables, which are never read or compared.
template <typename Options>
Options filter_options(const Config& config, const SchemaFilters& filters, const Dialect& dialect) {
  Options options;
  if (dialect.has_schemas()) options.schemas = filters.schemas;
  options.include = filters.include;
  options.exclude = filters.exclude;
  options.version_tables = config.version_tables();
  return options;
}

}  // namespace

SchemaFilters merged_filters(const Config& config, const std::vector<std::string>& schemas,
                             const std::vector<std::string>& include,
                             const std::vector<std::string>& exclude) {
  return {joined_unique(config.schemas, schemas), joined_unique(config.include, include),
          joined_unique(config.exclude, exclude)};
}

SchemaFilters with_model_schemas(SchemaFilters filters, const MetaData& models) {
  if (!filters.schemas.empty()) return filters;
  std::vector<std::string> named = models.schemas;
  for (const Table& table : models.tables) named.push_back(table.schema);
  for (const EnumType& e : models.enums) named.push_back(e.schema);
  std::erase(named, std::string());
  if (named.empty()) return filters;
  filters.schemas = joined_unique({""}, named);
  return filters;
}

std::vector<std::string> project_schemas(const ProjectContext& project) {
  if (!project.config.schemas.empty()) return project.config.schemas;
  const std::filesystem::path path = project.config.models_path();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return {};
  try {
    return with_model_schemas({}, load_models(path)).schemas;
  } catch (const Error&) {
    return {};  // the commands that need the models report the error themselves
  }
}

InspectOptions inspect_options(const Config& config, const SchemaFilters& filters,
                               const Dialect& dialect) {
  return filter_options<InspectOptions>(config, filters, dialect);
}

CompareOptions compare_options(const Config& config, const SchemaFilters& filters,
                               const Dialect& dialect) {
  return filter_options<CompareOptions>(config, filters, dialect);
}

EngineOptions read_only_options(const ProjectContext& project) {
  EngineOptions options = project.engine_options;
  options.mode = OpenMode::kReadOnly;
  options.pool_size = 1;
  return options;
}

LiveDatabase::LiveDatabase(const ProjectContext& project)
    : engine_(Url::parse(project.database_url), read_only_options(project)) {
  if (engine_.dialect().database_exists(engine_.url())) conn_.emplace(engine_.connect());
}

ProjectState LiveDatabase::state(const ProjectContext& project, const RevisionGraph& graph) {
  ProjectState state;
  if (conn_) {
    RuntimeOptions runtime;
    runtime.version_table = project.config.version_table;
    state.current = current_heads(*conn_, runtime);
  }
  state.heads = graph.heads();
  std::sort(state.current.begin(), state.current.end());
  std::sort(state.heads.begin(), state.heads.end());
  return state;
}

MetaData LiveDatabase::reflect(const InspectOptions& options) {
  return conn_ ? retort::reflect(*conn_, options) : MetaData{};
}

void require_at_head(const ProjectState& state) {
  if (state.at_head()) return;
  throw UsageError("database is not at head (it is at " + list_or(state.current, "base") +
                   "; head is " + list_or(state.heads, "base") + "); run retort upgrade");
}

std::vector<RenameCandidate> rename_candidates(const std::vector<Operation>& ops) {
  std::vector<RenameCandidate> out;
  add_table_candidates(ops, out);
  add_column_candidates(ops, out);
  return out;
}

RenameHint rename_hint(const RenameCandidate& candidate) {
  if (candidate.is_table) return {"", qualified(candidate.schema, candidate.from), candidate.to};
  return {qualified(candidate.schema, candidate.table), candidate.from, candidate.to};
}

std::string emit_with_rename_comments(const std::vector<Operation>& ops,
                                      const std::vector<RenameCandidate>& candidates) {
  std::string out;
  for (const Operation& op : ops) {
    for (const RenameCandidate& candidate : candidates) {
      if (!is_part_of(op, candidate)) continue;
      std::string of = candidate.description();
      of.replace(of.find(" to "), 4, " -> ");
      out += "  # retort: likely rename of " + of + "; use " + candidate.hint() + "\n";
    }
    out += emit_operations({op}, 2);
  }
  return out;
}

}  // namespace retort::detail

namespace retort {

std::string RenameCandidate::description() const {
  const std::string prefix = schema.empty() ? "" : schema + ".";
  if (is_table) return "table " + prefix + from + " to " + prefix + to;
  return prefix + table + "." + from + " to " + prefix + table + "." + to;
}

std::string RenameCandidate::hint() const {
  const RenameHint h = detail::rename_hint(*this);
  if (is_table) return "--rename-table " + h.from + "=" + h.to;
  return "--rename " + h.table + "." + h.from + "=" + h.to;
}

}  // namespace retort
