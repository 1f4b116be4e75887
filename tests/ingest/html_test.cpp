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
  EXPECT_EQ(r.title, "FAQ & Answers");
  EXPECT_NE(r.text.find("No detainers are honored."), std::string::npos);
  EXPECT_EQ(r.text.find("hidden"), std::string::npos);
  EXPECT_EQ(r.text.find("alert"), std::string::npos);
  EXPECT_EQ(r.text.find("color"), std::string::npos);
  EXPECT_EQ(r.text.find("comment"), std::string::npos);
  EXPECT_NE(r.text.find("Caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D"), std::string::npos);
}

TEST(Html, TitleFallsBackToFirstHeading) {
  EXPECT_EQ(html_to_text("<body><h1>Quarterly <i>Report</i></h1><p>x</p>").title, "Quarterly Report");
}

TEST(Html, EntitiesThatAreNotEntities) {
  EXPECT_EQ(decode_entities("AT&T & co &bogus; &#;"), "AT&T & co &bogus; &#;");
}

}  // namespace
}  // namespace foialens::ingest
