#pragma once
// Requests written out: JSON (the same objects `requests list/show --json` print), CSV
// (one row per request) and iCalendar (RFC 5545: one all-day event per deadline).

#include <string>
#include <vector>

#include "common/date.hpp"
#include "tracker/tracker.hpp"

namespace foialens::tracker {

// One request as a JSON object. With `detail`, the timeline, every deadline with its
// working day by day, the documents and the notes too.
std::string to_json(const RequestView& view, bool detail, Date today, int indent = -1);
// An array of request objects.
std::string to_json(const std::vector<RequestView>& views, bool detail, Date today, int indent = -1);

// One row per request. The last column, foialens_record, holds the whole request (tracking
// numbers with their kinds, tags, every event) as JSON, so that `import csv` gives back
// the same requests. With `bom`, a UTF-8 byte order mark first, for Excel.
std::string to_csv(const std::vector<RequestView>& views, Date today, bool bom = false);
// The foialens_record object of one request.
std::string record_json(const RequestView& view);

// `stamp` is the DTSTAMP, a UTC date-time as 20240102T030405Z; `home_id` the library
// home's random id, part of every UID so that two homes never share one.
std::string to_ics(const std::vector<RequestView>& views, const std::string& stamp,
                   const std::string& home_id);

namespace ics {
// Escapes TEXT per RFC 5545 3.3.11: backslash, semicolon, comma and newline.
std::string escape(std::string_view text);
// Folds one content line at 75 octets (never inside a UTF-8 sequence); ends with CRLF.
std::string fold(std::string_view line);
}  // namespace ics

std::string utc_stamp_now();  // 20240102T030405Z

}  // namespace foialens::tracker
