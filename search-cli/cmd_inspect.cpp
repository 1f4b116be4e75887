// foialens docs | show DOC[:PAGE] | stats: what is in the library.

#include <algorithm>
#include <filesystem>
#include <map>
#include <iostream>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "common/agencies.hpp"
#include "common/log.hpp"
#include "common/text.hpp"
#include "index/searcher.hpp"
#include "ingest/detect.hpp"
#include "search-cli/commands.hpp"
#include "search-cli/output.hpp"

namespace foialens::cli {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr double kDefaultLowConfidence = 70.0;

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

std::vector<const index::PageInfo*> low_pages(const index::DocumentInfo& d, double threshold) {
  std::vector<const index::PageInfo*> low;
  for (const auto& p : d.pages) {
    if (p.source == TextSource::ocr && p.ocr_confidence >= 0 && p.ocr_confidence < threshold) {
      low.push_back(&p);
    }
  }
  return low;
}

json document_json(const index::DocumentInfo& d) {
  json pages = json::array();
  for (const auto& p : d.pages) {
    json page = {{"page", p.number}, {"text", std::string(to_string(p.source))}, {"chars", p.chars}};
    if (!p.ocr_reason.empty()) page["ocr_reason"] = p.ocr_reason;
    if (p.ocr_confidence >= 0) page["ocr_confidence"] = p.ocr_confidence;
    if (!p.error.empty()) page["error"] = p.error;
    pages.push_back(std::move(page));
  }
  json j = {{"doc", short_id(d.id)},  {"id", d.id},           {"title", d.title},
            {"source", d.source},     {"type", d.doc_type},   {"pages", d.page_count},
            {"passages", d.passage_count}, {"date", d.date},  {"dates", d.dates},
            {"agencies", d.agencies}, {"media_type", d.media_type}, {"size", d.size},
            {"ingested", d.ingested_at}, {"page_info", std::move(pages)}};
  if (!d.source_url.empty()) j["url"] = d.source_url;
  if (!d.fetched_at.empty()) j["fetched"] = d.fetched_at;
  j["format"] = ingest::format_name(d.media_type);
  if (!d.parent_id.empty()) j["parent"] = d.parent_id;
  if (!d.fields.empty()) {
    json fields = json::object();
    for (const auto& [name, value] : d.fields) fields[name] = value;
    j["fields"] = std::move(fields);
  }
  return j;
}

std::string field(const index::DocumentInfo& d, std::string_view name) {
  for (const auto& [k, v] : d.fields) {
    if (k == name) return v;
  }
  return {};
}

// The messages of a document's thread, oldest first: those that share the first message
// of their References (or, without one, the message they reply to) with it.
std::vector<const index::DocumentInfo*> thread_of(const index::DocumentInfo& doc,
                                                  const std::vector<index::DocumentInfo>& all) {
  std::map<std::string, const index::DocumentInfo*> by_message_id;
  for (const auto& d : all) {
    if (const auto id = field(d, "message-id"); !id.empty()) by_message_id.emplace(id, &d);
  }
  const auto root = [&](const index::DocumentInfo& d) {
    if (const auto refs = field(d, "references"); !refs.empty()) return refs.substr(0, refs.find(' '));
    std::string id = field(d, "message-id");
    std::string up = field(d, "in-reply-to");
    for (int hops = 0; !up.empty() && hops < 100; ++hops) {
      id = up;
      const auto it = by_message_id.find(up);
      up = it == by_message_id.end() ? "" : field(*it->second, "in-reply-to");
    }
    return id;
  };
  std::vector<const index::DocumentInfo*> thread;
  const std::string mine = root(doc);
  if (mine.empty()) return thread;
  for (const auto& d : all) {
    if (!field(d, "message-id").empty() && root(d) == mine) thread.push_back(&d);
  }
  std::sort(thread.begin(), thread.end(), [&](const auto* a, const auto* b) {
    return std::pair(field(*a, "date"), a->id) < std::pair(field(*b, "date"), b->id);
  });
  return thread;
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
  Table table({"ID", "TITLE", "FORMAT", "TYPE", "PAGES", "DATE", "AGENCIES"});
  Table low({"ID", "PAGE", "CONFIDENCE", "TITLE"});
  for (const auto& d : searcher->documents()) {
    if (!args.type.empty() && d.doc_type != args.type) continue;
    const auto low_list = low_pages(d, args.threshold);
    if (args.low_confidence && low_list.empty()) continue;
    if (args.json) {
      json j = document_json(d);
      if (args.low_confidence) {
        j["low_confidence_pages"] = json::array();
        for (const auto* p : low_list) j["low_confidence_pages"].push_back(p->number);
      }
      std::cout << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
      continue;
    }
    if (args.low_confidence) {
      for (const auto* p : low_list) {
        low.add({short_id(d.id), std::to_string(p->number), fmt::format("{:.0f}", p->ocr_confidence),
                 text::truncate_utf8(d.title, 60)});
      }
      continue;
    }
    table.add({short_id(d.id), text::truncate_utf8(d.title, 60), ingest::format_name(d.media_type), d.doc_type,
               std::to_string(d.page_count), d.date.empty() ? "-" : d.date, short_agencies(d.agencies)});
  }
  if (args.json) return;
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
  std::string id = args.target;
  int page = 0;
  if (const auto colon = args.target.find(':'); colon != std::string::npos) {
    id = args.target.substr(0, colon);
    try {
      std::size_t used = 0;
      page = std::stoi(args.target.substr(colon + 1), &used);
      if (used != args.target.size() - colon - 1) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      log::error("show " + args.target + ": page must be a number, as in DOC:3");
      ctx.exit_code = kUsage;
      return;
    }
  }
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
      std::cout << json{{"doc", short_id(doc->id)}, {"page", page}, {"text", *text}}.dump(
                       -1, ' ', false, json::error_handler_t::replace)
                << "\n";
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
  std::vector<index::DocumentInfo> all;
  if (!doc->fields.empty() || !doc->parent_id.empty()) all = searcher->documents();
  std::vector<const index::DocumentInfo*> attachments;
  const index::DocumentInfo* parent = nullptr;
  for (const auto& d : all) {
    if (d.parent_id == doc->id) attachments.push_back(&d);
    if (!doc->parent_id.empty() && d.id == doc->parent_id) parent = &d;
  }
  const auto thread = thread_of(*doc, all);
  if (args.json) {
    json j = document_json(*doc);
    if (!attachments.empty()) {
      j["attachments"] = json::array();
      for (const auto* a : attachments) {
        j["attachments"].push_back({{"doc", short_id(a->id)}, {"title", a->title}, {"source", a->source},
                                    {"format", ingest::format_name(a->media_type)}, {"pages", a->page_count}});
      }
    }
    if (thread.size() > 1) {
      j["thread"] = json::array();
      for (const auto* m : thread) {
        j["thread"].push_back({{"doc", short_id(m->id)}, {"date", field(*m, "date")},
                               {"from", field(*m, "from")}, {"subject", m->title}});
      }
    }
    j["outline"] = json::array();
    if (passages) {
      for (const auto& p : *passages) {
        j["outline"].push_back({{"ordinal", p.ordinal}, {"page", p.page}, {"page_end", p.page_end},
                                {"clause", p.clause}, {"path", p.heading_path}, {"heading", p.heading},
                                {"text", p.text}});
      }
    }
    std::cout << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    return;
  }
  std::cout << bold(ctx, doc->title.empty() ? "(untitled)" : doc->title) << "\n";
  const auto row = [&](std::string_view key, const std::string& value) {
    if (!value.empty()) std::cout << fmt::format("  {:<10} {}\n", key, value);
  };
  row("id", doc->id);
  row("source", doc->source);
  if (!doc->source_url.empty()) row("url", doc->source_url + " (fetched " + doc->fetched_at + ")");
  row("type", doc->doc_type);
  row("date", doc->date);
  row("pages", std::to_string(doc->page_count));
  row("passages", std::to_string(doc->passage_count));
  std::string agencies;
  for (const auto& a : doc->agencies) agencies += (agencies.empty() ? "" : "; ") + a;
  row("agencies", agencies);
  std::string dates;
  for (std::size_t i = 0; i < doc->dates.size() && i < 8; ++i) dates += (i ? ", " : "") + doc->dates[i];
  if (doc->dates.size() > 8) dates += fmt::format(" (+{} more)", doc->dates.size() - 8);
  row("dates", dates);
  row("media", fmt::format("{}, {} bytes", doc->media_type, doc->size));
  row("ingested", doc->ingested_at);
  for (const char* name : {"from", "to", "cc", "date"}) row(name == std::string("date") ? "sent" : name, field(*doc, name));
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
  const auto s = searcher->stats();
  std::uintmax_t store_bytes = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(ctx.home() / "store", ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) store_bytes += it->file_size(ec);
  }
  if (as_json) {
    std::cout << json{{"documents", s.documents}, {"pages", s.pages}, {"ocr_pages", s.ocr_pages},
                      {"passages", s.passages},   {"terms", s.terms}, {"index_bytes", s.index_bytes},
                      {"store_bytes", store_bytes}, {"home", ctx.home().string()}}.dump()
              << "\n";
    return;
  }
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
