#include "scan_corpus.hpp"

#include "common/paths.hpp"

#ifndef FOIALENS_SCANS_DIR
#define FOIALENS_SCANS_DIR "corpus/scans"
#endif

namespace foialens::ocr::testing {
namespace fs = std::filesystem;
namespace {

// The JPEG streams of a PDF written by img2pdf, in page order. Enough for the corpus's
// own files; not a PDF parser.
std::vector<std::string> pdf_jpeg_streams(const std::string& pdf) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = pdf.find("/DCTDecode", pos)) != std::string::npos) {
    std::size_t start = pdf.find("stream", pos);
    if (start == std::string::npos) break;
    start += 6;
    if (pdf.compare(start, 2, "\r\n") == 0) start += 2;
    else if (pdf[start] == '\n' || pdf[start] == '\r') start += 1;
    std::size_t end = pdf.find("endstream", start);
    if (end == std::string::npos) break;
    while (end > start && (pdf[end - 1] == '\n' || pdf[end - 1] == '\r')) --end;
    out.push_back(pdf.substr(start, end - start));
    pos = end;
  }
  return out;
}

}  // namespace

fs::path scans_dir() { return FOIALENS_SCANS_DIR; }

Result<std::vector<ScanPage>> load_scan(const fs::path& file) {
  auto bytes = paths::read_file(file);
  if (!bytes) return Error::input(file.string() + ": " + bytes.error().message);
  std::vector<Image> images;
  std::string stem = file.stem().string();
  if (file.extension() == ".pdf") {
    for (const auto& jpeg : pdf_jpeg_streams(bytes.value())) {
      auto image = Image::from_memory(jpeg);
      if (!image) return Error::input(file.string() + ": " + image.error().message);
      images.push_back(std::move(image.value()));
    }
  } else {
    auto pages = Image::pages_from_memory(bytes.value());
    if (!pages) return Error::input(file.string() + ": " + pages.error().message);
    images = std::move(pages.value());
    if (file.extension() == ".tif") stem += "-tiff";
  }
  std::vector<ScanPage> out;
  for (std::size_t i = 0; i < images.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    auto truth = paths::read_file(file.parent_path() / (stem + ".p" + n + ".gt.txt"));
    out.push_back({file.filename().string() + " page " + n, std::move(images[i]),
                   truth ? truth.value() : std::string()});
  }
  return out;
}

}  // namespace foialens::ocr::testing
