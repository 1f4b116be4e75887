#include "api/search.hpp"

#include <nlohmann/json.hpp>

#include "common/paths.hpp"
#include "tracker/tracker.hpp"

namespace foialens::api {

using nlohmann::json;

Result<index::SearchResults> search(const std::filesystem::path& home, const SearchQuery& query) {
  auto searcher = index::Searcher::open(home / "index");
  if (!searcher) return Error::run(searcher.error().message);
  index::SearchOptions options;
  options.query = query.query;
  options.limit = query.limit;
  options.offset = query.offset;
  options.collapse_documents = query.docs;
  options.facets = query.facets;
  options.documents = query.documents;
  options.highlight_open = query.highlight_open;
  options.highlight_close = query.highlight_close;
  if (query.request > 0) {
    const std::string id = std::to_string(query.request);
    auto t = tracker::Tracker::open(home, paths::data_dir());
    if (!t) return Error::run("search --request: " + t.error().message);
    if (!t->store().request_exists(query.request)) {
      return Error::input("search --request " + id + ": no such request (see 'foialens requests list --all')");
    }
    const auto linked = t->store().documents_for(query.request);
    if (linked.empty()) {
      return Error::run("search --request " + id +
                        ": no documents linked to this request yet (foialens requests link " + id +
                        " DOC, or ingest --request)");
    }
    options.documents.insert(options.documents.end(), linked.begin(), linked.end());
  }
  auto results = searcher->search(options);
  if (!results) return Error{"search: " + results.error().message, results.error().scope};
  return std::move(*results);
}

std::string search_json(const index::SearchResults& results, bool facets) {
  std::string out;
  for (const auto& hit : results.hits) {
    json j = {{"doc", short_id(hit.doc)}, {"doc_id", hit.doc},     {"title", hit.title},
              {"source", hit.source},     {"type", hit.doc_type},  {"date", hit.date},
              {"page", hit.page},         {"page_end", hit.page_end},
              {"clause", hit.clause},     {"path", hit.heading_path},
              {"score", hit.score},       {"percent", hit.percent},
              {"snippet", hit.snippet}};
    out += j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  }
  if (facets) {
    json f = {{"facets", true}, {"agency", json::object()}, {"type", json::object()}};
    for (const auto& c : results.agencies) f["agency"][c.value] = c.count;
    for (const auto& c : results.types) f["type"][c.value] = c.count;
    out += f.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  }
  return out;
}

}  // namespace foialens::api
