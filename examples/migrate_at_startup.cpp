// An application that migrates its own database at start-up with retort's library API
// (docs/embedding.md): it upgrades the database of the project whose retort.yaml it is given to
// the head revision, then opens the database for its own work.
//
//   migrate_at_startup path/to/retort.yaml
#include <iostream>

#include "retort/command_runtime.hpp"
#include "retort/engine.hpp"
#include "retort/error.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: migrate_at_startup RETORT_YAML\n";
    return 2;
  }
  retort::MigrateCommandOptions options;
  options.project.config_file = argv[1];  // the project: database_url, script_location, ...
  options.lock_timeout_ms = 30'000;       // other instances starting at once wait their turn
  try {
    // Runs every pending revision (target "head") in one transaction, under the migration
    // lock; does nothing when the database is up to date.
    const retort::MigrateCommandResult migrated = retort::upgrade_command(options);
    for (const retort::HistoryEntry& revision : migrated.revisions) {
      std::cout << "migrated: " << revision.id << " (" << revision.message << ")\n";
    }

    // The application's own work, on the migrated schema.
    const retort::ProjectContext project = retort::ProjectContext::load(options.project);
    retort::Engine engine(retort::Url::parse(project.database_url));
    retort::Connection conn = engine.connect();
    const retort::Result rows = conn.query("SELECT COUNT(*) FROM note");
    std::cout << "notes: " << rows.cell(0, 0).integer() << '\n';
  } catch (const retort::Error& e) {
    // One line naming the file, the operation and the database's message; the database is
    // as it was before the failed run.
    std::cerr << "cannot migrate the database: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
