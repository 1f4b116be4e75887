#pragma once
// A plain HTTP/1.1 client over a TCP socket to 127.0.0.1, for the server's tests: it sends
// exactly the bytes given (paths with ../ are not normalised, bodies may lie about their
// length) and reads until the server closes the connection.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <map>
#include <string>

namespace foialens::testing {

struct HttpReply {
  int status = 0;  // 0: no answer (the connection closed first)
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string raw;

  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

class Connection {
 public:
  explicit Connection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    // A guard so that a broken server fails the test instead of hanging it.
    timeval guard{120, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &guard, sizeof guard);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Connection() { ::close(fd_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool connected() const { return connected_; }

  bool send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  // Everything the server sends until it closes the connection.
  std::string read_all() {
    std::string out;
    char buf[16384];
    for (;;) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

inline HttpReply parse_reply(std::string raw) {
  HttpReply r;
  r.raw = raw;
  const auto head_end = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.1 ", 0) != 0 || head_end == std::string::npos) return r;
  r.status = std::stoi(raw.substr(9, 3));
  std::size_t at = raw.find("\r\n") + 2;
  while (at < head_end) {
    const auto end = raw.find("\r\n", at);
    const std::string line = raw.substr(at, end - at);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers.emplace(name, value);
    }
    at = end + 2;
  }
  r.body = raw.substr(head_end + 4);
  return r;
}

// Sends `request` (whole, as bytes) and reads the answer.
inline HttpReply send_request(int port, const std::string& request) {
  Connection c(port);
  if (!c.connected() || !c.send(request)) return {};
  return parse_reply(c.read_all());
}

inline HttpReply get(int port, const std::string& target, const std::string& extra_headers = "") {
  return send_request(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                            "\r\n" + extra_headers + "Connection: close\r\n\r\n");
}

// A form POST as a browser sends it from a page of the server (same Origin).
inline HttpReply post_form(int port, const std::string& target, const std::string& body,
                           const std::string& origin_header = "same") {
  const std::string self = "http://127.0.0.1:" + std::to_string(port);
  std::string origin = origin_header == "same" ? "Origin: " + self + "\r\n"
                       : origin_header.empty() ? ""
                                               : "Origin: " + origin_header + "\r\n";
  return send_request(port, "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\n" + origin +
                            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                            std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
}

}  // namespace foialens::testing
