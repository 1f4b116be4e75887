#include "ingest/detect.hpp"

#include <gtest/gtest.h>

namespace foialens::ingest {
namespace {

TEST(Detect, ByContentNotName) {
  EXPECT_EQ(detect("%PDF-1.7\n...").kind, Kind::pdf);
  EXPECT_EQ(detect("\x89PNG\r\n\x1a\n....").kind, Kind::image);
  EXPECT_EQ(detect("\xFF\xD8\xFF\xE0").media_type, "image/jpeg");
  EXPECT_EQ(detect(std::string("II*\0rest", 8)).media_type, "image/tiff");
  EXPECT_EQ(detect("<!DOCTYPE html><html><body>x</body></html>").kind, Kind::html);
  EXPECT_EQ(detect("Plain text about detainers.\n").kind, Kind::text);
  EXPECT_EQ(detect("caf\xE9 latin-1 text\n").kind, Kind::text);
}

TEST(Detect, ArchivesBeforeWhatTheyHold) {
  // A tar header is 512 bytes: a PDF member's "%PDF-" falls within the first kilobyte.
  std::string tar(512, '\0');
  tar.replace(0, 8, "memo.pdf");
  tar.replace(257, 6, std::string("ustar\0", 6));
  tar += "%PDF-1.7\n";
  EXPECT_EQ(detect(tar).kind, Kind::archive);
  EXPECT_EQ(detect(tar).media_type, "application/x-tar");
  EXPECT_EQ(detect("7z\xBC\xAF\x27\x1C\x00\x04").media_type, "application/x-7z-compressed");
  EXPECT_EQ(detect("070701000000").media_type, "application/x-cpio");
}

TEST(Detect, EmptyAndBinary) {
  EXPECT_EQ(detect("").kind, Kind::empty);
  EXPECT_EQ(detect(" \n\t ").kind, Kind::empty);
  EXPECT_EQ(detect(std::string("\x01\x02\x00\x03", 4)).why, "binary data");
}

}  // namespace
}  // namespace foialens::ingest
