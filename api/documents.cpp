#include "api/documents.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "ingest/detect.hpp"

namespace foialens::api {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

std::string line(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n"; }

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

}  // namespace

std::string field(const index::DocumentInfo& d, std::string_view name) {
  for (const auto& [k, v] : d.fields) {
    if (k == name) return v;
  }
  return {};
}

Related related(index::Searcher& searcher, const index::DocumentInfo& doc) {
  Related r;
  if (!doc.fields.empty() || !doc.parent_id.empty()) r.all = searcher.documents();
  for (const auto& d : r.all) {
    if (d.parent_id == doc.id) r.attachments.push_back(&d);
    if (!doc.parent_id.empty() && d.id == doc.parent_id) r.parent = &d;
  }
  r.thread = thread_of(doc, r.all);
  return r;
}

std::vector<const index::PageInfo*> low_confidence_pages(const index::DocumentInfo& d, double threshold) {
  std::vector<const index::PageInfo*> low;
  for (const auto& p : d.pages) {
    if (p.source == TextSource::ocr && p.ocr_confidence >= 0 && p.ocr_confidence < threshold) {
      low.push_back(&p);
    }
  }
  return low;
}

bool listed(const index::DocumentInfo& doc, const DocsFilter& filter) {
  if (!filter.type.empty() && doc.doc_type != filter.type) return false;
  return !filter.low_confidence || !low_confidence_pages(doc, filter.threshold).empty();
}

std::string docs_json(const std::vector<index::DocumentInfo>& docs, const DocsFilter& filter) {
  std::string out;
  for (const auto& d : docs) {
    if (!listed(d, filter)) continue;
    json j = document_json(d);
    if (filter.low_confidence) {
      j["low_confidence_pages"] = json::array();
      for (const auto* p : low_confidence_pages(d, filter.threshold)) j["low_confidence_pages"].push_back(p->number);
    }
    out += line(j);
  }
  return out;
}

std::string show_json(const index::DocumentInfo& doc, const Related& related,
                      const Result<std::vector<Passage>>& passages) {
  json j = document_json(doc);
  if (!related.attachments.empty()) {
    j["attachments"] = json::array();
    for (const auto* a : related.attachments) {
      j["attachments"].push_back({{"doc", short_id(a->id)}, {"title", a->title}, {"source", a->source},
                                  {"format", ingest::format_name(a->media_type)}, {"pages", a->page_count}});
    }
  }
  if (related.thread.size() > 1) {
    j["thread"] = json::array();
    for (const auto* m : related.thread) {
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
  return line(j);
}

std::string page_json(const index::DocumentInfo& doc, int page, const std::string& text) {
  return line(json{{"doc", short_id(doc.id)}, {"page", page}, {"text", text}});
}

Result<ShowTarget> parse_show_target(const std::string& target) {
  ShowTarget t{target, 0};
  if (const auto colon = target.find(':'); colon != std::string::npos) {
    t.doc = target.substr(0, colon);
    try {
      std::size_t used = 0;
      t.page = std::stoi(target.substr(colon + 1), &used);
      if (used != target.size() - colon - 1) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      return Error::input("page must be a number, as in DOC:3");
    }
  }
  return t;
}

LibraryStats library_stats(index::Searcher& searcher, const fs::path& home) {
  LibraryStats s;
  s.index = searcher.stats();
  s.home = home;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(home / "store", ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) s.store_bytes += it->file_size(ec);
  }
  return s;
}

std::string stats_json(const LibraryStats& st) {
  const auto& s = st.index;
  return json{{"documents", s.documents}, {"pages", s.pages}, {"ocr_pages", s.ocr_pages},
              {"passages", s.passages},   {"terms", s.terms}, {"index_bytes", s.index_bytes},
              {"store_bytes", st.store_bytes}, {"home", st.home.string()}}
             .dump(-1, ' ', false, json::error_handler_t::replace) +
         "\n";
}

std::vector<std::pair<std::string, std::string>> metadata_rows(const index::DocumentInfo& doc) {
  std::vector<std::pair<std::string, std::string>> rows;
  const auto row = [&](std::string key, std::string value) {
    if (!value.empty()) rows.emplace_back(std::move(key), std::move(value));
  };
  row("id", doc.id);
  row("source", doc.source);
  if (!doc.source_url.empty()) row("url", doc.source_url + " (fetched " + doc.fetched_at + ")");
  row("type", doc.doc_type);
  row("date", doc.date);
  row("pages", std::to_string(doc.page_count));
  row("passages", std::to_string(doc.passage_count));
  std::string agencies;
  for (const auto& a : doc.agencies) agencies += (agencies.empty() ? "" : "; ") + a;
  row("agencies", agencies);
  std::string dates;
  for (std::size_t i = 0; i < doc.dates.size() && i < 8; ++i) dates += (i ? ", " : "") + doc.dates[i];
  if (doc.dates.size() > 8) dates += " (+" + std::to_string(doc.dates.size() - 8) + " more)";
  row("dates", dates);
  row("media", doc.media_type + ", " + std::to_string(doc.size) + " bytes");
  row("ingested", doc.ingested_at);
  for (const char* name : {"from", "to", "cc", "date"}) row(name == std::string("date") ? "sent" : name, field(doc, name));
  return rows;
}

}  // namespace foialens::api
