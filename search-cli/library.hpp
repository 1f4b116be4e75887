#pragma once
// The analysed library for a command: the rule sets it needs, and the analysis stored at
// ingest brought up to date (with a progress bar on a terminal while stale documents are
// analysed again).

#include <filesystem>
#include <optional>
#include <vector>

#include "analysis/library.hpp"
#include "analysis/rules.hpp"
#include "search-cli/context.hpp"

namespace foialens::cli {

struct AnalysedLibrary {
  std::vector<analysis::RuleSet> rule_sets;  // the installed ones, then --rules
  analysis::Library library;

  // The rule set of `file` (one of those loaded).
  const analysis::RuleSet* rules_of(const std::filesystem::path& file) const;
};

// The installed rule sets and `extra_rules` (when not empty) are loaded and every stale
// document re-analysed with them. On failure the error is printed and ctx.exit_code set.
std::optional<AnalysedLibrary> open_library(Context& ctx, const std::filesystem::path& extra_rules = {},
                                            bool force = false);

}  // namespace foialens::cli
