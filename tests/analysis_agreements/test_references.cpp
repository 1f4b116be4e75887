// Covers analysis/references.cpp: references extracted, grouped, resolved and drafted into
// records requests.

#include "analysis/references.hpp"

#include <gtest/gtest.h>

#include "documents.hpp"

namespace foialens::analysis {
namespace {

using testing::make_document;

std::vector<std::string> printed(std::string_view text) {
  std::vector<std::string> out;
  for (const Mention& m : extract_references(text)) out.push_back(m.printed);
  return out;
}

TEST(References, ExtractsAgreementsAndOrdersAsPrinted) {
  EXPECT_EQ(printed("Arrests were made pursuant to the Memorandum of Agreement dated April 12, "
                    "2019. Officers follow Special Order S06-14-03 and General Order G09-01."),
            (std::vector<std::string>{"Memorandum of Agreement dated April 12, 2019",
                                      "Special Order S06-14-03", "General Order G09-01"}));
  EXPECT_EQ(printed("as set forth in the Task Force Charter, officers"),
            (std::vector<std::string>{"Task Force Charter"}));
  EXPECT_EQ(printed("under the 2017 information-sharing MOU with DHS."),
            (std::vector<std::string>{"2017 information-sharing MOU with DHS"}));
}

TEST(References, ReadsTheInstrumentNamed) {
  const auto refs = extract_references(
      "CPD's 2017 information-sharing MOU with DHS and the Customs Officer Designation MOA "
      "between the Chicago Police Department and ICE.");
  ASSERT_EQ(refs.size(), 2u);
  const Instrument& a = refs[0].instrument;
  EXPECT_EQ(a.kind, Kind::data_sharing);
  EXPECT_EQ(a.year, 2017);
  EXPECT_EQ(a.parties, (std::vector<std::string>{"Chicago Police Department",
                                                 "U.S. Department of Homeland Security"}));
  const Instrument& b = refs[1].instrument;
  EXPECT_EQ(b.kind, Kind::moa);
  EXPECT_EQ(b.topic, "customs officer designation");
  EXPECT_EQ(b.parties, (std::vector<std::string>{"Chicago Police Department",
                                                 "U.S. Immigration and Customs Enforcement"}));
  EXPECT_EQ(describe(b),
            "Customs Officer Designation MOA between Chicago Police Department and U.S. "
            "Immigration and Customs Enforcement");
}

TEST(References, SkipsSelfAndGenericMentions) {
  EXPECT_TRUE(printed("This Agreement may be amended. This MOU is entered into by the parties.").empty());
  EXPECT_TRUE(printed("Many cities sign agreements; an MOU is a common form. The agreement ends.").empty());
}

TEST(References, GroupsVariantsMostCitedFirstWithCitingPages) {
  const std::vector<Document> docs = {
      make_document("oig", "Review of CPD's Gang Database", testing::kOigReview)};
  const auto refs = find_references(docs);
  ASSERT_EQ(refs.size(), 5u);
  // "the 2017 information-sharing MOU with DHS", "the MOU", "the information-sharing MOU
  // with DHS": one instrument, cited on pages 1 and 2.
  EXPECT_EQ(refs[0].label, "2017 data-sharing agreement with U.S. Department of Homeland Security");
  EXPECT_EQ(refs[0].citations.size(), 3u);
  EXPECT_EQ(refs[0].citations[0].page, 1);
  EXPECT_EQ(refs[0].citations[2].page, 2);
  EXPECT_EQ(refs[0].status, ReferenceStatus::unresolved);
  EXPECT_EQ(refs[1].label, "Special Order S06-14-03");
  EXPECT_EQ(refs[1].citations.size(), 2u);
  std::vector<std::string> rest;
  for (std::size_t i = 2; i < refs.size(); ++i) rest.push_back(refs[i].label);
  std::sort(rest.begin(), rest.end());
  EXPECT_EQ(rest, (std::vector<std::string>{"General Order G09-01",
                                            "Memorandum of agreement dated April 12, 2019",
                                            "Task force charter"}));
  // Keys are stable and findable by alias and prefix.
  EXPECT_EQ(refs[0].key.size(), 8u);
  EXPECT_EQ(find_reference(refs, refs[0].key), &refs[0]);
  EXPECT_EQ(find_reference(refs, refs[1].key.substr(0, 6)), &refs[1]);
  EXPECT_EQ(find_reference(refs, "zzzz"), nullptr);
  EXPECT_EQ(find_references(docs)[0].key, refs[0].key);
}

TEST(References, GroupsVariantsAcrossDocumentsUnderTheMostPreciseKey) {
  const std::vector<Document> vague = {
      make_document("letter", "Letter", "We ask for the information-sharing MOU with DHS.")};
  const auto before = find_references(vague);
  ASSERT_EQ(before.size(), 1u);
  const std::string old_key = before[0].key;

  std::vector<Document> docs = vague;
  docs.push_back(make_document("memo", "Memo", "Under the 2017 information-sharing MOU with DHS, "
                                               "CPD shares records. An MOU is not enough."));
  const auto after = find_references(docs);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_NE(after[0].key, old_key);
  EXPECT_EQ(after[0].aliases, std::vector<std::string>{old_key});
  EXPECT_EQ(after[0].citations.size(), 2u);
  EXPECT_EQ(after[0].citing_documents(), 2u);
  // The key a request stored before still finds it, and still marks it requested.
  EXPECT_EQ(find_reference(after, old_key), &after[0]);
  EXPECT_EQ(find_references(docs, {{old_key}, false})[0].status, ReferenceStatus::requested);
}

TEST(References, ResolvesToAgreementsHeldAndIgnoresReferencesToItself) {
  std::vector<Document> docs = {
      make_document("oig", "Review of CPD's Gang Database", testing::kOigReview)};
  const auto before = find_references(docs);
  const auto moa = std::find_if(before.begin(), before.end(), [](const Reference& r) {
    return r.instrument.date == Date(2019, 4, 12);
  });
  ASSERT_NE(moa, before.end());
  EXPECT_EQ(moa->status, ReferenceStatus::unresolved);
  const std::string key = moa->key;

  docs.push_back(make_document("moa", "", testing::kCustomsMoa));
  const auto after = find_references(docs, {{key}, false});
  const Reference* r = find_reference(after, key);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->status, ReferenceStatus::received);
  EXPECT_EQ(r->resolved, (std::vector<std::string>{"moa"}));
  // The agreement's own "this MOA" and the OIG's embedded appendix cite nothing.
  for (const Reference& ref : after) {
    for (const Citation& c : ref.citations) EXPECT_EQ(c.doc_id, "oig") << ref.label;
  }
  const auto unresolved = find_references(docs, {{}, true});
  EXPECT_EQ(unresolved.size(), 4u);
  EXPECT_EQ(find_reference(unresolved, key), nullptr);
}

TEST(References, AnOrderResolvesToTheDocumentThatIsIt) {
  std::vector<Document> docs = {
      make_document("oig", "Review of CPD's Gang Database", testing::kOigReview),
      make_document("so", "", "CHICAGO POLICE DEPARTMENT\nSpecial Order S06-14-03\n\nGANG "
                              "DATABASE ENTRIES\n\nThis order rescinds General Order G09-01.")};
  const auto refs = find_references(docs, {{}, true});
  for (const Reference& r : refs) {
    EXPECT_NE(r.label, "Special Order S06-14-03");
  }
  const Reference* g = nullptr;
  for (const Reference& r : refs) {
    if (r.label == "General Order G09-01") g = &r;
  }
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->citations.size(), 2u);  // the review and the special order cite it
  EXPECT_EQ(g->citing_documents(), 2u);
}

TEST(References, DraftsARequestToTheLocalParty) {
  std::vector<Document> docs = {
      make_document("oig", "Review of CPD's Gang Database", testing::kOigReview)};
  docs[0].agencies = {"Office of Inspector General", "Chicago Police Department"};
  const auto refs = find_references(docs);
  const RequestDraft mou = draft_request(refs[0]);
  EXPECT_EQ(mou.agency, "Chicago Police Department");  // "CPD shares ... under the MOU"
  EXPECT_EQ(mou.subject,
            "A copy of the 2017 data-sharing agreement with U.S. Department of Homeland "
            "Security, referred to in \"Review of CPD's Gang Database\" (page 1), with any "
            "amendments, renewals, attachments and related correspondence.");
  const RequestDraft order = draft_request(refs[1]);
  EXPECT_EQ(order.agency, "Chicago Police Department");
  EXPECT_EQ(order.subject.rfind("A copy of the Special Order S06-14-03, referred to in", 0), 0u);
}

}  // namespace
}  // namespace foialens::analysis

namespace foialens::analysis {
namespace {

TEST(References, ReadsNamesSpelledOutWithTheirAcronym) {
  const std::vector<Document> docs = {testing::make_document(
      "oig", "Review",
      "OIG read the Law Enforcement Agencies Data System (LEADS) user agreement.\n\n"
      "The LEADS user agreement does not limit use. Nor does a separate intergovernmental "
      "service agreement, which CPD did not produce.")};
  const auto refs = find_references(docs);
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0].label, "LEADS user agreement");
  EXPECT_EQ(refs[0].citations.size(), 2u);
  EXPECT_EQ(refs[1].label, "Intergovernmental agreement");
  EXPECT_EQ(refs[1].citations[0].printed, "separate intergovernmental service agreement");
}

TEST(References, ToleratesOcrNoiseAndFindsResolutions) {
  const auto refs = extract_references(
      "pursuant to the Memorandurn of Agreernent dated April 12, 2019 and Resolution No. 19-45, "
      "and Contract No. 2022-DSS-0471.");
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(describe(refs[2].instrument), "Contract 2022-DSS-0471");
  EXPECT_EQ(refs[0].instrument.kind, Kind::moa);
  EXPECT_EQ(refs[0].instrument.date, Date(2019, 4, 12));
  EXPECT_EQ(describe(refs[1].instrument), "Resolution 19-45");
}

}  // namespace
}  // namespace foialens::analysis
