#pragma once
// The current UTC time as text (internal to tracker/): when an event was recorded, the
// DTSTAMP of an iCalendar export.

#include <ctime>
#include <string>

namespace foialens::tracker::detail {

// `format` as strftime takes it, e.g. "%Y-%m-%dT%H:%M:%SZ".
inline std::string utc_now(const char* format) {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

}  // namespace foialens::tracker::detail
