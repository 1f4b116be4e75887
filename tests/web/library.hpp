#pragma once
// One library home per test process, built once with the real binary: the shipped corpus,
// a text document whose title and text hold HTML, and a records request with a linked
// document and an extension. Tests that only read share it and one server over it.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/run.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/web/server_process.hpp"

namespace foialens::testing {

inline constexpr const char* kHostileTitle = "Memo <script>alert('title')</script> & <b>Zebrafish</b> notes";
inline constexpr const char* kToday = "2026-02-02";

class Library {
 public:
  static Library& get() {
    static Library library;
    return library;
  }

  RunResult foialens(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--home", home().string()});
    return run(FOIALENS_BIN, args, dir_.path());
  }
  std::filesystem::path home() const { return dir_ / "home"; }
  const TempDir& dir() const { return dir_; }
  const std::string& moa() const { return moa_; }        // the customs-officer MOA (PDF, 4 pages)
  const std::string& hostile() const { return hostile_; }  // the text document with HTML in it
  ServerProcess& server() { return *server_; }
  std::string error;  // why the library could not be built, when it could not

 private:
  Library() {
    const auto ingest = foialens({"ingest", FOIALENS_CORPUS_DIR});
    if (ingest.exit_code != 0) {
      error = "ingest: " + ingest.err;
      return;
    }
    dir_.write("hostile/memo.txt", std::string(kHostileTitle) +
                                       "\n\nThe text says <img src=x onerror=alert('text')> about the zebrafish "
                                       "program & \"quotes\".\n");
    if (foialens({"ingest", (dir_ / "hostile").string()}).exit_code != 0) error = "ingest hostile";
    for (const auto& line : lines(foialens({"docs", "--json"}).out)) {
      const auto d = nlohmann::json::parse(line);
      const std::string source = d["source"];
      if (source.find("customs-officer-designation-moa-2019.pdf") != std::string::npos) moa_ = d["doc"];
      if (source.find("memo.txt") != std::string::npos) hostile_ = d["doc"];
    }
    const auto add = foialens({"requests", "add", "--agency", "cpd", "--subject", "Agreements between CPD and ICE/HSI",
                               "--filed", "2026-01-05", "--tracking", "P123456", "--today", kToday});
    const auto log = foialens({"requests", "log", "1", "extended", "--date", "2026-01-09", "--note",
                               "search of several units (5 ILCS 140/3(e))"});
    const auto link = foialens({"requests", "link", "1", moa_});
    if (moa_.empty() || hostile_.empty() || add.exit_code || log.exit_code || link.exit_code) {
      error = "setting up the library: " + add.err + log.err + link.err;
      return;
    }
    server_ = std::make_unique<ServerProcess>(FOIALENS_BIN, home(), dir_.path());
    if (server_->port() == 0) error = "serve did not start: " + server_->err();
  }

  TempDir dir_;
  std::string moa_, hostile_;
  std::unique_ptr<ServerProcess> server_;
};

}  // namespace foialens::testing
