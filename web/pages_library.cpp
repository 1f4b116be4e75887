// Search, the document list, a document, a page beside its image, and the original.

#include <algorithm>
#include <cctype>
#include <set>
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "api/documents.hpp"
#include "api/search.hpp"
#include "common/paths.hpp"
#include "common/text.hpp"
#include "index/searcher.hpp"
#include "ingest/page_store.hpp"
#include "ingest/render.hpp"
#include "ingest/store.hpp"
#include "ocr/image.hpp"
#include "web/html.hpp"
#include "web/pages.hpp"
#include "web/params.hpp"

namespace foialens::web::pages {
namespace {
namespace fs = std::filesystem;
using html::escape;
using html::url_encode;

constexpr std::size_t kPerPage = 20;
constexpr std::size_t kYearFacetDocuments = 1000;  // documents looked at to count years
constexpr int kImageDpi = 110;
constexpr double kLongestSidePixels = 2200;  // a poster-sized page is rendered smaller

int to_int(const std::string& s) {
  int n = 0;
  std::from_chars(s.data(), s.data() + s.size(), n);
  return n;
}

std::string doc_link(const std::string& id) { return "/doc/" + short_id(id); }

std::string where(int page, int page_end, const std::string& path) {
  std::string w = page == page_end ? fmt::format("p. {}", page) : fmt::format("pp. {}-{}", page, page_end);
  if (!path.empty()) w += " \u00b7 " + path;
  return w;
}

// The search's restriction to documents or to a records request, kept by every link of
// its page.
std::string scope_params(const api::SearchQuery& q) {
  std::string out;
  for (const auto& d : q.documents) out += "&doc=" + url_encode(d);
  if (q.request > 0) out += "&request=" + std::to_string(q.request);
  return out;
}

std::string search_link(const std::string& q, std::size_t offset = 0, bool docs = false,
                        const std::string& scope = "") {
  std::string link = "/search?q=" + url_encode(q);
  if (offset) link += "&offset=" + std::to_string(offset);
  if (docs) link += "&docs=1";
  return link + scope;
}

// `agency:"Cook County Sheriff"`: a filter added to the query by a facet link.
std::string field_term(const std::string& field, const std::string& value) {
  if (value.find_first_of(" \t\"()") == std::string::npos) return field + ":" + value;
  std::string v = value;
  v.erase(std::remove(v.begin(), v.end(), '"'), v.end());
  return field + ":\"" + v + "\"";
}

std::string facet_list(const std::string& name, const std::string& field, const std::string& q,
                       const std::vector<index::FacetCount>& counts, const std::string& scope) {
  std::string out = "<li><strong>" + escape(name) + ":</strong> ";
  if (counts.empty()) out += "-";
  for (std::size_t i = 0; i < counts.size(); ++i) {
    out += (i ? ", " : "") + std::string("<a href=\"") +
           escape(search_link(q + " " + field_term(field, counts[i].value), 0, false, scope)) + "\">" + escape(counts[i].value) +
           "</a> (" + std::to_string(counts[i].count) + ")";
  }
  return out + "</li>\n";
}

// Matching documents by year of their date: the index counts agencies and types; years
// are counted here over the first kYearFacetDocuments matching documents.
std::vector<index::FacetCount> year_counts(const fs::path& home, api::SearchQuery q) {
  q.docs = true;
  q.facets = false;
  q.offset = 0;
  q.limit = kYearFacetDocuments;
  std::map<std::string, std::size_t, std::greater<>> years;
  if (auto r = api::search(home, q)) {
    for (const auto& hit : r->hits) {
      if (hit.date.size() >= 4) ++years[hit.date.substr(0, 4)];
    }
  }
  std::vector<index::FacetCount> out;
  for (const auto& [y, n] : years) out.push_back({y, n});
  return out;
}

// A word as outlines compare it: lower-case letters and digits, punctuation at its ends
// dropped ("Officers," and "officers" are one word).
std::string word_key(std::string_view w) {
  std::size_t b = 0, e = w.size();
  const auto keep = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
  while (b < e && !keep(static_cast<unsigned char>(w[b]))) ++b;
  while (e > b && !keep(static_cast<unsigned char>(w[e - 1]))) --e;
  std::string out(w.substr(b, e - b));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Every word of `text` as a key.
void add_words(std::string_view text, std::set<std::string>& keys) {
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find_first_of(" \t\n\r", at), text.size());
    if (auto k = word_key(text.substr(at, end - at)); !k.empty()) keys.insert(std::move(k));
    at = end + 1;
  }
}

// The words a snippet marks as hits.
void add_marked_words(std::string_view snippet, std::set<std::string>& keys) {
  for (std::size_t at = snippet.find(html::kMarkOpen); at != std::string_view::npos;
       at = snippet.find(html::kMarkOpen, at + 1)) {
    const std::size_t from = at + html::kMarkOpen.size();
    const std::size_t to = snippet.find(html::kMarkClose, from);
    if (to == std::string_view::npos) break;
    add_words(snippet.substr(from, to - from), keys);
  }
}

// Outlines over a page image: one SVG rectangle per word of the page record whose key is
// among `hits` (class hit) or `evidence` (class evidence), in the page's points. SVG
// attributes, not style attributes: the Content-Security-Policy allows no inline style.
std::string outlines(const Page& page, const std::set<std::string>& hits, const std::set<std::string>& evidence) {
  std::string rects;
  for (const auto& w : page.words) {
    const std::string key = word_key(w.text);
    if (key.empty()) continue;
    const char* kind = evidence.count(key) ? "evidence" : hits.count(key) ? "hit" : nullptr;
    if (!kind) continue;
    rects += fmt::format("<rect class=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\"/>", kind,
                         w.x0 - 1, w.y0 - 1, w.x1 - w.x0 + 2, w.y1 - w.y0 + 2);
  }
  if (rects.empty()) return "";
  return fmt::format("<svg class=\"outlines\" id=\"outlines\" viewBox=\"0 0 {:.1f} {:.1f}\" preserveAspectRatio=\"none\" "
                     "aria-hidden=\"true\">",
                     page.width_pt, page.height_pt) +
         rects + "</svg>";
}

const char* kSearchHelp =
    "<p>Words, \"exact phrases\", AND / OR / NOT, <code>detainer NEAR/5 honor</code>, "
    "<code>administ*</code>, <code>agency:ICE</code>, <code>type:agreement</code>, "
    "<code>date:2019..2021</code>, <code>year:2019</code>, <code>287(g)</code>.</p>\n";

}  // namespace

Response search(Site& site, const Request& req) {
  auto query = search_query(req, /*api=*/false);
  if (!query) return error(400, query.error().message, false);
  const std::string q = query->query;
  if (text::trim(q).empty()) {
    return Response::html(html::page("Search", "<h1>Search</h1>\n" + std::string(kSearchHelp)));
  }
  if (!req.has("limit")) query->limit = kPerPage;
  query->facets = true;
  const std::string scope = scope_params(*query);
  auto results = api::search(site.home, *query);
  if (!results) {
    const int status = status_for(results.error());
    return Response::html(html::page("Search", "<h1>Search</h1>\n<p class=\"error\" id=\"error\">" +
                                                   escape(results.error().message) + "</p>\n" + kSearchHelp, q),
                          status);
  }
  std::string body = "<h1>Search: " + escape(q) + "</h1>\n";
  const std::size_t first = query->offset + 1;
  const std::size_t last = query->offset + results->hits.size();
  if (results->hits.empty()) {
    body += "<p id=\"count\">No matches for <q>" + escape(q) + "</q>.</p>\n" + kSearchHelp;
  } else {
    body += "<p id=\"count\" class=\"muted\">" +
            escape(query->docs ? fmt::format("{} matching documents, showing {}-{}", results->estimated_total, first, last)
                               : fmt::format("about {} matching passages, showing {}-{}", results->estimated_total,
                                             first, last)) +
            " \u00b7 <a href=\"" + escape(search_link(q, 0, !query->docs, scope)) + "\">" +
            (query->docs ? "show every passage" : "one hit per document") + "</a></p>\n";
  }
  body += "<ul class=\"facets\" id=\"facets\">\n" + facet_list("Agencies", "agency", q, results->agencies, scope) +
          facet_list("Types", "type", q, results->types, scope) +
          facet_list("Years", "year", q, year_counts(site.home, *query), scope) + "</ul>\n<ol class=\"hits\" start=\"" +
          std::to_string(first) + "\" id=\"hits\">\n";
  for (const auto& hit : results->hits) {
    const std::string title = hit.title.empty() ? hit.source : hit.title;
    body += "<li class=\"hit\"><a href=\"" +
            escape(doc_link(hit.doc) + "/page/" + std::to_string(hit.page) + "?q=" + url_encode(q)) + "\">" +
            escape(title) + "</a><br>\n<span class=\"meta\">" +
            escape(short_id(hit.doc) + " \u00b7 " + where(hit.page, hit.page_end, hit.heading_path) +
                   (hit.doc_type.empty() ? "" : " \u00b7 " + hit.doc_type) +
                   (hit.date.empty() ? "" : " \u00b7 " + hit.date)) +
            "</span><br>\n<span class=\"snippet\">" + html::marked(hit.snippet) + "</span></li>\n";
  }
  body += "</ol>\n<nav class=\"paging\" aria-label=\"pages of results\">";
  if (query->offset > 0) {
    const std::size_t prev = query->offset > query->limit ? query->offset - query->limit : 0;
    body += "<a rel=\"prev\" href=\"" + escape(search_link(q, prev, query->docs, scope)) + "\">previous</a> ";
  }
  if (last < results->estimated_total && !results->hits.empty()) {
    body += "<a rel=\"next\" href=\"" + escape(search_link(q, last, query->docs, scope)) + "\">next</a>";
  }
  body += "</nav>\n";
  return Response::html(html::page("Search: " + q, body, q));
}

Response docs(Site& site, const Request&) {
  auto searcher = index::Searcher::open(site.home / "index");
  if (!searcher) return error(503, searcher.error().message, false, "Ingest documents first: foialens ingest PATH");
  std::string body = "<h1>Documents</h1>\n<table id=\"documents\">\n<thead><tr><th>Title</th><th>Type</th>"
                     "<th>Pages</th><th>Date</th><th>ID</th></tr></thead>\n<tbody>\n";
  std::size_t n = 0;
  for (const auto& d : searcher->documents()) {
    ++n;
    body += "<tr><td><a href=\"" + escape(doc_link(d.id)) + "\">" +
            escape(d.title.empty() ? d.source : d.title) + "</a></td><td>" + escape(d.doc_type) + "</td><td>" +
            std::to_string(d.page_count) + "</td><td>" + escape(d.date.empty() ? "-" : d.date) +
            "</td><td><code>" + escape(short_id(d.id)) + "</code></td></tr>\n";
  }
  body += "</tbody>\n</table>\n";
  if (n == 0) body += "<p>No documents yet: <code>foialens ingest PATH</code>.</p>\n";
  return Response::html(html::page("Documents", body));
}

Response document(Site& site, const Request&, const std::string& id) {
  auto searcher = index::Searcher::open(site.home / "index");
  if (!searcher) return error(503, searcher.error().message, false);
  auto doc = searcher->document(id);
  if (!doc) return error(404, "document " + id + ": " + doc.error().message, false);
  const std::string title = doc->title.empty() ? "(untitled)" : doc->title;
  std::string body = "<h1 id=\"title\">" + escape(title) + "</h1>\n<table id=\"metadata\">\n";
  const auto row = [&](const std::string& key, const std::string& value) {
    if (!value.empty()) body += "<tr><th>" + escape(key) + "</th><td>" + escape(value) + "</td></tr>\n";
  };
  for (const auto& [key, value] : api::metadata_rows(*doc)) row(key, value);
  const api::Related related = api::related(*searcher, *doc);
  if (related.parent) {
    body += "<tr><th>attached to</th><td><a href=\"" + escape(doc_link(related.parent->id)) + "\">" +
            escape(related.parent->title.empty() ? related.parent->source : related.parent->title) + "</a></td></tr>\n";
  }
  body += "</table>\n";
  if (!related.attachments.empty()) {
    body += "<h2>Attachments</h2>\n<ul id=\"attachments\">\n";
    for (const auto* a : related.attachments) {
      body += "<li><a href=\"" + escape(doc_link(a->id)) + "\">" + escape(a->source.substr(a->source.rfind('!') + 1)) +
              "</a> <span class=\"muted\">" + escape(fmt::format("{} pages", a->page_count)) + "</span></li>\n";
    }
    body += "</ul>\n";
  }
  if (related.thread.size() > 1) {
    body += "<h2>Thread</h2>\n<ol id=\"thread\">\n";
    for (const auto* m : related.thread) {
      const std::string line = api::field(*m, "date") + " \u00b7 " + api::field(*m, "from") + " \u00b7 " + m->title;
      body += m->id == doc->id ? "<li><strong>" + escape(line) + "</strong></li>\n"
                               : "<li><a href=\"" + escape(doc_link(m->id)) + "\">" + escape(line) + "</a></li>\n";
    }
    body += "</ol>\n";
  }
  body += "<p><a href=\"" + escape(doc_link(doc->id)) + "/original\" download>Download the original</a></p>\n"
          "<form action=\"/search\" method=\"get\" id=\"search-document\"><input type=\"hidden\" name=\"doc\" value=\"" +
          escape(doc->id) + "\"><label for=\"qd\">Search this document</label> <input id=\"qd\" name=\"q\" type=\"search\"> "
          "<button type=\"submit\">Search</button></form>\n";

  body += "<h2>Pages</h2>\n<ol id=\"pages\">\n";
  for (const auto& p : doc->pages) {
    std::string note = std::string(to_string(p.source));
    if (p.ocr_confidence >= 0) note += fmt::format(", confidence {:.0f}", p.ocr_confidence);
    if (!p.ocr_reason.empty()) note += ": " + p.ocr_reason;
    if (!p.error.empty()) note += "; failed: " + p.error;
    body += "<li value=\"" + std::to_string(p.number) + "\"><a href=\"" +
            escape(doc_link(doc->id) + "/page/" + std::to_string(p.number)) + "\">page " +
            std::to_string(p.number) + "</a> <span class=\"muted\">" + escape(note) + "</span></li>\n";
  }
  body += "</ol>\n" + document_analysis(site, doc->id, 0) + "<h2>Outline</h2>\n<ol id=\"outline\">\n";
  if (auto passages = searcher->passages(doc->id)) {
    for (const auto& p : *passages) {
      body += "<li value=\"" + std::to_string(p.ordinal) + "\"><a href=\"" +
              escape(doc_link(doc->id) + "/page/" + std::to_string(p.page)) + "\">" +
              escape(where(p.page, p.page_end, "")) + "</a> <strong>" +
              escape(p.heading_path.empty() ? "\u00b6" : p.heading_path) + "</strong> " +
              escape(text::truncate_utf8(p.text, 160)) + "</li>\n";
    }
  }
  body += "</ol>\n";
  return Response::html(html::page(title, body));
}

Response page(Site& site, const Request& req, const std::string& id, const std::string& number) {
  auto searcher = index::Searcher::open(site.home / "index");
  if (!searcher) return error(503, searcher.error().message, false);
  auto doc = searcher->document(id);
  if (!doc) return error(404, "document " + id + ": " + doc.error().message, false);
  const int n = to_int(number);
  auto text = searcher->page_text(doc->id, n);
  if (!text) return error(404, "document " + id + ": " + text.error().message, false);
  const std::string q = req.param("q");
  const std::string title = doc->title.empty() ? doc->source : doc->title;
  const std::string base = doc_link(doc->id) + "/page/";
  const std::string keep_q = q.empty() ? "" : "?q=" + url_encode(q);
  std::string body = "<h1>" + escape(title) + "</h1>\n<p class=\"muted\">page " + std::to_string(n) + " of " +
                     std::to_string(doc->page_count) + " \u00b7 <a href=\"" + escape(doc_link(doc->id)) +
                     "\">document</a> \u00b7 <a href=\"" + escape(doc_link(doc->id)) +
                     "/original\" download>original</a>";
  if (n > 1) body += " \u00b7 <a rel=\"prev\" href=\"" + escape(base + std::to_string(n - 1) + keep_q) + "\">previous page</a>";
  if (n < doc->page_count) {
    body += " \u00b7 <a rel=\"next\" href=\"" + escape(base + std::to_string(n + 1) + keep_q) + "\">next page</a>";
  }
  body += "</p>\n";
  std::set<std::string> hit_words, evidence_words;
  if (!q.empty()) {
    api::SearchQuery sq;
    sq.query = q;
    sq.limit = 200;
    sq.documents = {doc->id};
    sq.highlight_open = std::string(html::kMarkOpen);
    sq.highlight_close = std::string(html::kMarkClose);
    auto hits = api::search(site.home, sq);
    body += "<h2>Hits of <q>" + escape(q) + "</q> on this page</h2>\n<ul id=\"page-hits\">\n";
    hit_words.clear();
    std::size_t shown = 0;
    if (hits) {
      for (const auto& hit : hits->hits) {
        if (hit.page > n || hit.page_end < n) continue;
        ++shown;
        add_marked_words(hit.snippet, hit_words);
        body += "<li><strong>" + escape(hit.heading_path.empty() ? "\u00b6" : hit.heading_path) + "</strong> " +
                html::marked(hit.snippet) + "</li>\n";
      }
    }
    if (shown == 0) body += "<li>none on this page</li>\n";
    body += "</ul>\n";
  }
  std::vector<std::string> evidence;
  body += document_analysis(site, doc->id, n, &evidence);
  for (const auto& e : evidence) add_words(e, evidence_words);
  const bool has_image = doc->media_type == "application/pdf" || doc->media_type.rfind("image/", 0) == 0;
  body += "<div class=\"pageview\">\n";
  if (has_image) {
    // Word boxes come from the page record ingest keeps beside the original.
    std::string svg, caption;
    auto record = ingest::PageStore(site.home).get(doc->id);
    if (!record) {
      caption = "Hits are listed above, not outlined: " + record.error().message;
    } else {
      for (const auto& p : *record) {
        if (p.number == n && p.width_pt > 0 && p.height_pt > 0) svg = outlines(p, hit_words, evidence_words);
      }
      caption = svg.empty() ? (hit_words.empty() && evidence_words.empty() ? "" : "No word of the hits is on the image.")
                            : "Outlined: the hits of the query (orange) and the evidence of findings (red).";
    }
    body += "<figure><div class=\"pageimage\"><img id=\"page-image\" src=\"" + escape(base + std::to_string(n) + ".png") +
            "\" alt=\"" + escape("Page " + std::to_string(n) + " of " + title) + "\">" + svg + "</div>" +
            (caption.empty() ? "" : "<figcaption class=\"muted\">" + escape(caption) + "</figcaption>") + "</figure>\n";
  }
  body += "<pre class=\"pagetext\" id=\"page-text\">" + escape(*text) + "</pre>\n</div>\n";
  return Response::html(html::page(title + ", page " + std::to_string(n), body, q));
}

Response page_image(Site& site, const Request&, const std::string& id, const std::string& number) {
  auto searcher = index::Searcher::open(site.home / "index");
  if (!searcher) return error(503, searcher.error().message, false);
  auto doc = searcher->document(id);
  if (!doc) return error(404, "document " + id + ": " + doc.error().message, false);
  const int n = to_int(number);
  if (n < 1 || n > doc->page_count) {
    return error(404, fmt::format("document {}: there is no page {} (it has {})", id, n, doc->page_count), false);
  }
  const bool pdf = doc->media_type == "application/pdf";
  if (!pdf && doc->media_type.rfind("image/", 0) != 0) {
    return error(404, "document " + id + ": a " + doc->media_type + " document has no page images", false);
  }
  // The id comes from the index, never from the address: the store is its only way in.
  if (doc->id.size() != 64 || doc->id.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return error(500, "document " + id + ": the index holds a malformed id", false);
  }
  const fs::path cached = site.home / "cache" / "pages" / fmt::format("{}-{}-{}.png", doc->id, n, kImageDpi);
  std::error_code ec;
  if (!fs::exists(cached, ec)) {
    const std::lock_guard lock(site.render);
    if (!fs::exists(cached, ec)) {
      auto bytes = paths::read_file(ingest::ContentStore(site.home / "store").path_for(doc->id));
      if (!bytes) return error(404, "document " + id + ": the original is not in the store: " + bytes.error().message, false);
      std::optional<ocr::Image> image;
      if (pdf) {
        auto renderer = ingest::PdfRenderer::open(*bytes);
        if (!renderer) return error(422, "document " + id + ": " + renderer.error().message, false);
        if (n > (*renderer)->pages()) return error(404, fmt::format("document {}: there is no page {}", id, n), false);
        const double longest = std::max((*renderer)->width_pt(n - 1), (*renderer)->height_pt(n - 1));
        const int dpi = longest > 0 ? std::min(kImageDpi, static_cast<int>(kLongestSidePixels * 72 / longest)) : kImageDpi;
        auto rendered = (*renderer)->render(n - 1, std::max(dpi, 10));
        if (!rendered) return error(422, fmt::format("document {}: page {}: {}", id, n, rendered.error().message), false);
        image.emplace(std::move(*rendered));
      } else {
        auto pages = ocr::Image::pages_from_memory(*bytes);
        if (!pages) return error(422, "document " + id + ": " + pages.error().message, false);
        if (static_cast<std::size_t>(n) > pages->size()) {
          return error(404, fmt::format("document {}: there is no page {}", id, n), false);
        }
        image.emplace(std::move((*pages)[static_cast<std::size_t>(n - 1)]));
      }
      fs::create_directories(cached.parent_path(), ec);
      const fs::path temp = cached.string() + ".tmp";
      if (Status st = image->write_png(temp); !st) {
        return error(500, "page image cache " + cached.parent_path().string() + ": " + st.error().message, false);
      }
      fs::rename(temp, cached, ec);
      if (ec) return error(500, "page image cache " + cached.string() + ": " + ec.message(), false);
    }
  }
  auto png = paths::read_file(cached);
  if (!png) return error(500, "page image cache: " + png.error().message, false);
  Response r{200, "image/png", std::move(*png), {}, {}};
  // Named by content hash: the image of a page never changes.
  r.headers.emplace("Cache-Control", "private, max-age=86400, immutable");
  return r;
}

Response original(Site& site, const Request&, const std::string& id) {
  auto searcher = index::Searcher::open(site.home / "index");
  if (!searcher) return error(503, searcher.error().message, false);
  auto doc = searcher->document(id);
  if (!doc) return error(404, "document " + id + ": " + doc.error().message, false);
  if (doc->id.size() != 64 || doc->id.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return error(500, "document " + id + ": the index holds a malformed id", false);
  }
  const fs::path stored = ingest::ContentStore(site.home / "store").path_for(doc->id);
  std::error_code ec;
  if (!fs::is_regular_file(stored, ec)) {
    return error(404, "document " + id + ": the original is not in the store (" + stored.string() + ")", false);
  }
  std::string name = fs::path(doc->source).filename().string();
  for (char& c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')) c = '_';
  }
  if (name.empty() || name.front() == '.') name = short_id(doc->id) + name;
  Response r{200, doc->media_type.empty() ? "application/octet-stream" : doc->media_type, "", {}, stored};
  r.headers.emplace("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return r;
}

}  // namespace foialens::web::pages
