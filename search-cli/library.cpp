#include "search-cli/library.hpp"

#include "common/log.hpp"
#include "search-cli/output.hpp"

namespace foialens::cli {

std::optional<AnalysedLibrary> open_library(Context& ctx, const std::filesystem::path& extra_rules, bool force) {
  ProgressBar bar(ctx.stderr_tty && !ctx.quiet, "documents analysed");
  auto opened = analysis::open_analysed(ctx.home() / "index", extra_rules, force,
                                        [&](std::size_t done, std::size_t total) { bar.update(done, total); });
  bar.clear();
  if (!opened) {
    log::error(opened.error().message);
    ctx.exit_code = kNothing;
    return std::nullopt;
  }
  const analysis::Library& library = opened->library;
  if (library.reanalysed() > 0) {
    log::info("analysed " + std::to_string(library.reanalysed()) + " documents whose stored analysis was stale");
  }
  if (!library.store_warning().empty()) {
    log::warn("the analysis of " + std::to_string(library.reanalysed()) +
              " documents was not stored (it is worked out again next time): " + library.store_warning());
  }
  return std::move(*opened);
}

}  // namespace foialens::cli
