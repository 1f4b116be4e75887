#pragma once
// Page clean-up before recognition. Each step was measured on the scanned corpus with
// ocr-eval (tests/ocr/ocr_eval.cpp), 15 pages, single-column layout, CER over all pages:
//   grey 0.18%   grey+deskew 0.14%   otsu-on-background-norm 1.41%
//   deskew+otsu 1.63%   deskew+sauvola 0.24%   deskew+otsu+border removal 1.69%
// Tesseract's own thresholding of the grey page beats Leptonica's binarisations on these
// scans, and deskewing helps a little: the default is grey + deskew.

#include <string>

#include "common/error.hpp"
#include "ocr/image.hpp"

namespace foialens::ocr {

enum class Binarize {
  none,             // leave thresholding to Tesseract (Otsu on the grey image)
  otsu_background,  // background normalisation then Otsu (uneven light, photocopies)
  sauvola,          // local Sauvola threshold
};

struct Preprocess {
  bool grey = true;           // colour to 8-bit grey
  bool deskew = true;         // measure the skew and rotate it away (|angle| >= 0.1 degree)
  Binarize binarize = Binarize::none;
  bool remove_border = false;  // drop dark regions touching the page edge (needs binarize)

  // Short stable text naming the steps, part of the OCR cache key.
  std::string id() const;
};

// Returns the cleaned image (the input is not changed). A step that cannot be applied to
// this image (too small to measure skew, say) is skipped, not an error.
// `rotated_degrees`, when given, receives the deskew rotation applied (0 when none), so
// that positions on the result can be mapped back to the input.
Result<Image> preprocess(const Image& image, const Preprocess& steps,
                         double* rotated_degrees = nullptr);

}  // namespace foialens::ocr
