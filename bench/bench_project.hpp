// Generated projects for the runtime benchmarks: a retort.yaml and N revision files in a
// chain, in a fresh temporary directory removed on destruction.
#pragma once
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace retort_bench {

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

class BenchProject {
 public:
  BenchProject() {
    char pattern[] = "/tmp/retort-bench-XXXXXX";
    dir_ = mkdtemp(pattern);
    write_text(dir_ / "retort.yaml",
               "database_url: sqlite:///" + (dir_ / "app.db").string() + "\n");
  }
  ~BenchProject() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  BenchProject(const BenchProject&) = delete;
  BenchProject& operator=(const BenchProject&) = delete;
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path config() const { return dir_ / "retort.yaml"; }

  // Revision i (0-based) of a chain: id, down_revision, message and the operations.
  void write_revision(int i, const std::string& upgrade, const std::string& downgrade) {
    char id[32], down[32], name[64];
    std::snprintf(id, sizeof id, "r%06d", i);
    std::snprintf(down, sizeof down, "r%06d", i - 1);
    std::snprintf(name, sizeof name, "%06d_step.yaml", i);
    std::string text = std::string("revision: ") + id +
                       "\ndown_revision: " + (i == 0 ? std::string("null") : std::string(down)) +
                       "\nbranch_labels: []\ndepends_on: []\nmessage: step " + std::to_string(i) +
                       "\ncreated: 2026-11-22T10:00:00Z\nupgrade:\n" + upgrade + "downgrade:\n" +
                       downgrade;
    write_text(dir_ / "migrations/versions" / name, text);
  }

 private:
  std::filesystem::path dir_;
};

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace retort_bench
