// Covers ingest/fetch.cpp against a local HTTP server: success, redirects, loops, errors,
// size and time limits, schemes.

#include "ingest/fetch.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/local_http_server.hpp"

namespace foialens::ingest {
namespace {
namespace fs = std::filesystem;
using testing::LocalHttpServer;

class Fetch : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("foialens-test-fetch-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    options_.temp_dir = dir_;
    options_.connect_timeout = std::chrono::milliseconds(2000);
    options_.idle_timeout = std::chrono::milliseconds(1000);
    options_.total_timeout = std::chrono::milliseconds(20000);
    options_.max_bytes = 1ull << 20;
  }
  void TearDown() override { fs::remove_all(dir_); }

  bool folder_empty() const { return fs::is_empty(dir_); }

  fs::path dir_;
  FetchOptions options_;
  LocalHttpServer server_;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_F(Fetch, FetchesABodyToATemporaryFile) {
  const auto got = fetch(server_.url("/doc.txt"), options_);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->status, 200);
  EXPECT_EQ(got->content_type, "text/plain");
  EXPECT_EQ(got->final_url, server_.url("/doc.txt"));
  EXPECT_EQ(got->size, 23u);
  EXPECT_EQ(got->body.parent_path(), dir_);
  EXPECT_EQ(got->body.extension(), ".txt");
  EXPECT_EQ(slurp(got->body), "A plain text document.\n");
  EXPECT_EQ(got->fetched_at.size(), 20u);  // 2026-11-21T14:15:33Z
  EXPECT_EQ(got->fetched_at.back(), 'Z');
}

TEST_F(Fetch, FollowsRedirectsUpToTheLimit) {
  const auto got = fetch(server_.url("/redirect/4"), options_);  // 5 redirects
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->url, server_.url("/redirect/4"));
  EXPECT_EQ(got->final_url, server_.url("/doc.txt"));
  const auto too_many = fetch(server_.url("/redirect/5"), options_);  // 6 redirects
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().message, "fetch failed: redirect loop (more than 5 redirects)");
}

TEST_F(Fetch, StopsARedirectLoop) {
  const auto got = fetch(server_.url("/loop"), options_);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().message, "fetch failed: redirect loop (more than 5 redirects)");
  EXPECT_EQ(got.error().scope, ErrorScope::input);
  EXPECT_TRUE(folder_empty());
}

TEST_F(Fetch, ReportsHttpErrors) {
  const auto got = fetch(server_.url("/missing"), options_);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().message, "fetch failed: HTTP 404 Not Found");
  EXPECT_TRUE(folder_empty());
}

TEST_F(Fetch, RefusesADeclaredBodyOverTheLimit) {
  const auto got = fetch(server_.url("/huge"), options_);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().message, "fetch failed: body larger than 1 MiB limit");
  EXPECT_TRUE(folder_empty());
}

TEST_F(Fetch, AbortsAStreamedBodyOverTheLimit) {
  const auto got = fetch(server_.url("/huge-stream"), options_);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().message, "fetch failed: body larger than 1 MiB limit");
  EXPECT_TRUE(folder_empty());
}

TEST_F(Fetch, GivesUpOnAStalledServer) {
  const auto start = std::chrono::steady_clock::now();
  const auto got = fetch(server_.url("/stall"), options_);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().message, "fetch failed: no data for 1 s (timed out)");
  EXPECT_LT(took, std::chrono::seconds(5));
  EXPECT_TRUE(folder_empty());
}

TEST_F(Fetch, AcceptsOnlyHttpAndHttps) {
  const auto ftp = fetch("ftp://127.0.0.1/file.pdf", options_);
  ASSERT_FALSE(ftp.ok());
  EXPECT_EQ(ftp.error().message, "fetch failed: unsupported scheme 'ftp' (only http and https)");
  const auto file = fetch("file:///etc/passwd", options_);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().message, "fetch failed: unsupported scheme 'file' (only http and https)");
  const auto redirected = fetch(server_.url("/to-ftp"), options_);
  ASSERT_FALSE(redirected.ok());
  EXPECT_EQ(redirected.error().message, "fetch failed: redirected to a URL that is not http or https");
  EXPECT_TRUE(folder_empty());
}

TEST_F(Fetch, SaysWhenNothingListens) {
  // A port nothing listens on: bind one, note it, close it.
  int port = 0;
  {
    LocalHttpServer closed;
    port = closed.port();
  }
  const std::string host = "127.0.0.1:" + std::to_string(port);
  const auto got = fetch("http://" + host + "/x", options_);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().message, "fetch failed: cannot connect to " + host + " (refused or unreachable)");
  EXPECT_TRUE(folder_empty());
}

TEST(FetchHelpers, RecognisesUrlsAndFormatsSizes) {
  EXPECT_TRUE(looks_like_url("https://example.org/a.pdf"));
  EXPECT_TRUE(looks_like_url("ftp://example.org/a.pdf"));
  EXPECT_FALSE(looks_like_url("/home/me/a.pdf"));
  EXPECT_FALSE(looks_like_url("C:\\a.pdf"));
  EXPECT_EQ(format_bytes(50ull << 20), "50 MiB");
  EXPECT_EQ(format_bytes(512ull << 10), "512 KiB");
  EXPECT_EQ(format_bytes(1000), "1000 bytes");
}

}  // namespace
}  // namespace foialens::ingest
