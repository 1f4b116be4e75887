// foialens report: the morning summary. What is late or due among the records requests,
// what may be appealed, which documents conflict with the policy, and which instruments
// the documents cite that nobody holds yet.

#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "analysis/conflicts.hpp"
#include "api/analysis.hpp"
#include "analysis/references.hpp"
#include "analysis/rules.hpp"
#include "common/log.hpp"
#include "common/paths.hpp"
#include "common/text.hpp"
#include "search-cli/commands.hpp"
#include "search-cli/library.hpp"
#include "search-cli/output.hpp"
#include "tracker/tracker.hpp"

namespace foialens::cli {
namespace {
namespace fs = std::filesystem;

constexpr std::size_t kTopReferences = 5;

struct ReportArgs {
  std::string today;
  std::string rules;
  bool json = false;
};

// Shows the warnings the report gathered so far, in order.
void warn(api::Report& report) {
  for (const auto& w : report.warnings) log::warn(w);
  report.warnings.clear();
}

int run_report(const ReportArgs& args, Context& ctx) {
  Date today = Date::today();
  if (!args.today.empty()) {
    auto d = Date::parse_iso(args.today);
    if (!d) {
      log::error("report --today: " + d.error().message);
      return kUsage;
    }
    today = *d;
  }

  api::Report r = api::report_requests(ctx.home(), today);
  warn(r);
  std::optional<AnalysedLibrary> lib;
  std::error_code ec;
  if (fs::exists(ctx.home() / "index", ec)) {
    const int before = ctx.exit_code;
    lib = open_library(ctx, args.rules.empty() ? fs::path() : fs::path(args.rules));
    ctx.exit_code = before;
  }
  if (lib) {
    api::report_library(r, lib->library);
    const fs::path path = args.rules.empty() ? analysis::default_rules_path() : fs::path(args.rules);
    api::report_conflicts(r, lib->library, lib->rules_of(path), path);
    warn(r);
    api::report_references(r, lib->library, requested_reference_keys(ctx));
  }
  if (Status ready = api::report_ready(r); !ready) {
    log::error(ready.error().message);
    return kNothing;
  }
  if (args.json) {
    std::cout << api::report_json(r);
    return kOk;
  }
  const auto& unresolved = r.unresolved;

  std::cout << bold(ctx, "foialens report") << dim(ctx, " \u00b7 " + today.weekday_name() + ", " + today.long_form())
            << "\n";
  if (r.requests_present) {
    std::cout << "\n" << bold(ctx, "Records requests") << "\n"
              << fmt::format("  {} open: {} late, {} due within {} days, {} may be appealed\n", r.open,
                             r.late, r.soon, api::kSoonDays, r.appealable);
    Table table({"  ID", "AGENCY", "SUBJECT", "STATUS", "NEXT", "DATE", "WHEN"});
    for (const auto& v : r.attention) {
      const auto& a = v.assessment;
      std::string when = "-";
      if (a.open && a.next_due) {
        when = a.days_left < 0 ? red(ctx, fmt::format("{} days late", -a.days_left))
                               : fmt::format("{} days left", a.days_left);
      } else if (a.appeal_by) {
        when = yellow(ctx, "appeal by " + a.appeal_by->iso());
      }
      table.add({"  " + std::to_string(v.record.id), v.record.agency, text::truncate_utf8(v.record.subject, 40),
                 std::string(tracker::status_name(a.status)), a.next_kind,
                 a.next_due ? a.next_due->iso() : "-", when});
    }
    if (!table.empty()) std::cout << table.render(ctx);
  }
  if (lib) {
    std::cout << "\n" << bold(ctx, "Library") << "\n"
              << fmt::format("  {} documents, {} pages ({} OCR'd", r.documents, r.pages, r.ocr_pages)
              << (r.low_confidence_pages
                      ? fmt::format(", {} of low confidence: foialens docs --low-confidence", r.low_confidence_pages)
                      : "")
              << ")\n";
  }
  if (r.conflicts_present) {
    std::cout << "\n" << bold(ctx, "Conflicts with " + r.policy) << "\n"
              << fmt::format("  {} conflict and {} review findings in {} documents (foialens conflicts)\n",
                             r.conflicts, r.reviews, r.by_document.size());
    for (const auto& [title, counts] : r.by_document) {
      std::string line = "  " + text::truncate_utf8(title, 70) + ": ";
      if (counts.first) line += red(ctx, fmt::format("{} conflict", counts.first));
      if (counts.first && counts.second) line += ", ";
      if (counts.second) line += yellow(ctx, fmt::format("{} review", counts.second));
      std::cout << line << "\n";
    }
  }
  if (lib) {
    std::cout << "\n" << bold(ctx, "Instruments cited that the library does not hold") << "\n";
    if (unresolved.empty()) std::cout << "  none\n";
    for (std::size_t i = 0; i < unresolved.size() && i < kTopReferences; ++i) {
      const auto& ref = unresolved[i];
      std::cout << fmt::format("  {}  {:<10}  {} (cited {}x)\n", ref.key, analysis::to_string(ref.status),
                               text::truncate_utf8(ref.label, 70), ref.citations.size());
    }
    if (unresolved.size() > kTopReferences) {
      std::cout << fmt::format("  ... {} more: foialens references --unresolved\n", unresolved.size() - kTopReferences);
    }
  }
  return kOk;
}

}  // namespace

void add_report_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report", "the morning summary: requests late, due or appealable; conflicts; instruments nobody holds yet");
  cmd->add_option("--today", args->today, "report as of this date (YYYY-MM-DD)")->type_name("DATE");
  cmd->add_option("--rules", args->rules, "rule set file (default: the Welcoming City Ordinance)")->type_name("FILE");
  cmd->add_flag("--json", args->json, "one JSON object");
  cmd->callback([args, &ctx] { ctx.exit_code = run_report(*args, ctx); });
}

}  // namespace foialens::cli
