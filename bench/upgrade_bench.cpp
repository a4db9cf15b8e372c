// `upgrade head` over N generated revisions (default 1,000; each creates a small table or
// changes one: add a column, create an index, insert a row) on a fresh SQLite file, through
// upgrade_command as the CLI calls it, against the sqlite3 client running the script that
// `upgrade --sql` prints for the same chain on another fresh file (timed as a subprocess, as a
// user would run it). Target: retort within 1.3x the client.
//
//   retort_bench_upgrade [N]
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "bench_project.hpp"
#include "retort/command_runtime.hpp"

namespace {

using retort_bench::seconds_since;

// Revision i: every fourth revision creates table t<i>; the next three change it.
void write_chain(retort_bench::BenchProject& project, int n) {
  for (int i = 0; i < n; ++i) {
    const std::string table = "t" + std::to_string(i - i % 4);
    const std::string column = "c" + std::to_string(i);
    std::string up, down;
    switch (i % 4) {
      case 0:
        up = "  - create_table:\n      name: " + table +
             "\n      columns:\n        id: {type: integer, primary_key: true}\n"
             "        name: {type: varchar(40), nullable: false}\n";
        down = "  - drop_table: {name: " + table + "}\n";
        break;
      case 1:
        up = "  - add_column: {table: " + table + ", column: " + column + ", type: integer}\n";
        down = "  - drop_column: {table: " + table + ", column: " + column + ", type: integer}\n";
        break;
      case 2:
        up = "  - create_index: {table: " + table + ", name: ix_" + table + ", columns: [name]}\n";
        down = "  - drop_index: {table: " + table + ", name: ix_" + table + "}\n";
        break;
      default:
        up = "  - bulk_insert: {table: " + table + ", key: [id], rows: [{id: 1, name: x}]}\n";
        down = "  - bulk_delete: {table: " + table + ", key: [id], rows: [{id: 1}]}\n";
        break;
    }
    project.write_revision(i, up, down);
  }
}

double time_retort(const retort_bench::BenchProject& project, const std::string& url) {
  retort::MigrateCommandOptions options;
  options.project.config_file = project.config();
  options.project.url = url;
  const auto start = std::chrono::steady_clock::now();
  const retort::MigrateCommandResult result = retort::upgrade_command(options);
  const double seconds = seconds_since(start);
  if (result.run.applied.empty()) std::exit(1);
  return seconds;
}

double time_client(const std::filesystem::path& script, const std::filesystem::path& db) {
  const std::string command =
      "sqlite3 -bail '" + db.string() + "' < '" + script.string() + "' > /dev/null";
  const auto start = std::chrono::steady_clock::now();
  const int status = std::system(command.c_str());
  const double seconds = seconds_since(start);
  if (status != 0) {
    std::fprintf(stderr, "sqlite3 failed on %s\n", script.c_str());
    std::exit(1);
  }
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
  retort_bench::BenchProject project;
  write_chain(project, n);
  retort::MigrateCommandOptions offline;
  offline.project.config_file = project.config();
  offline.sql = true;
  const auto start = std::chrono::steady_clock::now();
  const std::string script = retort::upgrade_command(offline).sql;
  const double script_seconds = seconds_since(start);
  retort_bench::write_text(project.dir() / "up.sql", script);

  std::vector<double> ours, client;
  for (int round = 0; round < 5; ++round) {
    const auto db = project.dir() / ("retort" + std::to_string(round) + ".db");
    ours.push_back(time_retort(project, "sqlite:///" + db.string()));
    client.push_back(time_client(project.dir() / "up.sql",
                                 project.dir() / ("client" + std::to_string(round) + ".db")));
  }
  std::sort(ours.begin(), ours.end());
  std::sort(client.begin(), client.end());
  const double a = ours[ours.size() / 2], b = client[client.size() / 2];
  std::printf(
      "upgrade head, %d revisions, SQLite file: retort %.0f ms, sqlite3 client %.0f ms "
      "(medians of 5), ratio %.2fx (target <= 1.3x); upgrade --sql took %.0f ms\n",
      n, a * 1000, b * 1000, a / b, script_seconds * 1000);
  return 0;
}
