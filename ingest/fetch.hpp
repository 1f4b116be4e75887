#pragma once
// Documents from http(s) URLs: the one adapter over libcurl. Only http and https, also
// after redirects; TLS verified; a bounded number of redirects; connect, idle and total
// time limits; a size limit enforced while the body arrives. The body goes to a temporary
// file, never to memory, so a large response cannot exhaust it.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace foialens::ingest {

struct FetchOptions {
  std::filesystem::path temp_dir;               // where the body is written; empty = system temp
  std::chrono::milliseconds connect_timeout{15'000};
  std::chrono::milliseconds idle_timeout{30'000};   // no data received for this long
  std::chrono::milliseconds total_timeout{600'000};
  std::uint64_t max_bytes = 50ull << 20;        // 50 MiB
  long max_redirects = 5;
  std::string user_agent = "foialens/0.1";
  // Test servers on 127.0.0.1 speak plain http; certificate checks always stay on.
};

struct Fetched {
  std::string url;            // as given
  std::string final_url;      // after redirects
  std::string content_type;   // as sent, e.g. "application/pdf"; may be empty
  long status = 0;            // final HTTP status
  std::string fetched_at;     // ISO date-time (UTC) when the body was complete
  std::uint64_t size = 0;     // bytes of the body
  std::filesystem::path body; // temporary file holding the body; the caller removes it
};

// True for "scheme://..." inputs (any scheme: an unsupported one is reported by fetch()).
bool looks_like_url(std::string_view input);

// Fetches `url`. Every error (scope input) reads "fetch failed: why", e.g.
// "fetch failed: HTTP 404 Not Found", "fetch failed: redirect loop (more than 5 redirects)",
// "fetch failed: body larger than 50 MiB limit", "fetch failed: no data for 10 s (timed
// out)", "fetch failed: unsupported scheme 'ftp' (only http and https)". On failure no
// temporary file is left behind.
Result<Fetched> fetch(const std::string& url, const FetchOptions& options = {});

// "50 MiB", "512 KiB", "1000 bytes".
std::string format_bytes(std::uint64_t bytes);

}  // namespace foialens::ingest
