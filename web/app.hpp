#pragma once
// The pages and the JSON API, as a function of a request: routing, and the answer of
// each route. Reads the library home anew on every request, so that what `ingest` or
// `requests log` adds in a terminal shows on the next page load.

#include <filesystem>
#include <memory>
#include <mutex>

#include "web/http.hpp"

namespace foialens::web {

class App {
 public:
  explicit App(std::filesystem::path home);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Never throws for bad input: a bad request is a 4xx page saying what was wrong.
  Response handle(const Request& request) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace foialens::web
