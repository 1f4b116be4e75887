#include "common/date.hpp"

#include <gtest/gtest.h>

namespace foialens {
namespace {

TEST(Date, ParsesIsoAndSaysWhatIsWrong) {
  const auto d = Date::parse_iso("2019-04-12");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->weekday(), Weekday::friday);
  EXPECT_EQ(Date::parse_iso("2019-02-29").error().message,
            "invalid date '2019-02-29': February 2019 has 28 days");
  EXPECT_EQ(Date::parse_iso("2019-13-01").error().message,
            "invalid date '2019-13-01': month must be 01 to 12");
  EXPECT_EQ(Date::parse_iso("04/12/2019").error().message,
            "invalid date '04/12/2019': expected YYYY-MM-DD");
  EXPECT_TRUE(Date::parse_iso("2020-02-29").ok());
}

TEST(Date, DayArithmeticRoundTripsAcrossCenturies) {
  for (long days = Date(1999, 12, 1).days(); days < Date(2101, 2, 1).days(); days += 17) {
    const Date d = Date::from_days(days);
    EXPECT_EQ(d.days(), days);
    EXPECT_TRUE(Date::make(d.year(), d.month(), d.day()).has_value());
  }
  EXPECT_EQ(Date(2000, 2, 28).add_days(1), Date(2000, 2, 29));
  EXPECT_EQ(Date(2100, 2, 28).add_days(1), Date(2100, 3, 1));
  EXPECT_EQ(Date(1970, 1, 1).days(), 0);
}

TEST(Date, FormatsAndNamesMonths) {
  EXPECT_EQ(Date(2021, 1, 27).long_form(), "January 27, 2021");
  EXPECT_EQ(Date(2021, 1, 27).iso(), "2021-01-27");
  EXPECT_EQ(Date(2021, 1, 27).compact(), "20210127");
  EXPECT_EQ(Date(2016, 5, 13).weekday_name(), "Friday");
  EXPECT_EQ(month_from_name("Sept."), 9);
  EXPECT_EQ(month_from_name("apr"), 4);
  EXPECT_EQ(month_from_name("Ma"), 0);
}

}  // namespace
}  // namespace foialens
