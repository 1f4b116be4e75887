#pragma once
// The scanned test corpus (corpus/scans/, made by scripts/make-scans.sh): page images and
// their ground truth, for the OCR tests and the evaluation tool.

#include <filesystem>
#include <string>
#include <vector>

#include "ocr/image.hpp"

namespace foialens::ocr::testing {

std::filesystem::path scans_dir();

struct ScanPage {
  std::string name;          // "moa-300dpi.pdf page 2"
  Image image;
  std::string ground_truth;  // empty when the .gt.txt file is missing
};

// The page images of one scan: the JPEG pages of an image-only PDF (as img2pdf stores
// them, without decoding the PDF), each page of a TIFF, or one image. Ground truth from
// <stem>.p<N>.gt.txt (a TIFF's from <stem>-tiff.p<N>.gt.txt).
Result<std::vector<ScanPage>> load_scan(const std::filesystem::path& file);

}  // namespace foialens::ocr::testing
