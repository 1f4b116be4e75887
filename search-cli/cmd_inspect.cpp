// foialens docs | show DOC[:PAGE] | stats: what is in the library.

#include <iostream>

#include <fmt/format.h>

#include "api/documents.hpp"
#include "common/agencies.hpp"
#include "common/log.hpp"
#include "common/text.hpp"
#include "index/searcher.hpp"
#include "ingest/detect.hpp"
#include "search-cli/commands.hpp"
#include "search-cli/output.hpp"

namespace foialens::cli {
namespace {

using api::kDefaultLowConfidence;
using api::field;

std::string short_agencies(const std::vector<std::string>& names, std::size_t max = 4) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < max; ++i) {
    const auto* a = agencies::lookup(names[i]);
    out += (out.empty() ? "" : ", ") +
           (a && !a->acronym.empty() ? std::string(a->acronym) : names[i]);
  }
  if (names.size() > max) out += fmt::format(" +{}", names.size() - max);
  return out;
}

std::optional<index::Searcher> open_searcher(Context& ctx) {
  auto searcher = index::Searcher::open(ctx.home() / "index");
  if (!searcher) {
    log::error(searcher.error().message);
    ctx.exit_code = kNothing;
    return std::nullopt;
  }
  return std::move(*searcher);
}

struct DocsArgs {
  bool json = false;
  bool low_confidence = false;
  double threshold = kDefaultLowConfidence;
  std::string type;
};

void run_docs(const DocsArgs& args, Context& ctx) {
  auto searcher = open_searcher(ctx);
  if (!searcher) return;
  const api::DocsFilter filter{args.type, args.low_confidence, args.threshold};
  if (args.json) {
    std::cout << api::docs_json(searcher->documents(), filter);
    return;
  }
  Table table({"ID", "TITLE", "FORMAT", "TYPE", "PAGES", "DATE", "AGENCIES"});
  Table low({"ID", "PAGE", "CONFIDENCE", "TITLE"});
  for (const auto& d : searcher->documents()) {
    if (!api::listed(d, filter)) continue;
    if (args.low_confidence) {
      for (const auto* p : api::low_confidence_pages(d, args.threshold)) {
        low.add({short_id(d.id), std::to_string(p->number), fmt::format("{:.0f}", p->ocr_confidence),
                 text::truncate_utf8(d.title, 60)});
      }
      continue;
    }
    table.add({short_id(d.id), text::truncate_utf8(d.title, 60), ingest::format_name(d.media_type), d.doc_type,
               std::to_string(d.page_count), d.date.empty() ? "-" : d.date, short_agencies(d.agencies)});
  }
  if (args.low_confidence) {
    if (low.empty()) {
      std::cout << fmt::format("no OCR'd page below {:.0f}% confidence\n", args.threshold);
    } else {
      std::cout << low.render(ctx);
    }
    return;
  }
  if (table.empty()) {
    std::cout << "no documents yet: foialens ingest PATH\n";
    return;
  }
  std::cout << table.render(ctx);
}

struct ShowArgs {
  std::string target;
  bool json = false;
  bool text = false;
};

void run_show(const ShowArgs& args, Context& ctx) {
  if (args.text) return show_text(args.target, args.json, ctx);
  auto searcher = open_searcher(ctx);
  if (!searcher) return;
  auto target = api::parse_show_target(args.target);
  if (!target) {
    log::error("show " + args.target + ": " + target.error().message);
    ctx.exit_code = kUsage;
    return;
  }
  const std::string& id = target->doc;
  const int page = target->page;
  auto doc = searcher->document(id);
  if (!doc) {
    log::error("show " + args.target + ": " + doc.error().message);
    ctx.exit_code = kUsage;
    return;
  }
  if (page > 0) {
    auto text = searcher->page_text(doc->id, page);
    if (!text) {
      log::error("show " + args.target + ": " + text.error().message);
      ctx.exit_code = kUsage;
      return;
    }
    if (args.json) {
      std::cout << api::page_json(*doc, page, *text);
    } else {
      std::cout << dim(ctx, fmt::format("{} \u00b7 {} \u00b7 page {} of {}", short_id(doc->id),
                                        doc->title, page, doc->page_count))
                << "\n\n"
                << *text << "\n";
    }
    return;
  }
  auto passages = searcher->passages(doc->id);
  // Attachments, the message an attachment came with, and a message's thread.
  const api::Related related = api::related(*searcher, *doc);
  const auto& attachments = related.attachments;
  const index::DocumentInfo* parent = related.parent;
  const auto& thread = related.thread;
  if (args.json) {
    std::cout << api::show_json(*doc, related, passages);
    return;
  }
  std::cout << bold(ctx, doc->title.empty() ? "(untitled)" : doc->title) << "\n";
  const auto row = [&](std::string_view key, const std::string& value) {
    if (!value.empty()) std::cout << fmt::format("  {:<10} {}\n", key, value);
  };
  for (const auto& [key, value] : api::metadata_rows(*doc)) row(key, value);
  if (parent) row("attached", short_id(parent->id) + " \u00b7 " + parent->title);

  if (!attachments.empty()) {
    std::cout << "\n" << bold(ctx, "Attachments") << "\n";
    Table table({"ID", "FILE", "FORMAT", "PAGES"});
    for (const auto* a : attachments) {
      const std::string name = a->source.substr(a->source.rfind('!') + 1);
      table.add({short_id(a->id), name, ingest::format_name(a->media_type), std::to_string(a->page_count)});
    }
    std::cout << table.render(ctx);
  }
  if (thread.size() > 1) {
    std::cout << "\n" << bold(ctx, fmt::format("Thread ({} messages)", thread.size())) << "\n";
    Table table({"", "ID", "DATE", "FROM", "SUBJECT"});
    for (const auto* m : thread) {
      table.add({m->id == doc->id ? ">" : "", short_id(m->id), field(*m, "date"),
                 text::truncate_utf8(field(*m, "from"), 40), text::truncate_utf8(m->title, 60)});
    }
    std::cout << table.render(ctx);
  }

  bool any_ocr = false;
  for (const auto& p : doc->pages) any_ocr = any_ocr || p.source != TextSource::text_layer || !p.error.empty();
  if (any_ocr) {
    std::cout << "\n" << bold(ctx, "Pages") << "\n";
    Table pages({"PAGE", "TEXT", "CONFIDENCE", "WHY"});
    for (const auto& p : doc->pages) {
      std::string conf = p.ocr_confidence >= 0 ? fmt::format("{:.0f}", p.ocr_confidence) : "-";
      if (p.ocr_confidence >= 0 && p.ocr_confidence < kDefaultLowConfidence) conf = yellow(ctx, conf + " low");
      std::string why = p.ocr_reason;
      if (!p.error.empty()) why = red(ctx, "failed: " + p.error);
      pages.add({std::to_string(p.number), std::string(to_string(p.source)), conf, why});
    }
    std::cout << pages.render(ctx);
  }
  if (passages) {
    std::cout << "\n" << bold(ctx, "Outline") << "\n";
    for (const auto& p : *passages) {
      const std::string where = p.page == p.page_end ? fmt::format("p{}", p.page)
                                                     : fmt::format("p{}-{}", p.page, p.page_end);
      std::string label = p.heading_path.empty() ? "\u00b6" : p.heading_path;
      std::cout << fmt::format("  {:>4}  {:<6} ", p.ordinal, where) << bold(ctx, label) << "  "
                << text::truncate_utf8(p.text, 90) << "\n";
    }
  }
}

void run_stats(bool as_json, Context& ctx) {
  auto searcher = open_searcher(ctx);
  if (!searcher) return;
  const api::LibraryStats stats = api::library_stats(*searcher, ctx.home());
  if (as_json) {
    std::cout << api::stats_json(stats);
    return;
  }
  const auto& s = stats.index;
  const auto store_bytes = stats.store_bytes;
  const auto mib = [](std::uintmax_t b) { return fmt::format("{:.1f} MiB", static_cast<double>(b) / (1 << 20)); };
  std::cout << fmt::format("home       {}\n", ctx.home().string())
            << fmt::format("documents  {}\n", s.documents)
            << fmt::format("pages      {} ({} OCR'd)\n", s.pages, s.ocr_pages)
            << fmt::format("passages   {}\n", s.passages)
            << fmt::format("terms      {}\n", s.terms)
            << fmt::format("index      {}\n", mib(s.index_bytes))
            << fmt::format("originals  {}\n", mib(store_bytes));
}

}  // namespace

void add_inspect_commands(CLI::App& app, Context& ctx) {
  auto docs = std::make_shared<DocsArgs>();
  CLI::App* d = app.add_subcommand("docs", "list documents");
  d->add_flag("--json", docs->json, "one JSON object per document");
  d->add_option("--type", docs->type, "only documents of this type (agreement, ordinance, ...)");
  d->add_flag("--low-confidence", docs->low_confidence, "list OCR'd pages of low confidence");
  d->add_option("--threshold", docs->threshold, "confidence below which a page is low (0-100)")
      ->check(CLI::Range(0.0, 100.0));
  d->callback([docs, &ctx] { run_docs(*docs, ctx); });

  auto show = std::make_shared<ShowArgs>();
  CLI::App* s = app.add_subcommand("show", "a document's metadata and outline, or one page's text");
  s->add_option("target", show->target, "DOC or DOC:PAGE (DOC: an id from 'foialens docs')")->required();
  s->add_flag("--json", show->json, "as JSON (with --text: pages with their words and boxes)");
  s->add_flag("--text", show->text, "the whole text, pages separated by form feeds");
  s->callback([show, &ctx] { run_show(*show, ctx); });

  auto stats_json = std::make_shared<bool>(false);
  CLI::App* st = app.add_subcommand("stats", "counts and sizes of the library");
  st->add_flag("--json", *stats_json, "as JSON");
  st->callback([stats_json, &ctx] { run_stats(*stats_json, ctx); });
}

}  // namespace foialens::cli
