// heads and history over N generated revision files (default 5,000), through heads_command and
// history_command as the CLI calls them: load the files, build the graph, answer. Prints the
// median and the best of several runs; the target is at most 50 ms each.
//
//   retort_bench_graph [N]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "bench_project.hpp"
#include "retort/command_runtime.hpp"

namespace {

using retort_bench::seconds_since;

template <typename F>
void measure(const char* name, int n, F&& run) {
  std::vector<double> ms;
  for (int i = 0; i < 15; ++i) {
    const auto start = std::chrono::steady_clock::now();
    run();
    ms.push_back(seconds_since(start) * 1000);
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%-8s %5d revisions: median %6.1f ms, best %6.1f ms (target <= 50 ms)\n", name, n,
              ms[ms.size() / 2], ms.front());
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 5000;
  retort_bench::BenchProject project;
  for (int i = 0; i < n; ++i) {
    const std::string table = "t" + std::to_string(i);
    project.write_revision(i,
                           "  - create_table:\n      name: " + table +
                               "\n      columns:\n        id: {type: integer, primary_key: true}\n"
                               "        name: {type: varchar(40), nullable: false}\n",
                           "  - drop_table: {name: " + table + "}\n");
  }
  retort::ProjectOptions options;
  options.config_file = project.config();
  std::size_t sink = 0;
  measure("heads", n, [&] {
    retort::HeadsCommandOptions heads;
    heads.project = options;
    sink += retort::heads_command(heads).entries.size();
  });
  measure("history", n, [&] {
    retort::HistoryCommandOptions history;
    history.project = options;
    sink += retort::history_command(history).entries.size();
  });
  return sink == 0 ? 1 : 0;
}
