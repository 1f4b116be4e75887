#include "common/log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

namespace foialens::log {
namespace {
std::atomic<Level> g_level{Level::normal};
std::mutex g_mutex;

void emit(std::string_view prefix, std::string_view message) {
  std::string line;
  line.reserve(prefix.size() + message.size() + 1);
  line.append(prefix).append(message).push_back('\n');
  const std::lock_guard lock(g_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
}
}  // namespace

void set_level(Level l) { g_level = l; }
Level level() { return g_level; }

void error(std::string_view message) { emit("foialens: ", message); }
void warn(std::string_view message) {
  if (g_level != Level::quiet) emit("foialens: warning: ", message);
}
void info(std::string_view message) {
  if (g_level == Level::verbose) emit("foialens: ", message);
}

}  // namespace foialens::log
