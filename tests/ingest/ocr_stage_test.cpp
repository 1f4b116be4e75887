// Tests of ingest/ocr_stage.cpp (the per-page OCR decision) and ingest/render.cpp.
#include <gtest/gtest.h>

#include <string>

#include "common/paths.hpp"
#include "ingest/ocr_stage.hpp"
#include "ingest/pdf.hpp"
#include "ingest/render.hpp"
#include "ocr/ink.hpp"

namespace foialens::ingest {
namespace {

constexpr double kLetterW = 612, kLetterH = 792;

std::string paragraph() {
  return "The LEA will notify the ERO field office of the scheduled release date and time of "
         "every person in its custody who is the subject of an immigration detainer, at least "
         "48 hours before release where practicable. ICE will provide training at no cost.";
}

TEST(OcrDecision, GoodTextLayerIsUsed) {
  EXPECT_EQ("", ocr_reason(paragraph() + "\n" + paragraph()));
}

TEST(OcrDecision, EmptyPageNeedsOcr) {
  EXPECT_EQ("no text layer", ocr_reason(""));
  EXPECT_EQ("no text layer", ocr_reason(" \n\f\t "));
}

TEST(OcrDecision, ShortTextLayerIsUsed) {
  // The amount of text says nothing: a signature line or a page number on a born-digital
  // page is its whole text. Ink outside the text layer decides (below).
  EXPECT_EQ("", ocr_reason("MEMORANDUM OF AGREEMENT BETWEEN THE PARTIES NAMED BELOW"));
  EXPECT_EQ("", ocr_reason("CPD-000123"));
}

TEST(OcrDecision, UnmappableGlyphsNeedOcr) {
  std::string junk;
  for (int i = 0; i < 60; ++i) junk += "\uFFFD\uFFFD\uE001 a ";
  EXPECT_EQ("text layer unreadable: 75% of its characters do not map to Unicode", ocr_reason(junk));
}

TEST(OcrDecision, NonWordsNeedOcr) {
  std::string junk;
  for (int i = 0; i < 40; ++i) junk += "#$% 1) ;:. ~~ ";
  junk += "some words here";
  EXPECT_EQ(0u, ocr_reason(junk).find("text layer is mostly not words"));
}

TEST(OcrDecision, InkOutsideTheTextLayerNeedsOcr) {
  EXPECT_EQ("ink outside the text layer: 412 of 415 marks on the page have no text",
            ink_reason({415, 412}));
  // A signature or a logo beside the text: too few marks.
  EXPECT_EQ("", ink_reason({40, 9}));
  // A few marks the text layer misses on a full page: under a tenth.
  EXPECT_EQ("", ink_reason({600, 30}));
  EXPECT_EQ("", ink_reason({0, 0}));
}

// The marks of page `index` of a corpus PDF at kInkDpi, with its text layer's words as
// the boxes (or none).
ocr::Ink ink_of(const std::string& file, int index, bool with_words) {
  auto bytes = paths::read_file(std::string(FOIALENS_CORPUS_DIR) + "/" + file);
  EXPECT_TRUE(bytes.ok());
  auto pdf = extract_pdf(*bytes);
  EXPECT_TRUE(pdf.ok());
  auto renderer = PdfRenderer::open(*bytes);
  EXPECT_TRUE(renderer.ok());
  auto image = (*renderer)->render(index, kInkDpi);
  EXPECT_TRUE(image.ok());
  std::vector<ocr::PixelBox> boxes;
  if (with_words) {
    for (const auto& w : pdf->pages[static_cast<std::size_t>(index)].words) {
      boxes.push_back({static_cast<int>(w.x0 / 2) - 1, static_cast<int>(w.y0 / 2) - 1,
                       static_cast<int>(w.x1 / 2) + 2, static_cast<int>(w.y1 / 2) + 2});
    }
  }
  auto ink = ocr::find_ink(*image, boxes);
  EXPECT_TRUE(ink.ok());
  return *ink;
}

TEST(OcrDecision, BornDigitalPagesHaveNoInkOutsideTheirWords) {
  // The short last page (one sentence, two signature lines) and a full page with a table.
  for (const auto& [file, page] : std::vector<std::pair<std::string, int>>{
           {"scans/data-sharing-agreement.pdf", 1}, {"scans/data-sharing-agreement.pdf", 0},
           {"cpd-quarterly-report-2020-q2.pdf", 0}, {"county-287g-jail-model-moa.pdf", 3}}) {
    const auto with = ink_of(file, page, true);
    EXPECT_GT(with.marks, 5) << file << " page " << page + 1;
    EXPECT_EQ("", ink_reason(with)) << file << " page " << page + 1;
    // Without the words, the same marks count as uncovered: the boxes did the work.
    EXPECT_EQ(with.marks, ink_of(file, page, false).uncovered) << file;
  }
}

TEST(OcrDecision, ScannedPageInABornDigitalPdfHasInkOutsideTheTextLayer) {
  const auto ink = ink_of("scans/data-sharing-signed.pdf", 2, true);
  EXPECT_GE(ink.uncovered, kMinUncoveredMarks);
  EXPECT_EQ(0u, ink_reason(ink).find("ink outside the text layer: "));
}

TEST(ScanResolution, FoundFromTheFullPageImage) {
  auto pdf = paths::read_file(std::string(FOIALENS_CORPUS_DIR) + "/scans/moa-300dpi.pdf");
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(300, scan_dpi(*pdf, kLetterW, kLetterH));
  auto letter = paths::read_file(std::string(FOIALENS_CORPUS_DIR) + "/scans/letter-200dpi.pdf");
  ASSERT_TRUE(letter.ok());
  EXPECT_EQ(200, scan_dpi(*letter, kLetterW, kLetterH));
  // A born-digital PDF has no page-sized image.
  auto digital = paths::read_file(std::string(FOIALENS_CORPUS_DIR) + "/cpd-foia-response-letter-2021.pdf");
  ASSERT_TRUE(digital.ok());
  EXPECT_EQ(0, scan_dpi(*digital, kLetterW, kLetterH));
}

TEST(ScanResolution, ImageObjectsFoundInTheRawBytes) {
  auto scan = paths::read_file(std::string(FOIALENS_CORPUS_DIR) + "/scans/data-sharing-signed.pdf");
  ASSERT_TRUE(scan.ok());
  EXPECT_TRUE(has_image_objects(*scan));
  auto digital = paths::read_file(std::string(FOIALENS_CORPUS_DIR) + "/scans/data-sharing-agreement.pdf");
  ASSERT_TRUE(digital.ok());
  EXPECT_FALSE(has_image_objects(*digital));
  EXPECT_FALSE(has_image_objects("<< /ProcSet [/PDF /Text /ImageB /ImageC] >>"));
  EXPECT_TRUE(has_image_objects("<< /Type /XObject /Subtype\n/Image /Width 10 >>"));
}

TEST(Render, GreyPageAtTheAskedResolution) {
  auto pdf = paths::read_file(std::string(FOIALENS_CORPUS_DIR) + "/cpd-foia-response-letter-2021.pdf");
  ASSERT_TRUE(pdf.ok());
  auto renderer = PdfRenderer::open(*pdf);
  ASSERT_TRUE(renderer.ok()) << renderer.error().message;
  EXPECT_EQ(2, (*renderer)->pages());
  auto image = (*renderer)->render(0, 100);
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(850, image->width());
  EXPECT_EQ(1100, image->height());
  EXPECT_EQ(8, image->depth());
  EXPECT_EQ(100, image->dpi());
}

}  // namespace
}  // namespace foialens::ingest
