#pragma once
// The record that ingest produces and index stores: one source file, its pages, its
// passages (clauses or paragraphs) and its metadata. Ingest does not know Xapian; it hands
// Documents to a DocumentSink, which index implements.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/date.hpp"
#include "common/error.hpp"

namespace foialens {

// How a page's text was obtained.
enum class TextSource {
  text_layer,  // the PDF's own text, or a text/HTML file
  ocr,         // recognised by the OCR engine
  none,        // no text: blank page, or OCR off/failed
};

// A word on a page, with its box in points (1/72 inch) from the page's top-left corner,
// y downwards: from the PDF's text layer (poppler) or from OCR (Tesseract).
struct Word {
  std::string text;          // UTF-8, as extracted or recognised
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // left, top, right, bottom
  float confidence = -1;     // OCR word confidence 0..100; -1 for a text layer's word
  bool line_end = false;     // the last word of its line (OCR'd pages)
};

struct Page {
  int number = 1;            // 1-based
  std::string text;          // normalised
  TextSource source = TextSource::text_layer;
  std::string ocr_reason;    // why this page was (or was not) OCR'd; empty for text files
  double ocr_confidence = -1;  // mean word confidence 0..100 when OCR'd, else -1
  std::string error;         // non-empty when this page failed (the rest of the document is kept)
  double width_pt = 0;       // page size in points (PDF pages, images); 0 for text files
  double height_pt = 0;
  std::vector<Word> words;   // in reading order, boxes in the page's coordinates (above)
  std::string layout;        // OCR'd pages: "columns" (full layout analysis) or "single-column"
};

struct Passage {
  int ordinal = 0;           // 0-based position in the document
  int page = 1;              // page where the passage starts
  int page_end = 1;          // page where it ends
  std::string clause;        // clause number as printed: "2-173-020", "4.", "(a)"; may be empty
  std::string heading_path;  // "Section 7 > (b)"; empty for unnumbered paragraphs
  std::string heading;       // the heading text of its section, when printed
  std::string text;          // the passage's text, normalised
};

struct Document {
  std::string id;            // SHA-256 of the original bytes, lower-case hex
  std::string source;        // original path (absolute) or URL
  std::string source_url;    // final URL after redirects, for fetched documents
  std::string fetched_at;    // ISO date-time of the fetch, for fetched documents
  std::string media_type;    // application/pdf, text/plain, text/html, image/png, ...
  std::int64_t size = 0;     // bytes of the original
  std::string title;
  std::string doc_type;      // agreement, ordinance, directive, report, letter, other
  std::optional<Date> date;  // the document's own date (signature, issue, passage)
  std::vector<Date> dates;   // every date found in the text, in order, unique
  std::vector<std::string> agencies;  // canonical names, most mentioned first
  std::string ingested_at;   // ISO date-time
  std::vector<Page> pages;
  std::vector<Passage> passages;
  // What analysis found in the document at ingest (agreements, references, findings), in
  // analysis's own encoding: ingest and index carry it without reading it.
  std::string analysis;
  std::string parent_id;     // for an e-mail attachment: the id of its message
  // Metadata that only some formats carry, in a fixed order per format. E-mail: "from",
  // "to", "cc", "date", "subject", "message-id", "in-reply-to", "references".
  std::vector<std::pair<std::string, std::string>> fields;
};

// First 12 hex digits of a document id: what users see and type.
inline std::string short_id(const std::string& id) { return id.substr(0, 12); }

std::string_view to_string(TextSource s);

// What happened to one document handed to a sink.
enum class PutOutcome {
  added,      // new content
  replaced,   // the same source had other content before; the old version is gone
  unchanged,  // identical content was already stored
};

// Receives documents from ingest. prepare() may run concurrently on worker threads (it
// must not touch shared state); put() is called from one thread only, and stores the
// document atomically: after a failed or interrupted put, what was stored before is intact.
class DocumentSink {
 public:
  struct Prepared {
    virtual ~Prepared() = default;
  };

  virtual ~DocumentSink() = default;

  // Ids already stored, with their sources: read once before a batch so that workers can
  // skip unchanged content without asking the sink.
  virtual std::vector<std::pair<std::string, std::string>> known_documents() = 0;

  virtual std::unique_ptr<Prepared> prepare(const Document& doc) const = 0;
  virtual Result<PutOutcome> put(const Document& doc, std::unique_ptr<Prepared> prepared) = 0;

  // Makes every put so far durable.
  virtual Status flush() = 0;
};

}  // namespace foialens
