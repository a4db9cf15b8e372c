// retort verify: every revision up, down and up again on a scratch database, then the result
// against the models file. The project's database is never opened for writing: on SQLite the
// scratch is a temporary file, on PostgreSQL a database created next to the project's one.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "command/autogenerate.hpp"
#include "retort/command_tools.hpp"
#include "retort/diff.hpp"
#include "retort/error.hpp"
#include "retort/inspect.hpp"
#include "retort/models_file.hpp"
#include "retort/runtime.hpp"
#include "retort/suggest.hpp"

namespace retort {
namespace fs = std::filesystem;

namespace {

std::string random_suffix() {
  std::random_device device;
  std::mt19937_64 generator((static_cast<std::uint64_t>(device()) << 32) ^ device());
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 12; ++i) out += kHex[generator() % 16];
  return out;
}

// The scratch database: created on construction, dropped (or deleted) on destruction. Where
// the dialect has no CREATE DATABASE (SQLite), a database is a file in the temp directory.
class ScratchDatabase {
 public:
  // $TMPDIR (or /tmp); a missing one is the scratch database that cannot be created (exit 3).
  static fs::path scratch_directory() {
    std::error_code ec;
    fs::path dir = fs::temp_directory_path(ec);
    if (ec) {
      const char* tmpdir = std::getenv("TMPDIR");
      throw DatabaseError("verify: cannot create the scratch database: the temporary directory " +
                          in_quotes(tmpdir != nullptr ? tmpdir : "/tmp") + ": " + ec.message());
    }
    return dir;
  }

  ScratchDatabase(const Url& project, const Dialect& dialect, const EngineOptions& options)
      : server_(project), dialect_(dialect), options_(options), url_(project) {
    const std::string name = "retort_verify_" + random_suffix();
    const std::string create = dialect.create_database_sql(name);
    if (create.empty()) {
      url_.database = (scratch_directory() / (name + ".db")).string();
      url_.query.clear();
      file_ = url_.database;
      return;
    }
    run_on_server(create);
    name_ = name;
    url_.database = name;
  }
  ~ScratchDatabase() {
    try {
      if (!name_.empty()) run_on_server(dialect_.drop_database_sql(name_));
      for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
        std::error_code ec;
        if (!file_.empty()) fs::remove(file_ + suffix, ec);
      }
    } catch (const std::exception& e) {
      if (options_.logger) {
        options_.logger(LogLevel::kWarning,
                        "verify: dropping scratch database " + name_ + ": " + e.what());
      }
    }
  }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;
  const Url& url() const { return url_; }

 private:
  // Runs on the project's database (it only hosts the statement), or on the server's
  // `postgres` database when the project's does not exist yet.
  void run_on_server(const std::string& sql) {
    EngineOptions options = options_;
    options.pool_size = 1;
    try {
      Engine engine(server_, options);
      engine.connect().execute(sql);
    } catch (const DatabaseError&) {
      Url fallback = server_;
      fallback.database = "postgres";
      if (fallback == server_) throw;
      Engine engine(fallback, options);
      engine.connect().execute(sql);
    }
  }

  Url server_;
  const Dialect& dialect_;
  EngineOptions options_;
  Url url_;
  std::string name_;  // the database created, to drop
  std::string file_;  // the file to delete
};

class Verifier {
 public:
  Verifier(const ProjectContext& project, const RevisionGraph& graph, Connection& conn,
           VerifyCommandResult& result)
      : project_(project), graph_(graph), conn_(conn), result_(result) {
    runtime_.version_table = project.config.version_table;
    runtime_.logger = project.engine_options.logger;
    inspect_.version_tables = project.config.version_tables();
    // The scratch database holds only what the revisions made: with no schemas configured,
    // all of it is compared, in whichever schemas they made it.
    inspect_.schemas = project.config.schemas;
    inspect_.all_schemas = project.config.schemas.empty();
  }

  // False at the first failure (recorded in the result).
  bool revision(const Revision& revision) {
    if (!step(revision, "prepare", [&] { isolate(revision); })) return false;
    const MetaData before = reflect(conn_, inspect_);
    if (!step(revision, "upgrade", [&] { upgrade(conn_, graph_, revision.id, runtime_); })) {
      return false;
    }
    std::string why;
    const std::string target = downgrade_target(revision, why);
    if (target.empty()) {
      result_.skipped.push_back(revision.id + ": " + why);
      return true;
    }
    if (!step(revision, "downgrade", [&] { downgrade(conn_, graph_, target, runtime_); })) {
      return false;
    }
    const std::vector<Operation> left =
        compare(reflect(conn_, inspect_), before, conn_.dialect(), compare_options());
    if (!left.empty()) {
      fail(revision, "round trip",
           "the schema after the downgrade differs from the schema before the upgrade", left);
      return false;
    }
    if (!step(revision, "upgrade again", [&] { upgrade(conn_, graph_, revision.id, runtime_); })) {
      return false;
    }
    result_.verified.push_back(revision.id);
    return true;
  }

  void models() {
    result_.models = project_.config.models_path();
    std::error_code ec;
    if (!fs::exists(result_.models, ec)) return;
    result_.models_checked = true;
    const MetaData wanted = load_models(result_.models);
    // Every head, a branch taken off while its sibling was verified included.
    upgrade(conn_, graph_, "heads", runtime_);
    // As check compares: the configured schemas, else the current one and the models'.
    const detail::SchemaFilters filters =
        detail::with_model_schemas(detail::merged_filters(project_.config, {}, {}, {}), wanted);
    const Dialect& dialect = conn_.dialect();
    const std::vector<Operation> left =
        compare(reflect(conn_, detail::inspect_options(project_.config, filters, dialect)), wanted,
                dialect, detail::compare_options(project_.config, filters, dialect));
    if (left.empty()) return;
    VerifyFailure failure{
        "", result_.models, "models", "the schema at head differs from the models file", {}};
    for (const Operation& op : left) failure.differences.push_back(describe(op));
    result_.failure = std::move(failure);
  }

 private:
  template <class F>
  bool step(const Revision& revision, const char* stage, F&& run) {
    try {
      run();
      return true;
    } catch (const Error& e) {
      fail(revision, stage, e.what(), {});
      return false;
    }
  }

  void fail(const Revision& revision, std::string stage, std::string message,
            const std::vector<Operation>& left) {
    VerifyFailure failure{revision.id, revision.path, std::move(stage), std::move(message), {}};
    for (const Operation& op : left) failure.differences.push_back(describe(op));
    result_.failure = std::move(failure);
  }

  static std::vector<std::string> ids(const std::vector<MigrationStep>& steps) {
    std::vector<std::string> out;
    for (const MigrationStep& s : steps) out.push_back(s.revision);
    return out;
  }

  // Brings the scratch database to exactly what `revision` needs (its ancestors and
  // dependencies), so that upgrading it applies it alone and downgrading it removes it alone:
  // a sibling branch verified before is taken off (and comes back when a later revision needs
  // it). A linear history never needs either.
  void isolate(const Revision& revision) {
    const std::vector<std::string> all = ids(graph_.upgrade_steps({}, "heads"));
    std::vector<std::string> needed = ids(graph_.upgrade_steps({}, revision.id));
    needed.pop_back();  // the revision itself, last in topological order
    for (;;) {
      const std::vector<std::string> heads = current_heads(conn_, runtime_);
      const std::vector<std::string> pending = ids(graph_.upgrade_steps(heads, "heads"));
      // The earliest applied revision that is not needed; its parents are all needed.
      const auto extra = std::find_if(all.begin(), all.end(), [&](const std::string& id) {
        return std::find(pending.begin(), pending.end(), id) == pending.end() &&
               std::find(needed.begin(), needed.end(), id) == needed.end();
      });
      if (extra == all.end()) break;
      const Revision& off = graph_.get(*extra);
      downgrade(conn_, graph_, off.down_revisions.empty() ? "base" : off.down_revisions.front(),
                runtime_);
    }
    for (const std::string& id : needed) upgrade(conn_, graph_, id, runtime_);
  }

  // The target that downgrades exactly `revision` from the current heads, or "" (with `why`)
  // when no single target does.
  std::string downgrade_target(const Revision& revision, std::string& why) {
    const std::vector<std::string> heads = current_heads(conn_, runtime_);
    std::vector<std::string> candidates = revision.down_revisions;
    if (candidates.empty()) candidates.push_back("base");
    for (const std::string& target : candidates) {
      const std::vector<MigrationStep> steps = graph_.downgrade_steps(heads, target);
      if (steps.size() == 1 && steps.front().revision == revision.id) return target;
    }
    why = "downgrading to " + candidates.front() + " would also remove other revisions";
    return {};
  }

  // Both sides are reflected (`from_is_model` stays false); the models file goes through
  // stored_form as `to` always does.
  CompareOptions compare_options() const {
    CompareOptions options;
    options.schemas = project_.config.schemas;
    options.include = project_.config.include;
    options.exclude = project_.config.exclude;
    options.version_tables = inspect_.version_tables;
    return options;
  }

  const ProjectContext& project_;
  const RevisionGraph& graph_;
  Connection& conn_;
  VerifyCommandResult& result_;
  RuntimeOptions runtime_;
  InspectOptions inspect_;
};

}  // namespace

VerifyCommandResult verify_command(const VerifyCommandOptions& options) {
  const ProjectContext project = ProjectContext::load(options.project);
  const ScriptDirectory scripts = ScriptDirectory::load(project.config.script_path());
  const Url url = Url::parse(project.database_url);
  const Dialect& dialect = dialect_for(url.dialect);
  VerifyCommandResult result;
  result.dialect = std::string(dialect.name());
  const ScratchDatabase scratch(url, dialect, project.engine_options);
  result.scratch_url = scratch.url().redacted();
  EngineOptions engine_options = project.engine_options;
  engine_options.pool_size = 1;
  Engine engine(scratch.url(), engine_options);
  Connection conn = engine.connect();
  Verifier verifier(project, scripts.graph(), conn, result);
  for (const Revision& revision : scripts.graph().revisions()) {
    if (!verifier.revision(revision)) return result;
  }
  verifier.models();
  return result;
}

}  // namespace retort
