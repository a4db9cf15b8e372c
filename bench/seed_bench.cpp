// Seeding benchmark (issue 6, "Fast"): loads N rows (default 1,000,000) into the 6-column
// table of seed_rows.h on a fresh SQLite file and, when RETORT_TEST_PG_URL names a server,
// on a fresh PostgreSQL database that the benchmark creates and drops, and prints rows per
// second for
//
//   raw      a minimal C program on the raw API (raw_insert_sqlite.c: one transaction, one
//            prepared multi-row INSERT reused; raw_insert_pg.c: COPY text via PQputCopyData)
//   session  retort's Session, through one Inserter (rows built in place: next_row()), with
//            the same generated values
//   seed     retort's seed() with generators of the same kinds (sequence, full name, email,
//            integer, timestamp, boolean): what `retort seed` reaches
//
// and the ratio of each to raw, by wall time and by CPU time (this process plus, for
// PostgreSQL, its server backend: steadier on a shared machine). Each figure is the best and
// the median of --repeat runs (default 3, the three ways interleaved), each on a fresh file or
// table; a run's time covers BEGIN to COMMIT and the value generation.
//
//   retort_bench_seed [--rows N] [--repeat K] [--batch B] [--only sqlite|postgresql]
//                     [--ways raw,session,seed]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "retort/engine.hpp"
#include "retort/seed.hpp"
#include "retort/session.hpp"
#include "seed_rows.h"

namespace {

namespace fs = std::filesystem;

struct Options {
  long rows = 1000000;
  int repeat = 3;
  std::size_t batch = 0;  // 0: SessionOptions' default
  std::string only;
  std::string ways = "raw,session,seed";  // which loads to run (for profiling one)
};

// Seconds of one load: wall time, and CPU time of this process plus, for PostgreSQL, of its
// server backend (steadier than wall time on a machine shared with other work).
struct Seconds {
  double wall = 0;
  double cpu = 0;
};

// Times `load`; `backend` is the PostgreSQL backend's pid, 0 for none.
template <typename Load>
Seconds timed(long backend, Load&& load) {
  auto cpu = [&] { return seed_own_cpu_seconds() + (backend ? seed_cpu_seconds_of(backend) : 0); };
  const double cpu_start = cpu();
  const auto start = std::chrono::steady_clock::now();
  load();
  Seconds s;
  s.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  s.cpu = cpu() - cpu_start;
  return s;
}

retort::Column column(std::string name, const char* type, bool nullable = true) {
  retort::Column c;
  c.name = std::move(name);
  c.type = retort::Type::parse(type);
  c.nullable = nullable;
  return c;
}

// bench_row as seed_rows.h creates it.
retort::MetaData bench_metadata() {
  retort::Table table;
  table.name = "bench_row";
  table.columns = {column("id", "integer", false), column("name", "varchar(40)"),
                   column("email", "varchar(80)"), column("amount", "integer"),
                   column("created", "timestamp"), column("active", "boolean")};
  table.primary_key = retort::PrimaryKey{"", {"id"}};
  retort::MetaData metadata;
  metadata.tables.push_back(std::move(table));
  return metadata;
}

const std::vector<std::string> kColumns = {"id", "name", "email", "amount", "created", "active"};

// One Session load of `rows` rows on `conn` (bench_row exists, empty).
void session_load(retort::Connection& conn, const Options& options) {
  const retort::MetaData metadata = bench_metadata();
  retort::SessionOptions session_options;
  if (options.batch) session_options.batch_size = options.batch;
  retort::Session session(conn, metadata, session_options);
  retort::Session::Inserter rows = session.inserter("bench_row", kColumns);
  seed_row row;
  for (long i = 1; i <= options.rows; ++i) {
    seed_make_row(i, &row);
    // In place, as the seeder writes: the slots' strings keep their storage from batch to batch.
    std::span<retort::Value> slots = rows.next_row();
    slots[0] = row.id;
    slots[1].text_buffer().assign(row.name, static_cast<std::size_t>(row.name_len));
    slots[2].text_buffer().assign(row.email, static_cast<std::size_t>(row.email_len));
    slots[3] = row.amount;
    slots[4].text_buffer().assign(row.created, 19);
    slots[5] = row.active != 0;
    rows.add_next_row();
  }
  session.commit();
}

// seed() filling bench_row with `rows` rows of the same kinds.
void seed_load(retort::Connection& conn, const Options& options) {
  const retort::MetaData metadata = bench_metadata();
  retort::TableSeed table;
  table.table = "bench_row";
  auto generator = [](std::string name, retort::GeneratorKind kind) {
    retort::ColumnGenerator g;
    g.column = std::move(name);
    g.kind = kind;
    return g;
  };
  table.columns = {generator("id", retort::GeneratorKind::kSequence),
                   generator("name", retort::GeneratorKind::kFullName),
                   generator("email", retort::GeneratorKind::kEmail),
                   generator("amount", retort::GeneratorKind::kInteger),
                   generator("created", retort::GeneratorKind::kTimestamp),
                   generator("active", retort::GeneratorKind::kBoolean)};
  table.columns[3].min = 0;
  table.columns[3].max = 999999;
  table.columns[4].from = "2026-01-01 00:00:00";
  table.columns[4].to = "2026-12-31 23:59:59";
  retort::SeedConfig config;
  config.tables.push_back(std::move(table));
  retort::SeedOptions seed_options;
  seed_options.rows = static_cast<std::uint64_t>(options.rows);
  seed_options.random_seed = 20261122;
  const retort::SeedResult result = retort::seed(conn, metadata, config, seed_options);
  if (result.total_rows != static_cast<std::uint64_t>(options.rows)) {
    std::fprintf(stderr, "seed wrote %llu rows\n",
                 static_cast<unsigned long long>(result.total_rows));
    std::exit(1);
  }
}

// Runs a raw program and reads its seconds.
Seconds raw_load(const fs::path& program, const std::string& target, const Options& options) {
  const std::string command = "'" + program.string() + "' '" + target + "' " +
                              std::to_string(options.rows) +
                              (options.batch ? " " + std::to_string(options.batch) : "");
  FILE* pipe = ::popen(command.c_str(), "r");
  Seconds s;
  char line[256];
  while (pipe && std::fgets(line, sizeof line, pipe)) {
    if (const char* at = std::strstr(line, "seconds ")) s.wall = std::atof(at + 8);
    if (const char* at = std::strstr(line, "cpu_seconds ")) s.cpu = std::atof(at + 12);
  }
  if (!pipe || ::pclose(pipe) != 0 || s.wall <= 0) {
    std::fprintf(stderr, "%s failed\n", program.c_str());
    std::exit(1);
  }
  return s;
}

// The times of each way of loading, one per repeated run.
struct Figures {
  std::vector<Seconds> raw, session, seed;
};

// The best (shortest) or the median of `runs`, wall and CPU time taken separately.
Seconds summary(std::vector<Seconds> runs, bool median) {
  if (runs.empty()) return {1e300, 1e300};
  auto pick = [&](double Seconds::*field) {
    std::vector<double> v;
    for (const Seconds& s : runs) v.push_back(s.*field);
    std::sort(v.begin(), v.end());
    if (!median) return v.front();
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  };
  return {pick(&Seconds::wall), pick(&Seconds::cpu)};
}

void print(const char* database, const Figures& f, const Options& options) {
  const double n = static_cast<double>(options.rows);
  auto line = [&](const char* measure, double raw, double session, double seed) {
    std::printf(
        "%-10s %-11s rows=%ld  raw %9.0f rows/s | session %9.0f rows/s (%5.1f%%) | seed %9.0f "
        "rows/s (%5.1f%%)\n",
        database, measure, options.rows, n / raw, n / session, 100 * raw / session, n / seed,
        100 * raw / seed);
  };
  for (bool median : {false, true}) {
    const Seconds raw = summary(f.raw, median), session = summary(f.session, median),
                  seed = summary(f.seed, median);
    line(median ? "wall median" : "wall best", raw.wall, session.wall, seed.wall);
    line(median ? "cpu median" : "cpu best", raw.cpu, session.cpu, seed.cpu);
  }
  std::fflush(stdout);
}

// Runs raw, session and seed loads in turn, `repeat` times (interleaved, so that a burst of
// load elsewhere on the machine hurts no one way more than the others).
template <typename Raw, typename Retort>
Figures run_all(const Options& options, Raw&& raw, Retort&& retort) {
  Figures f;
  auto wanted = [&](const char* way) { return options.ways.find(way) != std::string::npos; };
  for (int i = 0; i < options.repeat; ++i) {
    if (wanted("raw")) f.raw.push_back(raw());
    if (wanted("session")) f.session.push_back(retort(session_load));
    if (wanted("seed")) f.seed.push_back(retort(seed_load));
  }
  return f;
}

void bench_sqlite(const fs::path& bin_dir, const Options& options) {
  const fs::path dir =
      fs::temp_directory_path() / ("retort-seed-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "bench.db";
  auto fresh = [&] {
    fs::remove(file);
    return file;
  };
  const Figures f = run_all(
      options,
      [&] { return raw_load(bin_dir / "retort_bench_raw_sqlite", fresh().string(), options); },
      [&](auto load) {
        retort::Engine engine(retort::Url::parse("sqlite:///" + fresh().string()));
        retort::Connection conn = engine.connect();
        conn.execute(SEED_TABLE_SQL);
        return timed(0, [&] { load(conn, options); });
      });
  fs::remove_all(dir);
  print("sqlite", f, options);
}

void bench_postgres(const fs::path& bin_dir, const std::string& server, const Options& options) {
  const retort::Url server_url = retort::Url::parse(server);
  retort::Engine admin_engine(server_url);
  retort::Connection admin = admin_engine.connect();
  const std::string name = "retort_seed_bench_" + std::to_string(getpid());
  admin.execute("DROP DATABASE IF EXISTS " + name);
  admin.execute("CREATE DATABASE " + name);
  retort::Url url = server_url;
  url.database = name;
  Figures f;
  {
    retort::Engine engine(url);
    retort::Connection conn = engine.connect();
    const long backend = static_cast<long>(conn.query("SELECT pg_backend_pid()")[0].integer(0));
    // A fresh table, and no checkpoint of an earlier run's WAL during the next one.
    auto fresh = [&] { conn.execute("DROP TABLE IF EXISTS bench_row; CHECKPOINT"); };
    f = run_all(
        options,
        [&] {
          fresh();
          return raw_load(bin_dir / "retort_bench_raw_pg", url.to_string(), options);
        },
        [&](auto load) {
          fresh();
          conn.execute(SEED_TABLE_SQL);
          return timed(backend, [&] { load(conn, options); });
        });
  }
  admin.execute("DROP DATABASE " + name);
  print("postgresql", f, options);
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--rows") {
      options.rows = std::atol(value);
    } else if (flag == "--repeat") {
      options.repeat = std::atoi(value);
    } else if (flag == "--batch") {
      options.batch = static_cast<std::size_t>(std::atol(value));
    } else if (flag == "--only") {
      options.only = value;
    } else if (flag == "--ways") {
      options.ways = value;
    } else {
      std::fprintf(stderr,
                   "usage: %s [--rows N] [--repeat K] [--batch B] [--only DB] [--ways W,...]\n",
                   argv[0]);
      return 2;
    }
  }
  const fs::path bin_dir = fs::canonical("/proc/self/exe").parent_path();
  try {
    if (options.only.empty() || options.only == "sqlite") bench_sqlite(bin_dir, options);
    const char* server = std::getenv("RETORT_TEST_PG_URL");
    if ((options.only.empty() || options.only == "postgresql") && server && *server) {
      bench_postgres(bin_dir, server, options);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "retort_bench_seed: %s\n", e.what());
    return 1;
  }
  return 0;
}
