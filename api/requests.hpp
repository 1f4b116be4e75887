#pragma once
// `requests list` and `requests show`: the tracker's derived view of each records request
// as JSON (the objects the tracker's export writes).

#include <string>
#include <vector>

#include "common/date.hpp"
#include "tracker/tracker.hpp"

namespace foialens::api {

// `requests list --json`: an array of requests as of `today`.
std::string requests_json(const std::vector<tracker::RequestView>& views, Date today);

// `requests show ID --json`: one request with its timeline, every deadline with the
// working behind it, its documents and notes.
std::string request_json(const tracker::RequestView& view, Date today);

// `requests add --json` and `requests log --json`: one request without the detail.
std::string request_summary_json(const tracker::RequestView& view, Date today);

// "Mon 2016-05-16": how a deadline's working names a day.
std::string short_date(Date d);

// The days a deadline counted, "Mon 2016-05-16 (1), ...", shortened in the middle when long.
std::string counted_days(const std::vector<tracker::DayMark>& days);

}  // namespace foialens::api
