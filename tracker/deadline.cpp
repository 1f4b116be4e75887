#include "tracker/deadline.hpp"

#include <algorithm>
#include <array>

namespace foialens::tracker {
namespace {

constexpr std::array<std::pair<RequestStatus, std::string_view>, 13> kStatuses = {{
    {RequestStatus::awaiting, "awaiting"},
    {RequestStatus::acknowledged, "acknowledged"},
    {RequestStatus::extended, "extended"},
    {RequestStatus::on_hold, "on-hold"},
    {RequestStatus::partial, "partial"},
    {RequestStatus::overdue, "overdue"},
    {RequestStatus::released, "released"},
    {RequestStatus::denied, "denied"},
    {RequestStatus::no_records, "no-records"},
    {RequestStatus::appealed, "appealed"},
    {RequestStatus::appeal_decided, "appeal-decided"},
    {RequestStatus::withdrawn, "withdrawn"},
    {RequestStatus::closed, "closed"},
}};

struct Pause {
  Date from;
  std::optional<Date> to;
  std::string why;
};

bool contains(const std::vector<std::string>& list, EventKind k) {
  return std::find(list.begin(), list.end(), std::string(event_name(k))) != list.end();
}

const Pause* pause_at(const std::vector<Pause>& pauses, Date d) {
  for (const Pause& p : pauses) {
    if (p.from < d && (!p.to || d <= *p.to)) return &p;
  }
  return nullptr;
}

std::string closed_reason(const Calendar& cal, Date d) {
  if (d.is_weekend()) return d.weekday_name();
  if (auto h = cal.holiday_on(d)) return h->name;
  return {};
}

// Counts `days` from `start` (day 1 is the next counting day), skipping closed days for
// business-day periods and paused days always. Stops with no date inside an open pause.
void walk(Deadline& out, const Calendar& cal, const Period& period, Date start,
          const std::vector<Pause>& pauses) {
  Date d = start;
  int count = 0;
  while (count < period.days) {
    const Date next = d.add_days(1);
    if (const Pause* p = pause_at(pauses, next)) {
      if (!p->to) {
        out.remaining = period.days - count;
        out.date.reset();
        return;
      }
      // Skip the whole pause in one mark per day: pauses are short.
      out.days.push_back({next, 0, "paused: " + p->why});
      d = next;
      continue;
    }
    d = next;
    if (period.unit == DayUnit::business) {
      if (std::string why = closed_reason(cal, d); !why.empty()) {
        out.days.push_back({d, 0, why});
        continue;
      }
    }
    ++count;
    out.days.push_back({d, count, {}});
  }
  if (period.roll_forward && !cal.is_business_day(d)) {
    // The last day is a closed day: the period ends on the next business day.
    out.rolled_from = d;
    d = d.add_days(1);
    while (!cal.is_business_day(d)) {
      out.days.push_back({d, 0, closed_reason(cal, d)});
      d = d.add_days(1);
    }
  }
  out.date = d;
}

std::string period_words(const Period& p) {
  return std::to_string(p.days) + " " + std::string(unit_word(p.unit)) + " day" +
         (p.days == 1 ? "" : "s");
}

bool adverse(const Event& e) {
  if (e.kind == EventKind::denied || e.kind == EventKind::no_records) return true;
  return (e.kind == EventKind::partial_response || e.kind == EventKind::records_released) &&
         !e.exemptions.empty();
}


}  // namespace

std::string_view status_name(RequestStatus s) {
  for (const auto& [status, name] : kStatuses) {
    if (status == s) return name;
  }
  return "awaiting";
}

std::optional<RequestStatus> status_from_name(std::string_view name) {
  for (const auto& [status, n] : kStatuses) {
    if (n == name) return status;
  }
  return std::nullopt;
}

bool is_open(RequestStatus s) {
  switch (s) {
    case RequestStatus::awaiting:
    case RequestStatus::acknowledged:
    case RequestStatus::extended:
    case RequestStatus::on_hold:
    case RequestStatus::partial:
    case RequestStatus::overdue:
    case RequestStatus::appealed:
      return true;
    default:
      return false;
  }
}

int Deadline::weekend_days() const {
  return static_cast<int>(std::count_if(days.begin(), days.end(), [](const DayMark& m) {
    return m.count == 0 && m.date.is_weekend();
  }));
}

std::vector<std::string> Deadline::holidays() const {
  std::vector<std::string> out;
  for (const DayMark& m : days) {
    if (m.count == 0 && !m.date.is_weekend() && m.reason.rfind("paused", 0) != 0) {
      out.push_back(m.date.weekday_name() + ", " + m.date.long_form() + ": " + m.reason);
    }
  }
  return out;
}

const Deadline* Assessment::find(std::string_view kind) const {
  for (const Deadline& d : deadlines) {
    if (d.kind == kind) return &d;
  }
  return nullptr;
}

Assessment assess(const Law& law, const Calendar& cal, std::span<const Event> events, Date today) {
  Assessment a;
  const std::vector<Event> log = in_order({events.begin(), events.end()});
  const Event* filed = nullptr;
  for (const Event& e : log) {
    if (e.kind == EventKind::filed) filed = &e;
  }
  if (!filed) {
    a.notes.push_back("no 'filed' event: no deadline can be computed");
    return a;
  }

  // Status, pauses and the events the deadlines depend on, in the order things happened.
  std::vector<Pause> pauses;
  RequestStatus status = RequestStatus::awaiting;
  RequestStatus before_pause = RequestStatus::awaiting;
  const Event* first_extension = nullptr;
  const Event* agreed = nullptr;
  const Event* answer = nullptr;       // the final answer
  const Event* last_adverse = nullptr;
  const Event* appealed = nullptr;
  const Event* decided = nullptr;
  const Event* closed = nullptr;
  for (const Event& e : log) {
    if (contains(law.pause_on, e.kind)) {
      if (pauses.empty() || pauses.back().to) {
        pauses.push_back({e.date, std::nullopt, std::string(event_name(e.kind))});
        if (status != RequestStatus::on_hold) before_pause = status;
      }
      status = RequestStatus::on_hold;
      continue;
    }
    if (contains(law.resume_on, e.kind)) {
      if (!pauses.empty() && !pauses.back().to) {
        pauses.back().to = e.date;
        pauses.back().why += " until " + std::string(event_name(e.kind)) + " on " + e.date.iso();
      }
      if (status == RequestStatus::on_hold) status = before_pause;
      continue;
    }
    switch (e.kind) {
      case EventKind::acknowledged:
        if (status == RequestStatus::awaiting) status = RequestStatus::acknowledged;
        break;
      case EventKind::extended:
        if (e.until) agreed = &e;
        else if (!first_extension) first_extension = &e;
        status = RequestStatus::extended;
        break;
      case EventKind::partial_response:
        status = RequestStatus::partial;
        break;
      case EventKind::records_released:
        status = RequestStatus::released;
        answer = &e;
        break;
      case EventKind::denied:
        status = RequestStatus::denied;
        answer = &e;
        break;
      case EventKind::no_records:
        status = RequestStatus::no_records;
        answer = &e;
        break;
      case EventKind::withdrawn:
        status = RequestStatus::withdrawn;
        answer = &e;
        break;
      case EventKind::closed:
        status = RequestStatus::closed;
        closed = &e;
        break;
      case EventKind::appealed:
        status = RequestStatus::appealed;
        appealed = &e;
        decided = nullptr;
        break;
      case EventKind::appeal_decided:
        status = RequestStatus::appeal_decided;
        decided = &e;
        break;
      default:
        break;
    }
    if (adverse(e)) last_adverse = &e;
  }

  // Response due.
  Deadline response;
  response.kind = "response";
  response.label = "Response due";
  response.citation = law.response.citation;
  response.review = law.response.review;
  Date start = filed->date;
  std::string receipt = "receipt on " + filed->date.weekday_name() + ", " + filed->date.long_form();
  if (law.closed_day_receipt_next_business_day && !cal.is_business_day(start)) {
    Date open = start;
    while (!cal.is_business_day(open)) open = open.add_days(1);
    receipt += " (a closed day: treated as received " + open.weekday_name() + ", " +
               open.long_form() + (law.receipt_citation.empty() ? "" : ", " + law.receipt_citation) + ")";
    response.days.push_back({start, 0, closed_reason(cal, start) + ": received on a closed day"});
    start = open;
  }
  response.basis = period_words(law.response) + " after " + receipt + "; day 1 is the next " +
                   (law.response.unit == DayUnit::business ? "business day" : "day");
  for (const Pause& p : pauses) {
    response.pauses.push_back(p.from.iso() + (p.to ? " to " + p.to->iso() : " onward") + ": " + p.why);
  }
  walk(response, cal, law.response, start, pauses);
  std::optional<Date> due = response.date;
  std::string due_kind = "response";
  a.deadlines.push_back(response);

  if (first_extension && law.extension.defined() && due) {
    Deadline ext;
    ext.kind = "extended";
    ext.label = "Extended due";
    ext.citation = law.extension.citation;
    ext.review = law.extension.review;
    ext.basis = period_words(law.extension) + " more, counted from the original due date " +
                due->iso() + " (extended on " + first_extension->date.iso() +
                (first_extension->note.empty() ? "" : ": " + first_extension->note) + ")";
    for (const Pause& p : pauses) {
      if (!p.to || *p.to > *due) {
        ext.pauses.push_back(p.from.iso() + (p.to ? " to " + p.to->iso() : " onward") + ": " + p.why);
      }
    }
    if (first_extension->date > *due) {
      a.notes.push_back("the extension was claimed on " + first_extension->date.iso() +
                        ", after the original due date " + due->iso() + "; " +
                        law.extension.citation + " expects it within the original period");
    }
    walk(ext, cal, law.extension, *due, pauses);
    due = ext.date;
    due_kind = "extended";
    a.deadlines.push_back(ext);
  }
  if (agreed) {
    Deadline ext;
    ext.kind = "extended";
    ext.label = "Extended due (agreed)";
    ext.date = *agreed->until;
    ext.citation = law.extension.citation;
    ext.basis = "date agreed with the requester on " + agreed->date.iso() +
                (agreed->note.empty() ? "" : ": " + agreed->note);
    due = ext.date;
    due_kind = "extended";
    a.deadlines.push_back(ext);
  }
  if (answer && answer->kind != EventKind::withdrawn) {
    for (Deadline& d : a.deadlines) {
      if (d.kind == "response" || d.kind == "extended") {
        d.met = true;
        d.met_on = answer->date;
      }
    }
  }

  // Overdue: the response phase ran past the due date.
  const bool responding = status == RequestStatus::awaiting || status == RequestStatus::acknowledged ||
                          status == RequestStatus::extended || status == RequestStatus::partial;
  if (responding && due && today > *due) status = RequestStatus::overdue;
  if (answer && due && answer->date > *due && answer->kind != EventKind::withdrawn) {
    a.notes.push_back("answered " + std::to_string(answer->date.days() - due->days()) +
                      " day(s) after the due date " + due->iso());
  }

  // Appeal window: from the last adverse determination, or from the missed due date when
  // the law treats silence as a denial.
  if (law.appeal.defined()) {
    std::optional<Date> from;
    std::string from_words;
    if (last_adverse) {
      from = last_adverse->date;
      from_words = std::string(event_name(last_adverse->kind)) + " on " + last_adverse->date.weekday_name() +
                   ", " + last_adverse->date.long_form() +
                   (last_adverse->exemptions.empty() ? "" : " (exemptions: " + last_adverse->exemptions + ")");
    } else if (law.silence_is_denial && due && !answer && !closed &&
               (status == RequestStatus::overdue || (appealed && appealed->date > *due))) {
      from = due;
      from_words = "the due date " + due->weekday_name() + ", " + due->long_form() +
                   ", which passed without an answer: a denial (" + law.silence_citation + ")";
    }
    if (from) {
      Deadline appeal;
      appeal.kind = "appeal";
      appeal.label = "Appeal by";
      appeal.citation = law.appeal.citation;
      appeal.review = law.appeal.review;
      appeal.basis = period_words(law.appeal) + " after " + from_words +
                     (law.appeal_body.empty() ? "" : "; to the " + law.appeal_body);
      walk(appeal, cal, law.appeal, *from, {});
      if (appealed && appealed->date >= *from) {
        appeal.met = true;
        appeal.met_on = appealed->date;
      }
      a.deadlines.push_back(appeal);
    }
  }
  if (!law.silence_is_denial && status == RequestStatus::overdue && !law.silence_note.empty()) {
    a.notes.push_back(law.silence_note);
  }
  if (status == RequestStatus::overdue && law.silence_is_denial) {
    a.notes.push_back("no answer by the due date is a denial (" + law.silence_citation + ")");
  }
  if (appealed && law.appeal_decision.defined()) {
    Deadline decision;
    decision.kind = "appeal-decision";
    decision.label = "Appeal decision due";
    decision.citation = law.appeal_decision.citation;
    decision.review = law.appeal_decision.review;
    decision.basis = period_words(law.appeal_decision) + " after the appeal on " +
                     appealed->date.weekday_name() + ", " + appealed->date.long_form();
    walk(decision, cal, law.appeal_decision, appealed->date, {});
    if (decided) {
      decision.met = true;
      decision.met_on = decided->date;
    }
    a.deadlines.push_back(decision);
  }

  if (closed) {
    a.notes.push_back("closed on " + closed->date.iso() + " with no known outcome" +
                      (closed->note.empty() ? "" : " (" + closed->note + ")"));
  }
  a.status = status;
  a.open = is_open(status);
  if (const Deadline* ap = a.find("appeal"); ap && ap->date && !ap->met && *ap->date >= today) {
    a.appeal_by = ap->date;
  }
  if (status == RequestStatus::on_hold) {
    a.notes.push_back("the clock is paused while the agency waits on the requester; " +
                      std::to_string(a.deadlines.back().remaining > 0 ? a.deadlines.back().remaining
                                                                      : response.remaining) +
                      " " + std::string(unit_word(law.response.unit)) + " day(s) remain");
  } else if (a.open && status != RequestStatus::appealed && due) {
    a.next_due = due;
    a.next_kind = due_kind;
  } else if (status == RequestStatus::appealed) {
    if (const Deadline* d = a.find("appeal-decision"); d && d->date) {
      a.next_due = d->date;
      a.next_kind = "appeal-decision";
    }
  } else if (a.appeal_by) {
    a.next_due = a.appeal_by;
    a.next_kind = "appeal";
  }
  if (a.next_due) a.days_left = a.next_due->days() - today.days();
  return a;
}

}  // namespace foialens::tracker
