// Tests of ocr/image.cpp and ocr/preprocess.cpp.
#include <gtest/gtest.h>

#include <fstream>
#include <vector>

#include "common/paths.hpp"
#include "ocr/image.hpp"
#include "ocr/preprocess.hpp"
#include "scan_corpus.hpp"
#include "test_helpers.hpp"

namespace ocr = foialens::ocr;
using ocr::testing::OcrTest;

namespace {

void write(const std::filesystem::path& p, std::string_view bytes) {
  std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

TEST_F(OcrTest, NotAnImageIsAClearError) {
  auto image = ocr::Image::from_memory("%PDF-1.7 this is not an image");
  ASSERT_FALSE(image.ok());
  EXPECT_EQ("cannot read image: not a PNG, JPEG, TIFF, PNM, BMP, GIF or WebP file",
            image.error().message);
}

TEST_F(OcrTest, EmptyFileIsAClearError) {
  write(dir() / "empty.png", "");
  auto image = ocr::Image::from_file(dir() / "empty.png");
  ASSERT_FALSE(image.ok());
  EXPECT_EQ("cannot read image: the file is empty", image.error().message);
}

TEST_F(OcrTest, TruncatedJpegIsAClearError) {
  auto jpeg = foialens::paths::read_file(ocr::testing::scans_dir() / "phone-photo.jpg");
  ASSERT_TRUE(jpeg.ok());
  auto image = ocr::Image::from_memory(std::string_view(jpeg.value()).substr(0, 200));
  ASSERT_FALSE(image.ok());
  EXPECT_EQ("cannot read image: the JPEG data is damaged or uses an unsupported variant",
            image.error().message);
}

TEST_F(OcrTest, MissingFileNamesIt) {
  auto image = ocr::Image::from_file(dir() / "nope.png");
  ASSERT_FALSE(image.ok());
  EXPECT_EQ("cannot open " + (dir() / "nope.png").string() + ": No such file or directory",
            image.error().message);
}

TEST_F(OcrTest, MultiPageTiffGivesEveryPage) {
  auto pages = ocr::Image::pages_from_file(ocr::testing::scans_dir() / "letter-200dpi.tif");
  ASSERT_TRUE(pages.ok()) << pages.error().message;
  ASSERT_EQ(2u, pages->size());
  for (const auto& page : pages.value()) {
    EXPECT_EQ(200, page.dpi());
    EXPECT_EQ(1700, page.width());
    EXPECT_EQ(2200, page.height());
  }
  EXPECT_NE(pages.value()[0].digest(), pages.value()[1].digest());
}

TEST_F(OcrTest, GreyRasterWithStrideKeepsPixelsAndDpi) {
  // 3 x 2 pixels in rows of 8 bytes: the padding must not reach the image.
  const std::vector<std::uint8_t> raster = {10, 20, 30, 99, 99, 99, 99, 99,
                                            40, 50, 60, 77, 77, 77, 77, 77};
  auto image = ocr::Image::from_grey(raster.data(), 3, 2, 8, 150);
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(3, image->width());
  EXPECT_EQ(2, image->height());
  EXPECT_EQ(8, image->depth());
  EXPECT_EQ(150, image->dpi());

  const std::vector<std::uint8_t> packed = {10, 20, 30, 40, 50, 60};
  auto same = ocr::Image::from_grey(packed.data(), 3, 2, 3, 150);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(image->digest(), same->digest());

  const std::vector<std::uint8_t> other = {10, 20, 30, 40, 50, 61};
  auto different = ocr::Image::from_grey(other.data(), 3, 2, 3, 150);
  ASSERT_TRUE(different.ok());
  EXPECT_NE(image->digest(), different->digest());
}

TEST_F(OcrTest, InvalidGreyRasterIsAClearError) {
  const std::uint8_t pixel = 0;
  auto image = ocr::Image::from_grey(&pixel, 4, 2, 3, 300);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ("invalid grey raster: 4 x 2 pixels, stride 3", image.error().message);
}

TEST_F(OcrTest, SamePageFromPngAndRasterHasTheSameDigest) {
  // A moved or re-encoded scan must hit the OCR cache: the digest is over pixels only.
  auto scan = ocr::testing::load_scan(ocr::testing::scans_dir() / "letter-200dpi.pdf");
  ASSERT_TRUE(scan.ok()) << scan.error().message;
  const ocr::Image& page = scan->front().image;
  ASSERT_TRUE(page.write_png(dir() / "page.png").ok());
  auto reread = ocr::Image::from_file(dir() / "page.png");
  ASSERT_TRUE(reread.ok()) << reread.error().message;
  EXPECT_EQ(page.digest(), reread->digest());
}

TEST_F(OcrTest, DeskewStraightensARotatedScan) {
  auto scan = ocr::testing::load_scan(ocr::testing::scans_dir() / "moa-300dpi.pdf");
  ASSERT_TRUE(scan.ok()) << scan.error().message;
  ocr::Preprocess none;
  none.deskew = false;
  ocr::Preprocess deskew;
  auto plain = ocr::preprocess(scan->front().image, none);
  auto straight = ocr::preprocess(scan->front().image, deskew);
  ASSERT_TRUE(plain.ok());
  ASSERT_TRUE(straight.ok());
  EXPECT_EQ(plain->digest(), scan->front().image.digest());   // nothing done
  EXPECT_NE(straight->digest(), scan->front().image.digest());  // rotated
  EXPECT_EQ("grey+deskew", deskew.id());
}
