#include "http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace foialens::tracker::testing {
namespace {

bool send_all(int fd, const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t sent = ::send(fd, data, n, MSG_NOSIGNAL);
    if (sent <= 0) return false;
    data += sent;
    n -= static_cast<std::size_t>(sent);
  }
  return true;
}

}  // namespace

HttpServer::HttpServer() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd_ < 0) throw std::runtime_error("socket() failed");
  int yes = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 16) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { serve(); });
}

HttpServer::~HttpServer() {
  stop_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);
  if (thread_.joinable()) thread_.join();
  ::close(listen_fd_);
}

void HttpServer::route(const std::string& path, Route r) {
  const std::lock_guard lock(mutex_);
  routes_[path] = std::move(r);
}

std::string HttpServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void HttpServer::serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    answer(fd);
    ::close(fd);
  }
}

void HttpServer::answer(int fd) {
  std::string request;
  char buf[4096];
  while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 1000) <= 0) return;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return;
    request.append(buf, static_cast<std::size_t>(n));
  }
  const auto sp1 = request.find(' ');
  const auto sp2 = request.find(' ', sp1 + 1);
  const std::string path = request.substr(sp1 + 1, sp2 - sp1 - 1);
  Route r;
  {
    const std::lock_guard lock(mutex_);
    const auto it = routes_.find(path);
    if (it == routes_.end()) {
      r.status = 404;
      r.body = "{\"detail\": \"Not found.\"}";
    } else {
      r = it->second;
    }
  }
  // Stall in small steps so that the server can stop promptly.
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(r.stall_ms);
  while (!stop_ && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const std::size_t length = r.generated_bytes > 0 ? r.generated_bytes : r.body.size();
  const std::string head = "HTTP/1.1 " + std::to_string(r.status) + (r.status < 400 ? " OK" : " Error") +
                           "\r\nContent-Type: application/json\r\n" +
                           (r.send_length ? "Content-Length: " + std::to_string(length) + "\r\n" : "") +
                           "Connection: close\r\n\r\n";
  if (!send_all(fd, head.data(), head.size())) return;
  if (r.generated_bytes == 0) {
    send_all(fd, r.body.data(), r.body.size());
    return;
  }
  const std::string chunk(64 * 1024, ' ');
  std::size_t left = r.generated_bytes;
  while (left > 0 && !stop_) {
    const std::size_t n = std::min(left, chunk.size());
    if (!send_all(fd, chunk.data(), n)) return;
    left -= n;
  }
}

}  // namespace foialens::tracker::testing
