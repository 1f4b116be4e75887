// Imports: a City of Chicago FOIA log as CSV, MuckRock JSON from a file and from a URL
// served on 127.0.0.1, and the bad input each must refuse without writing anything.

#include "common/paths.hpp"
#include "ingest/fetch.hpp"
#include "tracker/import.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "tests/support/local_http_server.hpp"
#include "test_support.hpp"

namespace foialens::tracker {
namespace {

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = Tracker::open(home_.path(), testing::data_root());
    ASSERT_TRUE(t.ok()) << t.error().message;
    tracker_.emplace(std::move(*t));
  }
  std::size_t count() { return tracker_->store().requests()->size(); }
  static std::string problems(const ImportReport& r) {
    std::string out;
    for (const auto& p : r.problems) out += p.where + ": " + p.message + "\n";
    return out;
  }

  testing::TempDir home_;
  std::optional<Tracker> tracker_;
};

TEST_F(ImportTest, ChicagoLogColumnsByDefault) {
  CsvImportOptions opt;
  opt.origin = "chicago_foia_log.csv";
  opt.agency = "cpd";
  const ImportReport r = import_csv(*tracker_, testing::read(testing::fixture("chicago_foia_log.csv")), opt);
  ASSERT_TRUE(r.ok()) << problems(r);
  ASSERT_EQ(r.added.size(), 3u);
  auto v = tracker_->view(r.added[0], Date(2016, 5, 16));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->record.subject, "Use of force reports, 2015");
  EXPECT_EQ(v->record.requester, "Jane Doe");
  EXPECT_EQ(v->record.organization, "Chicago Data Collaborative");
  EXPECT_EQ(v->record.tracking.at(0).number, "P045678");
  EXPECT_EQ(v->record.agency_due, Date(2016, 5, 20));
  EXPECT_EQ(v->filed, Date(2016, 5, 13));
  EXPECT_EQ(v->assessment.find("response")->date, Date(2016, 5, 20));  // the log agrees
  auto multi = tracker_->view(r.added[2], Date(2016, 5, 30));
  EXPECT_EQ(multi->record.subject, "Dispatch audio for event #1605270001, including CAD records");
  // Received Friday before Memorial Day 2016: due Monday June 6 (the log says so too).
  EXPECT_EQ(multi->assessment.find("response")->date, Date(2016, 6, 6));

  // The same log again: nothing new.
  const ImportReport again = import_csv(*tracker_, testing::read(testing::fixture("chicago_foia_log.csv")), opt);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again.added.empty());
  EXPECT_EQ(again.skipped, 3);
  EXPECT_EQ(count(), 3u);
}

TEST_F(ImportTest, BadRowsAreReportedByLineAndNothingIsWritten) {
  CsvImportOptions opt;
  opt.agency = "cpd";
  const ImportReport r = import_csv(*tracker_, testing::read(testing::fixture("chicago_foia_log_bad.csv")), opt);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.problems.size(), 4u) << problems(r);
  EXPECT_EQ(r.problems[0].where, "line 3");
  EXPECT_EQ(r.problems[0].message, "received date: invalid date '13/05/2016': no such day");
  EXPECT_EQ(r.problems[1].where, "line 4");
  EXPECT_EQ(r.problems[1].message, "a request needs a subject (--subject)");
  EXPECT_EQ(r.problems[2].where, "line 5");
  EXPECT_EQ(r.problems[2].message, "expected 6 columns, found 5");
  EXPECT_EQ(r.problems[3].where, "line 6");
  EXPECT_EQ(r.problems[3].message, "received date: invalid date '2016-02-30': February 2016 has 29 days");
  EXPECT_EQ(count(), 0u);
}

TEST_F(ImportTest, EmptyAndHeaderOnlyAndNonUtf8) {
  CsvImportOptions opt;
  opt.agency = "cpd";
  ImportReport empty = import_csv(*tracker_, "", opt);
  ASSERT_EQ(empty.problems.size(), 1u);
  EXPECT_EQ(empty.problems[0].message, "the file is empty: expected a header row and at least one request");
  ImportReport header = import_csv(*tracker_, "Date Received,Description of Request\n", opt);
  ASSERT_EQ(header.problems.size(), 1u);
  EXPECT_EQ(header.problems[0].message, "no requests: the file has a header row only");
  ImportReport latin1 = import_csv(*tracker_, "Date Received,Description of Request\n2016-05-13,ok\n2016-05-13,caf\xE9\n", opt);
  ASSERT_EQ(latin1.problems.size(), 1u);
  EXPECT_EQ(latin1.problems[0].where, "line 3");
  EXPECT_EQ(latin1.problems[0].message, "not valid UTF-8 (save the file as UTF-8 and import again)");
  EXPECT_EQ(count(), 0u);
}

TEST_F(ImportTest, ColumnMappingAndAgencyColumn) {
  const std::string text =
      "Ref,Opened,What,Office\n"
      "A-1,2024-06-14,Detainer logs,ICE\n"
      "A-2,06/17/2024,Body camera policy,cpd\n";
  CsvImportOptions opt;
  opt.mapping = {{"number", "Ref"}, {"received", "Opened"}, {"subject", "What"}, {"agency", "Office"}};
  const ImportReport r = import_csv(*tracker_, text, opt);
  ASSERT_TRUE(r.ok()) << problems(r);
  ASSERT_EQ(r.added.size(), 2u);
  EXPECT_EQ(tracker_->view(r.added[0], Date(2024, 6, 20))->record.law, "us-foia");
  EXPECT_EQ(tracker_->view(r.added[1], Date(2024, 6, 20))->record.agency, "cpd");

  CsvImportOptions wrong;
  wrong.mapping = {{"subject", "Nope"}};
  wrong.agency = "cpd";
  const ImportReport bad = import_csv(*tracker_, text, wrong);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.problems[0].message, "--map subject=Nope: no such column (the columns are: Ref, Opened, What, Office)");
}

TEST_F(ImportTest, MuckRockSingleObjectFromAFile) {
  MuckRockImportOptions opt;
  const ImportReport r = import_muckrock(*tracker_, {testing::read(testing::fixture("muckrock_single.json"))}, opt);
  ASSERT_TRUE(r.ok()) << problems(r);
  ASSERT_EQ(r.added.size(), 1u);
  auto v = tracker_->view(r.added[0], Date(2023, 3, 21));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->record.agency, "cpd");
  EXPECT_EQ(v->filed, Date(2023, 3, 1));
  EXPECT_EQ(v->record.agency_due, Date(2023, 3, 8));
  EXPECT_EQ(v->assessment.status, RequestStatus::denied);
  EXPECT_EQ(v->assessment.find("appeal")->date, Date(2023, 5, 19));
  EXPECT_EQ(v->record.tracking.size(), 2u);  // P123456-030123 and MR90001
  EXPECT_EQ(v->events.size(), 4u);           // filed, two communications, denied
}

TEST_F(ImportTest, MuckRockPageWithProblemsWritesNothing) {
  MuckRockImportOptions opt;
  const ImportReport r = import_muckrock(*tracker_, {testing::read(testing::fixture("muckrock_page1.json"))}, opt);
  ASSERT_EQ(r.problems.size(), 2u) << problems(r);
  EXPECT_EQ(r.problems[0].where, "record 1 (MuckRock 90002)");
  EXPECT_EQ(r.problems[0].message, "the agency is a MuckRock number (248): give --agency NAME");
  EXPECT_EQ(r.problems[1].where, "record 3 (MuckRock 90004)");
  EXPECT_EQ(r.problems[1].message, "no 'datetime_submitted' (a draft that was never filed?)");
  EXPECT_EQ(count(), 0u);
}

TEST_F(ImportTest, MalformedAndEmptyJson) {
  const ImportReport r = import_muckrock(*tracker_, {testing::read(testing::fixture("muckrock_malformed.json"))}, {});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].where, "input, line 3");
  EXPECT_EQ(r.problems[0].message.rfind("malformed JSON: ", 0), 0u) << r.problems[0].message;
  const ImportReport empty = import_muckrock(*tracker_, {""}, {});
  ASSERT_EQ(empty.problems.size(), 1u);
  EXPECT_EQ(empty.problems[0].message, "empty input: expected MuckRock FOIA JSON");
  const ImportReport latin1 = import_muckrock(*tracker_, {"{\"title\": \"caf\xE9\"}"}, {});
  ASSERT_EQ(latin1.problems.size(), 1u);
  EXPECT_EQ(latin1.problems[0].message, "not valid UTF-8");
  const ImportReport none = import_muckrock(*tracker_, {"{\"results\": []}"}, {});
  ASSERT_EQ(none.problems.size(), 1u);
  EXPECT_EQ(none.problems[0].message, "no FOIA records in the input");
  EXPECT_EQ(count(), 0u);
}

std::string clean_page(const std::string& next) {
  auto doc = nlohmann::json::parse(testing::read(testing::fixture("muckrock_page1.json")));
  doc["results"].erase(2);               // the draft
  doc["results"][0]["agency"] = "oemc";  // a name instead of MuckRock's number
  doc["next"] = next.empty() ? nlohmann::json(nullptr) : nlohmann::json(next);
  return doc.dump();
}

TEST_F(ImportTest, MuckRockFromALocalServerFollowingNext) {
  foialens::testing::LocalHttpServer server;
  server.route("/api_v1/foia/?page=1", foialens::testing::json_response(clean_page(server.url("/api_v1/foia/?page=2"))));
  server.route("/api_v1/foia/?page=2", foialens::testing::json_response(testing::read(testing::fixture("muckrock_single.json"))));
  // The tracker is handed the library's fetcher (ingest's libcurl adapter).
  const UrlFetcher fetch = [&](const std::string& url) -> Result<std::string> {
    ingest::FetchOptions options;
    options.temp_dir = home_.path();
    auto got = ingest::fetch(url, options);
    if (!got) return got.error();
    auto body = paths::read_file(got->body);
    std::filesystem::remove(got->body);
    return body;
  };
  auto pages = fetch_muckrock(server.url("/api_v1/foia/?page=1"), fetch);
  ASSERT_TRUE(pages.ok()) << pages.error().message;
  ASSERT_EQ(pages->size(), 2u);
  const ImportReport r = import_muckrock(*tracker_, *pages, {});
  ASSERT_TRUE(r.ok()) << problems(r);
  EXPECT_EQ(r.added.size(), 3u);
  auto ice = tracker_->view(r.added[1], Date(2022, 4, 2));
  EXPECT_EQ(ice->record.agency, "ice");
  EXPECT_EQ(ice->assessment.status, RequestStatus::released);
}

TEST(ImportDates, LogFormats) {
  EXPECT_EQ(*parse_log_date("05/13/2016"), Date(2016, 5, 13));
  EXPECT_EQ(*parse_log_date("5/3/2016 12:00:00 AM"), Date(2016, 5, 3));
  EXPECT_EQ(*parse_log_date("2016-05-13T10:00:00Z"), Date(2016, 5, 13));
  EXPECT_FALSE(parse_log_date("13/05/2016").ok());
  EXPECT_FALSE(parse_log_date("May 13").ok());
}

}  // namespace
}  // namespace foialens::tracker
