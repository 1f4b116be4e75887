#include "ingest/pdf.hpp"

#include <gtest/gtest.h>

#include "common/paths.hpp"

namespace foialens::ingest {
namespace {

const std::string kMoa = std::string(FOIALENS_CORPUS_DIR) + "/customs-officer-designation-moa-2019.pdf";

TEST(Pdf, TextPerPageAndTitle) {
  const auto bytes = paths::read_file(kMoa);
  ASSERT_TRUE(bytes.ok());
  const auto pdf = extract_pdf(*bytes);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(pdf->pages.size(), 4u);
  EXPECT_NE(pdf->title.find("Memorandum of Agreement"), std::string::npos);
  EXPECT_NE(pdf->pages[0].text.find("MEMORANDUM OF AGREEMENT"), std::string::npos);
  EXPECT_GT(pdf->pages[0].width_pt, 500);
}

TEST(Pdf, DamagedFilesFailClearly) {
  const auto bytes = paths::read_file(kMoa);
  ASSERT_TRUE(bytes.ok());
  const auto truncated = extract_pdf(std::string_view(*bytes).substr(0, 400));
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().message, "cannot open PDF: damaged or truncated file");
  EXPECT_FALSE(extract_pdf("%PDF-1.4\ngarbage\n%%EOF").ok());
}

}  // namespace
}  // namespace foialens::ingest
