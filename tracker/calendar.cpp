#include "tracker/calendar.hpp"

#include <algorithm>

#include "common/paths.hpp"
#include "tracker/toml_util.hpp"

namespace foialens::tracker {
namespace {

std::optional<Observance> observance_from(std::string_view s) {
  if (s == "none") return Observance::none;
  if (s == "federal") return Observance::federal;
  if (s == "sunday-to-monday") return Observance::sunday_to_monday;
  return std::nullopt;
}

Date observed(Date actual, Observance rule) {
  const Weekday w = actual.weekday();
  if (rule == Observance::federal && w == Weekday::saturday) return actual.add_days(-1);
  if (rule != Observance::none && w == Weekday::sunday) return actual.add_days(1);
  return actual;
}

}  // namespace

Date easter_sunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return Date(year, month, day);
}

std::optional<Date> HolidayRule::date_in(int year) const {
  if (year < since || year > until) return std::nullopt;
  if (even_years_only && year % 2 != 0) return std::nullopt;
  Date base;
  switch (kind) {
    case Kind::fixed:
      if (day > days_in_month(year, month)) return std::nullopt;  // February 29
      base = Date(year, month, day);
      break;
    case Kind::nth_weekday: {
      const Date first(year, month, 1);
      const int shift = (static_cast<int>(weekday) - static_cast<int>(first.weekday()) + 7) % 7;
      base = first.add_days(shift + 7L * (nth - 1));
      if (base.month() != month) return std::nullopt;
      break;
    }
    case Kind::last_weekday: {
      const Date last(year, month, days_in_month(year, month));
      const int back = (static_cast<int>(last.weekday()) - static_cast<int>(weekday) + 7) % 7;
      base = last.add_days(-back);
      break;
    }
    case Kind::easter:
      base = easter_sunday(year);
      break;
    case Kind::election: {
      // The Tuesday after the first Monday in November: November 2 to 8.
      const Date first(year, 11, 1);
      const int to_monday = (7 - static_cast<int>(first.weekday())) % 7;
      base = first.add_days(to_monday + 1);
      break;
    }
  }
  return base.add_days(offset);
}

Result<Calendar> Calendar::load(const std::filesystem::path& file) {
  auto text = paths::read_file(file);
  if (!text) return Error::run(file.string() + ": " + text.error().message);
  return parse(*text, file.string());
}

Result<Calendar> Calendar::parse(std::string_view toml_text, const std::string& origin) {
  auto parsed = detail::parse_toml(toml_text, origin);
  if (!parsed) return parsed.error();
  const toml::table& t = *parsed;
  Calendar cal;
  cal.id_ = detail::str(t["id"]);
  cal.name_ = detail::str(t["name"], cal.id_);
  cal.source_ = detail::str(t["source"]);
  if (cal.id_.empty()) return Error::run(origin + ": calendar has no 'id'");
  const auto obs = observance_from(detail::str(t["observance"], "federal"));
  if (!obs) return Error::run(origin + ": observance must be none, federal or sunday-to-monday");
  cal.observance_ = *obs;

  const toml::array* list = t["holiday"].as_array();
  if (!list) return Error::run(origin + ": calendar has no [[holiday]] entries");
  int index = 0;
  for (const toml::node& node : *list) {
    ++index;
    const toml::table* h = node.as_table();
    const std::string where = origin + ": holiday " + std::to_string(index);
    if (!h) return Error::run(where + ": not a table");
    HolidayRule r;
    r.name = detail::str((*h)["name"]);
    if (r.name.empty()) return Error::run(where + ": no 'name'");
    const std::string rule = detail::str((*h)["rule"]);
    r.month = (*h)["month"].value_or(0);
    r.day = (*h)["day"].value_or(1);
    r.nth = (*h)["nth"].value_or(1);
    r.offset = (*h)["offset"].value_or(0);
    r.since = (*h)["since"].value_or(0);
    r.until = (*h)["until"].value_or(9999);
    r.even_years_only = detail::str((*h)["years"], "all") == "even";
    r.source = detail::str((*h)["source"]);
    r.review = detail::str((*h)["review"]);
    if (const auto o = (*h)["observance"].value<std::string>()) {
      r.observance = observance_from(*o);
      if (!r.observance) return Error::run(where + " (" + r.name + "): unknown observance '" + *o + "'");
    }
    if (rule == "fixed") {
      r.kind = HolidayRule::Kind::fixed;
    } else if (rule == "nth-weekday" || rule == "last-weekday") {
      r.kind = rule == "nth-weekday" ? HolidayRule::Kind::nth_weekday : HolidayRule::Kind::last_weekday;
      const auto w = detail::weekday_from(detail::str((*h)["weekday"]));
      if (!w) return Error::run(where + " (" + r.name + "): 'weekday' must be monday..sunday");
      r.weekday = *w;
      if (r.nth < 1 || r.nth > 5) return Error::run(where + " (" + r.name + "): 'nth' must be 1..5");
    } else if (rule == "easter") {
      r.kind = HolidayRule::Kind::easter;
    } else if (rule == "election") {
      r.kind = HolidayRule::Kind::election;
    } else {
      return Error::run(where + " (" + r.name + "): unknown rule '" + rule +
                        "' (fixed, nth-weekday, last-weekday, easter, election)");
    }
    if ((r.kind == HolidayRule::Kind::fixed || r.kind == HolidayRule::Kind::nth_weekday ||
         r.kind == HolidayRule::Kind::last_weekday) &&
        (r.month < 1 || r.month > 12)) {
      return Error::run(where + " (" + r.name + "): 'month' must be 1..12");
    }
    if (r.kind == HolidayRule::Kind::fixed && (r.day < 1 || r.day > 31)) {
      return Error::run(where + " (" + r.name + "): 'day' must be 1..31");
    }
    cal.rules_.push_back(std::move(r));
  }
  return cal;
}

const std::vector<Holiday>& Calendar::observed_in(int year) const {
  if (auto it = cache_.find(year); it != cache_.end()) return it->second;
  std::vector<Holiday> out;
  // A holiday observed in `year` may fall in the year before or after (New Year's Day on
  // a Saturday is observed on December 31).
  for (int y = year - 1; y <= year + 1; ++y) {
    for (const HolidayRule& r : rules_) {
      const auto actual = r.date_in(y);
      if (!actual) continue;
      const Date when = observed(*actual, r.observance.value_or(observance_));
      if (when.year() != year) continue;
      out.push_back({when, *actual, when == *actual ? r.name : r.name + " (observed)", r.source, r.review});
    }
  }
  std::sort(out.begin(), out.end(), [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return cache_.emplace(year, std::move(out)).first->second;
}

std::optional<Holiday> Calendar::holiday_on(Date day) const {
  for (const Holiday& h : observed_in(day.year())) {
    if (h.date == day) return h;
  }
  return std::nullopt;
}

std::vector<Holiday> Calendar::holidays_in(int year) const { return observed_in(year); }

}  // namespace foialens::tracker
