#include "common/text.hpp"

#include <gtest/gtest.h>

namespace foialens::text {
namespace {

TEST(Normalize, SpellsOutLigaturesAndDropsSoftHyphens) {
  EXPECT_EQ(normalize("the \xEF\xAC\x81nal o\xEF\xAC\x83" "ce"), "the final office");
  EXPECT_EQ(normalize("immi\xC2\xADgration"), "immigration");
}

TEST(Normalize, ComposesToNfc) {
  // "e" + combining acute accent becomes one code point.
  EXPECT_EQ(normalize("Jose\xCC\x81"), "Jos\xC3\xA9");
}

TEST(Normalize, JoinsEndOfLineHyphenation) {
  EXPECT_EQ(normalize("civil immigration enforce-\nment actions"), "civil immigration enforcement actions");
  // A hyphen before a capital or a number is kept with its line break.
  EXPECT_EQ(normalize("Section 2-\n173"), "Section 2-\n173");
  EXPECT_EQ(normalize("pre-\nApril"), "pre-\nApril");
}

TEST(Normalize, FoldsWhitespaceAndBlankLines) {
  EXPECT_EQ(normalize("a  \t b   \r\n\r\n\r\n\r\nc  "), "a b\n\nc");
  EXPECT_EQ(normalize("x\xC2\xA0y"), "x y");
  EXPECT_EQ(normalize("\xE2\x80\x9CHold\xE2\x80\x9D isn\xE2\x80\x99t"), "\"Hold\" isn't");
}

TEST(Utf8, RepairsWindows1252) {
  EXPECT_FALSE(is_valid_utf8("caf\xE9"));
  EXPECT_EQ(to_valid_utf8("caf\xE9"), "caf\xC3\xA9");
  EXPECT_EQ(to_valid_utf8("\x93quoted\x94"), "\xE2\x80\x9Cquoted\xE2\x80\x9D");
  EXPECT_TRUE(is_valid_utf8(to_valid_utf8(std::string("\xFF\xFE\x81\x00z", 5))));
}

TEST(Utf8, RejectsOverlongAndSurrogates) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x93\x84"));
}

TEST(Truncate, NeverCutsASequence) {
  EXPECT_EQ(truncate_utf8("d\xC3\xA9tainer", 2), "d\xC3\xA9\xE2\x80\xA6");
  EXPECT_EQ(truncate_utf8("short", 10), "short");
}

TEST(Text, SplitTrimSquash) {
  const auto parts = split("a,,b", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(trim("  x \n"), "x");
  EXPECT_EQ(squash_spaces(" a \n\n b\t"), "a b");
  EXPECT_EQ(casefold("DETAINER"), "detainer");
}

}  // namespace
}  // namespace foialens::text
