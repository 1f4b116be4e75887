// What `foialens serve` refuses: listening beyond this machine without a token, requests
// without the token, other Host names, writes from other origins, paths that climb out,
// bodies over the limit and clients that stall; and HTML inside documents shown as text.

#include <gtest/gtest.h>

#include <thread>

#include "tests/support/cli_test.hpp"
#include "tests/web/http_client.hpp"
#include "tests/web/library.hpp"

namespace foialens {
namespace {
using testing::send_request;
using testing::get;
using testing::Library;

class Security : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(lib().error.empty()) << lib().error; }
  static Library& lib() { return Library::get(); }
  static int port() { return lib().server().port(); }
};

TEST_F(Security, ListeningBeyondLoopbackNeedsAToken) {
  const auto r = lib().foialens({"serve", "--host", "0.0.0.0", "--port", "0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "foialens: serve --host 0.0.0.0: listening beyond this machine needs --token or --token-file "
            "(anyone who can reach the port could read the library)\n");
  const auto bad_token = lib().foialens({"serve", "--host", "0.0.0.0", "--port", "0", "--token", "a b"});
  EXPECT_EQ(bad_token.exit_code, 2);
  EXPECT_EQ(bad_token.err,
            "foialens: serve --token: the token must be letters, digits, '-', '.', '_' or '~' (and not empty)\n");
}

TEST_F(Security, EveryRequestNeedsTheToken) {
  testing::TempDir scratch;
  const auto token_file = scratch.write("token", "s3cret-Token_1\n");
  testing::ServerProcess server(FOIALENS_BIN, lib().home(), scratch.path(),
                                {"--host", "0.0.0.0", "--token-file", token_file.string()});
  ASSERT_NE(server.port(), 0) << server.err();
  EXPECT_NE(server.out().find("/?token=s3cret-Token_1"), std::string::npos) << server.out();
  const int p = server.port();

  const auto none = get(p, "/search?q=customs");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.header("www-authenticate"), "Bearer realm=\"foialens\"");
  EXPECT_EQ(none.body.find("customs officer"), std::string::npos);
  EXPECT_EQ(get(p, "/api/stats").status, 401);
  EXPECT_EQ(get(p, "/static/app.js").status, 401);
  EXPECT_EQ(get(p, "/api/stats", "Authorization: Bearer s3cret-Token_2\r\n").status, 401);
  EXPECT_EQ(get(p, "/api/stats?token=s3cret-Token_").status, 401);

  EXPECT_EQ(get(p, "/api/stats", "Authorization: Bearer s3cret-Token_1\r\n").status, 200);
  const auto with_query = get(p, "/search?q=customs&token=s3cret-Token_1");
  EXPECT_EQ(with_query.status, 200);
  EXPECT_EQ(with_query.header("set-cookie"), "foialens_token=s3cret-Token_1; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(get(p, "/docs", "Cookie: theme=dark; foialens_token=s3cret-Token_1\r\n").status, 200);
  // Beyond loopback, the token and not the Host name is the check.
  EXPECT_EQ(get(p, "/docs", "Cookie: foialens_token=s3cret-Token_1\r\nHost: 10.1.2.3:80\r\n").status, 200);
  EXPECT_EQ(server.stop(), 0);
}

TEST_F(Security, LoopbackAnswersOnlyToLoopbackNames) {
  const auto r = send_request(port(), "GET /docs HTTP/1.1\r\nHost: attacker.example:80\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("Host &#39;attacker.example:80&#39; refused"), std::string::npos) << r.body;
  EXPECT_EQ(send_request(port(), "GET /docs HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").status, 200);
}

TEST_F(Security, WritesNeedTheSameOrigin) {
  const auto foreign = testing::post_form(port(), "/requests/1/events", "event=note&note=from+elsewhere",
                                          "http://attacker.example");
  EXPECT_EQ(foreign.status, 403);
  EXPECT_NE(foreign.body.find("write refused: it does not come from a page of this server"), std::string::npos);
  const auto no_origin = testing::post_form(port(), "/requests/1/events", "event=note&note=no+origin", "");
  EXPECT_EQ(no_origin.status, 403);
  const auto log = lib().foialens({"requests", "show", "1", "--json"});
  EXPECT_EQ(log.out.find("from elsewhere"), std::string::npos);
  EXPECT_EQ(log.out.find("no origin"), std::string::npos);
}

TEST_F(Security, PathsThatClimbOutFindNothing) {
  for (const std::string& target : std::vector<std::string>{
           "/doc/../../../../etc/passwd", "/doc/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/../../../../etc/passwd",
        "/doc/" + lib().moa() + "/page/1/../../../../../../etc/passwd", "/doc/..%2f..%2f..%2fetc%2fpasswd/original",
        "/doc/" + lib().moa() + "/page/..%2F..%2F..%2Fetc%2Fpasswd.png", "/api/doc/..%2F..%2Fstore",
        "/%2e%2e/%2e%2e/etc/passwd", "/doc/" + lib().moa() + "%00/original"}) {
    const auto r = get(port(), target);
    EXPECT_TRUE(r.status == 404 || r.status == 400) << target << " -> " << r.status;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("%PDF"), std::string::npos) << target;
  }
}

TEST_F(Security, BodiesOverTheLimitAreRefused) {
  testing::TempDir scratch;
  // A short timeout: a body announced but never sent is waited for that long.
  testing::ServerProcess server(FOIALENS_BIN, lib().home(), scratch.path(), {"--timeout", "1", "--max-body", "65536"});
  ASSERT_NE(server.port(), 0) << server.err();
  const auto port = [&] { return server.port(); };
  // Larger than --max-body: refused whole, nothing logged.
  const std::string note(70 * 1024, 'x');
  const auto big = testing::post_form(port(), "/requests/1/events", "event=note&note=" + note);
  EXPECT_EQ(big.status, 413);
  EXPECT_NE(big.body.find("request body too large"), std::string::npos) << big.body;
  // A body announced as 1 GiB is refused from its headers.
  const auto huge = send_request(port(), "POST /requests/1/events HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port()) +
                                         "\r\nOrigin: http://127.0.0.1:" + std::to_string(port()) +
                                         "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                         "Content-Length: 1073741824\r\nConnection: close\r\n\r\nevent=note");
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(lib().foialens({"requests", "show", "1", "--json"}).out.find("xxxxxxxx"), std::string::npos);
  // A target longer than the server reads.
  const auto long_target = get(port(), "/search?q=" + std::string(20000, 'a'));
  EXPECT_EQ(long_target.status, 414);
  EXPECT_EQ(server.stop(), 0);
}

TEST_F(Security, ManyRangesInOneRequestAreRefused) {
  std::string ranges = "bytes=0-";
  for (int i = 0; i < 300; ++i) ranges += ",0-";
  const auto many = get(port(), "/doc/" + lib().moa() + "/original", "Range: " + ranges + "\r\n");
  EXPECT_EQ(many.status, 416);
  EXPECT_LT(many.raw.size(), 4096u) << many.raw.substr(0, 400);
  const auto page = get(port(), "/docs", "Range: " + ranges + "\r\n");
  EXPECT_EQ(page.status, 416);
  EXPECT_LT(page.raw.size(), 4096u);
  // One range of an original: the whole file, once (originals are streamed without ranges).
  const auto one = get(port(), "/doc/" + lib().moa() + "/original", "Range: bytes=0-3\r\n");
  EXPECT_EQ(one.status, 200);
  EXPECT_EQ(one.body.substr(0, 5), "%PDF-");
  EXPECT_GT(one.body.size(), 10000u);
}

TEST_F(Security, AStalledClientIsDroppedAndOthersAreServed) {
  testing::TempDir scratch;
  testing::ServerProcess server(FOIALENS_BIN, lib().home(), scratch.path(), {"--timeout", "1"});
  ASSERT_NE(server.port(), 0) << server.err();
  const int p = server.port();
  // Half a request line and headers, then nothing: the server must not wait forever.
  testing::Connection stalled(p);
  ASSERT_TRUE(stalled.connected());
  ASSERT_TRUE(stalled.send("GET /search?q=customs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
  const auto served = get(p, "/docs");
  EXPECT_EQ(served.status, 200);
  const std::string rest = stalled.read_all();  // returns when the server closes it
  EXPECT_EQ(rest.find("HTTP/1.1 200"), std::string::npos) << rest;
  EXPECT_EQ(get(p, "/api/stats").status, 200);
  EXPECT_EQ(server.stop(), 0);
}

TEST_F(Security, HtmlInsideDocumentsIsShownAsText) {
  const std::string id = lib().hostile();
  const std::string escaped_title = "Memo &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; &lt;b&gt;Zebrafish&lt;/b&gt; notes";
  for (const std::string& target : std::vector<std::string>{"/docs", "/doc/" + id, "/doc/" + id + "/page/1?q=zebrafish", "/search?q=zebrafish"}) {
    const auto r = get(port(), target);
    ASSERT_EQ(r.status, 200) << target;
    EXPECT_NE(r.body.find(escaped_title), std::string::npos) << target << "\n" << r.body;
    EXPECT_EQ(r.body.find("<script>alert"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("<img src=x"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("<b>Zebrafish"), std::string::npos) << target;
  }
  const auto page = get(port(), "/doc/" + id + "/page/1");
  EXPECT_NE(page.body.find("The text says &lt;img src=x onerror=alert(&#39;text&#39;)&gt; about the zebrafish"),
            std::string::npos)
      << page.body;
  // The query itself is echoed as text too.
  const auto q = get(port(), "/search?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  EXPECT_EQ(q.body.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(q.body.find("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""), std::string::npos) << q.body;
}

}  // namespace
}  // namespace foialens
