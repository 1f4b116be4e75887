// Covers analysis/agreements.cpp: agreements recognised in documents, with their parties,
// dates, term, signatories and authorities.

#include "analysis/agreements.hpp"

#include <gtest/gtest.h>

#include "documents.hpp"

namespace foialens::analysis {
namespace {

using testing::make_document;

const std::string kIce = "U.S. Immigration and Customs Enforcement";
const std::string kCpd = "Chicago Police Department";

TEST(Agreements, ReadsACustomsOfficerAgreement) {
  const Document doc = make_document("moa", "", testing::kCustomsMoa);
  const auto found = find_agreements(doc);
  ASSERT_EQ(found.size(), 1u);
  const Agreement& a = found.front();
  EXPECT_EQ(a.kind, Kind::moa);
  EXPECT_FALSE(a.embedded);
  EXPECT_EQ(a.page, 1);
  EXPECT_EQ(a.page_end, 2);
  EXPECT_EQ(a.title,
            "MEMORANDUM OF AGREEMENT BETWEEN U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT AND THE "
            "CHICAGO POLICE DEPARTMENT");
  EXPECT_EQ(a.parties, (std::vector<std::string>{kIce, kCpd}));
  ASSERT_TRUE(a.effective_date.has_value());
  EXPECT_EQ(*a.effective_date, Date(2019, 4, 12));
  ASSERT_TRUE(a.signature_date.has_value());
  EXPECT_EQ(*a.signature_date, Date(2019, 4, 12));
  EXPECT_EQ(a.term, "three (3) years from the effective date");
  ASSERT_EQ(a.signatories.size(), 2u);
  EXPECT_EQ(a.signatories[0].name, "John R. Smith");
  EXPECT_EQ(a.signatories[0].title, "Special Agent in Charge, HSI Chicago");
  EXPECT_EQ(a.signatories[0].agency, kIce);
  EXPECT_EQ(a.signatories[0].date, Date(2019, 4, 10));
  EXPECT_EQ(a.signatories[1].name, "Jane Q. Doe");
  EXPECT_EQ(a.signatories[1].title, "Superintendent of Police");
  EXPECT_EQ(a.signatories[1].agency, kCpd);
  EXPECT_EQ(a.authorities, (std::vector<std::string>{"19 U.S.C. 1401(i)", "19 U.S.C. 1589a",
                                                     "Illinois Freedom of Information Act",
                                                     "5 ILCS 140"}));
}

TEST(Agreements, ReadsANoisyScanWithPartiesInATable) {
  const Document doc = make_document("287g", "", testing::kCounty287g);
  const auto found = find_agreements(doc);
  ASSERT_EQ(found.size(), 1u);
  const Agreement& a = found.front();
  EXPECT_EQ(a.kind, Kind::agreement_287g);
  EXPECT_EQ(a.parties, (std::vector<std::string>{kIce, "Fictional County Sheriff's Office"}));
  ASSERT_EQ(a.signatories.size(), 2u);
  EXPECT_EQ(a.signatories[0].name, "Robert E. Lee-Watson");
  EXPECT_EQ(a.signatories[0].title, "Sheriff");
  EXPECT_EQ(a.signatories[1].name, "Maria Gonzalez");
  EXPECT_EQ(a.signatories[1].agency, "Enforcement and Removal Operations");
  EXPECT_EQ(a.signature_date, Date(2020, 3, 20));
  EXPECT_EQ(a.effective_date, Date(2020, 3, 20));  // upon the last signature
  EXPECT_EQ(a.term, "until terminated by either party");
  EXPECT_EQ(a.authorities, (std::vector<std::string>{"INA 287(g)", "Immigration and Nationality Act",
                                                     "8 U.S.C. 1357(g)"}));
}

TEST(Agreements, FindsAnAgreementEmbeddedInAReport) {
  const Document doc = make_document("oig", "Review of CPD's Gang Database", testing::kOigReview);
  const auto found = find_agreements(doc);
  ASSERT_EQ(found.size(), 1u);
  const Agreement& a = found.front();
  EXPECT_TRUE(a.embedded);
  EXPECT_EQ(a.kind, Kind::data_sharing);
  EXPECT_EQ(a.page, 3);
  EXPECT_EQ(a.title, "APPENDIX B DATA SHARING AGREEMENT");
  EXPECT_EQ(a.parties, (std::vector<std::string>{kCpd, "Fictional Regional Fusion Center"}));
  ASSERT_EQ(a.signatories.size(), 1u);
  EXPECT_EQ(a.signatories[0].name, "Thomas Ward");
  EXPECT_EQ(a.signatories[0].agency, "Fictional Regional Fusion Center");
  EXPECT_EQ(a.signature_date, Date(2018, 6, 1));
  EXPECT_EQ(a.term, "two (2) years");
}

TEST(Agreements, ADocumentThatOnlyDiscussesAnAgreementIsNone) {
  const Document doc = make_document("memo", "", R"(MEMORANDUM

TO: Aldermen
RE: The Memorandum of Understanding with DHS

The MOU with DHS was signed in 2017. We have asked the Department for a copy of the
agreement and for any task force charters it signed.)");
  EXPECT_TRUE(find_agreements(doc).empty());
}

TEST(Agreements, ReadsSignatureBlocksWithOtherHeadingsAndLayouts) {
  const Document doc = make_document("iga", "", R"(INTERGOVERNMENTAL AGREEMENT
FOR THE SHARING OF JAIL BOOKING DATA

This Intergovernmental Agreement is made and entered into as of the 1st day of July, 2016 by
and between the County of Fictional, a body politic and corporate of the State of Illinois,
and the City of Examplton, an Illinois municipal corporation, pursuant to the
Intergovernmental Cooperation Act, 5 ILCS 220/1 et seq.

WHEREAS, the parties wish to share booking records; NOW, THEREFORE, the parties agree:

1. Term. This Agreement shall remain in effect through June 30, 2019.

IN WITNESS WHEREOF, the parties have executed this Agreement.

COUNTY OF FICTIONAL
By: /s/ Ann Marie Baker
Its: President, Board of Commissioners
Dated: 7/1/2016

CITY OF EXAMPLTON
By: ________________
Luis Ortega, Mayor
Dated: 6/28/2016)");
  const auto found = find_agreements(doc);
  ASSERT_EQ(found.size(), 1u);
  const Agreement& a = found.front();
  EXPECT_EQ(a.kind, Kind::intergovernmental);
  EXPECT_EQ(a.title, "INTERGOVERNMENTAL AGREEMENT FOR THE SHARING OF JAIL BOOKING DATA");
  EXPECT_EQ(a.parties, (std::vector<std::string>{"County of Fictional", "City of Examplton"}));
  EXPECT_EQ(a.effective_date, std::nullopt);
  EXPECT_EQ(a.signature_date, Date(2016, 7, 1));
  EXPECT_EQ(a.term, "through June 30, 2019");
  ASSERT_EQ(a.signatories.size(), 2u);
  EXPECT_EQ(a.signatories[0].name, "Ann Marie Baker");
  EXPECT_EQ(a.signatories[0].title, "President, Board of Commissioners");
  EXPECT_EQ(a.signatories[0].agency, "County of Fictional");
  EXPECT_EQ(a.signatories[1].agency, "City of Examplton");
  EXPECT_EQ(a.signatories[1].name, "Luis Ortega");
  EXPECT_EQ(a.signatories[1].title, "Mayor");
  EXPECT_EQ(a.authorities, (std::vector<std::string>{"Intergovernmental Cooperation Act", "5 ILCS 220/1"}));
}

TEST(Agreements, FiltersByPartyAndKind) {
  const std::vector<Document> docs = {
      make_document("moa", "", testing::kCustomsMoa),
      make_document("287g", "", testing::kCounty287g),
      make_document("oig", "Review of CPD's Gang Database", testing::kOigReview)};
  EXPECT_EQ(find_agreements(docs, {}).size(), 3u);
  EXPECT_EQ(find_agreements(docs, {"ICE", std::nullopt}).size(), 2u);
  EXPECT_EQ(find_agreements(docs, {"Immigration and Customs Enforcement (ICE)", std::nullopt}).size(), 2u);
  EXPECT_EQ(find_agreements(docs, {"fictional county", std::nullopt}).size(), 1u);
  EXPECT_EQ(find_agreements(docs, {"CPD", std::nullopt}).size(), 2u);
  EXPECT_EQ(find_agreements(docs, {"", Kind::agreement_287g}).size(), 1u);
  EXPECT_EQ(find_agreements(docs, {"", Kind::moa}).size(), 2u);  // the 287(g) MOA too
  EXPECT_EQ(find_agreements(docs, {"", Kind::data_sharing}).size(), 1u);
}

}  // namespace
}  // namespace foialens::analysis

namespace foialens::analysis {
namespace {

TEST(Agreements, ReadsATaskForceMouWithRecitalsAndSignatureLines) {
  const Document doc = testing::make_document("jttf", "", R"(JOINT TERRORISM TASK FORCE
MEMORANDUM OF UNDERSTANDING

This Memorandum of Understanding ("MOU") is made and entered into by and between the
Federal Bureau of Investigation ("FBI") and the Village of Maple Grove Police Department
("MGPD").

WHEREAS, the FBI leads the Joint Terrorism Task Force in the district; and WHEREAS, MGPD
wishes to detail one officer to it; NOW, THEREFORE, the parties agree as follows:

1. DURATION. This MOU shall be effective upon signature and shall remain in effect until
terminated by either party upon 30 days written notice.

IN WITNESS WHEREOF, the parties hereto have executed this MOU on the dates below.

_______________________________ Date: __________
JOHN A. MILLER
Special Agent in Charge
Federal Bureau of Investigation, Chicago Field Office

_______________________________ Date: 01/15/2021
MARIA L. SANTOS
Chief of Police
Village of Maple Grove Police Department)");
  const auto found = find_agreements(doc);
  ASSERT_EQ(found.size(), 1u);
  const Agreement& a = found.front();
  EXPECT_EQ(a.kind, Kind::task_force);
  EXPECT_EQ(a.title, "JOINT TERRORISM TASK FORCE MEMORANDUM OF UNDERSTANDING");
  EXPECT_EQ(a.parties, (std::vector<std::string>{"Federal Bureau of Investigation",
                                                 "Village of Maple Grove Police Department"}));
  ASSERT_EQ(a.signatories.size(), 2u);
  EXPECT_EQ(a.signatories[0].name, "JOHN A. MILLER");
  EXPECT_EQ(a.signatories[0].title, "Special Agent in Charge");
  EXPECT_EQ(a.signatories[0].agency, "Federal Bureau of Investigation");
  EXPECT_EQ(a.signatories[1].name, "MARIA L. SANTOS");
  EXPECT_EQ(a.signatories[1].title, "Chief of Police");
  EXPECT_EQ(a.signatories[1].agency, "Village of Maple Grove Police Department");
  EXPECT_EQ(a.signature_date, Date(2021, 1, 15));
  EXPECT_EQ(a.effective_date, Date(2021, 1, 15));
  EXPECT_EQ(a.term, "until terminated by either party upon 30 days written notice");
}

TEST(Agreements, ReadsAServicesContractMadeOnADayOfAMonth) {
  const Document doc = testing::make_document("igsa", "", R"(AGREEMENT FOR DETENTION SERVICES

THIS AGREEMENT is made this 5th day of March, 2018, by and between the COUNTY OF LAKE,
ILLINOIS, a body politic and corporate, and ACME DETENTION SERVICES, INC., a Delaware
corporation (the "Contractor").

The parties agree that the Contractor shall house detainees at the rates in Exhibit A. This
Agreement commences on April 1, 2018 and ends on March 31, 2023.

By: /s/ Robert Chen, County Administrator       Date: March 5, 2018
By: /s/ Linda Park, President, Acme Detention Services, Inc.       Date: March 6, 2018)");
  const auto found = find_agreements(doc);
  ASSERT_EQ(found.size(), 1u);
  const Agreement& a = found.front();
  EXPECT_EQ(a.kind, Kind::agreement);
  EXPECT_EQ(a.parties, (std::vector<std::string>{"County of Lake", "Acme Detention Services Inc"}));
  EXPECT_EQ(a.term, "until March 31, 2023");
  EXPECT_EQ(a.effective_date, Date(2018, 4, 1));
  ASSERT_EQ(a.signatories.size(), 2u);
  EXPECT_EQ(a.signatories[0].name, "Robert Chen");
  EXPECT_EQ(a.signatories[0].title, "County Administrator");
  EXPECT_EQ(a.signatories[1].name, "Linda Park");
  EXPECT_EQ(a.signatories[1].title, "President");
  EXPECT_EQ(a.signature_date, Date(2018, 3, 6));
}

}  // namespace
}  // namespace foialens::analysis

namespace foialens::analysis {
namespace {

TEST(Agreements, ReadsALetterOfUnderstandingSignedOnOneLineEach) {
  const Document doc = testing::make_document("lou", "", R"(LETTER OF UNDERSTANDING
Between the Evanston Police Department and the Northwestern University Police Department

This Letter of Understanding sets forth the understanding between the Evanston Police
Department ("EPD") and the Northwestern University Police Department ("NUPD") regarding
mutual aid on campus. EPD agrees to respond to calls for service when NUPD requests it.

Approved:

Demitrous Cook, Chief of Police, Evanston Police Department        Date: 8/14/2019
Bruce Lewis, Chief of Police, Northwestern University Police Department        Date: 8/15/2019)");
  const auto found = find_agreements(doc);
  ASSERT_EQ(found.size(), 1u);
  const Agreement& a = found.front();
  EXPECT_EQ(a.kind, Kind::lou);
  EXPECT_EQ(a.parties, (std::vector<std::string>{"Evanston Police Department",
                                                 "Northwestern University Police Department"}));
  ASSERT_EQ(a.signatories.size(), 2u);
  EXPECT_EQ(a.signatories[0].name, "Demitrous Cook");
  EXPECT_EQ(a.signatories[0].title, "Chief of Police");
  EXPECT_EQ(a.signatories[0].agency, "Evanston Police Department");
  EXPECT_EQ(a.signatories[1].date, Date(2019, 8, 15));
  EXPECT_EQ(a.signature_date, Date(2019, 8, 15));
}

}  // namespace
}  // namespace foialens::analysis
