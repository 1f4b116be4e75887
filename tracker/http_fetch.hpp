#pragma once
// Fetches one URL over HTTP(S) into memory (the only file that includes curl/).

#include <cstddef>
#include <string>

#include "common/error.hpp"

namespace foialens::tracker {

struct FetchOptions {
  long connect_timeout_ms = 10'000;
  long total_timeout_ms = 60'000;          // the whole transfer, stalls included
  std::size_t max_bytes = 32 * 1024 * 1024;  // a larger body is an error, not truncated
};

// The body of `url` (http:// or https:// only; redirects followed up to 5 times). A
// status of 400 or more, a timeout or a body over the limit is an error that says which.
Result<std::string> fetch_url(const std::string& url, const FetchOptions& options = {});

}  // namespace foialens::tracker
