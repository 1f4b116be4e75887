#pragma once
// A small HTTP/1.1 server for the tests that fetch URLs (ingest, MuckRock import): POSIX sockets on 127.0.0.1, an ephemeral port, one
// thread, one connection at a time. Routes answer with a body, a redirect, an error, a
// stall (nothing is ever sent) or an endless body.

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace foialens::testing {

class LocalHttpServer {
 public:
  struct Response {
    int status = 200;
    std::string reason = "OK";
    std::string content_type = "text/plain";
    std::string location;       // for redirects
    std::string body;
    bool stall = false;         // accept the request, then send nothing
    std::uint64_t stream = 0;   // send this many filler bytes, without Content-Length
    std::uint64_t declared = 0; // announce this Content-Length (with `stream` bytes sent)
  };

  // Starts listening with the default routes:
  //   /doc.txt        200 text/plain (set_body to change it)
  //   /redirect/N     302 to /redirect/N-1; /redirect/0 to /doc.txt
  //   /loop           302 to itself
  //   /missing        404 Not Found
  //   /stall          nothing, ever
  //   /huge           200 with Content-Length 64 MiB
  //   /huge-stream    200 without Content-Length, 64 MiB of filler
  //   /to-ftp         302 to an ftp:// URL
  LocalHttpServer();
  ~LocalHttpServer();
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  void route(const std::string& path, Response response);
  std::string url(std::string_view path) const;
  int port() const { return port_; }
  // Requests served, by path, in order.
  std::vector<std::string> requests() const;

 private:
  void serve();
  void handle(int fd);
  Response respond(const std::string& path) const;

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::map<std::string, Response> routes_;
  std::vector<std::string> requests_;
  std::vector<int> stalled_;
  std::thread thread_;
};

// A 200 response carrying `body` as JSON.
inline LocalHttpServer::Response json_response(std::string body) {
  LocalHttpServer::Response r;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

}  // namespace foialens::testing
