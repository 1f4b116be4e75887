#pragma once
// `docs`, `show` and `stats`: what is in the library, as JSON.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "index/searcher.hpp"

namespace foialens::api {

// Below this mean word confidence an OCR'd page is "low" (docs --low-confidence).
inline constexpr double kDefaultLowConfidence = 70.0;

// OCR'd pages of `doc` whose mean word confidence is below `threshold`.
std::vector<const index::PageInfo*> low_confidence_pages(const index::DocumentInfo& doc, double threshold);

struct DocsFilter {
  std::string type;             // only documents of this type; empty: all
  bool low_confidence = false;  // only documents with OCR'd pages below the threshold
  double threshold = kDefaultLowConfidence;
};

// Whether `doc` is listed under `filter`.
bool listed(const index::DocumentInfo& doc, const DocsFilter& filter);

// One JSON object per listed document, each on its own line: `docs --json`.
std::string docs_json(const std::vector<index::DocumentInfo>& docs, const DocsFilter& filter);

// A field of a document's header (from, to, cc, date, message-id...), or "".
std::string field(const index::DocumentInfo& doc, std::string_view name);

// What `show` and the document page list about a document, in order, as (label, value);
// rows without a value are left out.
std::vector<std::pair<std::string, std::string>> metadata_rows(const index::DocumentInfo& doc);

// What `show` lists around a document: the files attached to it, the message it came with,
// and the messages of its thread (oldest first).
struct Related {
  std::vector<index::DocumentInfo> all;  // read only for messages and their attachments
  std::vector<const index::DocumentInfo*> attachments;
  const index::DocumentInfo* parent = nullptr;
  std::vector<const index::DocumentInfo*> thread;
};
Related related(index::Searcher& searcher, const index::DocumentInfo& doc);

// A document's metadata, what is related to it, and its outline of passages: `show DOC
// --json`. Passages that cannot be read leave the outline empty.
std::string show_json(const index::DocumentInfo& doc, const Related& related,
                      const Result<std::vector<Passage>>& passages);

// One page's text: `show DOC:PAGE --json`.
std::string page_json(const index::DocumentInfo& doc, int page, const std::string& text);

// A "DOC" or "DOC:PAGE" target as `show` takes it; page 0 when none is given. The error
// reads "page must be a number, as in DOC:3".
struct ShowTarget {
  std::string doc;
  int page = 0;
};
Result<ShowTarget> parse_show_target(const std::string& target);

struct LibraryStats {
  index::IndexStats index;
  std::uintmax_t store_bytes = 0;  // the originals kept in store/
  std::filesystem::path home;
};
LibraryStats library_stats(index::Searcher& searcher, const std::filesystem::path& home);
// `stats --json`.
std::string stats_json(const LibraryStats& stats);

}  // namespace foialens::api
