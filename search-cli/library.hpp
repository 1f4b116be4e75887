#pragma once
// The analysed library for a command: the rule sets it may need, and the analysis stored at
// ingest brought up to date (with a progress bar on a terminal while stale documents are
// analysed again).

#include <filesystem>
#include <memory>
#include <optional>

#include "analysis/library.hpp"
#include "analysis/rules.hpp"
#include "search-cli/context.hpp"

namespace foialens::cli {

struct AnalysedLibrary {
  std::unique_ptr<analysis::RuleSets> rule_sets;  // the installed ones, then --rules
  analysis::Library library;

  // The rule set of `file` (an installed one or --rules), parsed on first use; null when it
  // is broken.
  const analysis::RuleSet* rules_of(const std::filesystem::path& file) const { return rule_sets->get(file); }
};

// Every stale document is re-analysed against the installed rule sets and `extra_rules`
// (when not empty). On failure the error is printed and ctx.exit_code set.
std::optional<AnalysedLibrary> open_library(Context& ctx, const std::filesystem::path& extra_rules = {},
                                            bool force = false);

}  // namespace foialens::cli
