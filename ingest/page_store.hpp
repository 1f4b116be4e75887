#pragma once
// The pages of every document with their words and boxes, kept outside the index so that
// `show --text`, `export` and the web page that outlines hits read them without Xapian:
// one gzip file per document, <home>/pages/<aa>/<document id>.pages.gz, written by ingest
// next to the stored original and, like it, keyed by the original's SHA-256 (the same
// content always gives the same pages, so a file is never rewritten in place).
//
// Format (after gunzip): UTF-8 text lines, fields separated by tabs; in text fields a
// backslash, tab, line feed and carriage return are written \\ \t \n \r.
//   foialens-pages 1
//   page <number> <source: text|ocr|none> <width pt> <height pt> <layout> <confidence>
//   reason <why it was, or was not, OCR'd>        (optional)
//   error <why the page failed>                     (optional)
//   text <the page's normalised text>
//   w <x0> <y0> <x1> <y1> <confidence> <line end 0|1> <word>   (one per word)
// Boxes in points from the page's top-left corner (see common/document.hpp, Word).

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "common/document.hpp"
#include "common/error.hpp"

namespace foialens::ingest {

class PageStore {
 public:
  // `home` is the library home; the files live in <home>/pages.
  explicit PageStore(const std::filesystem::path& home);

  std::filesystem::path path_for(const std::string& doc_id) const;
  bool contains(const std::string& doc_id) const;

  // The full id of the one document whose id starts with `prefix` (at least 4 hex
  // digits, as `foialens docs` prints 12). Errors: "no document ABC...", "ABC matches 2
  // documents: give more of its id".
  Result<std::string> resolve(const std::string& prefix) const;

  // Writes the pages of `doc` (doc.id must be set), atomically: a reader sees the old
  // file or the new one, never a part.
  Status put(const Document& doc) const;

  // The pages of a document. Errors (scope input): no file ("no page record for DOC:
  // ingested before word boxes were kept; ingest the original again"), a damaged file,
  // or one over `max_bytes` once uncompressed.
  Result<std::vector<Page>> get(const std::string& doc_id,
                                std::size_t max_bytes = kMaxBytes) const;

  // 1 GiB of text and boxes: some 30,000 OCR'd pages.
  static constexpr std::size_t kMaxBytes = std::size_t{1} << 30;

 private:
  std::filesystem::path dir_;
};

}  // namespace foialens::ingest
