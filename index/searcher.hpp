#pragma once
// Read access to the index: search with highlighted snippets and facets, documents,
// passages and page text. Opens the database read-only; several Searchers (and one
// Writer) may use the same index at once.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/document.hpp"
#include "common/error.hpp"

namespace foialens::index {

struct SearchOptions {
  std::string query;                 // Xapian QueryParser syntax, see README "Query syntax"
  std::size_t offset = 0;
  std::size_t limit = 10;
  bool collapse_documents = false;   // one hit per document (--docs)
  bool facets = false;               // count matching documents by agency and type
  std::vector<std::string> documents;  // restrict to these document ids (full or 12-digit)
  std::size_t snippet_chars = 240;
  std::string highlight_open = "[";
  std::string highlight_close = "]";
};

struct Hit {
  std::string doc;           // full document id
  std::string title;
  std::string source;
  std::string doc_type;
  std::string date;          // ISO or empty
  int page = 1;
  int page_end = 1;
  int ordinal = 0;           // passage ordinal in its document
  std::string clause;
  std::string heading_path;
  std::string text;          // the whole passage
  std::string snippet;       // highlighted
  double score = 0;
  int percent = 0;
};

struct FacetCount {
  std::string value;
  std::size_t count = 0;
};

struct SearchResults {
  std::size_t estimated_total = 0;  // passages, or documents with collapse_documents
  std::vector<Hit> hits;
  std::vector<FacetCount> agencies;  // with SearchOptions::facets
  std::vector<FacetCount> types;
};

struct PageInfo {
  int number = 1;
  TextSource source = TextSource::text_layer;
  std::string ocr_reason;
  double ocr_confidence = -1;
  std::string error;
  std::size_t chars = 0;
};

// A document's metadata as stored.
struct DocumentInfo {
  std::string id;
  std::string title;
  std::string source;
  std::string source_url;
  std::string fetched_at;
  std::string media_type;
  std::string doc_type;
  std::string date;  // ISO or empty
  std::vector<std::string> dates;
  std::vector<std::string> agencies;
  std::int64_t size = 0;
  std::string ingested_at;
  int page_count = 0;
  int passage_count = 0;
  std::vector<PageInfo> pages;
  std::string parent_id;  // an attachment's message
  std::vector<std::pair<std::string, std::string>> fields;  // see Document::fields
};

struct IndexStats {
  std::size_t documents = 0;
  std::size_t passages = 0;
  std::size_t pages = 0;
  std::size_t ocr_pages = 0;
  std::uintmax_t index_bytes = 0;
  std::size_t terms = 0;
};

// Checks that `query` parses in the query language; the error names the problem.
Status check_query(const std::string& query);

class Searcher {
 public:
  // Fails (scope run) when there is no index at `index_dir` yet or it cannot be read.
  static Result<Searcher> open(const std::filesystem::path& index_dir);

  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  ~Searcher();

  // A query that does not parse fails with a message that names the problem.
  Result<SearchResults> search(const SearchOptions& options);

  // Every passage that matches `query` (no limit, no snippets), best first: what the
  // analysis rules run on. `documents` restricts as in SearchOptions.
  Result<std::vector<Hit>> match_passages(const std::string& query,
                                          const std::vector<std::string>& documents = {});

  std::vector<DocumentInfo> documents();
  // By full id or a unique prefix of at least 4 hex digits.
  Result<DocumentInfo> document(const std::string& id_or_prefix);
  Result<std::vector<Passage>> passages(const std::string& doc_id);
  Result<std::string> page_text(const std::string& doc_id, int page);
  IndexStats stats();

  // What analysis stored with each document (Document::analysis), by doc key (the first 16
  // hex digits of its id, which document() accepts); empty for a document stored without
  // it. Reads no page text: this is what analysis commands read instead of the passages.
  struct StoredAnalysis {
    std::string key;
    std::string data;
  };
  std::vector<StoredAnalysis> analyses();

  // Reopens the database to see commits made since it was opened.
  void reopen();

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace foialens::index
