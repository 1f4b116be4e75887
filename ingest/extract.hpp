#pragma once
// One file's bytes to a Document: type detection, text per page, normalisation,
// segmentation and metadata. No storage and no index: pure, and safe to run on many
// threads at once.

#include <string>
#include <string_view>

#include "common/document.hpp"
#include "common/error.hpp"
#include "ingest/container.hpp"
#include "ingest/detect.hpp"
#include "ingest/pipeline.hpp"

namespace foialens::ingest {

// A file that is not a document foialens reads is not an error: it is skipped.
struct Skipped {
  std::string why;
};

class OcrStage;

struct Extracted {
  Document doc;
  bool skipped = false;
  std::string skip_reason;
  bool container = false;  // an archive or mbox: its files were handed on, no document of its own
};

// `doc.id`, `doc.source` and `doc.size` are filled by the caller. Without an OCR stage,
// pages without text stay empty and images are skipped. The files inside an archive,
// mbox or message go to `nesting` (without one, archives are skipped and attachments
// are not read).
Result<Extracted> extract(std::string_view bytes, const Options& options, OcrStage* ocr = nullptr,
                          Nesting* nesting = nullptr);

// Text pages (split at form feeds) from plain text or Markdown.
std::vector<Page> text_pages(std::string_view text);

// Normalises each page, segments them into passages and fills the metadata.
void finish_document(Document& doc);

}  // namespace foialens::ingest
