#include "tracker/http_fetch.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace foialens::tracker {
namespace {

struct Sink {
  std::string body;
  std::size_t limit = 0;
  bool too_big = false;
};

std::size_t on_data(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  if (sink->body.size() + n > sink->limit) {
    sink->too_big = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  sink->body.append(data, n);
  return n;
}

std::string mib(std::size_t bytes) {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return std::to_string(bytes / (1024 * 1024)) + " MiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

Result<std::string> fetch_url(const std::string& url, const FetchOptions& options) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    return Error::input(url + ": only http:// and https:// URLs can be fetched");
  }
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return Error::run(url + ": cannot start a transfer (libcurl)");
  CURL* h = curl.get();
  Sink sink;
  sink.limit = options.max_bytes;
  char error_buffer[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, options.total_timeout_ms);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_data);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "foialens/0.1 (records-request tracker)");
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);

  const CURLcode rc = curl_easy_perform(h);
  if (sink.too_big || rc == CURLE_FILESIZE_EXCEEDED) {
    return Error::input(url + ": the response is larger than the limit of " + mib(options.max_bytes));
  }
  if (rc == CURLE_OPERATION_TIMEDOUT) {
    return Error::input(url + ": timed out (no complete answer within " +
                        std::to_string(options.total_timeout_ms) + " ms; connect limit " +
                        std::to_string(options.connect_timeout_ms) + " ms)");
  }
  if (rc != CURLE_OK) {
    return Error::input(url + ": " + (error_buffer[0] ? std::string(error_buffer)
                                                       : std::string(curl_easy_strerror(rc))));
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 400) return Error::input(url + ": the server answered HTTP " + std::to_string(status));
  return std::move(sink.body);
}

}  // namespace foialens::tracker
