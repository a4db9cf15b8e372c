// upgrade, downgrade, stamp, current, heads and history as library functions: the project's
// config, script directory and database, handed to the runtime (lib/src/runtime).
#include "retort/command_runtime.hpp"

#include <limits>
#include <string>

#include "retort/dialect.hpp"
#include "retort/error.hpp"

namespace retort {
namespace {

RuntimeOptions runtime_options(const ProjectContext& project, int lock_timeout_ms) {
  RuntimeOptions options;
  options.version_table = project.config.version_table;
  options.transaction_per_migration = project.config.transaction_per_migration;
  options.lock_timeout_ms = lock_timeout_ms;
  options.logger = project.engine_options.logger;
  return options;
}

// A connection for a run that takes the migration lock. On SQLite every wait for another
// connection's lock, opening the file included, lasts --lock-timeout (default: forever) and
// ends as a LockTimeoutError (exit 4), like the wait for the lock itself.
struct RunConnection {
  Engine engine;
  Connection conn;
  // `create`: a SQLite file that does not exist is created (upgrade, stamp); otherwise it is
  // an error naming it (downgrade, repair: there is nothing to undo or repair).
  RunConnection(const ProjectContext& project, int lock_timeout_ms, bool create = true)
      : engine(Url::parse(project.database_url), engine_options(project, lock_timeout_ms, create)),
        conn(connect(engine, lock_timeout_ms)) {}

 private:
  static EngineOptions engine_options(const ProjectContext& project, int lock_timeout_ms,
                                      bool create) {
    EngineOptions options = project.engine_options;
    if (!create && options.mode == OpenMode::kReadWriteCreate) options.mode = OpenMode::kReadWrite;
    options.busy_timeout_ms =
        lock_timeout_ms >= 0 ? lock_timeout_ms : std::numeric_limits<int>::max();
    return options;
  }
  static Connection connect(Engine& engine, int lock_timeout_ms) {
    try {
      return engine.connect();
    } catch (const DatabaseError& e) {
      if (!engine.dialect().is_lock_busy_code(e.code())) throw;
      throw LockTimeoutError(std::string(e.what()) + "; another connection holds the lock" +
                             (lock_timeout_ms >= 0
                                  ? "; gave up after " + std::to_string(lock_timeout_ms) + " ms"
                                  : std::string()));
    }
  }
};

// The heads the database records; none when it does not exist yet (a SQLite file before the
// first upgrade), which reading must not create.
std::vector<std::string> recorded_heads(const ProjectContext& project) {
  Engine engine(Url::parse(project.database_url), project.engine_options);
  if (!engine.dialect().database_exists(engine.url())) return {};
  Connection conn = engine.connect();
  return current_heads(conn, runtime_options(project, -1));
}

ScriptDirectory load_scripts(const ProjectContext& project) {
  return ScriptDirectory::load(project.config.script_path());
}

MigrateCommandResult describe_run(const RevisionGraph& graph, std::string url,
                                  MigrationRunResult run) {
  MigrateCommandResult result;
  result.redacted_url = std::move(url);
  for (const AppliedRevision& applied : run.applied) {
    result.revisions.push_back(graph.entry(applied.revision, run.heads_after));
  }
  result.run = std::move(run);
  return result;
}

// Offline mode: the script for the dialect of the URL's scheme; connects to nothing.
MigrateCommandResult offline(const ProjectContext& project, const ScriptDirectory& scripts,
                             const MigrateCommandOptions& options, MigrationDirection direction) {
  const Url url = Url::parse(project.database_url);
  const Dialect& dialect = dialect_for(url.dialect);
  const RuntimeOptions runtime = runtime_options(project, options.lock_timeout_ms);
  MigrateCommandResult result;
  result.redacted_url = url.redacted();
  if (direction == MigrationDirection::kUpgrade) {
    result.sql = upgrade_sql(scripts.graph(), dialect,
                             options.target.empty() ? "head" : options.target, runtime);
  } else {
    if (options.target.empty())
      throw UsageError("downgrade --sql: a range FROM:TO is required (e.g. head:base)");
    result.sql = downgrade_sql(scripts.graph(), dialect, options.target, runtime);
  }
  return result;
}

MigrateCommandResult migrate(const MigrateCommandOptions& options, MigrationDirection direction) {
  const ProjectContext project = ProjectContext::load(options.project);
  const ScriptDirectory scripts = load_scripts(project);
  if (options.sql) return offline(project, scripts, options, direction);
  RunConnection run_connection(project, options.lock_timeout_ms,
                               direction == MigrationDirection::kUpgrade);
  Connection& conn = run_connection.conn;
  const RuntimeOptions runtime = runtime_options(project, options.lock_timeout_ms);
  MigrationRunResult run;
  if (direction == MigrationDirection::kUpgrade) {
    run = upgrade(conn, scripts.graph(), options.target.empty() ? "head" : options.target, runtime);
  } else {
    if (options.target.empty())
      throw UsageError("downgrade: a target is required (e.g. -1 or base)");
    run = downgrade(conn, scripts.graph(), options.target, runtime);
  }
  return describe_run(scripts.graph(), conn.redacted_url(), std::move(run));
}

}  // namespace

MigrateCommandResult upgrade_command(const MigrateCommandOptions& options) {
  return migrate(options, MigrationDirection::kUpgrade);
}

MigrateCommandResult downgrade_command(const MigrateCommandOptions& options) {
  return migrate(options, MigrationDirection::kDowngrade);
}

MigrateCommandResult stamp_command(const StampCommandOptions& options) {
  if (options.targets.empty()) throw UsageError("stamp: at least one revision is required");
  const ProjectContext project = ProjectContext::load(options.project);
  const ScriptDirectory scripts = load_scripts(project);
  RunConnection run_connection(project, options.lock_timeout_ms);
  Connection& conn = run_connection.conn;
  MigrationRunResult run = stamp(conn, scripts.graph(), options.targets,
                                 runtime_options(project, options.lock_timeout_ms), options.purge);
  return describe_run(scripts.graph(), conn.redacted_url(), std::move(run));
}

CurrentCommandResult current_command(const CurrentCommandOptions& options) {
  const ProjectContext project = ProjectContext::load(options.project);
  LoadRevisionsOptions load;
  load.checksums = false;
  const ScriptDirectory scripts = ScriptDirectory::load(project.config.script_path(), load);
  CurrentCommandResult result;
  result.redacted_url = Url::parse(project.database_url).redacted();
  const std::vector<std::string> heads = recorded_heads(project);
  for (const std::string& id : heads) result.heads.push_back(scripts.graph().entry(id, heads));
  return result;
}

GraphCommandResult heads_command(const HeadsCommandOptions& options) {
  const ProjectContext project = ProjectContext::load(options.project);
  LoadRevisionsOptions load;
  load.checksums = false;
  const ScriptDirectory scripts = ScriptDirectory::load(project.config.script_path(), load);
  return {scripts.graph().head_entries()};
}

RepairCommandResult repair_command(const RepairCommandOptions& options) {
  const ProjectContext project = ProjectContext::load(options.project);
  const ScriptDirectory scripts = load_scripts(project);
  RunConnection run_connection(project, options.lock_timeout_ms, false);
  Connection& conn = run_connection.conn;
  RepairCommandResult result;
  result.redacted_url = conn.redacted_url();
  result.repaired = repair_checksums(conn, scripts.graph(), options.revisions,
                                     runtime_options(project, options.lock_timeout_ms));
  return result;
}

GraphCommandResult history_command(const HistoryCommandOptions& options) {
  const ProjectContext project = ProjectContext::load(options.project);
  LoadRevisionsOptions load;
  load.checksums = false;
  const ScriptDirectory scripts = ScriptDirectory::load(project.config.script_path(), load);
  std::vector<std::string> heads;
  if (options.indicate_current) heads = recorded_heads(project);
  return {scripts.graph().history(options.range, heads)};
}

}  // namespace retort
