#pragma once
// A searchable PDF from a stored original and its page record: what `foialens export`
// writes. The qpdf adapter: the only place in foialens that includes qpdf headers.
//
// A PDF original keeps every page object as it is (content, images, fonts, annotations:
// nothing is decoded or recompressed); an OCR'd page gets an invisible text layer (text
// render mode 3), one positioned word per OCR word box, in a glyphless font whose codes
// map to Unicode, as Tesseract's own PDF renderer does. An image original (PNG, JPEG,
// TIFF) becomes one page per image: a JPEG's bytes are embedded as they are, other images
// losslessly (Flate). pdftotext and any viewer's search read the text layer.

#include <filesystem>
#include <string_view>
#include <vector>

#include "common/document.hpp"
#include "common/error.hpp"

namespace foialens::ingest {

struct ExportStats {
  int pages = 0;        // pages written
  int text_layers = 0;  // OCR text layers added
  int words = 0;        // words placed in them
};

// Writes `out` atomically (a temporary file, then rename). `pages` is the document's page
// record (PageStore); it must have as many pages as the original. Errors (scope input)
// name what failed: "the original has 3 pages but its page record 2", "cannot read the
// original PDF: ...", "cannot write out.pdf: ...".
Result<ExportStats> write_searchable_pdf(std::string_view original, const std::vector<Page>& pages,
                                         const std::filesystem::path& out);

}  // namespace foialens::ingest
