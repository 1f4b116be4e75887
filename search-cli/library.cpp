#include "search-cli/library.hpp"

#include "common/log.hpp"
#include "search-cli/output.hpp"

namespace foialens::cli {
namespace fs = std::filesystem;

std::optional<AnalysedLibrary> open_library(Context& ctx, const fs::path& extra_rules, bool force) {
  auto rule_sets = std::make_unique<analysis::RuleSets>(analysis::RuleSets::installed(extra_rules));
  if (!extra_rules.empty()) {
    std::vector<analysis::RuleIssue> issues;
    if (!rule_sets->get(extra_rules, &issues)) {
      for (const auto& issue : issues) log::error(issue.to_string());
      log::error("rule set " + extra_rules.string() + " cannot be used: fix the " +
                 std::to_string(issues.size()) + " problem(s) above (foialens rules check " +
                 extra_rules.string() + ")");
      ctx.exit_code = kNothing;
      return std::nullopt;
    }
  }
  analysis::LibraryOptions options;
  options.rule_sets = rule_sets.get();
  options.force = force;
  ProgressBar bar(ctx.stderr_tty && !ctx.quiet, "documents analysed");
  options.on_progress = [&](std::size_t done, std::size_t total) { bar.update(done, total); };
  auto library = analysis::Library::load(ctx.home() / "index", options);
  bar.clear();
  if (!library) {
    log::error(library.error().message);
    ctx.exit_code = kNothing;
    return std::nullopt;
  }
  if (library->reanalysed() > 0) {
    log::info("analysed " + std::to_string(library->reanalysed()) + " documents whose stored analysis was stale");
  }
  if (!library->store_warning().empty()) {
    log::warn("the analysis of " + std::to_string(library->reanalysed()) +
              " documents was not stored (it is worked out again next time): " + library->store_warning());
  }
  return AnalysedLibrary{std::move(rule_sets), std::move(*library)};
}

}  // namespace foialens::cli
