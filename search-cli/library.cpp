#include "search-cli/library.hpp"

#include <iostream>

#include "common/log.hpp"
#include "search-cli/output.hpp"

namespace foialens::cli {
namespace fs = std::filesystem;

const analysis::RuleSet* AnalysedLibrary::rules_of(const fs::path& file) const {
  std::error_code ec;
  const fs::path wanted = fs::weakly_canonical(file, ec);
  for (const auto& r : rule_sets) {
    if (r.file == file || fs::weakly_canonical(r.file, ec) == wanted) return &r;
  }
  return nullptr;
}

std::optional<AnalysedLibrary> open_library(Context& ctx, const fs::path& extra_rules, bool force) {
  std::vector<fs::path> files = analysis::installed_rules_paths();
  std::vector<analysis::RuleSet> rule_sets;
  for (const fs::path& file : files) {
    // A broken installed rule set is reported by the commands that use it, not by all.
    if (auto r = analysis::load_rules(file)) rule_sets.push_back(std::move(*r));
  }
  if (!extra_rules.empty()) {
    analysis::RuleCheck check = analysis::check_rules(extra_rules);
    if (!check.rules) {
      for (const auto& issue : check.issues) log::error(issue.to_string());
      log::error("rule set " + extra_rules.string() + " cannot be used: fix the " +
                 std::to_string(check.issues.size()) + " problem(s) above (foialens rules check " +
                 extra_rules.string() + ")");
      ctx.exit_code = kNothing;
      return std::nullopt;
    }
    rule_sets.push_back(std::move(*check.rules));
  }
  analysis::LibraryOptions options;
  for (const auto& r : rule_sets) options.rule_sets.push_back(&r);
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
  // The pointers in `options` are not kept by the library.
  return AnalysedLibrary{std::move(rule_sets), std::move(*library)};
}

}  // namespace foialens::cli
