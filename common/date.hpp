#pragma once
// A calendar date with no time zone, and the arithmetic that deadlines and metadata need.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace foialens {

enum class Weekday { monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday };

class Date {
 public:
  Date() = default;  // 1970-01-01
  // Unchecked: use make() or parse_iso() for input that may be wrong.
  constexpr Date(int year, int month, int day) : y_(year), m_(month), d_(day) {}

  static std::optional<Date> make(int year, int month, int day);
  // Strict `YYYY-MM-DD`; the error says what is wrong with `s`.
  static Result<Date> parse_iso(std::string_view s);
  static Date from_days(long days);  // days since 1970-01-01
  static Date today();               // local date

  int year() const { return y_; }
  int month() const { return m_; }
  int day() const { return d_; }

  long days() const;  // days since 1970-01-01
  Weekday weekday() const;
  bool is_weekend() const;
  Date add_days(long n) const { return from_days(days() + n); }
  std::string iso() const;                      // 2019-04-12
  std::string long_form() const;                // April 12, 2019
  std::string weekday_name() const;             // Friday
  std::string compact() const;                  // 20190412

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;

 private:
  int y_ = 1970;
  int m_ = 1;
  int d_ = 1;
};

// The current time as an ISO 8601 UTC timestamp: 2026-11-21T14:07:55Z.
std::string now_iso_utc();

bool is_leap_year(int year);
int days_in_month(int year, int month);
// 1..12 for an English month name or its abbreviation ("Jan", "Sept."); 0 otherwise.
int month_from_name(std::string_view name);
std::string_view month_name(int month);

}  // namespace foialens
