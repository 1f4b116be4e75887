// foialens export DOC -o FILE.pdf: the original with a text layer on its OCR'd pages.
// foialens show DOC --text [--json]: the whole text, or the pages with words and boxes.
// Both read the page record and the stored original, not the index.

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "common/log.hpp"
#include "common/paths.hpp"
#include "ingest/page_store.hpp"
#include "ingest/searchable_pdf.hpp"
#include "ingest/store.hpp"
#include "search-cli/commands.hpp"

namespace foialens::cli {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

struct Target {
  std::string id;
  int page = 0;  // 0: every page
  std::vector<Page> pages;
};

// DOC or DOC:PAGE, resolved against the page records; errors are printed and set the
// exit code.
std::optional<Target> load(const std::string& command, const std::string& target, Context& ctx) {
  Target t;
  std::string prefix = target;
  if (const auto colon = target.find(':'); colon != std::string::npos) {
    prefix = target.substr(0, colon);
    try {
      std::size_t used = 0;
      t.page = std::stoi(target.substr(colon + 1), &used);
      if (used != target.size() - colon - 1 || t.page < 1) throw std::invalid_argument("page");
    } catch (const std::exception&) {
      log::error(command + " " + target + ": page must be a number from 1, as in DOC:3");
      ctx.exit_code = kUsage;
      return std::nullopt;
    }
  }
  const ingest::PageStore store(ctx.home());
  auto id = store.resolve(prefix);
  if (!id) {
    log::error(command + " " + target + ": " + id.error().message);
    ctx.exit_code = kUsage;
    return std::nullopt;
  }
  t.id = *id;
  auto pages = store.get(t.id);
  if (!pages) {
    log::error(command + " " + target + ": " + pages.error().message);
    ctx.exit_code = kNothing;
    return std::nullopt;
  }
  t.pages = std::move(*pages);
  if (t.page > static_cast<int>(t.pages.size())) {
    log::error(fmt::format("{} {}: the document has {} pages", command, target, t.pages.size()));
    ctx.exit_code = kUsage;
    return std::nullopt;
  }
  return t;
}

json page_json(const Page& p) {
  json words = json::array();
  for (const Word& w : p.words) {
    json word = {{"text", w.text},
                 {"box", {std::round(w.x0 * 100) / 100, std::round(w.y0 * 100) / 100,
                          std::round(w.x1 * 100) / 100, std::round(w.y1 * 100) / 100}}};
    if (w.confidence >= 0) word["confidence"] = w.confidence;
    words.push_back(std::move(word));
  }
  json j = {{"page", p.number}, {"text_source", std::string(to_string(p.source))},
            {"width", p.width_pt}, {"height", p.height_pt}, {"text", p.text},
            {"words", std::move(words)}};
  if (!p.layout.empty()) j["layout"] = p.layout;
  if (p.ocr_confidence >= 0) j["ocr_confidence"] = p.ocr_confidence;
  if (!p.ocr_reason.empty()) j["ocr_reason"] = p.ocr_reason;
  if (!p.error.empty()) j["error"] = p.error;
  return j;
}

struct ExportArgs {
  std::string target;
  std::string output;
  bool json = false;
};

void run_export(const ExportArgs& args, Context& ctx) {
  auto t = load("export", args.target, ctx);
  if (!t) return;
  if (t->page != 0) {
    log::error("export " + args.target + ": export writes whole documents: give DOC without :PAGE");
    ctx.exit_code = kUsage;
    return;
  }
  const fs::path original = ingest::ContentStore(ctx.home() / "store").path_for(t->id);
  auto bytes = paths::read_file(original);
  if (!bytes) {
    log::error("export " + args.target + ": the stored original is missing (" + original.string() +
               "): " + bytes.error().message);
    ctx.exit_code = kNothing;
    return;
  }
  auto stats = ingest::write_searchable_pdf(*bytes, t->pages, args.output);
  if (!stats) {
    log::error("export " + args.target + ": " + stats.error().message);
    ctx.exit_code = kNothing;
    return;
  }
  if (args.json) {
    std::cout << json{{"doc", short_id(t->id)}, {"output", args.output}, {"pages", stats->pages},
                      {"text_layers", stats->text_layers}, {"words", stats->words}}.dump()
              << "\n";
  } else if (!ctx.quiet) {
    std::cout << fmt::format("{}: {} pages, {} with an OCR text layer ({} words)\n", args.output,
                             stats->pages, stats->text_layers, stats->words);
  }
}

}  // namespace

void show_text(const std::string& target, bool as_json, Context& ctx) {
  auto t = load("show", target, ctx);
  if (!t) return;
  if (as_json) {
    json pages = json::array();
    for (const Page& p : t->pages) {
      if (t->page == 0 || p.number == t->page) pages.push_back(page_json(p));
    }
    std::cout << json{{"doc", short_id(t->id)}, {"id", t->id}, {"pages", std::move(pages)}}.dump(
                     -1, ' ', false, json::error_handler_t::replace)
              << "\n";
    return;
  }
  // As pdftotext prints a document: each page's text, then a form feed.
  for (const Page& p : t->pages) {
    if (t->page != 0 && p.number != t->page) continue;
    // A form feed inside a page's text (some text layers end with one) would split it.
    std::string text = p.text;
    std::replace(text.begin(), text.end(), '\f', '\n');
    std::cout << text;
    if (!text.empty() && text.back() != '\n') std::cout << '\n';
    std::cout << '\f';
  }
}

void add_export_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export", "a searchable PDF of a document: its pages, with a text layer on OCR'd pages");
  cmd->add_option("target", args->target, "DOC: an id from 'foialens docs'")->required();
  cmd->add_option("-o,--output", args->output, "the PDF file to write")->required()->type_name("FILE.pdf");
  cmd->add_flag("--json", args->json, "print what was written as JSON");
  cmd->callback([args, &ctx] { run_export(*args, ctx); });
}

}  // namespace foialens::cli
