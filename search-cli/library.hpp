#pragma once
// The analysed library for a command: analysis::open_analysed with a progress bar on a
// terminal while stale documents are analysed again, and its messages printed.

#include <filesystem>
#include <optional>

#include "analysis/library.hpp"
#include "search-cli/context.hpp"

namespace foialens::cli {

using analysis::AnalysedLibrary;

// On failure the error is printed and ctx.exit_code set.
std::optional<AnalysedLibrary> open_library(Context& ctx, const std::filesystem::path& extra_rules = {},
                                            bool force = false);

}  // namespace foialens::cli
