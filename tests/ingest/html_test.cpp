#include "ingest/html.hpp"

#include <gtest/gtest.h>

namespace foialens::ingest {
namespace {

TEST(Html, VisibleTextOnly) {
  const auto r = html_to_text(
      "<html><head><title>FAQ &amp; Answers</title><style>p{color:red}</style>"
      "<script>var detainer = 'hidden';</script></head><body><!-- comment -->"
      "<h1>Welcoming City</h1><p>No <b>detainers</b> are honored.</p><ul><li>One</li></ul>"
      "<script type=\"text/javascript\">alert('x')</SCRIPT><p>Caf&eacute; &#8220;q&#x201D;</p></body></html>");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->title, "FAQ & Answers");
  EXPECT_NE(r->text.find("No detainers are honored."), std::string::npos);
  EXPECT_EQ(r->text.find("hidden"), std::string::npos);
  EXPECT_EQ(r->text.find("alert"), std::string::npos);
  EXPECT_EQ(r->text.find("color"), std::string::npos);
  EXPECT_EQ(r->text.find("comment"), std::string::npos);
  EXPECT_EQ(r->text.find("FAQ"), std::string::npos);  // the title is metadata, not body text
  EXPECT_NE(r->text.find("Caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D"), std::string::npos);
}

TEST(Html, TitleFallsBackToFirstHeading) {
  EXPECT_EQ(html_to_text("<body><h1>Quarterly <i>Report</i></h1><p>x</p>")->title, "Quarterly Report");
}

// Every HTML 4 entity, not a short table of common ones; unknown names stay as written.
TEST(Html, EveryNamedEntityAndBareAmpersands) {
  const auto r = html_to_text("<p>AT&T &euro;5 &frac12; &hearts; &Omega; &bogus; co</p>");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "AT&T \xE2\x82\xAC" "5 \xC2\xBD \xE2\x99\xA5 \xCE\xA9 &bogus; co\n\n");
}

TEST(Html, UnclosedTagsAreRepairedAsBrowsersDo) {
  const auto r = html_to_text("<p>First paragraph<p>Second <b>bold<td>cell</table><div>Third");
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->text.find("First paragraph\n\nSecond bold"), std::string::npos);
  EXPECT_NE(r->text.find("Third"), std::string::npos);
}

TEST(Html, TablesAreRowsOfTabSeparatedCells) {
  const auto r = html_to_text("<table><tr><th>Agency</th><th>Due</th></tr><tr><td>CPD</td><td>2021-04-01</td></tr></table>");
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->text.find("Agency\tDue\t\nCPD\t2021-04-01\t\n"), std::string::npos);
}

TEST(Html, NestingDeeperThanTheLimitIsAnError) {
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "<div>";
  deep += "text";
  Limits limits;
  limits.max_xml_depth = 100;
  const auto r = html_to_text(deep, limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "HTML: nested deeper than 100 levels (--max-xml-depth raises the limit)");
}

TEST(Html, LargerThanTheLimitIsAnError) {
  Limits limits;
  limits.max_xml_bytes = 1 << 20;
  const auto r = html_to_text("<p>" + std::string((1 << 20) + 1, 'x') + "</p>", limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "HTML larger than 1 MiB (--max-xml-size raises the limit)");
}

}  // namespace
}  // namespace foialens::ingest
