// Covers text/instruments.cpp: instrument kinds, authorities and parties as printed.

#include "text/instruments.hpp"

#include <gtest/gtest.h>

namespace foialens::text {
namespace {

Kind first_kind(std::string_view text) {
  const auto kinds = find_kinds(text);
  EXPECT_FALSE(kinds.empty()) << text;
  return kinds.empty() ? Kind::agreement : kinds.front().kind;
}

TEST(Instruments, RecognisesKindsWithTheirModifiers) {
  EXPECT_EQ(first_kind("MEMORANDUM OF AGREEMENT"), Kind::moa);
  EXPECT_EQ(first_kind("the Memorandum of Understanding"), Kind::mou);
  EXPECT_EQ(first_kind("the 287(g) Agreement"), Kind::agreement_287g);
  EXPECT_EQ(first_kind("an Intergovernmental Agreement"), Kind::intergovernmental);
  EXPECT_EQ(first_kind("the inter-agency agreement"), Kind::interagency);
  EXPECT_EQ(first_kind("as set forth in the Task Force Charter"), Kind::task_force);
  EXPECT_EQ(first_kind("the 2017 information-sharing MOU with DHS"), Kind::data_sharing);
  EXPECT_EQ(first_kind("a Database Access Agreement"), Kind::data_sharing);
  EXPECT_EQ(first_kind("LETTER OF UNDERSTANDING"), Kind::lou);
  EXPECT_EQ(first_kind("this contract"), Kind::contract);
}

TEST(Instruments, ToleratesOcrNoise) {
  EXPECT_EQ(first_kind("MEMORANDUM 0F AGREEMENT"), Kind::moa);
  EXPECT_EQ(first_kind("Memorandurn of Understanding"), Kind::mou);
  EXPECT_EQ(first_kind("Mem0randum 0f Agreernent"), Kind::moa);
}

TEST(Instruments, IgnoresLookAlikes) {
  EXPECT_TRUE(find_kinds("the City Charter and the contact list").empty());
  EXPECT_TRUE(find_kinds("we agreed to meet; moat").empty());
  const auto plural = find_kinds("287(g) agreements");
  ASSERT_EQ(plural.size(), 1u);
  EXPECT_TRUE(plural.front().plural);
}

TEST(Instruments, ParsesKindNames) {
  EXPECT_EQ(parse_kind("287g"), Kind::agreement_287g);
  EXPECT_EQ(parse_kind("MOU"), Kind::mou);
  EXPECT_EQ(parse_kind("IGA"), Kind::intergovernmental);
  EXPECT_EQ(parse_kind("task-force"), Kind::task_force);
  EXPECT_FALSE(parse_kind("treaty").has_value());
}

TEST(Instruments, NormalisesAuthorities) {
  const auto a = find_authorities(
      "under 8 U.S.C. § 1357(g), 19 USC 1401(i), Section 287(g) of the Immigration and "
      "Nationality Act, 28 C.F.R. Part 23, 5 ILCS 140/7(1)(c), 5 ILCS 140, Pub. L. 104-208 and "
      "Executive Order 13768, and the Illinois TRUST Act; see also Municipal Code of Chicago "
      "2-173-020.");
  const std::vector<std::string> expected = {
      "8 U.S.C. 1357(g)", "19 U.S.C. 1401(i)", "INA 287(g)", "Immigration and Nationality Act",
      "28 C.F.R. Part 23", "5 ILCS 140/7(1)(c)", "5 ILCS 140", "Pub. L. 104-208",
      "Executive Order 13768", "Illinois TRUST Act", "Municipal Code of Chicago 2-173-020"};
  EXPECT_EQ(a, expected);
}

TEST(Instruments, CanonicalisesParties) {
  const std::string ice = "U.S. Immigration and Customs Enforcement";
  EXPECT_EQ(canonical_party("ICE"), ice);
  EXPECT_EQ(canonical_party("Immigration and Customs Enforcement (ICE)"), ice);
  EXPECT_EQ(canonical_party("the U.S. Immigration and Customs Enforcement,"), ice);
  EXPECT_EQ(canonical_party("the Fictional County Sheriff's Office (the \"Sheriff\")"),
            "Fictional County Sheriff's Office");
  EXPECT_EQ(canonical_party("FICTIONAL COUNTY SHERIFF'S OFFICE"), "Fictional County Sheriff's Office");
  EXPECT_EQ(canonical_party("the parties"), "");
  EXPECT_EQ(canonical_party("U.S. Imrnigration and Customs Enforcernent"), ice);
  EXPECT_EQ(canonical_party("Chicag0 Police Departrnent"), "Chicago Police Department");
  EXPECT_EQ(canonical_party("Cook County Board"), "Cook County Board");
}

TEST(Instruments, SplitsPartyLists) {
  const auto parties = parties_in(
      "U.S. Immigration and Customs Enforcement (ICE), a component of the Department of "
      "Homeland Security, and the Chicago Police Department (CPD)");
  const std::vector<std::string> expected = {"U.S. Immigration and Customs Enforcement",
                                             "Chicago Police Department"};
  EXPECT_EQ(parties, expected);
  const auto local = parties_in("the Village of Fictionville and the Fictional County Sheriff's Office");
  const std::vector<std::string> expected_local = {"Village of Fictionville",
                                                   "Fictional County Sheriff's Office"};
  EXPECT_EQ(local, expected_local);
}

TEST(Instruments, KnowsWhichAgencyIsPartOfWhich) {
  EXPECT_TRUE(party_within("U.S. Immigration and Customs Enforcement",
                           "U.S. Department of Homeland Security"));
  EXPECT_TRUE(party_within("Homeland Security Investigations", "U.S. Department of Homeland Security"));
  EXPECT_FALSE(party_within("U.S. Department of Homeland Security",
                            "U.S. Immigration and Customs Enforcement"));
}

}  // namespace
}  // namespace foialens::text
