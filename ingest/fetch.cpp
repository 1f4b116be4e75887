#include "ingest/fetch.hpp"

#include "common/date.hpp"

#include <curl/curl.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>
#include <system_error>

#include "common/text.hpp"

namespace foialens::ingest {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// What the callbacks see of a transfer in progress.
struct Transfer {
  std::FILE* out = nullptr;
  std::uint64_t bytes = 0;
  std::uint64_t max_bytes = 0;
  bool too_large = false;
  bool write_failed = false;
  bool stalled = false;
  std::chrono::milliseconds idle_timeout{0};
  Clock::time_point last_data = Clock::now();
  std::string reason;  // reason phrase of the last status line
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  t->last_data = Clock::now();
  if (t->bytes + n > t->max_bytes) {
    t->too_large = true;
    return 0;  // aborts the transfer
  }
  if (std::fwrite(data, 1, n, t->out) != n) {
    t->write_failed = true;
    return 0;
  }
  t->bytes += n;
  return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  t->last_data = Clock::now();
  const std::string_view line(data, n);
  if (line.rfind("HTTP/", 0) == 0) {
    // "HTTP/1.1 404 Not Found": the reason is what follows the code.
    const auto sp1 = line.find(' ');
    const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    t->reason = sp2 == std::string_view::npos ? std::string()
                                              : std::string(text::trim(line.substr(sp2 + 1)));
  }
  return n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  if (Clock::now() - t->last_data > t->idle_timeout) {
    t->stalled = true;
    return 1;  // aborts the transfer
  }
  return 0;
}

std::string seconds(std::chrono::milliseconds ms) {
  const auto n = ms.count();
  if (n % 1000 == 0) return std::to_string(n / 1000) + " s";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(n) / 1000.0);
  return buf;
}

std::string_view standard_reason(long code) {
  switch (code) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 410: return "Gone";
    case 429: return "Too Many Requests";
    case 451: return "Unavailable For Legal Reasons";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

// ".pdf" from "https://x/y/report.pdf?dl=1", so that the temporary file reads like one.
std::string suffix_of(std::string_view url) {
  const auto scheme = url.find("://");
  std::string_view path = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  path = path.substr(0, path.find_first_of("?#"));
  const auto slash = path.find('/');
  if (slash == std::string_view::npos) return {};
  path = path.substr(slash);
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) return {};
  const std::string_view ext = path.substr(dot);
  if (ext.size() < 2 || ext.size() > 6) return {};
  for (char c : ext.substr(1)) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return {};
  }
  return text::lower_ascii(ext);
}

Error failed(const std::string& why) { return Error::input("fetch failed: " + why); }

// "example.org:8080" from "https://user@example.org:8080/a?b".
std::string host_of(std::string_view url) {
  const auto scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  return std::string(rest);
}

}  // namespace

bool looks_like_url(std::string_view input) {
  const auto colon = input.find("://");
  if (colon == std::string_view::npos || colon == 0 || colon > 10) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = input[i];
    if (!(std::isalpha(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) {
      return false;
    }
  }
  return true;
}

std::string format_bytes(std::uint64_t bytes) {
  if (bytes >= (1ull << 20) && bytes % (1ull << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1ull << 10) && bytes % (1ull << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

Result<Fetched> fetch(const std::string& url, const FetchOptions& options) {
  if (!looks_like_url(url)) return failed("not a URL (expected http:// or https://)");
  const std::string scheme = text::lower_ascii(url.substr(0, url.find("://")));
  if (scheme != "http" && scheme != "https") {
    return failed("unsupported scheme '" + scheme + "' (only http and https)");
  }
  global_init();

  // The body's temporary file.
  std::error_code ec;
  fs::path dir = options.temp_dir.empty() ? fs::temp_directory_path(ec) : options.temp_dir;
  if (ec) return Error::run("fetch failed: no temporary folder: " + ec.message());
  fs::create_directories(dir, ec);
  const std::string suffix = suffix_of(url);
  std::string pattern = (dir / "foialens-fetch-XXXXXX").string() + suffix;
  const int fd = ::mkstemps(pattern.data(), static_cast<int>(suffix.size()));
  if (fd < 0) {
    return Error::run("fetch failed: cannot create a temporary file in " + dir.string() + ": " +
                      std::error_code(errno, std::generic_category()).message());
  }
  const fs::path body(pattern);
  std::unique_ptr<std::FILE, FileCloser> out(::fdopen(fd, "wb"));
  if (!out) {
    ::close(fd);
    fs::remove(body, ec);
    return Error::run("fetch failed: cannot write " + body.string());
  }
  const auto fail = [&](Error e) -> Result<Fetched> {
    out.reset();
    std::error_code rm;
    fs::remove(body, rm);
    return e;
  };

  std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
  if (!curl) return fail(Error::run("fetch failed: libcurl could not start"));
  CURL* c = curl.get();
  Transfer t;
  t.out = out.get();
  t.max_bytes = options.max_bytes;
  t.idle_timeout = options.idle_timeout;
  char errbuf[CURL_ERROR_SIZE] = {0};

  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, options.max_redirects);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
  curl_easy_setopt(c, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);

  t.last_data = Clock::now();
  const CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  const std::string detail = errbuf[0] ? std::string(errbuf) : std::string(curl_easy_strerror(rc));

  if (rc != CURLE_OK) {
    const std::string limit = format_bytes(options.max_bytes);
    if (t.too_large || rc == CURLE_FILESIZE_EXCEEDED) {
      return fail(failed("body larger than " + limit + " limit"));
    }
    if (t.stalled) return fail(failed("no data for " + seconds(options.idle_timeout) + " (timed out)"));
    switch (rc) {
      case CURLE_HTTP_RETURNED_ERROR: {
        std::string reason = t.reason.empty() ? std::string(standard_reason(status)) : t.reason;
        return fail(failed("HTTP " + std::to_string(status) + (reason.empty() ? "" : " " + reason)));
      }
      case CURLE_TOO_MANY_REDIRECTS:
        return fail(failed("redirect loop (more than " + std::to_string(options.max_redirects) +
                           " redirects)"));
      case CURLE_UNSUPPORTED_PROTOCOL:
        return fail(failed("redirected to a URL that is not http or https"));
      case CURLE_OPERATION_TIMEDOUT: {
        double connect = 0;
        curl_easy_getinfo(c, CURLINFO_CONNECT_TIME, &connect);
        if (connect <= 0) {
          return fail(failed("could not connect within " + seconds(options.connect_timeout) +
                             " (timed out)"));
        }
        return fail(failed("took longer than " + seconds(options.total_timeout) + " (timed out)"));
      }
      case CURLE_COULDNT_RESOLVE_HOST: {
        // After a redirect the host that failed is the one redirected to.
        char* last = nullptr;
        curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &last);
        return fail(failed("cannot resolve host '" + host_of(last ? last : url) + "'"));
      }
      case CURLE_COULDNT_CONNECT: {
        char* last = nullptr;
        curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &last);
        return fail(failed("cannot connect to " + host_of(last ? last : url) +
                           " (refused or unreachable)"));
      }
      case CURLE_PEER_FAILED_VERIFICATION:
        return fail(failed("TLS certificate not trusted: " + detail));
      case CURLE_WRITE_ERROR:
        if (t.write_failed) {
          return fail(Error::run("fetch failed: cannot write the temporary file in " + dir.string()));
        }
        return fail(failed(detail));
      default:
        return fail(failed(detail));
    }
  }
  if (status < 200 || status >= 300) {
    std::string reason = t.reason.empty() ? std::string(standard_reason(status)) : t.reason;
    return fail(failed("HTTP " + std::to_string(status) + (reason.empty() ? "" : " " + reason)));
  }
  if (std::fflush(out.get()) != 0) {
    return fail(Error::run("fetch failed: cannot write the temporary file in " + dir.string()));
  }
  out.reset();

  Fetched f;
  f.url = url;
  char* effective = nullptr;
  curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &effective);
  f.final_url = effective ? effective : url;
  char* type = nullptr;
  curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
  f.content_type = type ? type : "";
  f.status = status;
  f.fetched_at = foialens::now_iso_utc();
  f.size = t.bytes;
  f.body = body;
  return f;
}

}  // namespace foialens::ingest
