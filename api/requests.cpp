#include "api/requests.hpp"

#include "tracker/export.hpp"

namespace foialens::api {

std::string requests_json(const std::vector<tracker::RequestView>& views, Date today) {
  return tracker::to_json(views, false, today, 2) + "\n";
}

std::string request_json(const tracker::RequestView& view, Date today) {
  return tracker::to_json(view, true, today, 2) + "\n";
}

std::string request_summary_json(const tracker::RequestView& view, Date today) {
  return tracker::to_json(view, false, today, 2) + "\n";
}

std::string short_date(Date d) { return d.weekday_name().substr(0, 3) + " " + d.iso(); }

std::string counted_days(const std::vector<tracker::DayMark>& days) {
  std::vector<std::string> parts;
  for (const tracker::DayMark& m : days) {
    if (m.count > 0) parts.push_back(short_date(m.date) + " (" + std::to_string(m.count) + ")");
  }
  if (parts.size() > 12) {
    const std::size_t n = parts.size();
    parts = {parts[0], parts[1], "... " + std::to_string(n - 4) + " more ...", parts[n - 2], parts[n - 1]};
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace foialens::api
