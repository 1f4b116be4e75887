// Holiday calendars: the rules, observance, and the shipped calendars over 2000-2100.

#include "tracker/calendar.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace foialens::tracker {
namespace {

const Calendar& shipped(const std::string& id) {
  static std::map<std::string, Calendar> cache;
  auto it = cache.find(id);
  if (it == cache.end()) {
    auto cal = Calendar::load(testing::data_root() / "data" / "calendars" / (id + ".toml"));
    EXPECT_TRUE(cal.ok()) << (cal.ok() ? "" : cal.error().message);
    it = cache.emplace(id, std::move(*cal)).first;
  }
  return it->second;
}

std::string holiday(const std::string& cal, Date d) {
  auto h = shipped(cal).holiday_on(d);
  return h ? h->name : "";
}

TEST(Calendar, EasterSundayKnownYears) {
  EXPECT_EQ(easter_sunday(2000), Date(2000, 4, 23));
  EXPECT_EQ(easter_sunday(2024), Date(2024, 3, 31));
  EXPECT_EQ(easter_sunday(2025), Date(2025, 4, 20));
  EXPECT_EQ(easter_sunday(2038), Date(2038, 4, 25));
  EXPECT_EQ(easter_sunday(2100), Date(2100, 3, 28));
}

TEST(Calendar, ThanksgivingIsAThursdayFrom22To28EveryYear) {
  for (const char* id : {"us-federal", "illinois", "chicago"}) {
    for (int year = 2000; year <= 2100; ++year) {
      int found = 0;
      for (const Holiday& h : shipped(id).holidays_in(year)) {
        if (h.name != "Thanksgiving Day") continue;
        ++found;
        EXPECT_EQ(h.date.weekday(), Weekday::thursday) << id << " " << year;
        EXPECT_EQ(h.date.month(), 11);
        EXPECT_GE(h.date.day(), 22);
        EXPECT_LE(h.date.day(), 28);
      }
      EXPECT_EQ(found, 1) << id << " " << year;
    }
  }
}

TEST(Calendar, MondayHolidaysFallInTheirWeekEveryYear) {
  const Calendar& fed = shipped("us-federal");
  for (int year = 2000; year <= 2100; ++year) {
    for (const Holiday& h : fed.holidays_in(year)) {
      // Every observed federal closing is a weekday: the federal shift moves weekend days.
      EXPECT_FALSE(h.date.is_weekend()) << h.name << " " << h.date.iso();
      if (h.name.rfind("Birthday of Martin Luther King", 0) == 0) {
        EXPECT_EQ(h.date.weekday(), Weekday::monday);
        EXPECT_GE(h.date.day(), 15);
        EXPECT_LE(h.date.day(), 21);
      }
      if (h.name == "Memorial Day") {
        EXPECT_EQ(h.date.weekday(), Weekday::monday);
        EXPECT_GE(h.date.day(), 25);
      }
      if (h.name == "Labor Day") {
        EXPECT_LE(h.date.day(), 7);
      }
    }
  }
}

TEST(Calendar, FederalObservanceMovesSaturdayToFridayAndSundayToMonday) {
  EXPECT_EQ(holiday("us-federal", Date(2020, 7, 3)), "Independence Day (observed)");  // Sat 4th
  EXPECT_EQ(holiday("us-federal", Date(2020, 7, 4)), "");
  EXPECT_EQ(holiday("us-federal", Date(2021, 7, 5)), "Independence Day (observed)");  // Sun 4th
  // New Year's Day 2022 was a Saturday: observed Friday December 31, 2021.
  EXPECT_EQ(holiday("us-federal", Date(2021, 12, 31)), "New Year's Day (observed)");
  EXPECT_EQ(holiday("us-federal", Date(2022, 12, 26)), "Christmas Day (observed)");
  EXPECT_EQ(holiday("us-federal", Date(2023, 11, 10)), "Veterans Day (observed)");
}

TEST(Calendar, HolidaysBeginInTheYearTheirLawTookEffect) {
  EXPECT_EQ(holiday("us-federal", Date(1985, 1, 21)), "");
  EXPECT_EQ(holiday("us-federal", Date(1986, 1, 20)), "Birthday of Martin Luther King, Jr.");
  EXPECT_EQ(holiday("us-federal", Date(1975, 10, 27)), "Veterans Day");  // fourth Monday, 1971-77
  EXPECT_EQ(holiday("us-federal", Date(1975, 11, 11)), "");
  EXPECT_EQ(holiday("us-federal", Date(1978, 11, 10)), "Veterans Day (observed)");  // Saturday 11th
}

TEST(Calendar, JuneteenthFederalFrom2021IllinoisFrom2022) {
  EXPECT_EQ(holiday("us-federal", Date(2020, 6, 19)), "");
  EXPECT_EQ(holiday("us-federal", Date(2021, 6, 18)), "Juneteenth National Independence Day (observed)");
  EXPECT_EQ(holiday("us-federal", Date(2022, 6, 20)), "Juneteenth National Independence Day (observed)");
  EXPECT_EQ(holiday("us-federal", Date(2027, 6, 18)), "Juneteenth National Independence Day (observed)");
  EXPECT_EQ(holiday("illinois", Date(2021, 6, 18)), "");
  EXPECT_EQ(holiday("illinois", Date(2022, 6, 20)), "Juneteenth National Freedom Day (observed)");
  EXPECT_EQ(holiday("illinois", Date(2024, 6, 19)), "Juneteenth National Freedom Day");
}

TEST(Calendar, IllinoisStateDays) {
  EXPECT_EQ(holiday("illinois", Date(2024, 2, 12)), "Lincoln's Birthday");
  EXPECT_EQ(holiday("illinois", Date(2023, 2, 13)), "Lincoln's Birthday (observed)");  // Sun 12th
  EXPECT_EQ(holiday("illinois", Date(2024, 3, 4)), "Casimir Pulaski's Birthday");
  EXPECT_EQ(holiday("illinois", Date(2024, 11, 29)), "Day after Thanksgiving");
  EXPECT_EQ(holiday("illinois", Date(2024, 3, 29)), "");  // Good Friday: offices open
  EXPECT_EQ(holiday("chicago", Date(2024, 11, 29)), "");
  EXPECT_EQ(holiday("chicago", Date(2024, 3, 4)), "Casimir Pulaski Day");
  EXPECT_EQ(holiday("us-federal", Date(2024, 3, 4)), "");
}

TEST(Calendar, GeneralElectionDayInEvenYearsOnly) {
  EXPECT_EQ(holiday("illinois", Date(2020, 11, 3)), "General Election Day");
  EXPECT_EQ(holiday("illinois", Date(2022, 11, 8)), "General Election Day");
  EXPECT_EQ(holiday("illinois", Date(2024, 11, 5)), "General Election Day");
  EXPECT_EQ(holiday("illinois", Date(2023, 11, 7)), "");
  for (int year = 2020; year <= 2100; year += 2) {
    int found = 0;
    for (const Holiday& h : shipped("illinois").holidays_in(year)) {
      if (h.name != "General Election Day") continue;
      ++found;
      // The Tuesday after the first Monday in November: November 2 to 8.
      EXPECT_EQ(h.date.weekday(), Weekday::tuesday);
      EXPECT_GE(h.date.day(), 2);
      EXPECT_LE(h.date.day(), 8);
    }
    EXPECT_EQ(found, 1) << year;
  }
}

TEST(Calendar, EveryShippedHolidayNamesItsSource) {
  for (const char* id : {"us-federal", "illinois", "chicago"}) {
    for (const HolidayRule& r : shipped(id).rules()) EXPECT_FALSE(r.source.empty()) << id << ": " << r.name;
  }
}

TEST(Calendar, RulesFromText) {
  auto cal = Calendar::parse(R"(
id = "t"
observance = "sunday-to-monday"
[[holiday]]
name = "Good Friday"
rule = "easter"
offset = -2
source = "test"
[[holiday]]
name = "Fixed"
rule = "fixed"
month = 5
day = 1
since = 2010
until = 2012
source = "test"
)",
                             "t.toml");
  ASSERT_TRUE(cal.ok()) << cal.error().message;
  EXPECT_TRUE(cal->holiday_on(Date(2024, 3, 29)));
  EXPECT_FALSE(cal->holiday_on(Date(2009, 5, 1)));
  EXPECT_TRUE(cal->holiday_on(Date(2011, 5, 2)));  // Sunday May 1 2011 -> Monday
  EXPECT_FALSE(cal->holiday_on(Date(2013, 5, 1)));
  // Saturday is not moved under sunday-to-monday.
  EXPECT_TRUE(cal->holiday_on(Date(2010, 5, 1)));
  EXPECT_FALSE(cal->holiday_on(Date(2010, 4, 30)));
}

TEST(Calendar, BadRuleIsAnErrorThatNamesTheEntry) {
  auto cal = Calendar::parse("id = \"t\"\n[[holiday]]\nname = \"X\"\nrule = \"lunar\"\n", "t.toml");
  ASSERT_FALSE(cal.ok());
  EXPECT_EQ(cal.error().message,
            "t.toml: holiday 1 (X): unknown rule 'lunar' (fixed, nth-weekday, last-weekday, easter, election)");
  auto broken = Calendar::parse("id = \n", "b.toml");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("b.toml:1: invalid TOML"), std::string::npos);
}

}  // namespace
}  // namespace foialens::tracker
