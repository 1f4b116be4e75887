#include "ingest/metadata.hpp"

#include <gtest/gtest.h>

namespace foialens::ingest {
namespace {

TEST(Title, FirstHeadingLikeLines) {
  EXPECT_EQ(guess_title("Illustrative reconstruction written for the sample corpus, modelled on public facts.\n"
                        "MEMORANDUM OF AGREEMENT\nBETWEEN ICE AND CPD\n\nSection 1. Parties\n"),
            "MEMORANDUM OF AGREEMENT BETWEEN ICE AND CPD");
  EXPECT_EQ(guess_title("# Welcoming City FAQ\n\nText."), "Welcoming City FAQ");
}

TEST(DocType, FromTitleAndFirstPages) {
  EXPECT_EQ(guess_doc_type("Memorandum of Agreement", "The parties agree"), "agreement");
  EXPECT_EQ(guess_doc_type("Special Order S06-14-03", "This directive rescinds"), "directive");
  EXPECT_EQ(guess_doc_type("An Ordinance", "BE IT ORDAINED by the City Council"), "ordinance");
  EXPECT_EQ(guess_doc_type("Quarterly Report", "findings"), "report");
  EXPECT_EQ(guess_doc_type("", "Dear Ms. Doe: your FOIA request ... Sincerely"), "letter");
  EXPECT_EQ(guess_doc_type("Lunch menu", "soup"), "other");
}

TEST(Metadata, FillsAgenciesDateAndType) {
  Document doc;
  Page page;
  page.text = "MEMORANDUM OF UNDERSTANDING\nThis MOU between Immigration and Customs Enforcement (ICE)\n"
              "and the Cook County Sheriff is effective June 1, 2018.\nSigned May 2, 2018.";
  doc.pages.push_back(page);
  fill_metadata(doc);
  EXPECT_EQ(doc.title, "MEMORANDUM OF UNDERSTANDING");
  EXPECT_EQ(doc.doc_type, "agreement");
  ASSERT_TRUE(doc.date.has_value());
  EXPECT_EQ(doc.date->iso(), "2018-06-01");
  ASSERT_EQ(doc.agencies.size(), 2u);
  EXPECT_EQ(doc.agencies[0], "U.S. Immigration and Customs Enforcement");
  EXPECT_EQ(doc.agencies[1], "Cook County Sheriff's Office");
}

}  // namespace
}  // namespace foialens::ingest
