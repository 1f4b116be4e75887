#include "tracker/events.hpp"

#include <algorithm>
#include <array>

#include "tracker/law.hpp"

namespace foialens::tracker {
namespace {

struct Named {
  EventKind kind;
  std::string_view name;
};

constexpr std::array<Named, 16> kEvents = {{
    {EventKind::filed, "filed"},
    {EventKind::acknowledged, "acknowledged"},
    {EventKind::extended, "extended"},
    {EventKind::fix_required, "fix-required"},
    {EventKind::clarified, "clarified"},
    {EventKind::fee_requested, "fee-requested"},
    {EventKind::fee_paid, "fee-paid"},
    {EventKind::partial_response, "partial-response"},
    {EventKind::records_released, "records-released"},
    {EventKind::denied, "denied"},
    {EventKind::no_records, "no-records"},
    {EventKind::appealed, "appealed"},
    {EventKind::appeal_decided, "appeal-decided"},
    {EventKind::withdrawn, "withdrawn"},
    {EventKind::closed, "closed"},
    {EventKind::note, "note"},
}};

constexpr std::array<EventKind, 16> kAll = {
    EventKind::filed,          EventKind::acknowledged,     EventKind::extended,
    EventKind::fix_required,   EventKind::clarified,        EventKind::fee_requested,
    EventKind::fee_paid,       EventKind::partial_response, EventKind::records_released,
    EventKind::denied,         EventKind::no_records,       EventKind::appealed,
    EventKind::appeal_decided, EventKind::withdrawn,        EventKind::closed,
    EventKind::note};

}  // namespace

std::string_view event_name(EventKind kind) {
  for (const Named& n : kEvents) {
    if (n.kind == kind) return n.name;
  }
  return "note";
}

std::optional<EventKind> event_from_name(std::string_view name) {
  for (const Named& n : kEvents) {
    if (n.name == name) return n.kind;
  }
  // Accept the spellings people type: "fix_required", "Fee Requested".
  std::string canon;
  for (char c : name) {
    canon += (c == '_' || c == ' ') ? '-' : (c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  for (const Named& n : kEvents) {
    if (n.name == canon) return n.kind;
  }
  return std::nullopt;
}

std::span<const EventKind> all_events() { return kAll; }

std::vector<Event> in_order(std::vector<Event> events) {
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    if (a.date != b.date) return a.date < b.date;
    if (a.kind == EventKind::filed || b.kind == EventKind::filed) return a.kind == EventKind::filed && b.kind != EventKind::filed;
    return a.id < b.id;
  });
  return events;
}

Status check_event(const Law& law, std::span<const Event> log, const Event& next) {
  const std::string what = std::string(event_name(next.kind)) + " on " + next.date.iso();
  const auto fail = [&](const std::string& why) { return Error::input(what + ": " + why); };
  const Event* filed = nullptr;
  for (const Event& e : log) {
    if (e.kind == EventKind::filed) filed = &e;
  }
  if (next.kind == EventKind::filed) {
    if (filed) return fail("the request was already filed on " + filed->date.iso());
    return Ok{};
  }
  if (!filed) return fail("the request has no 'filed' event");
  if (next.date < filed->date) {
    return fail("the request was filed on " + filed->date.iso() + ", after this date");
  }
  if (next.kind == EventKind::note) return Ok{};
  for (const Event& e : log) {
    if (e.kind == EventKind::withdrawn) {
      return fail("the request was withdrawn on " + e.date.iso() + " (only notes can follow)");
    }
    if (e.kind == EventKind::closed) {
      return fail("the request was closed on " + e.date.iso() + " (only notes can follow)");
    }
  }

  const auto last_of = [&](EventKind k) -> const Event* {
    const Event* found = nullptr;
    for (const Event& e : log) {
      if (e.kind == k) found = &e;
    }
    return found;
  };

  switch (next.kind) {
    case EventKind::appeal_decided: {
      const Event* appeal = last_of(EventKind::appealed);
      if (!appeal) return fail("the request was not appealed (log 'appealed' first)");
      if (appeal->date > next.date) {
        return fail("the appeal was filed on " + appeal->date.iso() + ", after this date");
      }
      if (const Event* decided = last_of(EventKind::appeal_decided);
          decided && decided->date >= appeal->date) {
        return fail("the appeal was already decided on " + decided->date.iso());
      }
      return Ok{};
    }
    case EventKind::extended: {
      if (next.until && *next.until <= next.date) {
        return fail("the agreed date " + next.until->iso() + " is not after the extension");
      }
      int count = 0;
      for (const Event& e : log) count += e.kind == EventKind::extended && !e.until ? 1 : 0;
      if (!next.until && law.extension.defined() && count >= law.max_extensions) {
        return fail(law.name + " allows " + std::to_string(law.max_extensions) +
                    " extension(s) (" + law.extension.citation +
                    "); for a date agreed with the requester use --until DATE");
      }
      if (!next.until && !law.extension.defined()) {
        return fail(law.name + " provides no extension; for a date agreed with the requester use --until DATE");
      }
      return Ok{};
    }
    case EventKind::clarified:
    case EventKind::fee_paid: {
      // The answer must follow a matching request from the agency that is still open.
      const EventKind ask =
          next.kind == EventKind::clarified ? EventKind::fix_required : EventKind::fee_requested;
      const Event* asked = last_of(ask);
      if (!asked) {
        return fail(std::string("the agency never asked for it (no '") +
                    std::string(event_name(ask)) + "' event)");
      }
      if (asked->date > next.date) {
        return fail(std::string("the agency asked on ") + asked->date.iso() + ", after this date");
      }
      if (const Event* prev = last_of(next.kind); prev && prev->date >= asked->date &&
                                                  prev->id > asked->id) {
        return fail("already answered on " + prev->date.iso());
      }
      return Ok{};
    }
    default:
      break;
  }
  return Ok{};
}

}  // namespace foialens::tracker
