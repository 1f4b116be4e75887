#pragma once
// Holiday calendars as data: which days an agency is closed. A calendar file lists rules
// (fixed dates, nth or last weekdays, Easter-relative days, even-year election days),
// the years each rule applies, its source, and how a holiday that falls on a weekend is
// observed.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/error.hpp"

namespace foialens::tracker {

// How a holiday on a weekend moves to a working day.
enum class Observance {
  none,              // not moved
  federal,           // Saturday -> Friday before, Sunday -> Monday after (5 U.S.C. 6103(b))
  sunday_to_monday,  // Saturday not moved, Sunday -> Monday
};

struct HolidayRule {
  enum class Kind { fixed, nth_weekday, last_weekday, easter, election };
  std::string name;
  Kind kind = Kind::fixed;
  int month = 1;
  int day = 1;                       // fixed
  Weekday weekday = Weekday::monday;  // nth_weekday, last_weekday
  int nth = 1;                       // nth_weekday
  int offset = 0;                    // days added after the rule (day after Thanksgiving: 1)
  int since = 0;                     // first year the holiday applies
  int until = 9999;                  // last year it applies
  bool even_years_only = false;
  std::optional<Observance> observance;  // overrides the calendar's
  std::string source;
  std::string review;  // what is unsure about this entry; empty when settled

  // The holiday's own date in `year`, before observance; nullopt when it does not apply.
  std::optional<Date> date_in(int year) const;
};

struct Holiday {
  Date date;         // the day the agency is closed
  Date actual;       // the holiday's own date (differs when moved by observance)
  std::string name;  // "Independence Day" or "Independence Day (observed)"
  std::string source;
  std::string review;  // what is unsure about this holiday, if anything
};

class Calendar {
 public:
  static Result<Calendar> load(const std::filesystem::path& file);
  static Result<Calendar> parse(std::string_view toml, const std::string& origin);

  const std::string& id() const { return id_; }
  const std::string& name() const { return name_; }
  const std::string& source() const { return source_; }
  const std::vector<HolidayRule>& rules() const { return rules_; }

  // The holiday the agency observes on `day`, if any.
  std::optional<Holiday> holiday_on(Date day) const;
  // Every observed closing in `year` (by observed date), in date order.
  std::vector<Holiday> holidays_in(int year) const;
  bool is_business_day(Date day) const { return !day.is_weekend() && !holiday_on(day); }

 private:
  const std::vector<Holiday>& observed_in(int year) const;

  std::string id_;
  std::string name_;
  std::string source_;
  Observance observance_ = Observance::federal;
  std::vector<HolidayRule> rules_;
  mutable std::map<int, std::vector<Holiday>> cache_;  // observed year -> closings
};

// The date of Easter Sunday (Gregorian, anonymous algorithm).
Date easter_sunday(int year);

}  // namespace foialens::tracker
