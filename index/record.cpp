#include "index/record.hpp"

namespace foialens::index::record {
using json = nlohmann::json;

std::string document_data(const Document& doc) {
  json pages = json::array();
  for (const Page& p : doc.pages) {
    json page = {{"n", p.number}, {"src", std::string(to_string(p.source))}, {"text", p.text}};
    if (!p.ocr_reason.empty()) page["why"] = p.ocr_reason;
    if (p.ocr_confidence >= 0) page["conf"] = p.ocr_confidence;
    if (!p.error.empty()) page["error"] = p.error;
    pages.push_back(std::move(page));
  }
  json dates = json::array();
  for (const Date& d : doc.dates) dates.push_back(d.iso());
  json data = {
      {"k", "d"},
      {"doc", doc.id},
      {"title", doc.title},
      {"source", doc.source},
      {"media", doc.media_type},
      {"type", doc.doc_type},
      {"date", doc.date ? doc.date->iso() : ""},
      {"dates", std::move(dates)},
      {"agencies", doc.agencies},
      {"size", doc.size},
      {"ingested", doc.ingested_at},
      {"npassages", doc.passages.size()},
      {"pages", std::move(pages)},
  };
  if (!doc.source_url.empty()) data["url"] = doc.source_url;
  if (!doc.fetched_at.empty()) data["fetched"] = doc.fetched_at;
  if (!doc.parent_id.empty()) data["parent"] = doc.parent_id;
  if (!doc.fields.empty()) {
    json fields = json::array();
    for (const auto& [name, value] : doc.fields) fields.push_back(json::array({name, value}));
    data["fields"] = std::move(fields);
  }
  return data.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string passage_data(const Document& doc, const Passage& p) {
  // The document's title, source and date are on its document record, not repeated here.
  json data = {
      {"k", "p"},          {"key", doc.id.substr(0, 16)},
      {"page", p.page},    {"page_end", p.page_end}, {"ord", p.ordinal},
      {"clause", p.clause}, {"path", p.heading_path}, {"heading", p.heading},
      {"text", p.text},
  };
  return data.dump(-1, ' ', false, json::error_handler_t::replace);
}

DocumentInfo parse_document(const json& data) {
  DocumentInfo info;
  info.id = data.value("doc", "");
  info.title = data.value("title", "");
  info.source = data.value("source", "");
  info.source_url = data.value("url", "");
  info.fetched_at = data.value("fetched", "");
  info.media_type = data.value("media", "");
  info.doc_type = data.value("type", "");
  info.date = data.value("date", "");
  info.dates = data.value("dates", std::vector<std::string>{});
  info.agencies = data.value("agencies", std::vector<std::string>{});
  info.size = data.value("size", std::int64_t{0});
  info.ingested_at = data.value("ingested", "");
  info.passage_count = data.value("npassages", 0);
  info.parent_id = data.value("parent", "");
  if (const auto it = data.find("fields"); it != data.end() && it->is_array()) {
    for (const auto& f : *it) {
      if (f.is_array() && f.size() == 2 && f[0].is_string() && f[1].is_string()) {
        info.fields.emplace_back(f[0].get<std::string>(), f[1].get<std::string>());
      }
    }
  }
  if (const auto it = data.find("pages"); it != data.end() && it->is_array()) {
    for (const auto& p : *it) {
      PageInfo page;
      page.number = p.value("n", 0);
      const std::string src = p.value("src", "text");
      page.source = src == "ocr" ? TextSource::ocr
                    : src == "none" ? TextSource::none : TextSource::text_layer;
      page.ocr_reason = p.value("why", "");
      page.ocr_confidence = p.value("conf", -1.0);
      page.error = p.value("error", "");
      page.chars = p.value("text", "").size();
      info.pages.push_back(std::move(page));
    }
  }
  info.page_count = static_cast<int>(info.pages.size());
  return info;
}

Hit parse_passage(const json& data) {
  Hit hit;
  hit.doc = data.value("key", "");
  hit.page = data.value("page", 1);
  hit.page_end = data.value("page_end", hit.page);
  hit.ordinal = data.value("ord", 0);
  hit.clause = data.value("clause", "");
  hit.heading_path = data.value("path", "");
  hit.text = data.value("text", "");
  return hit;
}

Passage passage_from(const json& data) {
  Passage p;
  p.ordinal = data.value("ord", 0);
  p.page = data.value("page", 1);
  p.page_end = data.value("page_end", p.page);
  p.clause = data.value("clause", "");
  p.heading_path = data.value("path", "");
  p.heading = data.value("heading", "");
  p.text = data.value("text", "");
  return p;
}

}  // namespace foialens::index::record
