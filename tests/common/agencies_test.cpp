#include "common/agencies.hpp"

#include <gtest/gtest.h>

namespace foialens::agencies {
namespace {

TEST(Agencies, FullNamesAndAcronymsMapToOneName) {
  const auto names = agencies_in(
      "ICE and U.S. Immigration and Customs Enforcement and Immigration and Customs\n"
      "Enforcement (ICE) met the Chicago Police Department (CPD).");
  ASSERT_GE(names.size(), 2u);
  EXPECT_EQ(names[0], "U.S. Immigration and Customs Enforcement");
  EXPECT_EQ(names[1], "Chicago Police Department");
}

TEST(Agencies, AcronymsOnlyInCapitalsAndAsWords) {
  EXPECT_TRUE(agencies_in("ice on the road; NOTICE of hearing; SERVICE").empty());
  EXPECT_EQ(agencies_in("an ICE-issued detainer").front(), "U.S. Immigration and Customs Enforcement");
}

TEST(Agencies, LongestMentionWins) {
  const auto m = find_mentions("City of Chicago Office of Inspector General");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].agency->canonical, "City of Chicago Office of Inspector General");
}

TEST(Agencies, LookupAndSuggestions) {
  ASSERT_NE(lookup("ice"), nullptr);
  EXPECT_TRUE(lookup("Immigration and Customs Enforcement (ICE)")->immigration);
  EXPECT_EQ(lookup("cook county sheriff")->canonical, "Cook County Sheriff's Office");
  EXPECT_EQ(lookup("Ministry of Magic"), nullptr);
  const auto near = closest("Chicago Polise Department", 1);
  ASSERT_EQ(near.size(), 1u);
  EXPECT_EQ(near[0]->acronym, "CPD");
}

}  // namespace
}  // namespace foialens::agencies
