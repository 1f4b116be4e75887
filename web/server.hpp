#pragma once
// `foialens serve`: the HTTP server over the library home. The one adapter of the HTTP
// server library: no other file includes it.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace foialens::web {

struct ServeOptions {
  std::filesystem::path home;
  std::string host = "127.0.0.1";
  int port = 8080;                  // 0: any free port (the URL printed says which)
  std::string token;                // required on every request when not empty
  std::chrono::seconds timeout{10};  // to read a request / write a response
  std::size_t max_body = 64 * 1024;  // largest request body accepted, in bytes
  std::size_t threads = 16;          // requests served at once
};

// 127.0.0.1 (any 127.x.y.z), ::1 or localhost.
bool is_loopback_host(std::string_view host);

// Checks the options before anything listens. Listening beyond this machine without a
// token is refused: anyone on the network could read the library.
Status check(const ServeOptions& options);

// Listens, then calls `ready` with the URL to open (with the token in it when there is
// one), and serves until SIGINT or SIGTERM. Fails (scope run) when it cannot listen.
Status serve(const ServeOptions& options, const std::function<void(const std::string& url)>& ready);

}  // namespace foialens::web
