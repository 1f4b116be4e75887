#include "ingest/convert.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <random>
#include <thread>
#include <vector>

#include "common/paths.hpp"
#include "common/text.hpp"

namespace foialens::ingest {
namespace fs = std::filesystem;

fs::path find_soffice() {
  if (const char* forced = std::getenv("FOIALENS_SOFFICE")) {
    return std::string_view(forced).empty() || !fs::exists(forced) ? fs::path() : fs::path(forced);
  }
  const char* path = std::getenv("PATH");
  if (path == nullptr) return {};
  for (const auto dir : text::split(path, ':')) {
    if (dir.empty()) continue;
    const fs::path candidate = fs::path(dir) / "soffice";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

Result<std::string> convert_legacy_office(std::string_view bytes, std::string_view media_type,
                                          const fs::path& temp_dir, int timeout_seconds) {
  const bool sheet = media_type == "application/vnd.ms-excel";
  const std::string what = sheet ? "legacy Excel workbook (.xls)" : "legacy Word document (.doc)";
  const fs::path soffice = find_soffice();
  if (soffice.empty()) {
    return Error::input(what + ": convert it first (to " + (sheet ? ".xlsx" : ".docx") +
                        " or PDF), or install LibreOffice and foialens converts it");
  }
  std::error_code ec;
  std::random_device rd;
  const fs::path dir = temp_dir / ("convert-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  fs::create_directories(dir, ec);
  if (ec) return Error::run("cannot create " + dir.string() + ": " + ec.message());
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code e;
      fs::remove_all(dir, e);
    }
  } cleanup{dir};
  const fs::path input = dir / (sheet ? "input.xls" : "input.doc");
  if (auto st = paths::write_file_atomic(input, bytes); !st) return st.error();
  // A profile of its own: LibreOffice refuses to run twice on one profile.
  const std::string profile = "-env:UserInstallation=file://" + (dir / "profile").string();
  const std::string target = sheet ? "xlsx" : "docx";
  std::vector<std::string> args = {soffice.string(), profile, "--headless", "--norestore", "--convert-to",
                                   target, "--outdir", dir.string(), input.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return Error::input(what + ": cannot start LibreOffice");
  if (pid == 0) {
    const int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) {
      ::dup2(null, 0);
      ::dup2(null, 1);
      ::dup2(null, 2);
    }
    ::setpgid(0, 0);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // as the child does: whichever runs first, the group exists to be stopped
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return Error::input(what + ": LibreOffice did not finish converting it within " +
                          std::to_string(timeout_seconds) + " seconds");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  auto converted = paths::read_file(dir / ("input." + target));
  if (!converted) {
    return Error::input(what + ": LibreOffice could not convert it (damaged or password-protected?)");
  }
  return std::move(*converted);
}

}  // namespace foialens::ingest
