#include "web/params.hpp"

#include <charconv>

#include "web/html.hpp"

namespace foialens::web {

bool flag(const Request& req, const std::string& name) {
  const std::string v = req.param(name);
  return v == "1" || v == "true" || v == "on" || v == "yes";
}

Result<long> number_param(const Request& req, const std::string& name, long min, long max) {
  const std::string v = req.param(name);
  long n = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size() || n < min || n > max) {
    return Error::input(name + "=" + v + ": expected a whole number from " + std::to_string(min) + " to " +
                        std::to_string(max));
  }
  return n;
}

Result<Date> today_param(const Request& req) {
  if (!req.has("today")) return Date::today();
  auto d = Date::parse_iso(req.param("today"));
  if (!d) return Error::input("today=" + req.param("today") + ": " + d.error().message);
  return *d;
}

Result<api::SearchQuery> search_query(const Request& req, bool api) {
  api::SearchQuery q;
  q.query = req.param("q");
  if (q.query.size() > 4096) return Error::input("q: the query is longer than 4096 bytes");
  if (req.has("limit")) {
    auto n = number_param(req, "limit", 1, 1000);
    if (!n) return n.error();
    q.limit = static_cast<std::size_t>(*n);
  }
  if (req.has("offset")) {
    auto n = number_param(req, "offset", 0, 1'000'000);
    if (!n) return n.error();
    q.offset = static_cast<std::size_t>(*n);
  }
  if (req.has("request")) {
    auto n = number_param(req, "request", 1, 1'000'000'000);
    if (!n) return n.error();
    q.request = *n;
  }
  q.docs = flag(req, "docs");
  q.facets = flag(req, "facets");
  const auto [from, to] = req.params.equal_range("doc");
  for (auto it = from; it != to; ++it) q.documents.push_back(it->second);
  if (!api) {
    q.highlight_open = std::string(html::kMarkOpen);
    q.highlight_close = std::string(html::kMarkClose);
  }
  return q;
}

int status_for(const Error& error) { return error.scope == ErrorScope::input ? 400 : 503; }

}  // namespace foialens::web
