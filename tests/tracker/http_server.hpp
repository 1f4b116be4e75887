#pragma once
// A tiny HTTP/1.1 server on 127.0.0.1 (an ephemeral port) for the URL-import tests: each
// route answers with a fixed status and body, after an optional stall, or with a body of
// a given size generated on the fly.

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace foialens::tracker::testing {

struct Route {
  int status = 200;
  std::string body;
  int stall_ms = 0;              // wait before answering
  std::size_t generated_bytes = 0;  // when > 0, send this many bytes of filler instead
  bool send_length = true;          // false: no Content-Length, the body ends at close
};

class HttpServer {
 public:
  HttpServer();  // binds and starts serving; throws when it cannot
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  void route(const std::string& path, Route r);
  std::string url(const std::string& path) const;  // http://127.0.0.1:PORT/path
  int port() const { return port_; }

 private:
  void serve();
  void answer(int fd);

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::map<std::string, Route> routes_;
  std::thread thread_;
};

}  // namespace foialens::tracker::testing
