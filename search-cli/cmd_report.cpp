// foialens report: the morning summary. What is late or due among the records requests,
// what may be appealed, which documents conflict with the policy, and which instruments
// the documents cite that nobody holds yet.

#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "analysis/conflicts.hpp"
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
using json = nlohmann::json;

constexpr int kSoonDays = 7;
constexpr double kLowConfidence = 70.0;
constexpr std::size_t kTopReferences = 5;

struct ReportArgs {
  std::string today;
  std::string rules;
  bool json = false;
};

struct RequestsPart {
  bool present = false;
  std::optional<tracker::Tracker> tracker;  // owns the agencies and laws the views point to
  std::vector<tracker::RequestView> attention;  // late, due soon, or appealable
  std::size_t open = 0, late = 0, soon = 0, appealable = 0;
};

struct LibraryCounts {
  std::size_t documents = 0, pages = 0, ocr_pages = 0;
};

struct ConflictsPart {
  bool present = false;
  std::string policy;
  std::size_t conflicts = 0, reviews = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_document;  // title -> counts
};

RequestsPart requests_part(const Context& ctx, Date today) {
  RequestsPart part;
  std::error_code ec;
  if (!fs::exists(ctx.home() / "tracker.db", ec)) return part;
  auto t = tracker::Tracker::open(ctx.home(), paths::data_dir());
  if (!t) {
    log::warn("report: records requests left out: " + t.error().message);
    return part;
  }
  part.tracker.emplace(std::move(*t));
  auto views = part.tracker->list(tracker::ListFilter{}, today);
  if (!views) {
    log::warn("report: records requests left out: " + views.error().message);
    return part;
  }
  part.present = true;
  for (auto& v : *views) {
    const auto& a = v.assessment;
    if (a.open) ++part.open;
    const bool late = a.open && a.next_due && a.days_left < 0;
    const bool soon = a.open && a.next_due && a.days_left >= 0 && a.days_left <= kSoonDays;
    const bool appealable = a.appeal_by.has_value() && *a.appeal_by >= today;
    part.late += late;
    part.soon += soon;
    part.appealable += appealable;
    if (late || soon || appealable) part.attention.push_back(std::move(v));
  }
  return part;
}

ConflictsPart conflicts_part(const AnalysedLibrary& lib, const std::string& rules_flag) {
  ConflictsPart part;
  const fs::path path = rules_flag.empty() ? analysis::default_rules_path() : fs::path(rules_flag);
  const analysis::RuleSet* rules = lib.rules_of(path);
  if (!rules) {
    auto loaded = analysis::load_rules(path);
    log::warn("report: conflicts left out: " +
              (loaded ? "rule set " + path.string() + " was not loaded" : loaded.error().message));
    return part;
  }
  auto report = lib.library.conflicts(*rules, {});
  if (!report) {
    log::warn("report: conflicts left out: " + report.error().message);
    return part;
  }
  part.present = true;
  part.policy = rules->title;
  for (const auto& f : report->findings) {
    auto& counts = part.by_document[f.title.empty() ? f.source : f.title];
    if (f.finding.severity == analysis::Severity::conflict) {
      ++part.conflicts;
      ++counts.first;
    } else {
      ++part.reviews;
      ++counts.second;
    }
  }
  return part;
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

  const RequestsPart requests = requests_part(ctx, today);
  ConflictsPart conflicts;
  std::vector<analysis::Reference> unresolved;
  LibraryCounts stats;
  std::size_t low_pages = 0;
  std::optional<AnalysedLibrary> lib;
  std::error_code ec;
  if (fs::exists(ctx.home() / "index", ec)) {
    const int before = ctx.exit_code;
    lib = open_library(ctx, args.rules.empty() ? fs::path() : fs::path(args.rules));
    ctx.exit_code = before;
  }
  if (lib) {
    for (const auto& d : lib->library.documents()) {
      ++stats.documents;
      stats.pages += static_cast<std::size_t>(d.pages);
      stats.ocr_pages += d.ocr_confidences.size();
      for (double c : d.ocr_confidences) low_pages += c >= 0 && c < kLowConfidence;
    }
    conflicts = conflicts_part(*lib, args.rules);
    analysis::ReferenceOptions options;
    options.requested_keys = requested_reference_keys(ctx);
    options.unresolved_only = true;
    unresolved = lib->library.references(options);
  }
  if (!lib && !requests.present) {
    log::error("report: nothing to report yet: ingest documents (foialens ingest PATH) or add a records "
               "request (foialens requests add)");
    return kNothing;
  }

  if (args.json) {
    json j = {{"today", today.iso()}};
    if (requests.present) {
      json list = json::array();
      for (const auto& v : requests.attention) {
        const auto& a = v.assessment;
        list.push_back({{"id", v.record.id},
                        {"agency", v.agency ? v.agency->name : v.record.agency},
                        {"subject", v.record.subject},
                        {"status", std::string(tracker::status_name(a.status))},
                        {"next", a.next_kind},
                        {"due", a.next_due ? a.next_due->iso() : ""},
                        {"days_left", a.days_left},
                        {"appeal_by", a.appeal_by ? a.appeal_by->iso() : ""}});
      }
      j["requests"] = {{"open", requests.open}, {"late", requests.late}, {"due_soon", requests.soon},
                       {"appealable", requests.appealable}, {"attention", std::move(list)}};
    }
    if (lib) {
      j["library"] = {{"documents", stats.documents}, {"pages", stats.pages},
                      {"ocr_pages", stats.ocr_pages}, {"low_confidence_pages", low_pages}};
    }
    if (conflicts.present) {
      json docs = json::array();
      for (const auto& [title, counts] : conflicts.by_document) {
        docs.push_back({{"title", title}, {"conflict", counts.first}, {"review", counts.second}});
      }
      j["conflicts"] = {{"policy", conflicts.policy}, {"conflict", conflicts.conflicts},
                        {"review", conflicts.reviews}, {"documents", std::move(docs)}};
    }
    if (lib) {
      json refs = json::array();
      for (const auto& r : unresolved) {
        refs.push_back({{"key", r.key}, {"label", r.label}, {"status", std::string(analysis::to_string(r.status))},
                        {"cited", r.citations.size()}});
      }
      j["unresolved_references"] = std::move(refs);
    }
    std::cout << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    return kOk;
  }

  std::cout << bold(ctx, "foialens report") << dim(ctx, " \u00b7 " + today.weekday_name() + ", " + today.long_form())
            << "\n";
  if (requests.present) {
    std::cout << "\n" << bold(ctx, "Records requests") << "\n"
              << fmt::format("  {} open: {} late, {} due within {} days, {} may be appealed\n", requests.open,
                             requests.late, requests.soon, kSoonDays, requests.appealable);
    Table table({"  ID", "AGENCY", "SUBJECT", "STATUS", "NEXT", "DATE", "WHEN"});
    for (const auto& v : requests.attention) {
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
              << fmt::format("  {} documents, {} pages ({} OCR'd", stats.documents, stats.pages, stats.ocr_pages)
              << (low_pages ? fmt::format(", {} of low confidence: foialens docs --low-confidence", low_pages) : "")
              << ")\n";
  }
  if (conflicts.present) {
    std::cout << "\n" << bold(ctx, "Conflicts with " + conflicts.policy) << "\n"
              << fmt::format("  {} conflict and {} review findings in {} documents (foialens conflicts)\n",
                             conflicts.conflicts, conflicts.reviews, conflicts.by_document.size());
    for (const auto& [title, counts] : conflicts.by_document) {
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
      const auto& r = unresolved[i];
      std::cout << fmt::format("  {}  {:<10}  {} (cited {}x)\n", r.key, analysis::to_string(r.status),
                               text::truncate_utf8(r.label, 70), r.citations.size());
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
