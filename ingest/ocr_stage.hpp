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
}

namespace foialens::ingest {

// Why a page's text layer cannot be used and the page must be OCR'd ("no text layer",
// "text layer has only 14 characters: a header or Bates number", ...); empty when the
// text layer is good. `width_pt` x `height_pt` is the page size in points.
std::string ocr_reason(std::string_view text, double width_pt, double height_pt);

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

  // Fills `pages` (text, source, ocr_reason, ocr_confidence, error) for a PDF: `pages`
  // hold the text layer on entry; `layer` gives each page's size. Pages that fail OCR keep their error; the others are unaffected.
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
