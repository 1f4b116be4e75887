#pragma once
// What every subcommand shares: the library home, how to print, and the exit code.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace foialens::cli {

// Exit codes, the same for every command.
enum Exit : int {
  kOk = 0,
  kPartial = 1,  // some inputs failed, the rest was done
  kUsage = 2,    // the command line was wrong
  kNothing = 3,  // nothing could be done
};

struct Context {
  std::optional<std::filesystem::path> home_flag;
  bool verbose = false;
  bool quiet = false;
  bool stdout_tty = false;  // stdout is a terminal
  bool stderr_tty = false;  // stderr is a terminal (progress bars)
  bool color = false;       // stdout_tty and NO_COLOR unset
  int exit_code = kOk;

  std::filesystem::path home() const;
};

}  // namespace foialens::cli
