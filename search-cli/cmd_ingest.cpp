// foialens ingest PATH|URL...: store originals, extract, index.

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "analysis/analyze.hpp"
#include "analysis/library.hpp"
#include "common/log.hpp"
#include "common/paths.hpp"
#include "index/writer.hpp"
#include "ingest/pipeline.hpp"
#include "tracker/tracker.hpp"
#include "search-cli/commands.hpp"
#include "search-cli/output.hpp"

namespace foialens::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int) { g_interrupted = true; }

struct IngestArgs {
  std::vector<std::string> inputs;
  unsigned jobs = 0;
  std::string ocr = "auto";
  std::string lang = "eng";
  int dpi = 0;
  double ocr_timeout = 60;      // seconds per page; 0 = none
  double max_megapixels = 120;  // per page image; 0 = none
  bool json = false;
  long request = 0;  // link what is ingested to this records request
  bool no_analysis = false;
  double commit_seconds = 2;
  ingest::Limits limits;
  std::uint64_t max_unpacked_mib = ingest::Limits{}.max_unpacked >> 20;
  std::uint64_t max_email_mib = ingest::Limits{}.max_email_bytes >> 20;
  std::uint64_t max_xml_mib = ingest::Limits{}.max_xml_bytes >> 20;
};

// Ingest's analysis step: every installed rule set, loaded once, and the agreements and
// references of each document, stored with it.
class IngestAnalysis final : public ingest::Analyzer {
 public:
  explicit IngestAnalysis(analysis::RuleSets& rule_sets) : rule_sets_(rule_sets.all()) {}

  void analyze(Document& doc) const override {
    try {
      doc.analysis = analysis::encode(analysis::analyze_document(doc, rule_sets_));
    } catch (const std::exception& e) {
      // Stored without analysis: the first command that needs it analyses it again.
      log::warn(doc.source + ": analysis left for later: " + e.what());
    }
  }

 private:
  std::vector<const analysis::RuleSet*> rule_sets_;
};

int run_ingest(const IngestArgs& args, Context& ctx) {
  const auto home = ctx.home();
  if (auto ok = paths::ensure_home(home); !ok) {
    log::error(ok.error().message);
    return kNothing;
  }
  std::optional<tracker::Tracker> requests;
  if (args.request > 0) {
    auto t = tracker::Tracker::open(home, paths::data_dir());
    if (!t) {
      log::error("ingest --request: " + t.error().message);
      return kNothing;
    }
    if (!t->store().request_exists(args.request)) {
      log::error("ingest --request " + std::to_string(args.request) +
                 ": no such request (see 'foialens requests list --all')");
      return kUsage;
    }
    requests.emplace(std::move(*t));
  }
  auto writer = index::Writer::open(home / "index");
  if (!writer) {
    log::error(writer.error().message);
    return kNothing;
  }

  (*writer)->set_commit_interval(
      std::chrono::milliseconds(static_cast<long>(args.commit_seconds * 1000)));

  ingest::Options options;
  options.home = home;
  options.jobs = args.jobs;
  options.ocr = args.ocr == "always"  ? ingest::OcrMode::always
                : args.ocr == "never" ? ingest::OcrMode::never
                                      : ingest::OcrMode::automatic;
  options.ocr_languages = args.lang;
  options.ocr_dpi = args.dpi;
  analysis::RuleSets rule_sets = analysis::RuleSets::installed();
  std::optional<IngestAnalysis> analyzer;
  if (!args.no_analysis) {
    for (const auto& file : rule_sets.files()) {
      std::vector<analysis::RuleIssue> issues;
      if (!rule_sets.get(file, &issues)) {
        log::warn("ingest: rule set " + file.string() + " is not applied: " +
                  (issues.empty() ? std::string("cannot be read") : issues.front().to_string()) +
                  " (foialens rules check " + file.string() + ")");
      }
    }
    analyzer.emplace(rule_sets);
    options.analyzer = &*analyzer;
  }
  options.limits = args.limits;
  options.limits.max_unpacked = args.max_unpacked_mib << 20;
  options.limits.max_email_bytes = args.max_email_mib << 20;
  options.limits.max_xml_bytes = args.max_xml_mib << 20;
  options.ocr_timeout = std::chrono::milliseconds(static_cast<long long>(args.ocr_timeout * 1000));
  options.max_pixels = static_cast<std::uint64_t>(args.max_megapixels * 1e6);

  ProgressBar bar(ctx.stderr_tty && !ctx.quiet && !args.json, "pages");
  ingest::Callbacks callbacks;
  callbacks.cancel = &g_interrupted;
  callbacks.on_progress = [&](std::size_t done, std::size_t total) { bar.update(done, total); };
  std::size_t linked = 0;
  callbacks.on_file = [&](const ingest::FileResult& r) {
    const bool stored = r.status == ingest::FileStatus::added || r.status == ingest::FileStatus::replaced ||
                        r.status == ingest::FileStatus::unchanged;
    if (requests && stored && !r.doc_id.empty()) {
      if (auto st = requests->link(args.request, r.doc_id); !st) {
        std::cerr << r.input << ": linking to request " << args.request << " failed: " << st.error().message << "\n";
      } else {
        ++linked;
      }
    }
    if (args.json) {
      nlohmann::json j = {{"input", r.input},   {"status", std::string(ingest::to_string(r.status))},
                          {"doc", r.doc_id},    {"title", r.title},
                          {"pages", r.pages},   {"passages", r.passages},
                          {"ocr_pages", r.ocr_pages}};
      if (!r.message.empty()) j["message"] = r.message;
      std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
    if (r.status == ingest::FileStatus::failed) {
      bar.clear();
      std::cerr << r.input << ": " << r.message << "\n";
    } else if (r.status == ingest::FileStatus::skipped) {
      bar.clear();
      if (!ctx.quiet) std::cerr << r.input << ": skipped: " << r.message << "\n";
    } else if (ctx.verbose) {
      bar.clear();
      std::cerr << r.input << ": " << ingest::to_string(r.status) << " "
                << short_id(r.doc_id) << " (" << r.pages << " pages, " << r.passages
                << " passages)\n";
    }
  };

  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  const ingest::Summary s = ingest::run(args.inputs, options, **writer, callbacks);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  bar.clear();

  const std::size_t ingested = s.added + s.replaced;
  if (args.json) {
    nlohmann::json j = {{"summary", true},       {"ingested", ingested},   {"added", s.added},
                        {"replaced", s.replaced}, {"unchanged", s.unchanged}, {"skipped", s.skipped},
                        {"failed", s.failed},     {"pages", s.pages},       {"passages", s.passages},
                        {"ocr_pages", s.ocr_pages}};
    std::cout << j.dump() << "\n";
  } else if (!ctx.quiet || s.failed > 0) {
    std::string line = fmt::format("{} ingested", ingested);
    if (s.replaced > 0) line += fmt::format(" ({} replaced)", s.replaced);
    line += fmt::format(", {} unchanged, {} skipped, {} failed; {} pages, {} passages", s.unchanged,
                        s.skipped, s.failed, s.pages, s.passages);
    if (s.ocr_pages > 0) line += fmt::format(" ({} pages OCR'd)", s.ocr_pages);
    if (requests) line += fmt::format("; {} linked to request {}", linked, args.request);
    std::cout << line << "\n";
  }
  if (g_interrupted) {
    log::error("interrupted: documents stored before the interruption are kept");
    return kPartial;
  }
  if (s.fatal) {
    log::error(s.fatal_message);
    return ingested > 0 ? kPartial : kNothing;
  }
  if (s.failed > 0) return ingested + s.unchanged + s.skipped > 0 ? kPartial : kNothing;
  return kOk;
}

}  // namespace

void add_ingest_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand("ingest", "store, extract and index documents (files, folders, URLs)");
  cmd->add_option("inputs", args->inputs, "files, folders (searched recursively) or http(s) URLs")
      ->required()
      ->type_name("PATH|URL");
  cmd->add_option("-j,--jobs", args->jobs, "worker threads (default: number of cores)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("--ocr", args->ocr, "OCR pages: auto (pages without usable text), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("--lang", args->lang, "OCR languages, e.g. eng or eng+spa")->type_name("LANGS");
  cmd->add_option("--dpi", args->dpi, "render PDF pages for OCR at this resolution (default: per page)")
      ->check(CLI::Range(50, 1200));
  cmd->add_option("--ocr-timeout", args->ocr_timeout,
                  "seconds of OCR per page before the page fails (default 60; 0: no limit)")
      ->type_name("SECONDS")
      ->check(CLI::Range(0.0, 86400.0));
  cmd->add_option("--max-pixels", args->max_megapixels,
                  "largest page image OCR'd, in megapixels (default 120, a Letter page at "
                  "1,100 dpi; 0: no limit)")
      ->type_name("MEGAPIXELS")
      ->check(CLI::Range(0.0, 10000.0));
  cmd->add_option("--request", args->request, "link the documents to this records request")
      ->type_name("ID")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--commit-seconds", args->commit_seconds,
                  "make what is stored durable at least this often (default 2; 0: after each document)")
      ->check(CLI::Range(0.0, 3600.0))
      ->type_name("S");
  cmd->add_flag("--no-analysis", args->no_analysis,
                "store documents without analysing them (the first command that needs it does)");
  cmd->add_flag("--json", args->json, "one JSON object per file, then a summary object");
  // Archives, e-mail and XML are bounded so that a bomb or a malformed file fails alone.
  const std::string limits = "Limits (archives, e-mail, Office and HTML files)";
  cmd->add_option("--max-depth", args->limits.max_depth, "archives or messages nested in one another")
      ->group(limits)->check(CLI::Range(0, 64))->capture_default_str();
  cmd->add_option("--max-members", args->limits.max_members, "files unpacked from one input")
      ->group(limits)->check(CLI::Range(1, 100000000))->capture_default_str();
  cmd->add_option("--max-unpacked", args->max_unpacked_mib, "MiB unpacked from one input")
      ->group(limits)->check(CLI::Range(1, 1 << 24))->capture_default_str();
  cmd->add_option("--max-ratio", args->limits.max_ratio, "unpacked bytes per packed byte of an archive")
      ->group(limits)->check(CLI::Range(2, 1000000))->capture_default_str();
  cmd->add_option("--max-email-size", args->max_email_mib, "MiB of one e-mail message")
      ->group(limits)->check(CLI::Range(1, 1 << 14))->capture_default_str();
  cmd->add_option("--max-attachments", args->limits.max_attachments, "attachments of one message")
      ->group(limits)->check(CLI::Range(1, 1000000))->capture_default_str();
  cmd->add_option("--max-xml-size", args->max_xml_mib, "MiB of one XML part or HTML file")
      ->group(limits)->check(CLI::Range(1, 1 << 14))->capture_default_str();
  cmd->add_option("--max-xml-depth", args->limits.max_xml_depth, "element nesting in XML and HTML")
      ->group(limits)->check(CLI::Range(8, 1000))->capture_default_str();
  cmd->callback([args, &ctx] { ctx.exit_code = run_ingest(*args, ctx); });
}

}  // namespace foialens::cli
