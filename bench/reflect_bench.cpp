// Reflection benchmark: builds a realistic schema of N tables (5 to 12 columns each, about a
// third with a foreign key, some unique constraints, checks and indexes), creates it on SQLite
// and, when RETORT_TEST_PG_URL names a server, on PostgreSQL, then times reflect() and
// measures its peak memory in a fresh process (the schema generator does not count).
//
//   retort_bench_reflect [N ...]            default N: 2000 10000
//   retort_bench_reflect --reflect URL      (internal) connect, reflect, print seconds
//   retort_bench_reflect --floor URL        (internal) connect, load the catalog, print seconds
//
// Output, one line per database and N: the reflect time and peak RSS, and the floor: what
// connecting and making the database load its catalog costs (SQLite parses its whole schema
// on the first query), which no reflection can beat.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "retort/ddl.hpp"
#include "retort/engine.hpp"
#include "retort/inspect.hpp"

extern char** environ;

namespace {

using retort::Column;
using retort::MetaData;
using retort::Table;

Column column(std::string name, const char* type, bool nullable = true) {
  Column c;
  c.name = std::move(name);
  c.type = retort::Type::parse(type);
  c.nullable = nullable;
  return c;
}

// A deterministic schema of `n` tables that looks like an application's.
MetaData generate_schema(int n) {
  static const char* kTypes[] = {"varchar(80)", "text", "integer",       "bigint", "boolean",
                                 "timestamp",   "date", "numeric(12,2)", "real",   "varchar(255)"};
  std::mt19937 rng(20261122);
  MetaData m;
  for (int i = 0; i < n; ++i) {
    Table t;
    t.name = "table_" + std::to_string(i);
    t.columns.push_back(column("id", "bigint", false));
    t.primary_key = retort::PrimaryKey{"", {"id"}};
    const int extra = 4 + static_cast<int>(rng() % 8);  // 5 to 12 columns with id
    for (int c = 0; c < extra; ++c) {
      Column col = column("col_" + std::to_string(c), c == 0 ? "integer" : kTypes[rng() % 10],
                          rng() % 3 != 0);
      if (c == 0 && rng() % 4 == 0) col.server_default = retort::DefaultValue::literal("0");
      t.columns.push_back(std::move(col));
    }
    if (i > 0 && i % 3 == 0) {
      t.columns.push_back(column("parent_id", "bigint"));
      retort::ForeignKey fk;
      fk.columns = {"parent_id"};
      fk.ref_table = "table_" + std::to_string(rng() % i);
      fk.ref_columns = {"id"};
      fk.on_delete = retort::ReferentialAction::kCascade;
      t.foreign_keys.push_back(std::move(fk));
      t.indexes.push_back({"ix_" + t.name + "_parent", {{"parent_id", "", false}}, false, ""});
    }
    if (i % 4 == 0) t.unique_constraints.push_back({"", {"col_0"}});
    if (i % 5 == 0) t.check_constraints.push_back({"", "id > 0"});
    if (i % 6 == 0) {
      t.indexes.push_back(
          {"ix_" + t.name + "_multi", {{"col_1", "", false}, {"id", "", true}}, false, ""});
    }
    m.tables.push_back(std::move(t));
  }
  return m;
}

// create_all in transactions of a few thousand statements: one transaction for 10,000
// PostgreSQL tables would exhaust max_locks_per_transaction.
void create_schema(retort::Connection& conn, const MetaData& schema) {
  const std::vector<std::string> statements = retort::create_all_sql(schema, conn.dialect());
  constexpr std::size_t kBatch = 2000;
  for (std::size_t first = 0; first < statements.size(); first += kBatch) {
    retort::Transaction tx(conn);
    for (std::size_t i = first; i < std::min(statements.size(), first + kBatch); ++i) {
      conn.execute(statements[i]);
    }
    tx.commit();
  }
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// This process's peak resident set (VmHWM). Not getrusage: after posix_spawn's vfork, a
// child's ru_maxrss includes its parent's memory from before exec.
long peak_rss_kb() {
  std::FILE* status = std::fopen("/proc/self/status", "r");
  if (!status) return 0;
  char line[256];
  long kb = 0;
  while (std::fgets(line, sizeof line, status)) {
    if (std::sscanf(line, "VmHWM: %ld kB", &kb) == 1) break;
  }
  std::fclose(status);
  return kb;
}

// Child mode: connect and reflect (or, for the floor, run one query that makes the database
// load its catalog), then print the elapsed seconds and the table count.
int reflect_once(const std::string& url_text, bool floor_only) {
  const auto start = std::chrono::steady_clock::now();
  retort::EngineOptions options;
  options.mode = retort::OpenMode::kReadOnly;
  retort::Engine engine(retort::Url::parse(url_text), options);
  retort::Connection conn = engine.connect();
  std::size_t tables = 0;
  if (floor_only) {
    const bool sqlite = conn.dialect().kind() == retort::DialectKind::kSqlite;
    tables = static_cast<std::size_t>(
        conn.query(sqlite ? "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                          : "SELECT count(*) FROM pg_class WHERE relkind = 'r' AND "
                            "relnamespace = 'public'::regnamespace")
            .cell(0, 0)
            .integer());
  } else {
    tables = retort::reflect(conn).tables.size();
  }
  std::printf("%.6f %zu %ld\n", seconds_since(start), tables, peak_rss_kb());
  return 0;
}

struct Measure {
  double seconds = 0;
  std::size_t tables = 0;
  long peak_kb = 0;
};

// Runs this program in child mode and reads its output and peak RSS.
Measure measure(const char* self, const std::string& url, bool floor_only) {
  int fds[2];
  if (pipe(fds) != 0) std::exit(1);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  std::vector<char*> argv{const_cast<char*>(self),
                          const_cast<char*>(floor_only ? "--floor" : "--reflect"),
                          const_cast<char*>(url.c_str()), nullptr};
  pid_t pid = 0;
  if (posix_spawn(&pid, self, &actions, nullptr, argv.data(), environ) != 0) std::exit(1);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  std::string out;
  char buf[256];
  for (ssize_t got; (got = read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, got);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  Measure m;
  if (std::sscanf(out.c_str(), "%lf %zu %ld", &m.seconds, &m.tables, &m.peak_kb) != 3 ||
      status != 0) {
    std::fprintf(stderr, "reflect child failed: %s\n", out.c_str());
    std::exit(1);
  }
  return m;
}

Measure best_of(const char* self, const std::string& url, bool floor_only, int runs) {
  Measure best;
  for (int run = 0; run < runs; ++run) {
    const Measure m = measure(self, url, floor_only);
    if (run == 0 || m.seconds < best.seconds) best.seconds = m.seconds;
    best.peak_kb = std::max(best.peak_kb, m.peak_kb);
    best.tables = m.tables;
  }
  return best;
}

void report(const char* self, const char* label, const std::string& url, int n) {
  const Measure floor = best_of(self, url, true, 5);
  const Measure best = best_of(self, url, false, 5);
  std::printf(
      "%-10s %6d tables  connect+reflect %.3f s  peak RSS %.1f MB  "
      "(floor: connect+catalog load %.3f s, %.1f MB; best of 5)\n",
      label, n, best.seconds, best.peak_kb / 1024.0, floor.seconds, floor.peak_kb / 1024.0);
  if (best.tables != static_cast<std::size_t>(n)) {
    std::fprintf(stderr, "expected %d tables, reflected %zu\n", n, best.tables);
    std::exit(1);
  }
}

void bench_sqlite(const char* self, int n, const MetaData& schema) {
  // RETORT_BENCH_KEEP=DIR keeps the database as DIR/reflect_<N>.db, for profiling.
  const char* keep = std::getenv("RETORT_BENCH_KEEP");
  const std::filesystem::path path =
      keep && *keep ? std::filesystem::path(keep) / ("reflect_" + std::to_string(n) + ".db")
                    : std::filesystem::temp_directory_path() /
                          ("retort_bench_" + std::to_string(getpid()) + ".db");
  std::filesystem::remove(path);
  retort::Url url = retort::Url::parse("sqlite:///x.db");
  url.database = path.string();
  {
    retort::Engine engine(url);
    retort::Connection conn = engine.connect();
    create_schema(conn, schema);
  }
  report(self, "sqlite", url.to_string(), n);
  if (!(keep && *keep)) std::filesystem::remove(path);
}

void bench_postgres(const char* self, int n, const MetaData& schema, const std::string& server) {
  retort::Url server_url = retort::Url::parse(server);
  const std::string name = "retort_bench_" + std::to_string(getpid());
  retort::Engine admin(server_url);
  retort::Connection admin_conn = admin.connect();
  admin_conn.execute("DROP DATABASE IF EXISTS " + name);
  admin_conn.execute("CREATE DATABASE " + name);
  retort::Url url = server_url;
  url.database = name;
  {
    retort::Engine engine(url);
    retort::Connection conn = engine.connect();
    create_schema(conn, schema);
    conn.execute("ANALYZE");
  }
  report(self, "postgresql", url.to_string(), n);
  admin_conn.execute("DROP DATABASE " + name);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--reflect") return reflect_once(argv[2], false);
  if (argc == 3 && std::string(argv[1]) == "--floor") return reflect_once(argv[2], true);
  std::vector<int> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
  if (sizes.empty()) sizes = {2000, 10000};
  const char* pg = std::getenv("RETORT_TEST_PG_URL");
  // posix_spawn needs a path: /proc/self/exe is this very binary.
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  for (int n : sizes) {
    const MetaData schema = generate_schema(n);
    bench_sqlite(self.c_str(), n, schema);
    if (pg && *pg) bench_postgres(self.c_str(), n, schema, pg);
  }
  return 0;
}
