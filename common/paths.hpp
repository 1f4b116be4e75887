#pragma once
// The library home and the project's shipped data.

#include <filesystem>
#include <optional>
#include <string>

#include "common/error.hpp"

namespace foialens::paths {

// The library home: `flag` when given, else $FOIALENS_HOME, else
// $XDG_DATA_HOME/foialens, else ~/.local/share/foialens.
std::filesystem::path resolve_home(const std::optional<std::filesystem::path>& flag);

// Creates the home and its sub-folders when missing.
Status ensure_home(const std::filesystem::path& home);

// Where shipped data (data/laws, data/calendars, data/agencies.toml, rules/) lives:
// $FOIALENS_DATA_DIR when set, else the folder compiled in (the source tree), else the
// folder beside the executable's ../share/foialens.
std::filesystem::path data_dir();

// Reads a whole file into memory.
Result<std::string> read_file(const std::filesystem::path& path);

// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename).
Status write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

}  // namespace foialens::paths
