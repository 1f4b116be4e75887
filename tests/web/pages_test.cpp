// End-to-end: `foialens serve` over a library home with the corpus; every page and every
// API route, and the API's answers compared with the CLI's --json.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/web/http_client.hpp"
#include "tests/web/library.hpp"

namespace foialens {
namespace {
using testing::get;
using testing::Library;

class Pages : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(lib().error.empty()) << lib().error;
  }
  static Library& lib() { return Library::get(); }
  static int port() { return lib().server().port(); }
};

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_F(Pages, SearchShowsHitsFacetsAndPaging) {
  const auto r = get(port(), "/search?q=%22customs+officers%22&limit=2");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("<mark>customs officers</mark>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("href=\"/doc/" + lib().moa() + "/page/1?q=%22customs%20officers%22\""), std::string::npos);
  EXPECT_NE(r.body.find("<strong>Agencies:</strong>"), std::string::npos);
  EXPECT_NE(r.body.find("agency%3A%22Chicago%20Police%20Department%22"), std::string::npos);
  EXPECT_NE(r.body.find("<strong>Years:</strong> <a href=\"/search?q=%22customs%20officers%22%20year%3A2019\">2019</a>"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("rel=\"next\" href=\"/search?q=%22customs%20officers%22&amp;offset=2\""), std::string::npos);
  EXPECT_NE(r.header("content-security-policy").find("script-src 'self'"), std::string::npos);

  const auto none = get(port(), "/search?q=xylophonequartet");
  EXPECT_EQ(none.status, 200);
  EXPECT_NE(none.body.find("No matches for <q>xylophonequartet</q>."), std::string::npos);
  const auto bad = get(port(), "/search?q=%22customs&limit=0");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("limit=0: expected a whole number from 1 to 1000"), std::string::npos) << bad.body;
}

TEST_F(Pages, DocumentPageAndOriginal) {
  const auto doc = get(port(), "/doc/" + lib().moa());
  ASSERT_EQ(doc.status, 200);
  EXPECT_NE(doc.body.find("<h1 id=\"title\">Memorandum of Agreement: HSI Chicago"), std::string::npos);
  EXPECT_NE(doc.body.find("<a href=\"/doc/" + lib().moa() + "/page/4\">page 4</a>"), std::string::npos);
  EXPECT_NE(doc.body.find("<ol id=\"outline\">"), std::string::npos);

  const auto page = get(port(), "/doc/" + lib().moa() + "/page/1?q=designate");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<img id=\"page-image\" src=\"/doc/" + lib().moa() + "/page/1.png\""), std::string::npos);
  EXPECT_NE(page.body.find("<mark>designate</mark>"), std::string::npos) << page.body;
  // The hits outlined on the image from the page record's word boxes.
  EXPECT_NE(page.body.find("<svg class=\"outlines\" id=\"outlines\" viewBox=\"0 0 612.0 792.0\""), std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("<rect class=\"hit\" x=\""), std::string::npos);
  EXPECT_NE(page.body.find("Outlined: the hits of the query (orange) and the evidence of findings (red)."),
            std::string::npos);
  EXPECT_NE(page.body.find("<pre class=\"pagetext\" id=\"page-text\">"), std::string::npos);

  const auto png = get(port(), "/doc/" + lib().moa() + "/page/1.png");
  ASSERT_EQ(png.status, 200);
  EXPECT_EQ(png.header("content-type"), "image/png");
  EXPECT_EQ(png.body.substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_TRUE(std::filesystem::is_directory(lib().home() / "cache" / "pages"));
  const auto again = get(port(), "/doc/" + lib().moa() + "/page/1.png");
  EXPECT_EQ(again.body, png.body);  // from the cache, the same image
  EXPECT_EQ(get(port(), "/doc/" + lib().moa() + "/page/9.png").status, 404);

  const auto original = get(port(), "/doc/" + lib().moa() + "/original");
  ASSERT_EQ(original.status, 200);
  EXPECT_EQ(original.header("content-type"), "application/pdf");
  EXPECT_EQ(original.header("content-disposition"), "attachment; filename=\"customs-officer-designation-moa-2019.pdf\"");
  EXPECT_EQ(original.body, file_bytes(std::string(FOIALENS_CORPUS_DIR) + "/customs-officer-designation-moa-2019.pdf"));

  const auto docs = get(port(), "/docs");
  EXPECT_EQ(docs.status, 200);
  EXPECT_NE(docs.body.find("<a href=\"/doc/" + lib().moa() + "\">"), std::string::npos);
}

TEST_F(Pages, RequestsAndTheTimeline) {
  const auto list = get(port(), std::string("/requests?today=") + testing::kToday);
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("1 request(s) as of 2026-02-02: 1 late"), std::string::npos) << list.body;
  EXPECT_NE(list.body.find("<a href=\"/requests/1\">Agreements between CPD and ICE/HSI</a>"), std::string::npos);

  const auto show = get(port(), std::string("/requests/1?today=") + testing::kToday);
  ASSERT_EQ(show.status, 200);
  EXPECT_NE(show.body.find("<li>Mon 2026-01-05  filed</li>"), std::string::npos) << show.body;
  EXPECT_NE(show.body.find("<li>Fri 2026-01-09  extended: search of several units (5 ILCS 140/3(e))</li>"),
            std::string::npos);
  EXPECT_NE(show.body.find("<section class=\"deadline\" id=\"deadline-response\">"), std::string::npos);
  EXPECT_NE(show.body.find("law: 5 ILCS 140/3(d)"), std::string::npos) << show.body;
  EXPECT_NE(show.body.find("<a href=\"/doc/" + lib().moa() + "\">Memorandum of Agreement"), std::string::npos);
  EXPECT_NE(show.body.find("<form method=\"post\" action=\"/requests/1/events\" id=\"add-event\">"), std::string::npos);

  EXPECT_EQ(get(port(), "/requests/99").status, 404);

  // Search what the request returned: every hit is in the linked document, and the
  // restriction stays on the next page.
  EXPECT_NE(show.body.find("<form action=\"/search\" method=\"get\" id=\"search-request\">"), std::string::npos);
  const auto scoped = get(port(), "/search?q=officer&request=1&limit=2");
  ASSERT_EQ(scoped.status, 200);
  EXPECT_NE(scoped.body.find("&amp;offset=2&amp;request=1\">next</a>"), std::string::npos) << scoped.body;
  std::size_t hits = 0;
  for (auto at = scoped.body.find("<li class=\"hit\"><a href=\"/doc/"); at != std::string::npos;
       at = scoped.body.find("<li class=\"hit\"><a href=\"/doc/", at + 1)) {
    ++hits;
    EXPECT_EQ(scoped.body.compare(at + 30, 12, lib().moa()), 0) << scoped.body.substr(at, 80);
  }
  EXPECT_EQ(hits, 2u);
}

TEST_F(Pages, ReportConflictsAgreementsReferences) {
  const auto report = get(port(), std::string("/?today=") + testing::kToday);
  ASSERT_EQ(report.status, 200);
  EXPECT_NE(report.body.find("<h1>Report \u00b7 Monday, February 2, 2026</h1>"), std::string::npos) << report.body;
  EXPECT_NE(report.body.find("<p id=\"requests-summary\">1 open: 1 late, 0 due within 7 days, 1 may be appealed</p>"),
            std::string::npos);
  EXPECT_NE(report.body.find("<p id=\"library\">11 documents, 29 pages (0 OCR&#39;d)</p>"), std::string::npos);
  EXPECT_NE(report.body.find("<ul id=\"unresolved\">"), std::string::npos);

  const auto conflicts = get(port(), "/conflicts?severity=conflict");
  ASSERT_EQ(conflicts.status, 200);
  EXPECT_NE(conflicts.body.find("<h1>Conflicts with Welcoming City Ordinance</h1>"), std::string::npos);
  EXPECT_NE(conflicts.body.find("<strong class=\"conflict\">CONFLICT</strong>"), std::string::npos);
  EXPECT_EQ(conflicts.body.find("<strong class=\"review\">REVIEW</strong>"), std::string::npos);
  EXPECT_NE(conflicts.body.find("<option value=\"illinois-trust-act\">"), std::string::npos);
  const auto bad_rules = get(port(), "/conflicts?rules=..%2F..%2Fetc%2Fpasswd");
  EXPECT_EQ(bad_rules.status, 400);
  EXPECT_NE(bad_rules.body.find("rules=../../etc/passwd: no such rule set (installed: chicago-welcoming-city, "
                                "illinois-trust-act)"),
            std::string::npos)
      << bad_rules.body;

  const auto agreements = get(port(), "/agreements?party=ICE");
  ASSERT_EQ(agreements.status, 200);
  EXPECT_NE(agreements.body.find("<section class=\"agreement\">"), std::string::npos);
  EXPECT_NE(agreements.body.find("<th>signatories</th>"), std::string::npos);

  const auto doc = get(port(), "/doc/" + lib().moa());
  EXPECT_NE(doc.body.find("<h2>Agreements</h2>\n<ul id=\"agreements\">"), std::string::npos);
  EXPECT_NE(doc.body.find("<h2>Findings</h2>"), std::string::npos);
}

// The button under an instrument nobody holds files the records request for it.
TEST_F(Pages, DraftTheRequestForAReference) {
  const auto refs = lib().foialens({"references", "--json", "--unresolved"});
  std::string key;
  for (const auto& line : testing::lines(refs.out)) {
    const auto r = nlohmann::json::parse(line);
    if (r["status"] == "unresolved" && !r["request"]["agency"].get<std::string>().empty()) {
      key = r["key"];
      break;
    }
  }
  ASSERT_FALSE(key.empty()) << refs.out;
  const auto page = get(port(), "/references?unresolved=1");
  EXPECT_NE(page.body.find("<form method=\"post\" action=\"/references/" + key + "/request\" class=\"draft\">"),
            std::string::npos);
  const auto posted = testing::post_form(port(), "/references/" + key + "/request", "");
  ASSERT_EQ(posted.status, 303) << posted.raw;
  const std::string location = posted.header("location");
  ASSERT_EQ(location.rfind("/requests/", 0), 0u) << location;
  const auto shown = lib().foialens({"requests", "show", location.substr(10), "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const auto after = lib().foialens({"references", "--json", key});
  EXPECT_EQ(nlohmann::json::parse(after.out)["status"], "requested") << after.out;
  EXPECT_EQ(testing::post_form(port(), "/references/0000ffff/request", "").status, 404);
}

// A fresh home, before any ingest: every page says what to do first, none fails silently.
TEST_F(Pages, AnEmptyLibrarySaysWhatToDoFirst) {
  testing::TempDir scratch;
  const auto home = scratch / "empty-home";
  testing::ServerProcess server(FOIALENS_BIN, home, scratch.path());
  ASSERT_NE(server.port(), 0) << server.err();
  const int p = server.port();
  const auto report = get(p, "/");
  EXPECT_EQ(report.status, 503);
  EXPECT_NE(report.body.find("report: nothing to report yet: ingest documents (foialens ingest PATH) or add a "
                             "records request (foialens requests add)"),
            std::string::npos)
      << report.body;
  const std::string no_index = "no index at " + (home / "index").string() +
                               " yet: ingest documents first (foialens ingest PATH)";
  const auto search = get(p, "/search?q=detainer");
  EXPECT_EQ(search.status, 503);
  EXPECT_NE(search.body.find(no_index), std::string::npos) << search.body;
  const auto api = get(p, "/api/search?q=detainer");
  EXPECT_EQ(api.status, 503);
  EXPECT_EQ(nlohmann::json::parse(api.body)["error"], no_index);
  EXPECT_EQ(get(p, "/docs").status, 503);
  EXPECT_EQ(get(p, "/conflicts").status, 503);
  EXPECT_EQ(get(p, "/requests").status, 200);
  EXPECT_EQ(server.stop(), 0);
}

// An e-mail: its header, its attachment linked, and the API's answer equal to `show --json`.
TEST_F(Pages, AMessageAndItsAttachment) {
  testing::TempDir scratch;
  const auto home = scratch / "home";
  const auto ingest = testing::run(FOIALENS_BIN,
                                   {"--home", home.string(), "ingest", std::string(FOIALENS_FIXTURES_DIR) + "/formats/designation.msg"},
                                   scratch.path());
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  const auto docs = testing::run(FOIALENS_BIN, {"--home", home.string(), "docs", "--json"}, scratch.path());
  std::string message, attachment;
  for (const auto& line : testing::lines(docs.out)) {
    const auto d = nlohmann::json::parse(line);
    (d.contains("parent") ? attachment : message) = d["doc"];
  }
  ASSERT_FALSE(message.empty());
  ASSERT_FALSE(attachment.empty());
  testing::ServerProcess server(FOIALENS_BIN, home, scratch.path());
  ASSERT_NE(server.port(), 0) << server.err();
  const auto page = get(server.port(), "/doc/" + message);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<tr><th>from</th><td>Maria Garcia &lt;mgarcia@cookcountysheriff.example&gt;</td></tr>"),
            std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("<ul id=\"attachments\">\n<li><a href=\"/doc/" + attachment + "\">designation-moa-2019.pdf</a>"),
            std::string::npos);
  const auto child = get(server.port(), "/doc/" + attachment);
  EXPECT_NE(child.body.find("<tr><th>attached to</th><td><a href=\"/doc/" + message + "\">"), std::string::npos);
  const auto api = get(server.port(), "/api/doc/" + message);
  const auto cli = testing::run(FOIALENS_BIN, {"--home", home.string(), "show", "--json", message}, scratch.path());
  EXPECT_EQ(api.body, cli.out);
  EXPECT_NE(api.body.find("\"attachments\""), std::string::npos);
  EXPECT_EQ(server.stop(), 0);
}

TEST_F(Pages, UnknownPagesAndMethods) {
  const auto missing = get(port(), "/nowhere");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("<p class=\"error\" id=\"error\">no such page: /nowhere</p>"), std::string::npos);
  const auto api = get(port(), "/api/nowhere");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(nlohmann::json::parse(api.body)["error"], "no such page: /api/nowhere");
  const auto unknown_doc = get(port(), "/doc/abcdef123456");
  EXPECT_EQ(unknown_doc.status, 404);
  const auto post = testing::post_form(port(), "/search", "q=x");
  EXPECT_EQ(post.status, 405);
}

// The API answers with the very bytes the CLI prints with --json.
TEST_F(Pages, ApiEqualsTheCliJson) {
  struct Case {
    std::string target;
    std::vector<std::string> cli;
  };
  const std::string moa = lib().moa();
  const std::vector<Case> cases = {
      {"/api/search?q=%22customs+officers%22", {"search", "--json", "\"customs officers\""}},
      {"/api/search?q=detainer+NEAR%2F5+honor&limit=3&offset=1&facets=1",
       {"search", "--json", "--limit", "3", "--offset", "1", "--facets", "detainer NEAR/5 honor"}},
      {"/api/search?q=ICE+agency%3ACPD&docs=1&facets=1", {"search", "--json", "--docs", "--facets", "ICE agency:CPD"}},
      {"/api/search?q=customs&request=1", {"search", "--json", "--request", "1", "customs"}},
      {"/api/search?q=zebrafish&doc=" + lib().hostile(), {"search", "--json", "--doc", lib().hostile(), "zebrafish"}},
      {"/api/docs", {"docs", "--json"}},
      {"/api/docs?type=agreement", {"docs", "--json", "--type", "agreement"}},
      {"/api/docs?type=letter", {"docs", "--json", "--type", "letter"}},
      {"/api/doc/" + moa, {"show", "--json", moa}},
      {"/api/doc/" + moa + "/page/2", {"show", "--json", moa + ":2"}},
      {"/api/doc/" + lib().hostile(), {"show", "--json", lib().hostile()}},
      {"/api/stats", {"stats", "--json"}},
      {std::string("/api/requests?today=") + testing::kToday, {"requests", "list", "--json", "--today", testing::kToday}},
      {std::string("/api/requests?all=1&today=") + testing::kToday,
       {"requests", "list", "--json", "--all", "--today", testing::kToday}},
      {std::string("/api/requests/1?today=") + testing::kToday, {"requests", "show", "1", "--json", "--today", testing::kToday}},
      {"/api/conflicts", {"conflicts", "--json"}},
      {"/api/conflicts?severity=review&explain=1", {"conflicts", "--json", "--severity", "review", "--explain"}},
      {"/api/conflicts?rules=illinois-trust-act",
       {"conflicts", "--json", "--rules", std::string(FOIALENS_SOURCE_DIR) + "/rules/illinois-trust-act.toml"}},
      {"/api/agreements", {"agreements", "--json"}},
      {"/api/agreements?party=ICE", {"agreements", "--json", "--party", "ICE"}},
      {"/api/references", {"references", "--json"}},
      {"/api/references?unresolved=1", {"references", "--json", "--unresolved"}},
      {std::string("/api/report?today=") + testing::kToday, {"report", "--json", "--today", testing::kToday}},
  };
  for (const auto& c : cases) {
    const auto api = get(port(), c.target);
    const auto cli = lib().foialens(c.cli);
    ASSERT_EQ(cli.exit_code, 0) << c.target << ": " << cli.err;
    EXPECT_EQ(api.status, 200) << c.target << ": " << api.body;
    EXPECT_FALSE(cli.out.empty()) << c.target;
    EXPECT_EQ(api.body, cli.out) << c.target;
  }
  // Failures too: the same message.
  const auto bad_q = get(port(), "/api/search?q=date%3A2021..abc");
  const auto bad_cli = lib().foialens({"search", "--json", "date:2021..abc"});
  EXPECT_EQ(bad_q.status, 400);
  EXPECT_EQ(bad_cli.exit_code, 2);
  EXPECT_EQ("foialens: " + nlohmann::json::parse(bad_q.body)["error"].get<std::string>() + "\n", bad_cli.err);
}

TEST_F(Pages, AnEventAddedFromThePage) {
  // Its own request, so that the other tests see the log they expect.
  const auto add = lib().foialens({"requests", "add", "--agency", "oemc", "--subject", "Requests from federal agents",
                                   "--filed", "2026-01-20", "--json"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string id = std::to_string(nlohmann::json::parse(add.out)["id"].get<long>());
  const auto posted = testing::post_form(port(), "/requests/" + id + "/events",
                                         "event=acknowledged&date=2026-01-21&note=received+%3Cb%3Eby+mail%3C%2Fb%3E");
  EXPECT_EQ(posted.status, 303) << posted.raw;
  EXPECT_EQ(posted.header("location"), "/requests/" + id);
  const auto show = get(port(), "/requests/" + id);
  EXPECT_NE(show.body.find("<li>Wed 2026-01-21  acknowledged: received &lt;b&gt;by mail&lt;/b&gt;</li>"),
            std::string::npos)
      << show.body;
  const auto cli = lib().foialens({"requests", "show", id, "--json"});
  const auto events = nlohmann::json::parse(cli.out)["events"];
  ASSERT_EQ(events.size(), 2u) << cli.out;
  EXPECT_EQ(events[1]["event"], "acknowledged");

  const auto wrong = testing::post_form(port(), "/requests/" + id + "/events", "event=filed&date=2026-01-22");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("request " + id + ": add event: unknown event &#39;filed&#39;"), std::string::npos)
      << wrong.body;
}

}  // namespace
}  // namespace foialens
