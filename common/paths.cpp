#include "common/paths.hpp"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <system_error>

#ifndef FOIALENS_DATA_DIR_DEFAULT
#define FOIALENS_DATA_DIR_DEFAULT ""
#endif

namespace foialens::paths {
namespace fs = std::filesystem;

fs::path resolve_home(const std::optional<fs::path>& flag) {
  if (flag && !flag->empty()) return *flag;
  if (const char* env = std::getenv("FOIALENS_HOME"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return fs::path(xdg) / "foialens";
  }
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : ".") / ".local" / "share" / "foialens";
}

Status ensure_home(const fs::path& home) {
  std::error_code ec;
  for (const auto& sub : {fs::path("store"), fs::path("cache") / "ocr"}) {
    fs::create_directories(home / sub, ec);
    if (ec) {
      return Error::run("cannot create library home " + (home / sub).string() + ": " +
                        ec.message());
    }
  }
  return Ok{};
}

fs::path data_dir() {
  if (const char* env = std::getenv("FOIALENS_DATA_DIR"); env && *env) return env;
  const fs::path compiled = FOIALENS_DATA_DIR_DEFAULT;
  std::error_code ec;
  if (!compiled.empty() && fs::exists(compiled / "data", ec)) return compiled;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path share = exe.parent_path().parent_path() / "share" / "foialens";
    if (fs::exists(share, ec)) return share;
  }
  return compiled;
}

Result<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::input(std::string("cannot open: ") + std::strerror(errno));
  std::string data;
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size > 0) {
    data.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    in.read(data.data(), size);
  }
  if (in.bad()) return Error::input("read failed");
  return data;
}

Status write_file_atomic(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  // Unique per call: threads of one process may write the same path at once (the same
  // content found twice in one batch); the last rename wins with identical bytes.
  static std::atomic<unsigned long> counter{0};
  const fs::path tmp = path.string() + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Error::run("cannot write " + tmp.string() + ": " + std::strerror(errno));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      fs::remove(tmp, ec);
      return Error::run("cannot write " + tmp.string() + ": disk full or I/O error");
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Error::run("cannot rename into " + path.string() + ": " + ec.message());
  }
  return Ok{};
}

}  // namespace foialens::paths
