// The JSON API: each route answers with exactly what the CLI's --json prints for the same
// command, built by the same function in api/.

#include <charconv>

#include "api/documents.hpp"
#include "api/requests.hpp"
#include "api/search.hpp"
#include "common/paths.hpp"
#include "index/searcher.hpp"
#include "tracker/tracker.hpp"
#include "web/pages.hpp"
#include "web/params.hpp"

namespace foialens::web::pages {

Response api_search(Site& site, const Request& req) {
  auto query = search_query(req, /*api=*/true);
  if (!query) return error(400, query.error().message, true);
  auto results = api::search(site.home, *query);
  if (!results) return error(status_for(results.error()), results.error().message, true);
  return Response::json_lines(api::search_json(*results, query->facets));
}

Response api_docs(Site& site, const Request& req) {
  api::DocsFilter filter;
  filter.type = req.param("type");
  filter.low_confidence = flag(req, "low_confidence");
  if (req.has("threshold")) {
    auto t = number_param(req, "threshold", 0, 100);
    if (!t) return error(400, t.error().message, true);
    filter.threshold = static_cast<double>(*t);
  }
  auto searcher = index::Searcher::open(site.home / "index");
  if (!searcher) return error(503, searcher.error().message, true);
  return Response::json_lines(api::docs_json(searcher->documents(), filter));
}

Response api_show(Site& site, const Request&, const std::string& doc, const std::string& page) {
  auto searcher = index::Searcher::open(site.home / "index");
  if (!searcher) return error(503, searcher.error().message, true);
  auto info = searcher->document(doc);
  if (!info) return error(404, "show " + doc + ": " + info.error().message, true);
  if (page.empty()) {
    return Response::json(api::show_json(*info, api::related(*searcher, *info), searcher->passages(info->id)));
  }
  int n = 0;
  std::from_chars(page.data(), page.data() + page.size(), n);
  auto text = searcher->page_text(info->id, n);
  if (!text) return error(404, "show " + doc + ":" + page + ": " + text.error().message, true);
  return Response::json(api::page_json(*info, n, *text));
}

Response api_stats(Site& site, const Request&) {
  auto searcher = index::Searcher::open(site.home / "index");
  if (!searcher) return error(503, searcher.error().message, true);
  return Response::json(api::stats_json(api::library_stats(*searcher, site.home)));
}

Response api_requests(Site& site, const Request& req) {
  auto today = today_param(req);
  if (!today) return error(400, today.error().message, true);
  tracker::ListFilter filter;
  filter.all = flag(req, "all");
  filter.overdue = flag(req, "overdue");
  auto t = tracker::Tracker::open(site.home, paths::data_dir());
  if (!t) return error(503, "requests: " + t.error().message, true);
  auto views = t->list(filter, *today);
  if (!views) return error(503, "requests: " + views.error().message, true);
  return Response::json(api::requests_json(*views, *today));
}

Response api_request(Site& site, const Request& req, const std::string& id) {
  auto today = today_param(req);
  if (!today) return error(400, today.error().message, true);
  auto t = tracker::Tracker::open(site.home, paths::data_dir());
  if (!t) return error(503, "requests: " + t.error().message, true);
  auto view = t->view(std::stol(id), *today);
  if (!view) return error(404, "requests show " + id + ": " + view.error().message, true);
  return Response::json(api::request_json(*view, *today));
}

}  // namespace foialens::web::pages
