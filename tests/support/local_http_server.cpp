#include "tests/support/local_http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace foialens::testing {

LocalHttpServer::LocalHttpServer() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd_ < 0) throw std::runtime_error("socket() failed");
  const int yes = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 16) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("bind/listen on 127.0.0.1 failed");
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);

  route("/doc.txt", {200, "OK", "text/plain", "", "A plain text document.\n", false, 0, 0});
  route("/loop", {302, "Found", "text/plain", "/loop", "", false, 0, 0});
  route("/missing", {404, "Not Found", "text/plain", "", "no such document\n", false, 0, 0});
  route("/stall", {200, "OK", "text/plain", "", "", true, 0, 0});
  route("/huge", {200, "OK", "application/pdf", "", "", false, 64ull << 20, 64ull << 20});
  route("/huge-stream", {200, "OK", "application/pdf", "", "", false, 64ull << 20, 0});
  route("/to-ftp", {302, "Found", "text/plain", "ftp://127.0.0.1/secret.pdf", "", false, 0, 0});
  thread_ = std::thread([this] { serve(); });
}

LocalHttpServer::~LocalHttpServer() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  for (int fd : stalled_) ::close(fd);
  ::close(listen_fd_);
}

void LocalHttpServer::route(const std::string& path, Response response) {
  const std::lock_guard lock(mutex_);
  routes_[path] = std::move(response);
}

std::string LocalHttpServer::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

std::vector<std::string> LocalHttpServer::requests() const {
  const std::lock_guard lock(mutex_);
  return requests_;
}

LocalHttpServer::Response LocalHttpServer::respond(const std::string& path) const {
  const std::lock_guard lock(mutex_);
  if (const auto it = routes_.find(path); it != routes_.end()) return it->second;
  if (path.rfind("/redirect/", 0) == 0) {
    const int n = std::atoi(path.c_str() + 10);
    const std::string next = n <= 0 ? "/doc.txt" : "/redirect/" + std::to_string(n - 1);
    return {302, "Found", "text/plain", next, "", false, 0, 0};
  }
  return {404, "Not Found", "text/plain", "", "no such route\n", false, 0, 0};
}

void LocalHttpServer::serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    handle(fd);
  }
}

namespace {
bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}
}  // namespace

void LocalHttpServer::handle(int fd) {
  std::string request;
  char buf[4096];
  while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0) break;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    request.append(buf, static_cast<std::size_t>(n));
  }
  // "GET /path HTTP/1.1"
  const auto sp1 = request.find(' ');
  const auto sp2 = sp1 == std::string::npos ? sp1 : request.find(' ', sp1 + 1);
  const std::string path =
      sp2 == std::string::npos ? "/" : request.substr(sp1 + 1, sp2 - sp1 - 1);
  {
    const std::lock_guard lock(mutex_);
    requests_.push_back(path);
  }
  const Response r = respond(path);
  if (r.stall) {
    stalled_.push_back(fd);  // closed when the server stops
    return;
  }
  std::string head = "HTTP/1.1 " + std::to_string(r.status) + " " + r.reason + "\r\n";
  head += "Content-Type: " + r.content_type + "\r\n";
  if (!r.location.empty()) head += "Location: " + r.location + "\r\n";
  if (r.stream == 0) {
    head += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  } else if (r.declared != 0) {
    head += "Content-Length: " + std::to_string(r.declared) + "\r\n";
  }
  head += "Connection: close\r\n\r\n";
  if (send_all(fd, head)) {
    if (r.stream == 0) {
      send_all(fd, r.body);
    } else {
      const std::string chunk(64 * 1024, 'x');
      for (std::uint64_t sent = 0; sent < r.stream && !stop_; sent += chunk.size()) {
        if (!send_all(fd, chunk)) break;
      }
    }
  }
  ::shutdown(fd, SHUT_WR);
  ::close(fd);
}

}  // namespace foialens::testing
