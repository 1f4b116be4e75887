// Covers text/dates.cpp: the one date finder, as metadata and agreements use it.

#include "text/dates.hpp"

#include <gtest/gtest.h>

namespace foialens::text {
namespace {

std::vector<std::string> iso(const std::vector<DateMention>& found) {
  std::vector<std::string> out;
  for (const auto& f : found) out.push_back(f.date.iso());
  return out;
}

TEST(Dates, TheWaysDocumentsWriteThem) {
  const auto found = find_dates(
      "Signed April 12, 2019; received 3 March 2021; Apr. 1, 2020; due 2016-05-20; "
      "filed 05/13/2016; covering June 2020; not a date: February 30, 2020 or 13/45/2020.",
      {.month_year = true});
  EXPECT_EQ(iso(found), (std::vector<std::string>{"2019-04-12", "2021-03-03", "2020-04-01", "2016-05-20",
                                                  "2016-05-13", "2020-06-01"}));
}

TEST(Dates, AgreementForms) {
  const auto dates = find_dates(
      "effective April 12, 2019; signed this 3rd day of May, 2020, on 4/1/19, 2021-02-28 and "
      "Sept. 9 2018; the 5th day of June in the year 2017; 04.12.2019 and 04-13-2019");
  EXPECT_EQ(iso(dates), (std::vector<std::string>{"2019-04-12", "2020-05-03", "2019-04-01", "2021-02-28",
                                                  "2018-09-09", "2017-06-05", "2019-04-12", "2019-04-13"}));
  EXPECT_TRUE(find_dates("Special Order S06-14-03 and February 30, 2019").empty());
}

TEST(Dates, SpansCoverWhatWasPrinted) {
  const std::string text = "dated the 3rd day of May, 2020 by";
  const auto dates = find_dates(text);
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(text.substr(dates[0].offset, dates[0].length), "3rd day of May, 2020");
}

TEST(Dates, MonthAndYearOnlyWhenAsked) {
  EXPECT_TRUE(find_dates("covering June 2020").empty());
  EXPECT_EQ(iso(find_dates("covering June 2020", {.month_year = true})), std::vector<std::string>{"2020-06-01"});
  // A verb is not a month.
  EXPECT_TRUE(find_dates("officers may 2020 hours", {.month_year = true}).empty());
}

TEST(Dates, PartsMustStandTogether) {
  EXPECT_TRUE(find_dates("April (12) 2019").empty());
  EXPECT_TRUE(find_dates("in 1850 or 2150, 4/5/2150").empty());
}

}  // namespace
}  // namespace foialens::text
