// CSV and iCalendar written out and read back.

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "tracker/csv.hpp"
#include "tracker/export.hpp"

namespace foialens::tracker {
namespace {

TEST(Csv, ParsesQuotesCommasAndNewlines) {
  auto rows = csv::parse("\xEF\xBB\xBF" "a,b,c\r\n1,\"x, \"\"y\"\"\",\"two\nlines\"\r\n\r\n3,,\n");
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].fields, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ((*rows)[1].fields, (std::vector<std::string>{"1", "x, \"y\"", "two\nlines"}));
  EXPECT_EQ((*rows)[1].line, 2);
  EXPECT_EQ((*rows)[2].fields, (std::vector<std::string>{"3", "", ""}));
  EXPECT_EQ((*rows)[2].line, 5);
}

TEST(Csv, UnclosedQuoteNamesItsLine) {
  auto rows = csv::parse("a,b\n1,\"open\n2,3\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().message, "line 2: a quoted field is not closed");
}

TEST(Csv, RecordRoundTrips) {
  const std::vector<std::string> fields = {"plain", "comma, here", "quote \"q\"", "new\nline", ""};
  auto back = csv::parse(csv::record(fields));
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ(back->front().fields, fields);
}

// A request home with a few requests in different states.
class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = Tracker::open(home_.path(), testing::data_root());
    ASSERT_TRUE(t.ok()) << t.error().message;
    tracker_.emplace(std::move(*t));
    NewRequest a;
    a.agency = "cpd";
    a.subject = "Use of force reports, 2015; \"all\" of them\\ and more";
    a.filed = Date(2016, 5, 13);
    a.tracking = {"P045678"};
    a.tags = {"police"};
    ASSERT_TRUE(tracker_->add(a, Date(2016, 5, 13)).ok());
    NewRequest b;
    b.agency = "ice";
    b.subject = "Détainers — Cook County, a subject long enough to need folding in an iCalendar file";
    b.filed = Date(2024, 6, 14);
    const long id = *tracker_->add(b, Date(2024, 6, 14));
    Event denied;
    denied.kind = EventKind::denied;
    denied.date = Date(2024, 8, 1);
    denied.exemptions = "(b)(7)(E)";
    ASSERT_TRUE(tracker_->log(id, denied).ok());
    ListFilter all;
    all.all = true;
    auto views = tracker_->list(all, Date(2024, 8, 2));
    ASSERT_TRUE(views.ok());
    views_ = std::move(*views);
  }
  testing::TempDir home_;
  std::optional<Tracker> tracker_;
  std::vector<RequestView> views_;
};

TEST_F(ExportTest, CsvReadsBack) {
  const std::string out = to_csv(views_, Date(2024, 8, 2));
  auto rows = csv::parse(out);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  const auto& header = rows->front().fields;
  const auto col = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  // Sorted by next deadline: the denied federal request (appeal by 2024-10-30) has one; the
  // 2016 request is overdue with a next date too, and comes first.
  const auto& cpd = (*rows)[1].fields;
  EXPECT_EQ(cpd[col("agency")], "cpd");
  EXPECT_EQ(cpd[col("subject")], "Use of force reports, 2015; \"all\" of them\\ and more");
  EXPECT_EQ(cpd[col("response_due")], "2016-05-20");
  EXPECT_EQ(cpd[col("status")], "overdue");
  EXPECT_EQ(cpd[col("tracking")], "P045678");
  const auto& ice = (*rows)[2].fields;
  EXPECT_EQ(ice[col("status")], "denied");
  // ICE is a DHS component: 90 working days after the denial (6 CFR 5.8(a)(1)), not the
  // statute's 90 calendar days (2024-10-30).
  EXPECT_EQ(ice[col("appeal_by")], "2024-12-11");
  EXPECT_EQ(ice[col("tracking")], "");
  EXPECT_EQ(out.rfind("id,", 0), 0u);  // no byte order mark unless asked
}

TEST_F(ExportTest, CsvByteOrderMarkForExcel) {
  const std::string out = to_csv(views_, Date(2024, 8, 2), true);
  EXPECT_EQ(out.rfind("\xEF\xBB\xBF" "id,agency,", 0), 0u);
  auto rows = csv::parse(out);  // the reader skips it
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->front().fields.front(), "id");
}

// Unfolds RFC 5545 content lines.
std::vector<std::string> unfold(const std::string& ics) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < ics.size()) {
    const std::size_t end = ics.find("\r\n", pos);
    EXPECT_NE(end, std::string::npos) << "every line ends with CRLF";
    if (end == std::string::npos) break;
    const std::string line = ics.substr(pos, end - pos);
    if (!line.empty() && line[0] == ' ') lines.back() += line.substr(1);
    else lines.push_back(line);
    pos = end + 2;
  }
  return lines;
}

TEST_F(ExportTest, IcsIsValidAndReadsBack) {
  const std::string ics = to_ics(views_, "20240802T120000Z", "5f3a9c0e12d4b7a8");
  // Every physical line ends with CRLF and is at most 75 octets; no bare LF.
  std::size_t pos = 0;
  while (pos < ics.size()) {
    const std::size_t end = ics.find("\r\n", pos);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - pos, 75u) << ics.substr(pos, end - pos);
    EXPECT_EQ(ics.substr(pos, end - pos).find('\n'), std::string::npos);
    pos = end + 2;
  }
  const auto lines = unfold(ics);
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_NE(std::find(lines.begin(), lines.end(), "VERSION:2.0"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), "PRODID:-//foialens//records requests//EN"), lines.end());
  int events = 0, uids = 0, stamps = 0;
  std::set<std::string> uid_set;
  for (const std::string& l : lines) {
    events += l == "BEGIN:VEVENT";
    if (l.rfind("UID:", 0) == 0) {
      ++uids;
      uid_set.insert(l);
    }
    stamps += l == "DTSTAMP:20240802T120000Z";
  }
  // cpd: response + appeal (deemed denial); ice: response + appeal.
  EXPECT_EQ(events, 4);
  EXPECT_EQ(uids, 4);
  EXPECT_EQ(uid_set.size(), 4u);
  // The home's id is in every UID, so that two homes never share one.
  EXPECT_EQ(uid_set.count("UID:request-1-response-5f3a9c0e12d4b7a8@foialens"), 1u);
  EXPECT_EQ(stamps, 4);
  EXPECT_NE(std::find(lines.begin(), lines.end(), "DTSTART;VALUE=DATE:20160520"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), "DTEND;VALUE=DATE:20160521"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), "DTSTART;VALUE=DATE:20241211"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(),
                      "SUMMARY:Response due: request 1 (Chicago Police Department) Use of force "
                      "reports\\, 2015\\; \"all\" of them\\\\ and more"),
            lines.end());
  bool description_has_newline_escape = false;
  for (const std::string& l : lines) {
    if (l.rfind("DESCRIPTION:", 0) == 0 && l.find("\\n") != std::string::npos) description_has_newline_escape = true;
  }
  EXPECT_TRUE(description_has_newline_escape);
}

TEST(Ics, FoldNeverSplitsAUtf8Sequence) {
  const std::string line = "SUMMARY:" + std::string(100, 'a') + "é€😀" + std::string(70, 'b');
  const std::string folded = ics::fold(line);
  std::string joined;
  std::size_t pos = 0;
  while (pos < folded.size()) {
    const std::size_t end = folded.find("\r\n", pos);
    std::string part = folded.substr(pos, end - pos);
    EXPECT_LE(part.size(), 75u);
    if (pos > 0) {
      ASSERT_EQ(part[0], ' ');
      part.erase(0, 1);
    }
    // No part starts with a continuation byte.
    if (!part.empty()) {
      EXPECT_NE(static_cast<unsigned char>(part[0]) & 0xC0, 0x80);
    }
    joined += part;
    pos = end + 2;
  }
  EXPECT_EQ(joined, line);
  EXPECT_EQ(ics::escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
}

}  // namespace
}  // namespace foialens::tracker
