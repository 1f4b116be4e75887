#pragma once
// Base fixture for end-to-end tests: the real foialens binary (FOIALENS_BIN, a compile
// definition) run with a fresh library home in a fresh scratch folder per test.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/run.hpp"
#include "tests/support/temp_dir.hpp"

namespace foialens::testing {

class CliTest : public ::testing::Test {
 protected:
  // Runs `foialens --home <scratch>/home args...`.
  RunResult foialens(std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", (dir_ / "home").string()});
    return run(FOIALENS_BIN, args, dir_.path());
  }
  // One parsed object per non-empty line of `--json` output.
  static std::vector<nlohmann::json> json_lines(const std::string& out) {
    std::vector<nlohmann::json> parsed;
    for (const auto& line : lines(out)) parsed.push_back(nlohmann::json::parse(line));
    return parsed;
  }
  TempDir dir_;
};

}  // namespace foialens::testing
