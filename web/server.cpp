#include "web/server.hpp"

#include <httplib.h>
#include <openssl/crypto.h>
#include <signal.h>

#include <array>
#include <atomic>
#include <fstream>
#include <memory>
#include <thread>

#include "web/app.hpp"
#include "web/html.hpp"

namespace foialens::web {
namespace {

constexpr std::string_view kTokenCookie = "foialens_token";

// Compares in time independent of where the strings differ, so that the token cannot be
// guessed one character at a time.
bool same_secret(std::string_view given, std::string_view token) {
  return given.size() == token.size() && !token.empty() &&
         CRYPTO_memcmp(given.data(), token.data(), token.size()) == 0;
}

std::string cookie_value(const httplib::Request& req, std::string_view name) {
  const std::string cookies = req.get_header_value("Cookie");
  std::size_t at = 0;
  while (at < cookies.size()) {
    std::size_t end = cookies.find(';', at);
    if (end == std::string::npos) end = cookies.size();
    std::string_view part(cookies.data() + at, end - at);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    at = end + 1;
  }
  return "";
}

// The host part of a Host header: "127.0.0.1:8080" -> "127.0.0.1", "[::1]:80" -> "::1".
std::string host_name(std::string_view host) {
  if (!host.empty() && host.front() == '[') {
    const auto close = host.find(']');
    return std::string(close == std::string_view::npos ? host.substr(1) : host.substr(1, close - 1));
  }
  return std::string(host.substr(0, host.find(':')));
}

void fail(httplib::Response& res, int status, std::string_view what, std::string_view hint = "") {
  res.status = status;
  res.set_content(html::error_page(status, what, hint), "text/html; charset=utf-8");
}

// Every check that comes before a page: the token, the byte ranges asked for, the Host header (a loopback server
// answers only to loopback names, so that a web page elsewhere cannot reach it by DNS
// rebinding), and the origin of writes.
httplib::Server::HandlerResponse guard(const ServeOptions& options, bool loopback,
                                       const httplib::Request& req, httplib::Response& res) {
  if (!options.token.empty()) {
    std::string given;
    const std::string auth = req.get_header_value("Authorization");
    if (auth.rfind("Bearer ", 0) == 0) given = auth.substr(7);
    else if (req.has_param("token")) given = req.get_param_value("token");
    else given = cookie_value(req, kTokenCookie);
    if (!same_secret(given, options.token)) {
      res.set_header("WWW-Authenticate", "Bearer realm=\"foialens\"");
      fail(res, 401, "this server needs its token",
           "Open the URL that 'foialens serve' printed (it carries the token), or send "
           "'Authorization: Bearer TOKEN'.");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.has_param("token") && req.method == "GET") {
      // Keep the token in a cookie and out of the address bar and of shared links.
      res.set_header("Set-Cookie", std::string(kTokenCookie) + "=" + options.token +
                                       "; Path=/; HttpOnly; SameSite=Strict");
    }
  }
  // Several ranges in one request would let a few bytes ask for the same answer many times
  // over. Originals are sent without ranges anyway (they are streamed whole).
  if (req.get_header_value("Range").find(',') != std::string::npos) {
    res.status = 416;
    return httplib::Server::HandlerResponse::Handled;
  }
  const std::string host = req.get_header_value("Host");
  if (loopback && !is_loopback_host(host_name(host))) {
    fail(res, 403, "Host '" + host + "' refused: this server answers only to 127.0.0.1, localhost or [::1]");
    return httplib::Server::HandlerResponse::Handled;
  }
  if (req.method != "GET" && req.method != "HEAD") {
    const std::string self = "http://" + host;
    const std::string origin = req.get_header_value("Origin");
    const std::string referer = req.get_header_value("Referer");
    const bool same = !origin.empty() ? origin == self
                                      : referer == self || referer.rfind(self + "/", 0) == 0;
    if (!same) {
      fail(res, 403, "write refused: it does not come from a page of this server (Origin '" +
                         (origin.empty() ? referer : origin) + "')");
      return httplib::Server::HandlerResponse::Handled;
    }
  }
  return httplib::Server::HandlerResponse::Unhandled;
}

Request convert(const httplib::Request& req) {
  Request r;
  r.method = req.method;
  r.path = req.path;
  for (const auto& [k, v] : req.params) r.params.emplace(k, v);
  return r;
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "::1") return true;
  // 127.0.0.0/8, written as four decimal numbers.
  if (host.rfind("127.", 0) != 0) return false;
  int dots = 0;
  for (const char c : host) {
    if (c == '.') ++dots;
    else if (c < '0' || c > '9') return false;
  }
  return dots == 3;
}

Status check(const ServeOptions& options) {
  if (options.port < 0 || options.port > 65535) {
    return Error::input("--port " + std::to_string(options.port) + ": expected 0 to 65535");
  }
  if (!is_loopback_host(options.host) && options.token.empty()) {
    return Error::input("--host " + options.host +
                        ": listening beyond this machine needs --token or --token-file "
                        "(anyone who can reach the port could read the library)");
  }
  if (options.max_body == 0) return Error::input("--max-body must be at least 1 byte");
  if (options.timeout.count() <= 0) return Error::input("--timeout must be at least 1 second");
  return Ok{};
}

Status serve(const ServeOptions& options, const std::function<void(const std::string& url)>& ready) {
  if (Status st = check(options); !st) return st;
  // Signals go to the thread that waits for them, not to the workers.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  const App app(options.home);
  const bool loopback = is_loopback_host(options.host);
  httplib::Server server;
  const std::size_t threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_read_timeout(options.timeout.count(), 0);
  server.set_write_timeout(options.timeout.count(), 0);
  server.set_keep_alive_timeout(options.timeout.count());
  server.set_keep_alive_max_count(100);
  server.set_payload_max_length(options.max_body);
  server.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
    return guard(options, loopback, req, res);
  });
  const auto handle = [&app](const httplib::Request& req, httplib::Response& res) {
    Response r = app.handle(convert(req));
    res.status = r.status;
    for (const auto& [k, v] : r.headers) res.set_header(k, v);
    if (r.file.empty()) {
      res.set_content(std::move(r.body), r.content_type);
      return;
    }
    auto in = std::make_shared<std::ifstream>(r.file, std::ios::binary);
    std::error_code ec;
    const auto size = std::filesystem::file_size(r.file, ec);
    if (!*in || ec) {
      fail(res, 500, "cannot read " + r.file.filename().string() + ": " + (ec ? ec.message() : "open failed"));
      return;
    }
    // Without a length: the server library then serves no byte ranges of it.
    (void)size;
    res.set_content_provider(r.content_type, [in](std::size_t offset, httplib::DataSink& sink) {
      std::array<char, 64 * 1024> buf{};
      in->seekg(static_cast<std::streamoff>(offset));
      in->read(buf.data(), static_cast<std::streamsize>(buf.size()));
      const auto got = in->gcount();
      if (got <= 0) {
        sink.done();
        return true;
      }
      return sink.write(buf.data(), static_cast<std::size_t>(got));
    });
  };
  server.Get(R"(/.*)", handle);
  server.Post(R"(/.*)", handle);
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    // A 416 carries no body: the server library would repeat it once per range asked for.
    if (!res.body.empty() || res.status == 416) return;
    if (res.status == 413) {
      fail(res, 413, "request body too large", "'foialens serve --max-body BYTES' raises the limit.");
    } else if (res.status == 404) {
      fail(res, 404, "no such page");
    } else {
      fail(res, res.status, "the request could not be read");
    }
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    fail(res, 500, "internal error: " + what);
  });
  server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; img-src 'self'; style-src 'self'; script-src 'self'; "
                   "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "same-origin");
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
  });

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
    if (port < 0) return Error::run("cannot listen on " + options.host + ": no free port");
  } else if (!server.bind_to_port(options.host, port)) {
    return Error::run("cannot listen on " + options.host + ":" + std::to_string(port) +
                      ": the port is in use or the address is not this machine's (--port, --host)");
  }
  const std::string shown_host = options.host.find(':') != std::string::npos ? "[" + options.host + "]"
                                 : options.host == "0.0.0.0"                 ? "127.0.0.1"
                                                                             : options.host;
  std::string url = "http://" + shown_host + ":" + std::to_string(port) + "/";
  if (!options.token.empty()) url += "?token=" + html::url_encode(options.token);

  std::atomic<bool> done{false};
  std::thread stopper([&] {
    const timespec tick{0, 200'000'000};
    while (!done) {
      if (sigtimedwait(&stop_signals, nullptr, &tick) > 0) break;
    }
    server.stop();
  });
  ready(url);
  const bool ok = server.listen_after_bind();
  done = true;
  stopper.join();
  if (!ok) return Error::run("the server stopped: cannot accept connections");
  return Ok{};
}

}  // namespace foialens::web
