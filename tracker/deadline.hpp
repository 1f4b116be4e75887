#pragma once
// Status and deadlines derived from a request's events under its law and its agency's
// holiday calendar, with the working behind every date: the days counted, the weekends
// and named holidays skipped, and the pauses.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "tracker/calendar.hpp"
#include "tracker/events.hpp"
#include "tracker/law.hpp"

namespace foialens::tracker {

enum class RequestStatus {
  awaiting,      // filed, no answer yet, not yet due
  acknowledged,  // acknowledged, not yet due
  extended,      // extended, not yet due
  on_hold,       // waiting on the requester (clarification, fee): the clock is paused
  partial,       // part of the records released, the rest still due
  overdue,       // due date passed without a final answer
  released,      // records released: done
  denied,
  no_records,
  appealed,
  appeal_decided,
  withdrawn,
  closed,        // closed with no known outcome (history from an old log)
};

std::string_view status_name(RequestStatus s);  // "on-hold"
std::optional<RequestStatus> status_from_name(std::string_view name);
bool is_open(RequestStatus s);

// One day looked at while counting.
struct DayMark {
  Date date;
  int count = 0;       // 1.. when the day counted, 0 when skipped
  std::string reason;  // why skipped: "Saturday", "Memorial Day", "paused: fee-requested"
};

struct Deadline {
  std::string kind;   // response | extended | appeal | appeal-decision
  std::string label;  // "Response due"
  std::optional<Date> date;  // none while the clock is paused
  std::string basis;         // "5 business days after receipt on Friday, May 13, 2016"
  std::string citation;
  std::string review;
  std::vector<DayMark> days;            // the walk, day by day
  std::vector<std::string> pauses;      // "2024-01-03 to 2024-01-10 (fix-required, clarified)"
  int remaining = 0;                    // days still to count while paused
  std::optional<Date> rolled_from;      // the last counted day, when closed and moved on
  bool met = false;                     // what the deadline was for happened
  std::optional<Date> met_on;

  int weekend_days() const;
  std::vector<std::string> holidays() const;  // "Monday, May 30, 2016: Memorial Day"
};

struct Assessment {
  RequestStatus status = RequestStatus::awaiting;
  bool open = true;
  std::vector<Deadline> deadlines;
  // The next date that matters: the response due date while the request is open, the
  // appeal decision while appealed, the last day to appeal while an appeal is possible.
  std::optional<Date> next_due;
  std::string next_kind;
  long days_left = 0;  // calendar days from `today` to next_due; negative when late
  std::optional<Date> appeal_by;  // when an appeal may be filed now
  std::vector<std::string> notes;

  const Deadline* find(std::string_view kind) const;
};

Assessment assess(const Law& law, const Calendar& calendar, std::span<const Event> events,
                  Date today);

}  // namespace foialens::tracker
