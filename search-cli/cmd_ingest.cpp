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
};

// "[=========>          ]  120/300 pages  0:14 left", redrawn in place on stderr.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled), start_(Clock::now()) {}
  ~ProgressBar() { clear(); }

  void update(std::size_t done, std::size_t total) {
    if (!enabled_ || total == 0) return;
    const auto now = Clock::now();
    if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(kWidth * done / total);
    std::string bar(static_cast<std::size_t>(filled), '=');
    if (filled < kWidth) bar += '>';
    bar.resize(kWidth, ' ');
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    std::string eta;
    if (done > 0 && done < total) {
      const auto left = static_cast<long>(elapsed / static_cast<double>(done) *
                                          static_cast<double>(total - done));
      eta = fmt::format("  {}:{:02} left", left / 60, left % 60);
    }
    std::fprintf(stderr, "\r[%s] %zu/%zu pages%s\x1b[K", bar.c_str(), done, total, eta.c_str());
    std::fflush(stderr);
    drawn_ = true;
  }

  void clear() {
    if (drawn_) std::fprintf(stderr, "\r\x1b[K");
    drawn_ = false;
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_{};
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

  ingest::Options options;
  options.home = home;
  options.jobs = args.jobs;
  options.ocr = args.ocr == "always"  ? ingest::OcrMode::always
                : args.ocr == "never" ? ingest::OcrMode::never
                                      : ingest::OcrMode::automatic;
  options.ocr_languages = args.lang;
  options.ocr_dpi = args.dpi;
  options.ocr_timeout = std::chrono::milliseconds(static_cast<long long>(args.ocr_timeout * 1000));
  options.max_pixels = static_cast<std::uint64_t>(args.max_megapixels * 1e6);

  ProgressBar bar(ctx.stderr_tty && !ctx.quiet && !args.json);
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
  cmd->add_flag("--json", args->json, "one JSON object per file, then a summary object");
  cmd->callback([args, &ctx] { ctx.exit_code = run_ingest(*args, ctx); });
}

}  // namespace foialens::cli
