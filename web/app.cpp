#include "web/app.hpp"

#include <nlohmann/json.hpp>
#include <regex>

#include "web/html.hpp"
#include "web/pages.hpp"

namespace foialens::web {

struct App::State {
  pages::Site site;
};

App::App(std::filesystem::path home) : state_(std::make_unique<State>()) {
  state_->site.home = std::move(home);
}
App::~App() = default;

namespace pages {

Response error(int status, const std::string& message, bool api, const std::string& hint) {
  if (api) {
    nlohmann::json j = {{"error", message}};
    if (!hint.empty()) j["hint"] = hint;
    return Response::json(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", status);
  }
  return Response::html(html::error_page(status, message, hint), status);
}

}  // namespace pages

namespace {

Response asset(std::string_view body, const char* type) {
  Response r{200, type, std::string(body), {}, {}};
  r.headers.emplace("Cache-Control", "max-age=3600");
  return r;
}

// Routes match the whole decoded path. Ids are hex digits and page numbers digits, so
// nothing else in a path (dots, slashes, encoded or not) reaches a handler.
using Handler = Response (*)(pages::Site&, const Request&, const std::smatch&);

struct Route {
  const char* method;
  std::regex pattern;
  Handler handler;
};

const std::vector<Route>& routes() {
  using namespace pages;
  static const std::string kDoc = "([0-9a-f]{4,64})";
  static const std::vector<Route> table = {
      {"GET", std::regex("/static/style\\.css"),
       [](Site&, const Request&, const std::smatch&) { return asset(html::kStylesheet, "text/css; charset=utf-8"); }},
      {"GET", std::regex("/static/app\\.js"),
       [](Site&, const Request&, const std::smatch&) {
         return asset(html::kScript, "text/javascript; charset=utf-8");
       }},
      {"GET", std::regex("/"), [](Site& s, const Request& r, const std::smatch&) { return report(s, r); }},
      {"GET", std::regex("/conflicts"), [](Site& s, const Request& r, const std::smatch&) { return conflicts(s, r); }},
      {"GET", std::regex("/agreements"), [](Site& s, const Request& r, const std::smatch&) { return agreements(s, r); }},
      {"GET", std::regex("/references"), [](Site& s, const Request& r, const std::smatch&) { return references(s, r); }},
      {"POST", std::regex("/references/([0-9a-f]{4,16})/request"),
       [](Site& s, const Request& r, const std::smatch& m) { return draft_request(s, r, m[1]); }},
      {"GET", std::regex("/api/conflicts"),
       [](Site& s, const Request& r, const std::smatch&) { return api_conflicts(s, r); }},
      {"GET", std::regex("/api/agreements"),
       [](Site& s, const Request& r, const std::smatch&) { return api_agreements(s, r); }},
      {"GET", std::regex("/api/references"),
       [](Site& s, const Request& r, const std::smatch&) { return api_references(s, r); }},
      {"GET", std::regex("/api/report"), [](Site& s, const Request& r, const std::smatch&) { return api_report(s, r); }},
      {"GET", std::regex("/search"), [](Site& s, const Request& r, const std::smatch&) { return search(s, r); }},
      {"GET", std::regex("/docs"), [](Site& s, const Request& r, const std::smatch&) { return docs(s, r); }},
      {"GET", std::regex("/doc/" + kDoc),
       [](Site& s, const Request& r, const std::smatch& m) { return document(s, r, m[1]); }},
      {"GET", std::regex("/doc/" + kDoc + "/original"),
       [](Site& s, const Request& r, const std::smatch& m) { return original(s, r, m[1]); }},
      {"GET", std::regex("/doc/" + kDoc + "/page/([0-9]{1,6})"),
       [](Site& s, const Request& r, const std::smatch& m) { return page(s, r, m[1], m[2]); }},
      {"GET", std::regex("/doc/" + kDoc + "/page/([0-9]{1,6})\\.png"),
       [](Site& s, const Request& r, const std::smatch& m) { return page_image(s, r, m[1], m[2]); }},
      {"GET", std::regex("/requests"), [](Site& s, const Request& r, const std::smatch&) { return requests(s, r); }},
      {"GET", std::regex("/requests/([0-9]{1,12})"),
       [](Site& s, const Request& r, const std::smatch& m) { return request(s, r, m[1]); }},
      {"POST", std::regex("/requests/([0-9]{1,12})/events"),
       [](Site& s, const Request& r, const std::smatch& m) { return add_event(s, r, m[1]); }},
      {"GET", std::regex("/api/search"), [](Site& s, const Request& r, const std::smatch&) { return api_search(s, r); }},
      {"GET", std::regex("/api/docs"), [](Site& s, const Request& r, const std::smatch&) { return api_docs(s, r); }},
      {"GET", std::regex("/api/doc/" + kDoc),
       [](Site& s, const Request& r, const std::smatch& m) { return api_show(s, r, m[1], ""); }},
      {"GET", std::regex("/api/doc/" + kDoc + "/page/([0-9]{1,6})"),
       [](Site& s, const Request& r, const std::smatch& m) { return api_show(s, r, m[1], m[2]); }},
      {"GET", std::regex("/api/stats"), [](Site& s, const Request& r, const std::smatch&) { return api_stats(s, r); }},
      {"GET", std::regex("/api/requests"),
       [](Site& s, const Request& r, const std::smatch&) { return api_requests(s, r); }},
      {"GET", std::regex("/api/requests/([0-9]{1,12})"),
       [](Site& s, const Request& r, const std::smatch& m) { return api_request(s, r, m[1]); }},
  };
  return table;
}

}  // namespace

Response App::handle(const Request& request) const {
  const bool api = request.path.rfind("/api/", 0) == 0;
  if (request.path.size() > 2048) return pages::error(414, "address too long", api);
  bool path_known = false;
  std::smatch m;
  for (const Route& route : routes()) {
    if (!std::regex_match(request.path, m, route.pattern)) continue;
    path_known = true;
    const bool method_ok = request.method == route.method || (request.method == "HEAD" && std::string(route.method) == "GET");
    if (!method_ok) continue;
    try {
      return route.handler(state_->site, request, m);
    } catch (const std::exception& e) {
      return pages::error(500, std::string("internal error: ") + e.what(), api);
    }
  }
  if (path_known) return pages::error(405, request.method + " is not allowed on " + request.path, api);
  return pages::error(404, "no such page: " + request.path, api,
                      "Pages: / (report), /search, /docs, /doc/ID, /conflicts, /agreements, /references, /requests.");
}

}  // namespace foialens::web
