// check benchmark (issue 4): on a SQLite database of N tables that matches its models file,
// times `inspect` against `check` (both library commands, best of several runs), then
// compare() and the whole `diff` command with 1% of the tables drifted (a column added).
//
//   retort_bench_check [N]        default N: 2000
//
// Targets: check within 1.5x inspect; the 1%-drift diff at most 0.15 s on SQLite.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

#include "bench_project.hpp"
#include "retort/command_check.hpp"
#include "retort/command_diff.hpp"
#include "retort/command_runtime.hpp"
#include "retort/ddl.hpp"
#include "retort/diff.hpp"
#include "retort/inspect.hpp"
#include "retort/models_file.hpp"
#include "retort/schema_builder.hpp"

namespace {

using retort_bench::seconds_since;

retort::Column col(std::string name, const char* type, bool nullable = true) {
  retort::Column c;
  c.name = std::move(name);
  c.type = retort::Type::parse(type);
  c.nullable = nullable;
  return c;
}

// N tables of 6 to 9 columns; every third references an earlier one and has an index.
retort::MetaData make_schema(int n) {
  static const char* kTypes[] = {"varchar(80)", "text", "integer", "bigint", "boolean", "date"};
  retort::MetaData m;
  for (int i = 0; i < n; ++i) {
    retort::Table t;
    t.name = "t" + std::to_string(i);
    t.columns.push_back(col("id", "bigint", false));
    t.primary_key = retort::PrimaryKey{"", {"id"}};
    for (int c = 0; c < 5 + i % 4; ++c) {
      t.columns.push_back(col("c" + std::to_string(c), kTypes[(i + c) % 6]));
    }
    if (i > 0 && i % 3 == 0) {
      t.columns.push_back(col("parent_id", "bigint"));
      retort::ForeignKey fk;
      fk.columns = {"parent_id"};
      fk.ref_table = "t" + std::to_string(i / 2);
      fk.ref_columns = {"id"};
      t.foreign_keys.push_back(std::move(fk));
      t.indexes.push_back({"ix_" + t.name + "_parent", {{"parent_id", "", false}}, false, ""});
    }
    m.tables.push_back(std::move(t));
  }
  return m;
}

// The best of `runs` timings of `f`.
double best_of(int runs, const std::function<void()>& f) {
  double best = 1e9;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    f();
    best = std::min(best, seconds_since(start));
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 2000;
  retort_bench::BenchProject project;
  const retort::MetaData schema = make_schema(n);
  std::filesystem::create_directories(project.dir() / "models");
  retort::save_models(schema, project.dir() / "models/schema.yaml");
  retort::ProjectOptions options;
  options.working_directory = project.dir();
  {
    retort::MigrateCommandOptions upgrade;  // creates the database and its version table
    upgrade.project = options;
    std::filesystem::create_directories(project.dir() / "migrations/versions");
    retort::upgrade_command(upgrade);
    retort::Engine engine(retort::Url::parse("sqlite:///" + (project.dir() / "app.db").string()));
    retort::Connection conn = engine.connect();
    retort::create_all(conn, schema);
  }

  retort::InspectCommandOptions inspect;
  inspect.project = options;
  const double inspect_s = best_of(5, [&] { retort::inspect(inspect); });
  retort::CheckCommandOptions check;
  check.project = options;
  bool ok = false;
  const double check_s = best_of(5, [&] { ok = retort::check_command(check).ok(); });
  const double load_s =
      best_of(5, [&] { retort::load_models(project.dir() / "models/schema.yaml"); });
  std::printf("SQLite, %d tables, no difference (check ok: %s)\n", n, ok ? "yes" : "NO");
  std::printf("  inspect        %7.3f s\n", inspect_s);
  std::printf("  check          %7.3f s  (%.2fx inspect; target <= 1.5x)\n", check_s,
              check_s / inspect_s);
  std::printf("    of which loading the models file %.3f s\n", load_s);

  // 1% drift: a column added to every 100th table of the models.
  retort::MetaData drifted = schema;
  for (int i = 0; i < n; i += 100) {
    drifted.tables[static_cast<std::size_t>(i)].columns.push_back(col("drift", "integer"));
  }
  retort::save_models(drifted, project.dir() / "models/drifted.yaml");
  retort::Engine engine(retort::Url::parse("sqlite:///" + (project.dir() / "app.db").string()));
  retort::Connection conn = engine.connect();
  retort::InspectOptions reflect_options;
  const retort::MetaData live = retort::reflect(conn, reflect_options);
  std::size_t count = 0;
  const double compare_s =
      best_of(5, [&] { count = retort::compare(live, drifted, conn.dialect(), {}).size(); });
  retort::DiffCommandOptions diff;
  diff.project = options;
  diff.from = "sqlite:///" + (project.dir() / "app.db").string();
  diff.to = (project.dir() / "models/drifted.yaml").string();
  const double diff_s = best_of(5, [&] { retort::diff(diff); });
  std::printf("SQLite, %d tables, 1%% drift (%zu operations)\n", n, count);
  std::printf("  compare()      %7.3f s  (target <= 0.15 s)\n", compare_s);
  std::printf("  diff command   %7.3f s  (reflect + load + compare + SQL)\n", diff_s);
  return 0;
}
