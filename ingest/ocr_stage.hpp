#pragma once
// The OCR step of ingest: which pages need OCR (decided per page, never per document),
// rendering them, and recognising them on the shared ocr::Pool. Ingest owns poppler, the
// ocr part owns Tesseract; this file joins them.

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.hpp"
#include "common/error.hpp"
#include "ingest/pdf.hpp"
#include "ingest/pipeline.hpp"

namespace foialens::ocr {
class Pool;
struct Ink;
}

namespace foialens::ingest {

// Why a page's text layer cannot be used, whatever else is on the page: "no text layer",
// "text layer unreadable: ...", "text layer is mostly not words ..."; empty when the
// text is readable. How much text there is does not matter: a short born-digital page
// is as good as a full one.
std::string ocr_reason(std::string_view text);

// Why a page with a readable text layer must be OCR'd all the same: the marks on the
// rendered page that no word of the text layer covers (a scanned page under a Bates
// stamp, a scanned part of a page); empty when the text layer accounts for the page.
std::string ink_reason(const ocr::Ink& ink);

// Marks outside the text layer from which a page is OCR'd: ten (a line or two of words;
// a signature, a logo or a rule is fewer), and a tenth of the page's marks at least.
inline constexpr int kMinUncoveredMarks = 10;

// The resolution a page is rendered at to look for ink: a word is a mark or two.
inline constexpr int kInkDpi = 36;

// Pages done and pages known so far, across every worker: the progress bar's numbers.
struct PageCounter {
  std::atomic<std::size_t> known{0};
  std::atomic<std::size_t> done{0};
};

class OcrStage {
 public:
  // `progress` may be null. Nothing is started until a page needs OCR.
  OcrStage(const Options& options, PageCounter* progress, const std::atomic<bool>* cancel);
  ~OcrStage();
  OcrStage(const OcrStage&) = delete;
  OcrStage& operator=(const OcrStage&) = delete;

  // Fills `pages` (text, words, layout, source, ocr_reason, ocr_confidence, error) for a
  // PDF: `pages` hold the text layer and its words on entry; `layer` gives each page's
  // size. A page is OCR'd when its text layer is missing or unreadable, or when the
  // rendered page has ink outside the text layer's words (ink_reason). Pages that fail
  // OCR keep their error; the others are unaffected.
  // Fails (scope run) only when OCR cannot start at all (a language is not installed):
  // nothing is started until a page needs OCR, so born-digital files never need it.
  Status run_pdf(std::string_view bytes, const std::vector<PdfPage>& layer,
               std::vector<Page>& pages);

  // An image file (PNG, JPEG, TIFF incl. multi-page) as a document of pages.
  Result<std::vector<Page>> run_image(std::string_view bytes);

  // Pages recognised by Tesseract and pages answered from the cache, so far.
  std::size_t recognised() const;
  std::size_t cache_hits() const;

 private:
  Result<ocr::Pool*> pool();

  const Options& options_;
  PageCounter* progress_;
  const std::atomic<bool>* cancel_;
  std::once_flag pool_once_;
  std::unique_ptr<ocr::Pool> pool_;
  std::string pool_error_;
};

}  // namespace foialens::ingest
