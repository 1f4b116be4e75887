// Tests of ingest/ocr_stage.cpp (the per-page OCR decision) and ingest/render.cpp.
#include <gtest/gtest.h>

#include <string>

#include "common/paths.hpp"
#include "ingest/ocr_stage.hpp"
#include "ingest/render.hpp"

namespace foialens::ingest {
namespace {

constexpr double kLetterW = 612, kLetterH = 792;

std::string paragraph() {
  return "The LEA will notify the ERO field office of the scheduled release date and time of "
         "every person in its custody who is the subject of an immigration detainer, at least "
         "48 hours before release where practicable. ICE will provide training at no cost.";
}

TEST(OcrDecision, GoodTextLayerIsUsed) {
  EXPECT_EQ("", ocr_reason(paragraph() + "\n" + paragraph(), kLetterW, kLetterH));
}

TEST(OcrDecision, EmptyPageNeedsOcr) {
  EXPECT_EQ("no text layer", ocr_reason("", kLetterW, kLetterH));
  EXPECT_EQ("no text layer", ocr_reason(" \n\f\t ", kLetterW, kLetterH));
}

TEST(OcrDecision, BatesNumberOnlyNeedsOcr) {
  EXPECT_EQ("text layer has only 10 characters: a header, page or Bates number",
            ocr_reason("CPD-000123", kLetterW, kLetterH));
  EXPECT_EQ("text layer has only 23 characters: a header, page or Bates number",
            ocr_reason("DHS 0001234\nPage 3 of 12\nFOIA", kLetterW, kLetterH));
}

TEST(OcrDecision, UnmappableGlyphsNeedOcr) {
  std::string junk;
  for (int i = 0; i < 60; ++i) junk += "\uFFFD\uFFFD\uE001 a ";
  EXPECT_EQ("text layer unreadable: 75% of its characters do not map to Unicode",
            ocr_reason(junk, kLetterW, kLetterH));
}

TEST(OcrDecision, NonWordsNeedOcr) {
  std::string junk;
  for (int i = 0; i < 40; ++i) junk += "#$% 1) ;:. ~~ ";
  junk += "some words here";
  EXPECT_EQ(0u, ocr_reason(junk, kLetterW, kLetterH).find("text layer is mostly not words"));
}

TEST(OcrDecision, ThinLayerOnABigPageNeedsOcr) {
  const std::string title = "MEMORANDUM OF AGREEMENT BETWEEN THE PARTIES NAMED BELOW";
  EXPECT_EQ("text layer too thin for the page: 48 characters on 94 square inches",
            ocr_reason(title, kLetterW, kLetterH));
  // The same words on a small page (a label, a slip) are enough.
  EXPECT_EQ("", ocr_reason(title, 200, 100));
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
