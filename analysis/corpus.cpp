#include "analysis/corpus.hpp"

namespace foialens::analysis {

Result<Document> load_document(index::Searcher& searcher, const index::DocumentInfo& info) {
  Document d;
  d.id = info.id;
  d.title = info.title;
  d.source = info.source;
  d.source_url = info.source_url;
  d.fetched_at = info.fetched_at;
  d.media_type = info.media_type;
  d.size = info.size;
  d.doc_type = info.doc_type;
  if (!info.date.empty()) {
    if (auto date = Date::parse_iso(info.date)) d.date = *date;
  }
  for (const std::string& s : info.dates) {
    if (auto date = Date::parse_iso(s)) d.dates.push_back(*date);
  }
  d.agencies = info.agencies;
  d.ingested_at = info.ingested_at;
  for (const index::PageInfo& p : info.pages) {
    Page page;
    page.number = p.number;
    page.source = p.source;
    page.ocr_reason = p.ocr_reason;
    page.ocr_confidence = p.ocr_confidence;
    page.error = p.error;
    d.pages.push_back(std::move(page));
  }
  auto passages = searcher.passages(info.id);
  if (!passages) {
    return Error::run("cannot read the passages of " + short_id(info.id) + ": " +
                      passages.error().message);
  }
  d.passages = std::move(*passages);
  return d;
}

Result<std::vector<Document>> load_documents(index::Searcher& searcher) {
  std::vector<Document> docs;
  for (const index::DocumentInfo& info : searcher.documents()) {
    auto d = load_document(searcher, info);
    if (!d) return d.error();
    docs.push_back(std::move(*d));
  }
  return docs;
}

}  // namespace foialens::analysis
