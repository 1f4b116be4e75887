#pragma once
// The events of a request's append-only log, and which new events make sense.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "common/error.hpp"

namespace foialens::tracker {

struct Law;

enum class EventKind {
  filed,
  acknowledged,
  extended,
  fix_required,
  clarified,
  fee_requested,
  fee_paid,
  partial_response,
  records_released,
  denied,
  no_records,
  appealed,
  appeal_decided,
  withdrawn,
  // Closed with no known outcome: a row of a historic log past its appeal window.
  closed,
  note,
};

std::string_view event_name(EventKind kind);  // "fix-required"
std::optional<EventKind> event_from_name(std::string_view name);
std::span<const EventKind> all_events();

struct Event {
  long id = 0;  // row id: the order events were recorded
  EventKind kind = EventKind::note;
  Date date;
  std::string note;
  std::string exemptions;        // denied / partial / released: the exemptions cited
  std::string tracking;          // a tracking number this event brought (appeal number...)
  std::string tracking_kind;     // initial | appeal | refiled | agency; empty: from the event
  std::optional<Date> until;     // extended: a date agreed with the requester
  std::string recorded_at;       // UTC timestamp of the recording
};

// Events in the order they happened: by date, then by the order they were recorded.
std::vector<Event> in_order(std::vector<Event> events);

// Whether `next` can be appended to `log` (in order) under `law`; the error says why not.
Status check_event(const Law& law, std::span<const Event> log, const Event& next);

}  // namespace foialens::tracker
