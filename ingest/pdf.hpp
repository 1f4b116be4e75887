#pragma once
// The poppler-cpp adapter: the only place in foialens that includes poppler headers.

#include <string>
#include <string_view>
#include <vector>

#include "common/document.hpp"
#include "common/error.hpp"

namespace foialens::ingest {

struct PdfPage {
  std::string text;         // as extracted, before normalisation
  double width_pt = 0;      // page size in points
  double height_pt = 0;
  std::vector<Word> words;  // the text layer's words, boxes in points from the top left
};

struct PdfContent {
  std::string title;        // from the document information, when useful
  std::vector<PdfPage> pages;
};

// Extracts the text layer of every page, in reading order. `bytes` must stay alive for
// the duration of the call. Fails for a damaged, empty or password-protected PDF.
Result<PdfContent> extract_pdf(std::string_view bytes);

}  // namespace foialens::ingest
