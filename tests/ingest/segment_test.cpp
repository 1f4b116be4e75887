#include "ingest/segment.hpp"

#include <gtest/gtest.h>

namespace foialens::ingest {
namespace {

std::vector<Page> pages_of(std::initializer_list<const char*> texts) {
  std::vector<Page> pages;
  int n = 1;
  for (const char* t : texts) {
    Page p;
    p.number = n++;
    p.text = t;
    pages.push_back(p);
  }
  return pages;
}

TEST(ParseMarker, RecognisesTheNumberingStyles) {
  EXPECT_EQ(parse_marker("ARTICLE IV - TERM")->label, "Article IV");
  EXPECT_EQ(parse_marker("Section 7. Training")->label, "Section 7");
  EXPECT_EQ(parse_marker("Section 7. Training")->rest, "Training");
  EXPECT_EQ(parse_marker("SEC. 3 Definitions")->label, "Section 3");
  EXPECT_EQ(parse_marker("2-173-020 Immigration enforcement prohibited.")->label, "2-173-020");
  EXPECT_EQ(parse_marker("4. Term of agreement")->label, "4.");
  EXPECT_EQ(parse_marker("4.2 Renewal")->style, MarkerStyle::decimal_multi);
  EXPECT_EQ(parse_marker("(a) The officer")->style, MarkerStyle::paren_lower);
  EXPECT_EQ(parse_marker("(12) The officer")->value, 12);
  EXPECT_EQ(parse_marker("(iv) and")->style, MarkerStyle::paren_roman);
  EXPECT_EQ(parse_marker("III. PROCEDURES")->style, MarkerStyle::upper_roman);
  EXPECT_EQ(parse_marker("B. Supervisors")->style, MarkerStyle::upper_letter);
}

TEST(ParseMarker, OrdinaryTextIsNotAClause) {
  EXPECT_FALSE(parse_marker("The officer shall not").has_value());
  EXPECT_FALSE(parse_marker("2019. The year").has_value());  // a year, not a clause
  EXPECT_FALSE(parse_marker("U.S. Immigration").has_value());
  EXPECT_FALSE(parse_marker("Section 3 of this Agreement applies").has_value());
  EXPECT_FALSE(parse_marker("(see below)").has_value());
}

TEST(Segment, NumberedSectionsAndSubClausesKeepTheirPath) {
  const auto passages = segment(pages_of({
      "MEMORANDUM OF AGREEMENT\n\n"
      "Section 1. Purpose\n"
      "This agreement sets out the terms of cooperation between the parties.\n"
      "Section 2. Designation\n"
      "(a) HSI may designate officers as customs officers.\n"
      "(b) Designees shall not enforce\n"
      "administrative immigration violations.\n"
      "(1) This limit applies at all times.\n"
      "(2) It cannot be waived.\n"
      "(c) Designations are in writing.\n"}));
  ASSERT_GE(passages.size(), 6u);
  const auto find = [&](std::string_view start) -> const Passage* {
    for (const auto& p : passages) {
      if (p.text.rfind(start, 0) == 0) return &p;
    }
    return nullptr;
  };
  const Passage* b = find("(b) Designees");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->clause, "(b)");
  EXPECT_EQ(b->heading_path, "Section 2 > (b)");
  EXPECT_EQ(b->heading, "Designation");
  EXPECT_EQ(b->text, "(b) Designees shall not enforce administrative immigration violations.");
  const Passage* two = find("(2) It cannot");
  ASSERT_NE(two, nullptr);
  EXPECT_EQ(two->heading_path, "Section 2 > (b) > (2)");
  const Passage* c = find("(c) Designations");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->heading_path, "Section 2 > (c)");
  const Passage* purpose = find("Section 1. Purpose This agreement");
  ASSERT_NE(purpose, nullptr);
  EXPECT_EQ(purpose->heading_path, "Section 1");
}

TEST(Segment, RomanAfterHIsALetterAndNestedRomanIsANumeral) {
  const auto passages = segment(pages_of({
      "(a) one.\n(b) two.\n(c) three.\n(d) four.\n(e) five.\n(f) six.\n(g) seven.\n(h) eight.\n"
      "(i) nine as a letter.\n"
      "(1) a number.\n(i) a roman numeral.\n(ii) another.\n"}));
  std::vector<std::string> paths;
  for (const auto& p : passages) paths.push_back(p.heading_path);
  EXPECT_NE(std::find(paths.begin(), paths.end(), "(i)"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "(i) > (1) > (ii)"), paths.end());
}

TEST(Segment, MunicipalCodeSectionsAndPageSpans) {
  const auto passages = segment(pages_of({
      "2-173-010 Definitions.\nAs used in this chapter the following terms apply.\n"
      "2-173-020 Immigration enforcement prohibited.\n(a) No agent or agency shall arrest, detain or\n",
      "continue to detain a person solely on the basis of an immigration detainer.\n"
      "(b) No agent shall permit access to a person in custody.\n"}));
  const Passage* spanning = nullptr;
  for (const auto& p : passages) {
    if (p.clause == "(a)") spanning = &p;
  }
  ASSERT_NE(spanning, nullptr);
  EXPECT_EQ(spanning->heading_path, "2-173-020 > (a)");
  EXPECT_EQ(spanning->page, 1);
  EXPECT_EQ(spanning->page_end, 2);
  EXPECT_NE(spanning->text.find("immigration detainer"), std::string::npos);
}

TEST(Segment, DropsPageNumbersAndRunningHeaders) {
  const auto passages = segment(pages_of({
      "CONFIDENTIAL DRAFT\nFirst page body text that ends here.\n- 1 -",
      "CONFIDENTIAL DRAFT\nSecond page body text that ends here.\nPage 2 of 3",
      "CONFIDENTIAL DRAFT\nThird page body text that ends here.\n3"}));
  ASSERT_EQ(passages.size(), 3u);
  for (const auto& p : passages) {
    EXPECT_EQ(p.text.find("CONFIDENTIAL"), std::string::npos) << p.text;
    EXPECT_EQ(p.text.find("Page 2"), std::string::npos) << p.text;
  }
  EXPECT_EQ(passages[2].page, 3);
}

TEST(Segment, ParagraphsWithoutNumbers) {
  const auto passages = segment(pages_of({
      "Dear Requester:\n\nThis letter responds to your request received on March 3, 2021.\n"
      "We are releasing the records with redactions.\n\nSincerely,\nFOIA Officer"}));
  ASSERT_GE(passages.size(), 3u);
  for (const auto& p : passages) EXPECT_TRUE(p.clause.empty());
}

TEST(Segment, EmptyPagesGiveNoPassages) {
  EXPECT_TRUE(segment(pages_of({"", "  \n "})).empty());
}

}  // namespace
}  // namespace foialens::ingest
