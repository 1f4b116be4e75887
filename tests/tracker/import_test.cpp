// Imports: the City of Chicago's department logs in each published column layout, the
// portal's API export, MuckRock's CSV and its API (v1 before and after 2018, v2, served on
// 127.0.0.1), foialens's own export; re-imports, newer downloads, historic logs, and the
// bad input each must refuse without writing anything.

#include "common/paths.hpp"
#include "ingest/fetch.hpp"
#include "tracker/csv.hpp"
#include "tracker/export.hpp"
#include "tracker/import.hpp"

#include <gtest/gtest.h>

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
  ImportReport csv(const std::string& fixture, CsvImportOptions opt = {}) {
    opt.origin = fixture;
    if (opt.today == Date::today()) opt.today = Date(2026, 11, 29);
    return import_csv(*tracker_, testing::read(testing::fixture(fixture)), opt);
  }
  RequestView view(long id, Date today = Date(2026, 11, 29)) {
    auto v = tracker_->view(id, today);
    EXPECT_TRUE(v.ok()) << v.error().message;
    return *v;
  }
  static CsvImportOptions agency(const std::string& a) {
    CsvImportOptions o;
    o.agency = a;
    return o;
  }

  testing::TempDir home_;
  std::optional<Tracker> tracker_;
};

// ---- Chicago department logs --------------------------------------------------------------

TEST_F(ImportTest, FiveColumnLogAndItsReimportAddsNothing) {
  const ImportReport r = csv("chicago_foia_log.csv", agency("cpd"));
  ASSERT_TRUE(r.ok()) << problems(r);
  EXPECT_EQ(r.profile, "chicago");
  ASSERT_EQ(r.added.size(), 3u);
  const RequestView v = view(r.added[0], Date(2016, 5, 16));
  EXPECT_EQ(v.record.subject, "Use of force reports, 2015");
  EXPECT_EQ(v.record.requester, "Jane Doe");
  EXPECT_EQ(v.record.organization, "Chicago Data Collaborative");
  EXPECT_TRUE(v.record.tracking.empty());
  EXPECT_EQ(v.record.agency_due, Date(2016, 5, 20));
  EXPECT_EQ(v.filed, Date(2016, 5, 13));
  EXPECT_EQ(v.assessment.find("response")->date, Date(2016, 5, 20));  // the log agrees
  const RequestView multi = view(r.added[2], Date(2016, 5, 30));
  EXPECT_EQ(multi.record.subject, "Dispatch audio for event #1605270001, including CAD records");
  // Received Friday before Memorial Day 2016: due Monday June 6 (the log says so too).
  EXPECT_EQ(multi.assessment.find("response")->date, Date(2016, 6, 6));

  const ImportReport again = csv("chicago_foia_log.csv", agency("cpd"));
  ASSERT_TRUE(again.ok()) << problems(again);
  EXPECT_TRUE(again.added.empty());
  EXPECT_TRUE(again.updated.empty());
  EXPECT_EQ(again.unchanged, 3);
  EXPECT_EQ(count(), 3u);
}

TEST_F(ImportTest, NewerDownloadAddsItsNewRowAndUpdatesTheChangedOne) {
  ASSERT_TRUE(csv("chicago_foia_log.csv", agency("cpd")).ok());
  // The newer download has one new row at the top and a changed due date further down.
  const ImportReport r = csv("chicago_foia_log_newer.csv", agency("cpd"));
  ASSERT_TRUE(r.ok()) << problems(r);
  ASSERT_EQ(r.added.size(), 1u);
  EXPECT_EQ(view(r.added[0]).record.subject, "Overtime records for the Marine Unit");
  EXPECT_EQ(view(r.added[0]).record.requester, "Omar Haddad");
  ASSERT_EQ(r.updated.size(), 1u);
  EXPECT_EQ(r.updated[0], 3);
  EXPECT_EQ(r.unchanged, 2);
  EXPECT_EQ(count(), 4u);
  const RequestView changed = view(3);
  EXPECT_EQ(changed.record.agency_due, Date(2016, 6, 7));
  ASSERT_EQ(changed.events.size(), 2u);
  EXPECT_EQ(changed.events[1].kind, EventKind::note);
  EXPECT_EQ(changed.events[1].note, "updated from chicago_foia_log_newer.csv line 5: due date was '2016-06-06'");
  // And once more: nothing new, nothing changed.
  const ImportReport third = csv("chicago_foia_log_newer.csv", agency("cpd"));
  EXPECT_TRUE(third.added.empty());
  EXPECT_TRUE(third.updated.empty());
  EXPECT_EQ(third.unchanged, 4);
}

TEST_F(ImportTest, RequestsAddedByHandOrBeforeIdentitiesAreRecognised) {
  // Added by hand: the log that lists it later is the same request.
  NewRequest mine;
  mine.agency = "cpd";
  mine.subject = "Use of force reports, 2015";
  mine.requester = "Jane Doe";
  mine.filed = Date(2016, 5, 13);
  ASSERT_TRUE(tracker_->add(mine, Date(2016, 5, 13)).ok());
  // Stored by an older foialens, with no identity kept.
  auto old = tracker_->prepare([] {
    NewRequest r;
    r.agency = "cpd";
    r.subject = "All contracts with ICE, including \"287(g)\" agreements";
    r.requester = "Sam Roe";
    r.source = "csv:chicago_foia_log.csv:3";
    return r;
  }());
  ASSERT_TRUE(old.ok());
  ASSERT_TRUE(old->import_key.empty());
  ASSERT_TRUE(tracker_->store().add_request(*old, Date(2016, 5, 16)).ok());
  const ImportReport r = csv("chicago_foia_log.csv", agency("cpd"));
  ASSERT_TRUE(r.ok()) << problems(r);
  EXPECT_EQ(r.added.size(), 1u);  // Ana Lee's only
  EXPECT_EQ(count(), 3u);
  // The older one now keeps its identity; the hand-added one gained the organization.
  EXPECT_FALSE(view(2).record.import_key.empty());
  EXPECT_EQ(view(1).record.organization, "Chicago Data Collaborative");
}

TEST_F(ImportTest, BadRowsAreReportedByLineAndNothingIsWritten) {
  const ImportReport r = csv("chicago_foia_log_bad.csv", agency("cpd"));
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.problems.size(), 6u) << problems(r);
  EXPECT_EQ(r.problems[0].where, "line 3");
  EXPECT_EQ(r.problems[0].message, "received date: invalid date '13/05/2016': no such day");
  EXPECT_EQ(r.problems[1].where, "line 4");
  EXPECT_EQ(r.problems[1].message, "a request needs a subject (the description column is empty)");
  EXPECT_EQ(r.problems[2].where, "line 5");
  EXPECT_EQ(r.problems[2].message, "expected 5 columns, found 4");
  EXPECT_EQ(r.problems[3].where, "line 6");
  EXPECT_EQ(r.problems[3].message, "received date: invalid date '2016-02-30': February 2016 has 29 days");
  EXPECT_EQ(r.problems[4].where, "line 7");
  EXPECT_EQ(r.problems[4].message,
            "received date 2051-12-29 is in the future (today is 2026-11-29; --today DATE evaluates as of another day)");
  EXPECT_EQ(r.problems[5].where, "line 8");
  EXPECT_EQ(r.problems[5].message, "due date 2015-01-06 is before the received date 2016-01-06");
  EXPECT_EQ(count(), 0u);

  // With skip_bad the good row goes in and the others are listed.
  CsvImportOptions skip = agency("cpd");
  skip.skip_bad = true;
  const ImportReport some = csv("chicago_foia_log_bad.csv", skip);
  EXPECT_TRUE(some.ok());
  EXPECT_TRUE(some.partial());
  EXPECT_EQ(some.skipped_bad, 6);
  EXPECT_EQ(some.added.size(), 1u);
  EXPECT_EQ(count(), 1u);
}

TEST_F(ImportTest, PoliceLogJoinsTheNameColumnsAndIsThePolicesLog) {
  const ImportReport r = csv("chicago_police_log.csv");  // no --agency: the layout says cpd
  ASSERT_TRUE(r.ok()) << problems(r);
  EXPECT_EQ(r.profile, "chicago-police");
  EXPECT_EQ(r.profile_name, "City of Chicago, Police Department FOIA log");
  ASSERT_EQ(r.added.size(), 3u);
  const RequestView hunter = view(r.added[1]);
  EXPECT_EQ(hunter.record.agency, "cpd");
  EXPECT_EQ(hunter.record.requester, "Lara C Hunter");
  EXPECT_EQ(hunter.record.subject, "Police report");
  ASSERT_EQ(hunter.record.tracking.size(), 1u);
  EXPECT_EQ(hunter.record.tracking[0].number, "10-1231");
  EXPECT_EQ(hunter.record.agency_due, Date(2010, 5, 10));
  EXPECT_EQ(view(r.added[2]).record.organization, "Mitigation & Sentencing Services");

  // --agency naming another department is refused rather than applied to CPD's rows.
  const ImportReport other = csv("chicago_police_log.csv", agency("oemc"));
  ASSERT_EQ(other.problems.size(), 1u);
  EXPECT_EQ(other.problems[0].message,
            "this is the City of Chicago, Police Department FOIA log (agency cpd); --agency oemc names another "
            "(leave --agency out, or give --profile generic)");
}

TEST_F(ImportTest, PortalApiExportWithSnakeCaseHeadersAndIsoDatetimes) {
  ASSERT_TRUE(csv("chicago_police_log.csv").ok());
  const ImportReport r = csv("chicago_police_api.csv");
  ASSERT_TRUE(r.ok()) << problems(r);
  EXPECT_EQ(r.profile, "chicago-police (portal API export)");
  // 10-1223 is the same request as in the CSV download: the tracking number says so.
  EXPECT_EQ(r.unchanged, 1);
  ASSERT_EQ(r.added.size(), 1u);
  const RequestView ortiz = view(r.added[0]);
  EXPECT_EQ(ortiz.filed, Date(2010, 5, 4));
  EXPECT_EQ(ortiz.record.agency_due, Date(2010, 5, 11));
  EXPECT_EQ(ortiz.record.requester, "Rosa M Ortiz");
  EXPECT_EQ(count(), 4u);
}

TEST_F(ImportTest, OemcEthicsFleetAndPbcLayouts) {
  const ImportReport oemc = csv("chicago_oemc_log.csv");
  ASSERT_TRUE(oemc.ok()) << problems(oemc);
  EXPECT_EQ(oemc.profile, "chicago-oemc");
  ASSERT_EQ(oemc.added.size(), 3u);
  EXPECT_EQ(view(oemc.added[0]).record.agency, "oemc");
  EXPECT_EQ(view(oemc.added[0]).record.subject, "Audio");
  EXPECT_EQ(view(oemc.added[0]).record.requester, "WISE, JARED");
  EXPECT_EQ(view(oemc.added[0]).filed, Date(2015, 12, 30));
  EXPECT_FALSE(view(oemc.added[2]).record.agency_due.has_value());

  const ImportReport ethics = csv("chicago_ethics_log.csv");
  ASSERT_TRUE(ethics.ok()) << problems(ethics);
  EXPECT_EQ(ethics.profile, "chicago-ethics");
  ASSERT_EQ(ethics.added.size(), 3u);
  EXPECT_EQ(view(ethics.added[0]).record.agency, "chi-ethics");
  EXPECT_EQ(view(ethics.added[0]).record.subject, "J. Montgomery 2003-10 available");
  EXPECT_EQ(view(ethics.added[1]).record.subject, "D. Redmond all forms; all available");
  EXPECT_EQ(view(ethics.added[2]).record.subject, "environmental records re Faith Tabernacle Church");

  const ImportReport fleet = csv("chicago_fleet_historical_log.csv");
  ASSERT_TRUE(fleet.ok()) << problems(fleet);
  EXPECT_EQ(fleet.profile, "chicago-fleet-historical");
  EXPECT_EQ(view(fleet.added[0]).filed, Date(2010, 5, 6));
  EXPECT_EQ(view(fleet.added[0]).record.agency, "chi-fleet");

  const ImportReport pbc = csv("chicago_pbc_log.csv");
  ASSERT_TRUE(pbc.ok()) << problems(pbc);
  EXPECT_EQ(pbc.profile, "chicago-pbc");
  EXPECT_EQ(view(pbc.added[0]).record.subject, "Bid tabulations for the Ogden school annex");
  EXPECT_EQ(view(pbc.added[0]).record.agency, "chi-pbc");

  const ImportReport initial = csv("chicago_initial_due_log.csv", agency("chi-dss"));
  ASSERT_TRUE(initial.ok()) << problems(initial);
  EXPECT_EQ(view(initial.added[0]).record.agency_due, Date(2024, 11, 13));
}

TEST_F(ImportTest, EthicsDescriptionsAreJoinedWithTheirLabels) {
  const std::string text =
      "REQUESTOR NAME,ORGANIZATION,DATE RECEIVED,DUE DATE,DESCRIPTION OF REQUEST - STATEMENTS OF FINANCIAL "
      "INTERESTS,DESCRIPTION OF REQUEST - LOBBYISTS FILINGS,DESCRIPTION OF REQUEST - OTHER\n"
      "T. Novak,Sun Times,06/04/2010,06/11/2010,R. Roe 2009,Higgins Development 2003,\n";
  CsvImportOptions opt;
  opt.today = Date(2026, 11, 29);
  const ImportReport r = import_csv(*tracker_, text, opt);
  ASSERT_TRUE(r.ok()) << problems(r);
  EXPECT_EQ(view(r.added[0]).record.subject,
            "Statements of financial interests: R. Roe 2009; Lobbyists filings: Higgins Development 2003");
}

TEST_F(ImportTest, MapJoinsColumnsAndProfileCanBeForced) {
  const std::string text =
      "Ref,Opened,First,Last,What,Office\n"
      "A-1,2024-06-14,Rosa,Ortiz,Detainer logs,ICE\n"
      "A-2,06/17/2024,Sam,Roe,Body camera policy,cpd\n";
  CsvImportOptions opt;
  opt.today = Date(2026, 11, 29);
  opt.mapping = {{"number", "Ref"}, {"received", "Opened"}, {"subject", "What"}, {"agency", "Office"},
                 {"requester", "First,Last"}};
  const ImportReport r = import_csv(*tracker_, text, opt);
  ASSERT_TRUE(r.ok()) << problems(r);
  EXPECT_EQ(r.profile, "generic");
  ASSERT_EQ(r.added.size(), 2u);
  EXPECT_EQ(view(r.added[0]).record.law, "us-foia");
  EXPECT_EQ(view(r.added[0]).record.requester, "Rosa Ortiz");
  EXPECT_EQ(view(r.added[1]).record.agency, "cpd");

  // Several tracking numbers in one cell are several numbers.
  CsvImportOptions plain;
  plain.today = Date(2026, 11, 29);
  const ImportReport two = import_csv(*tracker_, "agency,filed,subject,tracking\ncpd,2016-05-13,Audits,P1; P2\n", plain);
  ASSERT_TRUE(two.ok()) << problems(two);
  ASSERT_EQ(view(two.added[0]).record.tracking.size(), 2u);
  EXPECT_EQ(view(two.added[0]).record.tracking[1].number, "P2");

  CsvImportOptions wrong;
  wrong.mapping = {{"subject", "Nope"}};
  wrong.agency = "cpd";
  const ImportReport bad = import_csv(*tracker_, text, wrong);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.problems[0].message,
            "--map subject=Nope: no such column (the columns are: Ref, Opened, First, Last, What, Office)");

  CsvImportOptions forced;
  forced.profile = "chicago-police";
  const ImportReport mismatch = import_csv(*tracker_, text, forced);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.problems[0].message,
            "no column for 'filed' in layout 'chicago-police' (name it with --map filed=COLUMN)");
  CsvImportOptions unknown;
  unknown.profile = "nyc";
  EXPECT_EQ(import_csv(*tracker_, text, unknown).problems[0].message.rfind("unknown profile 'nyc' (profiles: foialens, ", 0), 0u);
}

TEST_F(ImportTest, HistoricLogRowsPastTheirAppealWindowAreClosedHistory) {
  // Without --as-of, a 2010 log with no status column is all late.
  ASSERT_TRUE(csv("chicago_police_log.csv").ok());
  EXPECT_EQ(view(1).assessment.status, RequestStatus::overdue);

  testing::TempDir other;
  auto t = Tracker::open(other.path(), testing::data_root());
  ASSERT_TRUE(t.ok());
  CsvImportOptions opt;
  opt.origin = "chicago_police_log.csv";
  opt.today = Date(2026, 11, 29);
  opt.as_of = Date(2010, 9, 1);  // the log as downloaded then
  const ImportReport r = import_csv(*t, testing::read(testing::fixture("chicago_police_log.csv")), opt);
  ASSERT_TRUE(r.ok()) << problems(r);
  EXPECT_EQ(r.closed, 3);
  auto v = t->view(1, Date(2026, 11, 29));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->assessment.status, RequestStatus::closed);
  EXPECT_FALSE(v->assessment.open);
  EXPECT_FALSE(v->assessment.next_due.has_value());
  EXPECT_EQ(v->events.back().kind, EventKind::closed);
  EXPECT_EQ(v->events.back().date, Date(2010, 9, 1));
  // As of a day inside the appeal window (due 2010-05-10, appeal by 2010-07-09), a row stays open.
  testing::TempDir third;
  auto t3 = Tracker::open(third.path(), testing::data_root());
  opt.as_of = Date(2010, 6, 1);
  const ImportReport early = import_csv(*t3, testing::read(testing::fixture("chicago_police_log.csv")), opt);
  EXPECT_EQ(early.closed, 0);
  // --closed-before closes by receipt date, and re-importing closes the open ones.
  CsvImportOptions before;
  before.origin = "chicago_police_log.csv";
  before.today = Date(2026, 11, 29);
  before.closed_before = Date(2011, 1, 1);
  const ImportReport closing = import_csv(*t3, testing::read(testing::fixture("chicago_police_log.csv")), before);
  ASSERT_TRUE(closing.ok()) << problems(closing);
  EXPECT_EQ(closing.updated.size(), 3u);
  EXPECT_EQ(closing.closed, 3);
  EXPECT_EQ(t3->view(2, Date(2026, 11, 29))->assessment.status, RequestStatus::closed);
}

TEST_F(ImportTest, UnknownAgencyIsOneProblemNotOnePerRow) {
  std::string text = "Agency,Date Received,Description of Request\n";
  for (int i = 0; i < 200; ++i) text += "Nowhere Department,2016-05-13,Request " + std::to_string(i) + "\n";
  text += "cpd,2016-05-13,A good row\n";
  CsvImportOptions opt;
  opt.today = Date(2026, 11, 29);
  const ImportReport r = import_csv(*tracker_, text, opt);
  ASSERT_EQ(r.problems.size(), 1u) << problems(r);
  EXPECT_EQ(r.problems[0].where, "line 2");
  EXPECT_EQ(r.problems[0].message.rfind("unknown agency 'Nowhere Department'", 0), 0u) << r.problems[0].message;
  EXPECT_NE(r.problems[0].message.find("(200 rows name it, line 2 to line 201)"), std::string::npos)
      << r.problems[0].message;
  EXPECT_EQ(count(), 0u);
  // With skip_bad, the 200 rows are left out and counted as rows.
  opt.skip_bad = true;
  const ImportReport skipped = import_csv(*tracker_, text, opt);
  EXPECT_TRUE(skipped.ok());
  EXPECT_EQ(skipped.skipped_bad, 200);
  EXPECT_EQ(skipped.added.size(), 1u);
  // An unknown --agency is said once, before any row is read.
  CsvImportOptions typo = agency("cdp");
  const ImportReport fallback = csv("chicago_foia_log.csv", typo);
  ASSERT_EQ(fallback.problems.size(), 1u) << problems(fallback);
  EXPECT_EQ(fallback.problems[0].where, "--agency");
  EXPECT_EQ(fallback.problems[0].message.rfind("unknown agency 'cdp' (did you mean: ", 0), 0u)
      << fallback.problems[0].message;
  EXPECT_NE(fallback.problems[0].message.find("cpd (Chicago Police Department)"), std::string::npos);
}

TEST_F(ImportTest, EmptyHeaderOnlyNonUtf8AndHtml) {
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
  ImportReport html = import_csv(*tracker_, "<!DOCTYPE html>\n<html><body>Sign in</body></html>\n", opt);
  ASSERT_EQ(html.problems.size(), 1u);
  EXPECT_EQ(html.problems[0].message,
            "an HTML page, not a CSV log (download the log as CSV: Export > CSV on the data portal)");
  CsvImportOptions small = agency("cpd");
  small.max_rows = 2;
  const ImportReport big = csv("chicago_foia_log.csv", small);
  ASSERT_EQ(big.problems.size(), 1u);
  EXPECT_EQ(big.problems[0].where, "line 4");
  EXPECT_EQ(big.problems[0].message, "more than 2 requests in one file (--max-rows N raises the limit)");
  EXPECT_EQ(count(), 0u);
}

TEST_F(ImportTest, MuckRockCsvExport) {
  const ImportReport r = csv("muckrock_export.csv");
  ASSERT_TRUE(r.ok()) << problems(r);
  EXPECT_EQ(r.profile, "muckrock-csv");
  ASSERT_EQ(r.added.size(), 2u);
  const RequestView denied = view(r.added[0]);
  EXPECT_EQ(denied.record.agency, "cpd");
  EXPECT_EQ(denied.assessment.status, RequestStatus::denied);
  EXPECT_EQ(denied.record.tracking.size(), 2u);  // P123456-030123 and MR90001
  EXPECT_EQ(denied.record.tracking[1].number, "MR90001");
  EXPECT_EQ(denied.record.requester, "rkowal");
  const std::vector<std::string> tags = {"immigration", "police"};
  EXPECT_EQ(denied.record.tags, tags);
  // "Awaiting Acknowledgement": sent, not acknowledged.
  const RequestView waiting = view(r.added[1], Date(2022, 6, 3));
  EXPECT_EQ(waiting.record.agency, "oemc");
  EXPECT_EQ(waiting.assessment.status, RequestStatus::awaiting);
  EXPECT_EQ(waiting.events.size(), 1u);
}

TEST_F(ImportTest, MuckRockFoiaLogFormat) {
  // An agency's log in the columns MuckRock's FOIA log import reads; the agency is the log's.
  const ImportReport r = csv("muckrock_foia_log.csv", agency("cpd"));
  ASSERT_TRUE(r.ok()) << problems(r);
  EXPECT_EQ(r.profile, "muckrock-log");
  ASSERT_EQ(r.added.size(), 3u);
  const RequestView partial = view(r.added[0], Date(2022, 2, 11));
  EXPECT_EQ(partial.record.organization, "South Side Weekly");
  EXPECT_EQ(partial.record.tracking[0].number, "P210001-010422");
  // Part released on February 10, the rest still owed since January 11: late.
  EXPECT_EQ(partial.events.back().kind, EventKind::partial_response);
  EXPECT_EQ(partial.assessment.status, RequestStatus::overdue);
  EXPECT_EQ(partial.events.back().exemptions, "7(1)(d)(vi)");
  EXPECT_EQ(partial.events.back().date, Date(2022, 2, 10));
  const RequestView denied = view(r.added[1], Date(2022, 1, 21));
  EXPECT_EQ(denied.assessment.status, RequestStatus::denied);
  EXPECT_EQ(denied.assessment.find("appeal")->date, Date(2022, 3, 21));  // 60 days, last day per 5 ILCS 70/1.11
  EXPECT_EQ(view(r.added[2], Date(2022, 1, 7)).assessment.status, RequestStatus::acknowledged);
}

TEST_F(ImportTest, ExportThenImportIntoAnEmptyHomeGivesTheSameRequests) {
  ASSERT_TRUE(csv("chicago_police_log.csv").ok());
  NewRequest ice;
  ice.agency = "ice";
  ice.subject = "Detainers, \"Cook County\"; 2021";
  ice.filed = Date(2023, 12, 1);
  ice.tracking = {"2024-ICFO-01", "2024-ICFO-02"};
  ice.tags = {"detainers"};
  const long id = *tracker_->add(ice, Date(2023, 12, 1));
  Event denied;
  denied.kind = EventKind::denied;
  denied.date = Date(2024, 1, 10);
  denied.exemptions = "(b)(7)(E)";
  ASSERT_TRUE(tracker_->log(id, denied).ok());
  Event appealed;
  appealed.kind = EventKind::appealed;
  appealed.date = Date(2024, 2, 1);
  appealed.tracking = "A-2024-77";
  ASSERT_TRUE(tracker_->log(id, appealed).ok());

  ListFilter all;
  all.all = true;
  const Date today(2024, 3, 1);
  auto before = tracker_->list(all, today);
  ASSERT_TRUE(before.ok());
  const std::string exported = to_csv(*before, today, true);

  testing::TempDir empty;
  auto fresh = Tracker::open(empty.path(), testing::data_root());
  ASSERT_TRUE(fresh.ok());
  CsvImportOptions opt;
  opt.origin = "export.csv";
  opt.today = Date(2026, 11, 29);
  const ImportReport r = import_csv(*fresh, exported, opt);
  ASSERT_TRUE(r.ok()) << problems(r);
  EXPECT_EQ(r.profile, "foialens");
  ASSERT_EQ(r.added.size(), before->size());
  auto after = fresh->list(all, today);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), before->size());
  for (std::size_t i = 0; i < before->size(); ++i) {
    const RequestView& a = (*before)[i];
    const RequestView& b = (*after)[i];
    EXPECT_EQ(a.record.agency, b.record.agency);
    EXPECT_EQ(a.record.subject, b.record.subject);
    EXPECT_EQ(a.record.requester, b.record.requester);
    EXPECT_EQ(a.record.tags, b.record.tags);
    EXPECT_EQ(a.assessment.status, b.assessment.status) << a.record.subject;
    ASSERT_EQ(a.record.tracking.size(), b.record.tracking.size()) << a.record.subject;
    for (std::size_t k = 0; k < a.record.tracking.size(); ++k) {
      EXPECT_EQ(a.record.tracking[k].number, b.record.tracking[k].number);
      EXPECT_EQ(a.record.tracking[k].kind, b.record.tracking[k].kind);
    }
    ASSERT_EQ(a.events.size(), b.events.size());
    for (std::size_t k = 0; k < a.events.size(); ++k) {
      EXPECT_EQ(a.events[k].kind, b.events[k].kind);
      EXPECT_EQ(a.events[k].date, b.events[k].date);
      EXPECT_EQ(a.events[k].exemptions, b.events[k].exemptions);
      EXPECT_EQ(a.events[k].tracking, b.events[k].tracking);
    }
  }
  EXPECT_EQ((*after)[3].assessment.status, RequestStatus::appealed);
  // The export imported again is the same requests.
  const ImportReport again = import_csv(*fresh, exported, opt);
  EXPECT_TRUE(again.added.empty());
  EXPECT_TRUE(again.updated.empty());
  EXPECT_EQ(again.unchanged, 4);
}

TEST_F(ImportTest, OwnExportWithABrokenRecordIsRefusedByLine) {
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  const std::string text = "id,subject,foialens_record\n"
                           "1,a,{not json\n"
                           "2,b,\"" + deep + "\"\n"
                           "3,c,\"{\"\"agency\"\": \"\"cpd\"\", \"\"subject\"\": \"\"x\"\", \"\"events\"\": []}\"\n";
  CsvImportOptions opt;
  opt.today = Date(2026, 11, 29);
  const ImportReport r = import_csv(*tracker_, text, opt);
  EXPECT_EQ(r.profile, "foialens");
  ASSERT_EQ(r.problems.size(), 3u) << problems(r);
  EXPECT_EQ(r.problems[0].message, "foialens_record is not valid JSON (edited by hand?)");
  EXPECT_EQ(r.problems[1].message, "foialens_record is nested deeper than 64 levels");
  EXPECT_EQ(r.problems[2].message, "foialens_record has no 'filed' event");
  EXPECT_EQ(count(), 0u);
}

TEST(ImportKey, SameContentSameKey) {
  EXPECT_EQ(import_key("cpd", "", Date(2016, 5, 13), "Jane  Doe", "Use of force reports, 2015."),
            import_key("cpd", "", Date(2016, 5, 13), "jane doe", "USE OF FORCE REPORTS 2015"));
  EXPECT_NE(import_key("cpd", "", Date(2016, 5, 13), "Jane Doe", "Use of force"),
            import_key("cpd", "", Date(2016, 5, 14), "Jane Doe", "Use of force"));
  EXPECT_EQ(import_key("cpd", "P-1", Date(2016, 5, 13), "A", "x"), import_key("cpd", "p 1", Date(2017, 1, 1), "B", "y"));
  EXPECT_NE(import_key("cpd", "P-1", Date(2016, 5, 13), "A", "x"), import_key("oemc", "P-1", Date(2016, 5, 13), "A", "x"));
}

// ---- MuckRock API -----------------------------------------------------------------------

// The library's fetcher (ingest's libcurl adapter), as the CLI hands it to the tracker.
UrlFetcher fetcher(const std::filesystem::path& temp) {
  return [temp](const std::string& url) -> Result<std::string> {
    ingest::FetchOptions options;
    options.temp_dir = temp;
    auto got = ingest::fetch(url, options);
    if (!got) return got.error();
    auto body = paths::read_file(got->body);
    std::filesystem::remove(got->body);
    return body;
  };
}

class MuckRockTest : public ImportTest {
 protected:
  void SetUp() override {
    ImportTest::SetUp();
    server_.route("/api_v1/agency/248/", foialens::testing::json_response(
                                             R"({"id": 248, "name": "Chicago Police Department", "slug": "chicago-police-department", "status": "approved", "jurisdiction": 169})"));
    server_.route("/api_v1/agency/300/", foialens::testing::json_response(
                                             R"({"id": 300, "name": "U.S. Immigration and Customs Enforcement", "jurisdiction": 10})"));
    foialens::testing::LocalHttpServer::Response missing;
    missing.status = 404;
    missing.reason = "Not Found";
    missing.content_type = "application/json";
    missing.body = R"({"detail": "Not found."})";
    server_.route("/api_v1/agency/9999/", missing);
    server_.route("/api_v2/agencies/300/", foialens::testing::json_response(
                                               R"({"id": 300, "name": "U.S. Immigration and Customs Enforcement", "jurisdiction": 10, "status": "approved"})"));
    server_.route("/api_v2/agencies/248/", foialens::testing::json_response(
                                               R"({"id": 248, "name": "Chicago Police Department", "jurisdiction": 169, "status": "approved"})"));
  }
  MuckRockImportOptions options(const std::string& api) {
    MuckRockImportOptions o;
    o.origin = "muckrock";
    o.today = Date(2026, 11, 29);
    o.lookup = muckrock_agency_lookup(server_.url(api), fetcher(home_.path()));
    return o;
  }
  foialens::testing::LocalHttpServer server_;
};

TEST_F(MuckRockTest, V1AgencyIdsResolvedThroughTheApiAndCached) {
  server_.route("/api_v1/foia/?user=rkowal", foialens::testing::json_response(testing::read(testing::fixture("muckrock_single.json"))));
  auto pages = fetch_muckrock(server_.url("/api_v1/foia/?user=rkowal"), fetcher(home_.path()));
  ASSERT_TRUE(pages.ok()) << pages.error().message;
  const ImportReport r = import_muckrock(*tracker_, *pages, options("/api_v1"));
  ASSERT_TRUE(r.ok()) << problems(r);
  EXPECT_EQ(r.profile, "muckrock-v1");
  ASSERT_EQ(r.added.size(), 1u);
  const RequestView v = view(r.added[0], Date(2023, 3, 21));
  EXPECT_EQ(v.record.agency, "cpd");
  EXPECT_EQ(v.filed, Date(2023, 3, 1));
  EXPECT_EQ(v.record.agency_due, Date(2023, 3, 8));
  EXPECT_EQ(v.assessment.status, RequestStatus::denied);
  EXPECT_EQ(v.assessment.find("appeal")->date, Date(2023, 5, 19));
  ASSERT_EQ(v.record.tracking.size(), 2u);  // P123456-030123 and MR90001
  ASSERT_EQ(v.events.size(), 4u);           // filed, two communications, denied
  // User ids are numbers: they are not written as if they were names.
  EXPECT_EQ(v.events[1].note, "MuckRock communication: Pursuant to the Illinois Freedom of Information Act, I request ...");
  EXPECT_EQ(tracker_->store().muckrock_agency(248), "Chicago Police Department");

  // Imported again, without the API: the cache answers; nothing new.
  MuckRockImportOptions offline;
  offline.today = Date(2026, 11, 29);
  const ImportReport again = import_muckrock(*tracker_, *pages, offline);
  ASSERT_TRUE(again.ok()) << problems(again);
  EXPECT_TRUE(again.added.empty());
  EXPECT_EQ(again.unchanged, 1);
}

TEST_F(MuckRockTest, UnknownAgencyIdIsOneProblemAndAgencyIsOnlyAFallback) {
  const std::string page = testing::read(testing::fixture("muckrock_page1.json"));
  const ImportReport r = import_muckrock(*tracker_, {page}, options("/api_v1"));
  ASSERT_EQ(r.problems.size(), 2u) << problems(r);
  EXPECT_EQ(r.problems[0].where, "record 1 (MuckRock 90002)");
  EXPECT_EQ(r.problems[0].message,
            "MuckRock agency 9999: not in --agency-map and the lookup failed: " + server_.url("/api_v1/agency/9999/") +
                ": fetch failed: HTTP 404 Not Found");
  EXPECT_EQ(r.problems[1].where, "record 3 (MuckRock 90004)");
  EXPECT_EQ(r.problems[1].message, "no 'datetime_submitted' (a draft that was never filed?)");
  EXPECT_EQ(count(), 0u);

  // --agency is for the record MuckRock cannot name; ICE's record stays ICE's.
  auto doc = nlohmann::json::parse(page);
  doc["results"].erase(2);
  MuckRockImportOptions opt = options("/api_v1");
  opt.agency = "oemc";
  const ImportReport ok = import_muckrock(*tracker_, {doc.dump()}, opt);
  ASSERT_TRUE(ok.ok()) << problems(ok);
  ASSERT_EQ(ok.added.size(), 2u);
  const RequestView fallback = view(ok.added[0], Date(2022, 6, 3));
  EXPECT_EQ(fallback.record.agency, "oemc");
  ASSERT_EQ(ok.warnings.size(), 1u);
  EXPECT_EQ(ok.warnings[0].where, "record 1 (MuckRock 90002)");
  EXPECT_EQ(ok.warnings[0].message, "MuckRock agency 9999 could not be resolved (" + server_.url("/api_v1/agency/9999/") +
                                        ": fetch failed: HTTP 404 Not Found); filed under --agency oemc");
  // 'ack' is "awaiting acknowledgement": not acknowledged.
  EXPECT_EQ(fallback.assessment.status, RequestStatus::awaiting);
  const RequestView ice = view(ok.added[1], Date(2022, 4, 2));
  EXPECT_EQ(ice.record.agency, "ice");
  EXPECT_EQ(ice.assessment.status, RequestStatus::released);
  EXPECT_EQ(ice.events[1].note, "MuckRock communication: Acknowledged.");
}

TEST_F(MuckRockTest, AgencyMapFile) {
  auto map = parse_agency_map("# MuckRock agencies\n9999, oemc\n248 = Chicago Police Department\n", "agencies.csv");
  ASSERT_TRUE(map.ok()) << map.error().message;
  EXPECT_EQ(map->at(9999), "oemc");
  EXPECT_EQ(map->at(248), "Chicago Police Department");
  EXPECT_EQ(parse_agency_map("248\n", "agencies.csv").error().message,
            "agencies.csv:1: expected 'MUCKROCK_ID,AGENCY' (e.g. '248,cpd')");
  auto doc = nlohmann::json::parse(testing::read(testing::fixture("muckrock_page1.json")));
  doc["results"].erase(2);
  doc["results"].erase(1);
  MuckRockImportOptions opt;
  opt.today = Date(2026, 11, 29);
  opt.agency_map = *map;
  const ImportReport r = import_muckrock(*tracker_, {doc.dump()}, opt);
  ASSERT_TRUE(r.ok()) << problems(r);
  EXPECT_EQ(view(r.added[0]).record.agency, "oemc");
}

TEST_F(MuckRockTest, V1Before2018) {
  server_.route("/api_v1/foia/?page=1", foialens::testing::json_response(testing::read(testing::fixture("muckrock_v1_2017.json"))));
  auto pages = fetch_muckrock(server_.url("/api_v1/foia/?page=1"), fetcher(home_.path()));
  ASSERT_TRUE(pages.ok());
  const ImportReport r = import_muckrock(*tracker_, *pages, options("/api_v1"));
  ASSERT_TRUE(r.ok()) << problems(r);
  EXPECT_EQ(r.profile, "muckrock-v1-2017");
  ASSERT_EQ(r.added.size(), 1u);
  const RequestView v = view(r.added[0], Date(2015, 3, 3));
  EXPECT_EQ(v.record.agency, "cpd");
  EXPECT_EQ(v.filed, Date(2015, 1, 30));
  EXPECT_EQ(v.assessment.status, RequestStatus::denied);
  EXPECT_EQ(v.events.back().date, Date(2015, 3, 2));  // date_done
  EXPECT_EQ(v.events[1].note, "MuckRock communication from Brian K: Pursuant to the Illinois Freedom of Information Act ...");
}

TEST_F(MuckRockTest, V2FollowingNext) {
  auto body = nlohmann::json::parse(testing::read(testing::fixture("muckrock_v2.json")));
  nlohmann::json second = body;
  second["results"].erase(0);
  body["results"].erase(1);
  body["next"] = server_.url("/api_v2/requests/?page=2");
  server_.route("/api_v2/requests/?page=1", foialens::testing::json_response(body.dump()));
  server_.route("/api_v2/requests/?page=2", foialens::testing::json_response(second.dump()));
  auto pages = fetch_muckrock(server_.url("/api_v2/requests/?page=1"), fetcher(home_.path()));
  ASSERT_TRUE(pages.ok());
  ASSERT_EQ(pages->size(), 2u);
  EXPECT_EQ(muckrock_api_root(server_.url("/api_v2/requests/?page=1")), server_.url("/api_v2"));
  const ImportReport r = import_muckrock(*tracker_, *pages, options("/api_v2"));
  ASSERT_TRUE(r.ok()) << problems(r);
  EXPECT_EQ(r.profile, "muckrock-v2");
  ASSERT_EQ(r.added.size(), 2u);
  const RequestView ice = view(r.added[0], Date(2024, 1, 21));
  EXPECT_EQ(ice.record.agency, "ice");
  EXPECT_FALSE(ice.record.agency_due.has_value());  // v2 has no date_due
  EXPECT_EQ(ice.assessment.status, RequestStatus::acknowledged);
  EXPECT_EQ(ice.record.tracking[0].number, "2024-ICFO-00311");
  EXPECT_EQ(view(r.added[1]).record.agency, "cpd");
  const auto served = server_.requests();
  EXPECT_NE(std::find(served.begin(), served.end(), "/api_v2/agencies/300/"), served.end());
}

TEST_F(MuckRockTest, ErrorBodiesAreNamed) {
  const ImportReport detail = import_muckrock(*tracker_, {R"({"detail": "Invalid token."})"}, {});
  ASSERT_EQ(detail.problems.size(), 1u);
  EXPECT_EQ(detail.problems[0].message, "MuckRock answered with an error, not requests: \"Invalid token.\"");
  const ImportReport html = import_muckrock(*tracker_, {"<!DOCTYPE html><html><head><title>MuckRock</title>"}, {});
  ASSERT_EQ(html.problems.size(), 1u);
  EXPECT_EQ(html.problems[0].message,
            "an HTML page, not MuckRock API JSON (use the API URL, e.g. https://www.muckrock.com/api_v1/foia/?user=NAME)");
  std::string deep(200, '[');
  deep += std::string(200, ']');
  const ImportReport nested = import_muckrock(*tracker_, {deep}, {});
  ASSERT_EQ(nested.problems.size(), 1u);
  EXPECT_EQ(nested.problems[0].message, "JSON nested deeper than 64 levels: not a MuckRock answer");
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

TEST(ImportDates, LogFormats) {
  EXPECT_EQ(*parse_log_date("05/13/2016"), Date(2016, 5, 13));
  EXPECT_EQ(*parse_log_date("5/3/2016 12:00:00 AM"), Date(2016, 5, 3));
  EXPECT_EQ(*parse_log_date("2016-05-13T10:00:00Z"), Date(2016, 5, 13));
  EXPECT_EQ(*parse_log_date("2010-05-03T00:00:00.000"), Date(2010, 5, 3));
  EXPECT_FALSE(parse_log_date("13/05/2016").ok());
  EXPECT_FALSE(parse_log_date("May 13").ok());
}

}  // namespace
}  // namespace foialens::tracker
