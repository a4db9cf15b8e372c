#include "support/test_support.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace retort::testing {
namespace fs = std::filesystem;

namespace {
std::string slurp_fd(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  return out;
}
}  // namespace

ChildProcess spawn_process(const std::vector<std::string>& argv_in, const fs::path& cwd,
                           const SpawnOptions& options) {
  // stdout and stderr go to temporary files so that large outputs cannot dead-lock a pipe.
  auto io = std::make_unique<TempDir>();
  const fs::path out_path = *io / "out", err_path = *io / "err";
  std::vector<std::string> copies = argv_in;
  std::vector<char*> argv;
  for (auto& a : copies) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int in = open("/dev/null", O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (chdir(cwd.c_str()) != 0) _exit(127);
    for (const auto& [key, value] : options.env) {
      if (value.empty()) {
        unsetenv(key.c_str());
      } else {
        setenv(key.c_str(), value.c_str(), 1);
      }
    }
    if (options.in_child) options.in_child();
    execvp(argv[0], argv.data());
    _exit(127);
  }
  return ChildProcess(pid, std::move(io));
}

ChildProcess::~ChildProcess() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
}

RunResult ChildProcess::wait() {
  if (pid_ <= 0) throw std::runtime_error("ChildProcess::wait: no child");
  int status = 0;
  waitpid(std::exchange(pid_, -1), &status, 0);
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  int fd = open((*io_ / "out").c_str(), O_RDONLY);
  result.out = slurp_fd(fd);
  close(fd);
  fd = open((*io_ / "err").c_str(), O_RDONLY);
  result.err = slurp_fd(fd);
  close(fd);
  return result;
}

RunResult run_process(const std::vector<std::string>& argv, const fs::path& cwd,
                      const std::map<std::string, std::string>& env) {
  return spawn_process(argv, cwd, SpawnOptions{env, {}}).wait();
}

RunResult run_retort(const std::vector<std::string>& args, const fs::path& cwd,
                     const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv{RETORT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, cwd, env);
}

}  // namespace retort::testing
