// web/html and the server's checks of its options, without a server.

#include <gtest/gtest.h>

#include "web/app.hpp"
#include "web/html.hpp"
#include "web/server.hpp"

namespace foialens::web {
namespace {

TEST(WebHtml, EscapesEverythingThatCouldBeMarkup) {
  EXPECT_EQ(html::escape("<a href=\"x\" title='y'>&amp;</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
  EXPECT_EQ(html::escape("plain \xC3\xA9t\xC3\xA9"), "plain \xC3\xA9t\xC3\xA9");
}

TEST(WebHtml, MarkedEscapesTheSnippetThenMarksTheHits) {
  const std::string snippet = std::string("<b>") + std::string(html::kMarkOpen) + "ICE" +
                              std::string(html::kMarkClose) + " & co";
  EXPECT_EQ(html::marked(snippet), "&lt;b&gt;<mark>ICE</mark> &amp; co");
}

TEST(WebHtml, UrlEncodeKeepsOnlyUnreserved) {
  EXPECT_EQ(html::url_encode("a b/\"c\"&d=e~f.g_h-"), "a%20b%2F%22c%22%26d%3De~f.g_h-");
  EXPECT_EQ(html::url_encode("\xC3\xA9"), "%C3%A9");
}

TEST(WebServer, LoopbackHosts) {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "localhost", "::1"}) EXPECT_TRUE(is_loopback_host(host)) << host;
  for (const char* host : {"0.0.0.0", "10.0.0.1", "127.0.0.1.example.com", "localhost.example", "", "127.0.0"}) {
    EXPECT_FALSE(is_loopback_host(host)) << host;
  }
}

TEST(WebServer, OptionsAreCheckedBeforeListening) {
  ServeOptions o;
  EXPECT_TRUE(check(o));
  o.host = "192.168.1.5";
  ASSERT_FALSE(check(o));
  EXPECT_EQ(check(o).error().message,
            "--host 192.168.1.5: listening beyond this machine needs --token or --token-file "
            "(anyone who can reach the port could read the library)");
  o.token = "t0ken";
  EXPECT_TRUE(check(o));
  o.port = 70000;
  EXPECT_EQ(check(o).error().message, "--port 70000: expected 0 to 65535");
}

TEST(WebApp, RoutesOnlyWellFormedIdsAndNumbers) {
  const App app("/nonexistent-home");
  for (const char* path : {"/doc/../etc/passwd", "/doc/ZZZZ", "/doc/abc", "/doc/abcd/page/x", "/doc/abcd/page/1/..",
                           "/requests/-1", "/static/../app.js"}) {
    EXPECT_EQ(app.handle(Request{"GET", path, {}, {}}).status, 404) << path;
  }
  // A well-formed route over a home without an index says so, without a crash.
  const Response r = app.handle(Request{"GET", "/api/stats", {}, {}});
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(app.handle(Request{"POST", "/docs", {}, {}}).status, 405);
  EXPECT_EQ(app.handle(Request{"GET", "/" + std::string(3000, 'a'), {}, {}}).status, 414);
}

}  // namespace
}  // namespace foialens::web
