// Tests of ocr/cer.cpp.
#include <gtest/gtest.h>

#include "ocr/cer.hpp"

namespace ocr = foialens::ocr;

TEST(CharacterErrorRate, IdenticalTextIsZero) {
  EXPECT_DOUBLE_EQ(0.0, ocr::character_error_rate("The LEA will", "The LEA will"));
}

TEST(CharacterErrorRate, LayoutWhitespaceDoesNotCount) {
  EXPECT_DOUBLE_EQ(0.0, ocr::character_error_rate("ISSUE DATE:   March 29,\n\n2021  ",
                                                  "ISSUE DATE: March 29, 2021"));
}

TEST(CharacterErrorRate, CountsCodePointsNotBytes) {
  // One substitution in a 5-letter word with a two-byte letter.
  EXPECT_DOUBLE_EQ(0.2, ocr::character_error_rate("Nunez", "Núnez"));
}

TEST(CharacterErrorRate, SubstitutionInsertionDeletion) {
  // O for 0 (substitution) and an extra space (insertion) against 10 characters.
  EXPECT_DOUBLE_EQ(0.2, ocr::character_error_rate("GO2-01 abcd", "G02-01abcd"));
  // A missing character (deletion).
  EXPECT_DOUBLE_EQ(0.1, ocr::character_error_rate("G02-01abc", "G02-01abcd"));
  EXPECT_EQ(3u, ocr::edit_distance(U"kitten", U"sitting"));
}

TEST(CharacterErrorRate, DashesAreOneCharacter) {
  EXPECT_DOUBLE_EQ(0.0, ocr::character_error_rate("06 \u2014 Processing", "06 - Processing"));
}

TEST(CharacterErrorRate, EmptyReference) {
  EXPECT_DOUBLE_EQ(0.0, ocr::character_error_rate("", ""));
  EXPECT_DOUBLE_EQ(1.0, ocr::character_error_rate("noise", "  \n"));
}
