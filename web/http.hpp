#pragma once
// The HTTP exchange as the pages and the API see it: no server library type crosses
// into them (server.cpp is the one adapter), so they are plain functions of a request.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace foialens::web {

struct Request {
  std::string method;  // GET, POST, HEAD
  std::string path;    // decoded, without the query string
  std::multimap<std::string, std::string> params;  // query string and form fields, decoded
  std::vector<std::string> captures;               // the route's groups, decoded

  // The first value of `name`, or `fallback`.
  std::string param(const std::string& name, const std::string& fallback = "") const {
    const auto it = params.find(name);
    return it == params.end() ? fallback : it->second;
  }
  bool has(const std::string& name) const { return params.count(name) > 0; }
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::multimap<std::string, std::string> headers;
  // When set, the answer is this file, sent in pieces (body is ignored): an original of any
  // size is never held in memory.
  std::filesystem::path file;

  static Response html(std::string body, int status = 200) {
    return Response{status, "text/html; charset=utf-8", std::move(body), {}, {}};
  }
  static Response json(std::string body, int status = 200) {
    return Response{status, "application/json; charset=utf-8", std::move(body), {}, {}};
  }
  // JSON lines, as the CLI prints them for commands that answer with one object a line.
  static Response json_lines(std::string body, int status = 200) {
    return Response{status, "application/x-ndjson; charset=utf-8", std::move(body), {}, {}};
  }
  static Response redirect(const std::string& location) {
    Response r{303, "text/plain; charset=utf-8", "see " + location + "\n", {}, {}};
    r.headers.emplace("Location", location);
    return r;
  }
};

}  // namespace foialens::web
