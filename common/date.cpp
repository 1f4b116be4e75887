#include "common/date.hpp"

#include <array>
#include <charconv>
#include <ctime>

#include "common/text.hpp"

namespace foialens {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// Howard Hinnant's days-from-civil algorithm.
long days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

std::string now_iso_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

int month_from_name(std::string_view name) {
  name = text::trim(name);
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  if (name.size() < 3 || name.size() > 9) return 0;
  // Called for every word of every document: no allocation.
  const auto equals_ci = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
      const char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] + 32) : b[i];
      if (x != y) return false;
    }
    return true;
  };
  for (int i = 0; i < 12; ++i) {
    const std::string_view full = kMonths[static_cast<std::size_t>(i)];
    if (equals_ci(name, full) || equals_ci(name, full.substr(0, 3)) || (i == 8 && equals_ci(name, "sept"))) {
      return i + 1;
    }
  }
  return 0;
}

std::string_view month_name(int month) {
  return month >= 1 && month <= 12 ? kMonths[static_cast<std::size_t>(month - 1)] : "";
}

std::optional<Date> Date::make(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month)) {
    return std::nullopt;
  }
  return Date(year, month, day);
}

Result<Date> Date::parse_iso(std::string_view s) {
  const std::string shown(s);
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
    return Error::input("invalid date '" + shown + "': expected YYYY-MM-DD");
  }
  int y = 0, m = 0, d = 0;
  const auto num = [](std::string_view part, int& out) {
    const auto r = std::from_chars(part.data(), part.data() + part.size(), out);
    return r.ec == std::errc() && r.ptr == part.data() + part.size();
  };
  if (!num(s.substr(0, 4), y) || !num(s.substr(5, 2), m) || !num(s.substr(8, 2), d)) {
    return Error::input("invalid date '" + shown + "': expected YYYY-MM-DD");
  }
  if (m < 1 || m > 12) {
    return Error::input("invalid date '" + shown + "': month must be 01 to 12");
  }
  if (d < 1 || d > days_in_month(y, m)) {
    return Error::input("invalid date '" + shown + "': " + std::string(month_name(m)) + " " +
                        std::to_string(y) + " has " + std::to_string(days_in_month(y, m)) +
                        " days");
  }
  if (y < 1) return Error::input("invalid date '" + shown + "': year out of range");
  return Date(y, m, d);
}

Date Date::from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = yoe + era * 400;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp + (mp < 10 ? 3 : -9);
  return Date(static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d));
}

Date Date::today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

long Date::days() const { return days_from_civil(y_, m_, d_); }

Weekday Date::weekday() const {
  // 1970-01-01 was a Thursday.
  const long d = days();
  const long idx = ((d % 7) + 7 + 3) % 7;
  return static_cast<Weekday>(idx);
}

bool Date::is_weekend() const {
  const auto w = weekday();
  return w == Weekday::saturday || w == Weekday::sunday;
}

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y_, m_, d_);
  return buf;
}

std::string Date::compact() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", y_, m_, d_);
  return buf;
}

std::string Date::long_form() const {
  return std::string(month_name(m_)) + " " + std::to_string(d_) + ", " + std::to_string(y_);
}

std::string Date::weekday_name() const {
  return std::string(kWeekdays[static_cast<std::size_t>(weekday())]);
}

}  // namespace foialens
