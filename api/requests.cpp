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

}  // namespace foialens::api
