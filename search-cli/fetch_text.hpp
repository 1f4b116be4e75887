#pragma once
// A URL's body as text, through ingest's fetcher (the one place that speaks HTTP).

#include <string>

#include "common/error.hpp"
#include "ingest/fetch.hpp"

namespace foialens::cli {

// The body of `url`; errors read "URL: fetch failed: why".
Result<std::string> fetch_text(const std::string& url, const ingest::FetchOptions& options);

}  // namespace foialens::cli
