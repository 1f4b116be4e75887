// Covers text/tokens.cpp: tokens with byte offsets, OCR-tolerant keys, sentences, and the
// reach of a negation.

#include "text/tokens.hpp"

#include <gtest/gtest.h>

#include "common/text.hpp"

namespace foialens::text {
namespace {

TEST(Tokens, KeepTheirByteOffsets) {
  const std::string text = "The Sheriff shall not honor detainers.";
  const AnalyzedText at = analyze(text);
  ASSERT_GE(at.tokens.size(), 6u);
  for (const Token& t : at.tokens) {
    EXPECT_EQ(text.substr(t.offset, t.length).size(), t.length);
    EXPECT_EQ(text::lower_ascii(text.substr(t.offset, t.length)), t.lower);
  }
  EXPECT_EQ(at.slice(1, 1), "Sheriff");
}

TEST(Tokens, KeysForgiveEndingsAndOcrLookAlikes) {
  EXPECT_EQ(word_key("detainers"), word_key("detainer"));
  EXPECT_EQ(word_key("honored"), word_key("honor"));
  EXPECT_EQ(word_key("detalner"), word_key("detainer"));  // l for i
  EXPECT_EQ(word_key("irnmigration"), word_key("immigration"));  // rn for m
  EXPECT_TRUE(keys_match(word_key("enforcemcnt"), word_key("enforcement")));  // one edit, long word
  EXPECT_FALSE(keys_match(word_key("hold"), word_key("told")));  // short words must be equal
}

TEST(Tokens, SentencesAndTheReachOfANegation) {
  const AnalyzedText at = analyze("Members will not honor detainers; they will notify the watch commander. ICE may call.");
  EXPECT_EQ(at.sentences, 2);
  const auto segment_of = [&](std::string_view word) {
    for (const Token& t : at.tokens) {
      if (t.lower == word) return at.segments[static_cast<std::size_t>(t.segment)];
    }
    ADD_FAILURE() << word;
    return Segment{};
  };
  EXPECT_TRUE(segment_of("honor").negated());
  EXPECT_FALSE(segment_of("notify").negated());  // past the semicolon
  EXPECT_FALSE(segment_of("call").negated());
}

TEST(Tokens, HeadingsAndTablesCommitNoOne) {
  EXPECT_TRUE(analyze("2-173-030 Requesting or disclosing status").heading_like);
  EXPECT_TRUE(analyze("Persons transferred to ICE custody 0 Total requests 14 Declined 14").tabular);
  EXPECT_FALSE(analyze("The Sheriff will hold the person for ICE.").tabular);
}

}  // namespace
}  // namespace foialens::text
