#pragma once
// `foialens serve` as a child process on a free loopback port (--port 0): started with a
// library home, its URL read from what it prints, stopped with SIGTERM.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace foialens::testing {

class ServerProcess {
 public:
  // Starts `binary --home home serve --port 0 args...`; output goes to `log_dir`.
  ServerProcess(const std::string& binary, const std::filesystem::path& home, const std::filesystem::path& log_dir,
                std::vector<std::string> args = {}) {
    out_ = log_dir / "serve.out";
    err_ = log_dir / "serve.err";
    std::vector<std::string> argv = {binary, "--home", home.string(), "serve", "--port", "0"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    if (posix_spawn(&pid_, binary.c_str(), &actions, nullptr, cargv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    // Wait until it prints its URL or exits; the bound is a guard against a hung start,
    // not a measure of speed.
    const std::regex url_re(R"(at (http://127\.0\.0\.1:([0-9]+)/\S*))");
    for (int i = 0; i < 600 && pid_ > 0; ++i) {
      std::smatch m;
      const std::string out = slurp(out_);
      if (std::regex_search(out, m, url_re)) {
        url_ = m[1];
        port_ = std::stoi(m[2]);
        return;
      }
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  ~ServerProcess() { stop(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  const std::string& url() const { return url_; }
  std::string out() const { return slurp(out_); }
  std::string err() const { return slurp(err_); }

  // SIGTERM, then the exit code (0 when it stopped cleanly).
  int stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      pid_ = -1;
    }
    return exit_code_;
  }

 private:
  static std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  pid_t pid_ = -1;
  int port_ = 0;
  int exit_code_ = -1;
  std::string url_;
  std::filesystem::path out_, err_;
};

}  // namespace foialens::testing
