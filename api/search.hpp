#pragma once
// `search`: the query run as the CLI runs it (restricted to a records request's documents
// when asked), and its answer as JSON lines.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "index/searcher.hpp"

namespace foialens::api {

struct SearchQuery {
  std::string query;
  std::size_t limit = 10;
  std::size_t offset = 0;
  bool docs = false;    // one hit per document
  bool facets = false;  // count matching documents by agency and type
  std::vector<std::string> documents;  // restrict to these documents
  long request = 0;     // restrict to what this records request returned (0: no)
  std::string highlight_open = "[";
  std::string highlight_close = "]";
};

// Errors read as the CLI prints them ("search: ...", "search --request 3: ..."); scope
// input is the caller's mistake (a query that does not parse, an unknown request), scope
// run means nothing could be searched (no index yet, no documents linked).
Result<index::SearchResults> search(const std::filesystem::path& home, const SearchQuery& query);

// One JSON object per hit, each on its own line, then the facet counts when asked: what
// `search --json` prints.
std::string search_json(const index::SearchResults& results, bool facets);

}  // namespace foialens::api
