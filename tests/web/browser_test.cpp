// The search, page-image and request-timeline pages loaded in headless Chromium: checked
// through the DOM it renders (with the page's script run under the server's
// Content-Security-Policy), and a screenshot of each written to the test's output folder.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/run.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/web/library.hpp"

namespace foialens {
namespace {
namespace fs = std::filesystem;
using testing::Library;

constexpr const char* kChromium = "/usr/bin/chromium";

class Browser : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kChromium)) GTEST_SKIP() << "chromium is not installed (scripts/install-deps.sh installs it)";
    ASSERT_TRUE(lib().error.empty()) << lib().error;
    out_dir_ = fs::path(FOIALENS_TEST_OUTPUT_DIR) / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::create_directories(out_dir_);
  }
  static Library& lib() { return Library::get(); }

  // Runs headless Chromium on `url` with a fresh profile; its stdout.
  std::string chromium(const std::string& url, const std::vector<std::string>& mode) {
    testing::TempDir profile;
    std::vector<std::string> args = {"--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--disable-quic",
                                     "--no-first-run",
                                     "--disable-background-networking",
                                     "--disable-component-update",
                                     "--disable-sync",
                                     "--hide-scrollbars",
                                     "--user-data-dir=" + (profile / "profile").string()};
    args.insert(args.end(), mode.begin(), mode.end());
    args.push_back(url);
    const auto r = testing::run(kChromium, args, profile.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  std::string dom(const std::string& path) { return chromium(base() + path, {"--dump-dom"}); }

  // A phone-sized screenshot of `path` into the output folder; checks that it is a PNG.
  void screenshot(const std::string& path, const std::string& name) {
    const fs::path png = out_dir_ / name;
    fs::remove(png);
    chromium(base() + path, {"--screenshot=" + png.string(), "--window-size=412,1400"});
    std::ifstream in(png, std::ios::binary);
    std::string head(8, '\0');
    in.read(head.data(), 8);
    EXPECT_EQ(head, "\x89PNG\r\n\x1a\n") << png;
    EXPECT_GT(fs::file_size(png), 1000u) << png;
  }

  static std::string base() { return "http://127.0.0.1:" + std::to_string(lib().server().port()); }

  fs::path out_dir_;
};

TEST_F(Browser, SearchPage) {
  const std::string d = dom("/search?q=%22customs+officers%22");
  EXPECT_NE(d.find("<html lang=\"en\" class=\"js\">"), std::string::npos) << d.substr(0, 400);
  EXPECT_NE(d.find("<input id=\"q\" name=\"q\" type=\"search\" value=\"&quot;customs officers&quot;\""),
            std::string::npos);
  EXPECT_NE(d.find("<mark>customs officers</mark>"), std::string::npos);
  EXPECT_NE(d.find("<ol class=\"hits\" start=\"1\" id=\"hits\">"), std::string::npos);
  EXPECT_NE(d.find("about "), std::string::npos);
  screenshot("/search?q=%22customs+officers%22", "search.png");
}

TEST_F(Browser, PageImagePage) {
  const std::string path = "/doc/" + lib().moa() + "/page/1?q=designate";
  const std::string d = dom(path);
  EXPECT_NE(d.find("<html lang=\"en\" class=\"js\">"), std::string::npos);
  EXPECT_NE(d.find("<img id=\"page-image\" src=\"/doc/" + lib().moa() + "/page/1.png\""), std::string::npos) << d;
  EXPECT_NE(d.find("<ul id=\"page-hits\">"), std::string::npos);
  EXPECT_NE(d.find("<mark>designate</mark>"), std::string::npos);
  EXPECT_NE(d.find("MEMORANDUM OF AGREEMENT"), std::string::npos);
  EXPECT_NE(d.find("<rect class=\"hit\""), std::string::npos);
  screenshot(path, "page-image.png");
}

TEST_F(Browser, RequestTimelinePage) {
  const std::string path = std::string("/requests/1?today=") + testing::kToday;
  const std::string d = dom(path);
  EXPECT_NE(d.find("<html lang=\"en\" class=\"js\">"), std::string::npos);
  EXPECT_NE(d.find("<h1 id=\"title\">Request 1: Agreements between CPD and ICE/HSI</h1>"), std::string::npos) << d;
  EXPECT_NE(d.find("<li>Fri 2026-01-09  extended: search of several units (5 ILCS 140/3(e))</li>"), std::string::npos);
  EXPECT_NE(d.find("<section class=\"deadline\" id=\"deadline-extended\">"), std::string::npos);
  EXPECT_NE(d.find("<form method=\"post\" action=\"/requests/1/events\" id=\"add-event\">"), std::string::npos);
  screenshot(path, "request-timeline.png");
}

TEST_F(Browser, ReportAndConflictsPages) {
  const std::string path = std::string("/?today=") + testing::kToday;
  const std::string d = dom(path);
  EXPECT_NE(d.find("<h1>Report \u00b7 Monday, February 2, 2026</h1>"), std::string::npos) << d;
  EXPECT_NE(d.find("<ul id=\"unresolved\">"), std::string::npos);
  screenshot(path, "report.png");
  const std::string c = dom("/conflicts?severity=conflict");
  EXPECT_NE(c.find("<strong class=\"conflict\">CONFLICT</strong>"), std::string::npos);
  screenshot("/conflicts?severity=conflict", "conflicts.png");
}

TEST_F(Browser, HostileTitleStaysText) {
  const std::string d = dom("/doc/" + lib().hostile());
  EXPECT_NE(d.find("<h1 id=\"title\">Memo &lt;script&gt;alert('title')&lt;/script&gt; &amp; &lt;b&gt;Zebrafish&lt;/b&gt; notes</h1>"),
            std::string::npos)
      << d;
  EXPECT_EQ(d.find("<b>Zebrafish</b>"), std::string::npos);
}

}  // namespace
}  // namespace foialens
