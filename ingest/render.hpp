#pragma once
// PDF pages to grey images for OCR (poppler-cpp's renderer). Part of ingest's poppler
// adapter: no poppler header is needed to use it.

#include <memory>
#include <string_view>

#include "common/error.hpp"
#include "ocr/image.hpp"

namespace foialens::ingest {

class PdfRenderer {
 public:
  // `bytes` must outlive the renderer.
  static Result<std::unique_ptr<PdfRenderer>> open(std::string_view bytes);
  ~PdfRenderer();
  PdfRenderer(const PdfRenderer&) = delete;
  PdfRenderer& operator=(const PdfRenderer&) = delete;

  int pages() const;

  // Page size in points (1/72 inch): the crop box, as pdf.cpp reports it.
  double width_pt(int index) const;
  double height_pt(int index) const;

  // Renders page `index` (0-based) in 8-bit grey at `dpi`, anti-aliased.
  Result<ocr::Image> render(int index, int dpi) const;

 private:
  struct Impl;
  explicit PdfRenderer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The resolution a scanned page was captured at, from the PDF's image objects: the
// highest resolution of an image whose shape matches the page (a full-page scan), or 0
// when none does. Reads only the image dictionaries, which PDF keeps uncompressed.
int scan_dpi(std::string_view pdf_bytes, double width_pt, double height_pt);

// Whether the PDF has an image XObject ("/Subtype /Image"), found in the raw bytes: a
// stream's dictionary is never compressed. A PDF without one draws only text and vector
// graphics, and its pages need no look for ink outside their text layer (inline images
// inside compressed content streams are not seen).
bool has_image_objects(std::string_view pdf_bytes);

}  // namespace foialens::ingest
