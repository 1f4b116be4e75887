// End to end: the real foialens binary with --home in a scratch folder.

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/local_http_server.hpp"
#include "test_support.hpp"

namespace foialens::tracker {
namespace {

using nlohmann::json;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

class RequestsCli : public ::testing::Test {
 protected:
  // Runs `foialens --home HOME args...` and collects its exit code and output.
  Outcome run(const std::vector<std::string>& args) {
    const auto out_path = scratch_.path() / "stdout";
    const auto err_path = scratch_.path() / "stderr";
    std::vector<std::string> argv = {FOIALENS_BIN, "--home",
                                     (other_home_.empty() ? home_.path() : other_home_).string()};
    argv.insert(argv.end(), args.begin(), args.end());
    const pid_t pid = ::fork();
    if (pid == 0) {
      const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(out, STDOUT_FILENO);
      ::dup2(err, STDERR_FILENO);
      std::vector<char*> cargv;
      for (std::string& a : argv) cargv.push_back(a.data());
      cargv.push_back(nullptr);
      ::execv(cargv[0], cargv.data());
      ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    Outcome r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = testing::read(out_path);
    r.err = testing::read(err_path);
    return r;
  }

  long add(const std::string& agency, const std::string& filed, const std::string& subject) {
    const Outcome r = run({"requests", "add", "--agency", agency, "--filed", filed, "--subject", subject, "--json"});
    EXPECT_EQ(r.code, 0) << r.err;
    return json::parse(r.out).at("id").get<long>();
  }

  testing::TempDir home_;
  testing::TempDir scratch_;
  std::filesystem::path other_home_;  // when set, run() uses this home instead
};

TEST_F(RequestsCli, AddPrintsTheIdAndDueDate) {
  const Outcome text = run({"requests", "add", "--agency", "cpd", "--subject", "Use of force reports",
                        "--filed", "2016-05-13", "--tracking", "P045678", "--tag", "police"});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("Added request 1 to Chicago Police Department"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Response due Friday, May 20, 2016 (2016-05-20)"), std::string::npos) << text.out;

  const Outcome j = run({"requests", "add", "--agency", "ice", "--subject", "Detainers", "--filed",
                     "2024-06-14", "--json"});
  ASSERT_EQ(j.code, 0) << j.err;
  const json obj = json::parse(j.out);
  EXPECT_EQ(obj["id"], 2);
  EXPECT_EQ(obj["agency"], "ice");
  EXPECT_EQ(obj["law"], "us-foia");
  EXPECT_EQ(obj["filed"], "2024-06-14");
  EXPECT_EQ(obj["due"], "2024-07-16");
  EXPECT_TRUE(obj.contains("status"));
}

TEST_F(RequestsCli, UsageErrorsExitTwoAndChangeNothing) {
  Outcome r = run({"requests", "add", "--agency", "cpd", "--subject", "x", "--filed", "2016-13-01"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "foialens: requests add: --filed: invalid date '2016-13-01': month must be 01 to 12\n");
  r = run({"requests", "add", "--agency", "Chicago Police Dept", "--subject", "x"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind("foialens: requests add: unknown agency 'Chicago Police Dept' (did you mean: cpd "
                        "(Chicago Police Department)",
                        0),
            0u)
      << r.err;
  r = run({"requests", "add", "--agency", "cpd", "--law", "ny-foil", "--subject", "x"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown law 'ny-foil' (known: "), std::string::npos);
  r = run({"requests", "list", "--all", "--json"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(json::parse(r.out).size(), 0u);
}

TEST_F(RequestsCli, ImpossibleEventsExitThreeWithTheReason) {
  add("cpd", "2024-03-11", "x");
  Outcome r = run({"requests", "log", "1", "appeal-decided", "--date", "2024-03-20"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.err,
            "foialens: requests log 1: appeal-decided on 2024-03-20: the request was not appealed "
            "(log 'appealed' first)\n");
  r = run({"requests", "log", "1", "acknowledged", "--date", "2024-03-01"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.err,
            "foialens: requests log 1: acknowledged on 2024-03-01: the request was filed on "
            "2024-03-11, after this date\n");
  r = run({"requests", "log", "1", "granted"});
  EXPECT_EQ(r.code, 2);
  r = run({"requests", "log", "1", "denied", "--date", "2024-3-20"});
  EXPECT_EQ(r.code, 2);
  r = run({"requests", "log", "9", "note", "--date", "2024-03-20"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.err, "foialens: requests log 9: no request with id 9 ('foialens requests list --all' shows them)\n");
  r = run({"requests", "show", "1", "--json", "--today", "2024-03-12"});
  EXPECT_EQ(json::parse(r.out)["events"].size(), 1u);
}

TEST_F(RequestsCli, ListOverdueAndDueWithin) {
  add("cpd", "2024-01-02", "Overdue one");   // due 2024-01-09
  add("ice", "2024-01-02", "Federal one");   // due 2024-01-31 (MLK Day skipped)
  add("isp", "2024-01-16", "Recent one");    // due 2024-01-23
  Outcome r = run({"requests", "list", "--today", "2024-01-20"});
  ASSERT_EQ(r.code, 0) << r.err;
  // By due date, aligned columns.
  const auto first = r.out.find("Overdue one"), second = r.out.find("Recent one"), third = r.out.find("Federal one");
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_NE(r.out.find("11 days late"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2024-03-11"), std::string::npos) << "appeal-by of the silent agency: " << r.out;
  EXPECT_EQ(r.out.rfind("ID  AGENCY  SUBJECT", 0), 0u) << r.out;

  r = run({"requests", "list", "--today", "2024-01-20", "--overdue", "--json"});
  json arr = json::parse(r.out);
  ASSERT_EQ(arr.size(), 1u);
  EXPECT_EQ(arr[0]["subject"], "Overdue one");
  EXPECT_EQ(arr[0]["status"], "overdue");
  EXPECT_EQ(arr[0]["days_left"], -11);
  EXPECT_EQ(arr[0]["appeal_by"], "2024-03-11");

  r = run({"requests", "list", "--today", "2024-01-20", "--due-within", "5", "--json"});
  arr = json::parse(r.out);
  ASSERT_EQ(arr.size(), 2u);
  r = run({"requests", "list", "--today", "2024-01-20", "--agency", "ICE", "--json"});
  ASSERT_EQ(json::parse(r.out).size(), 1u);
  r = run({"requests", "list", "--status", "bogus"});
  EXPECT_EQ(r.code, 2);
}

TEST_F(RequestsCli, ShowExplainsTheCalculation) {
  add("cpd", "2024-06-12", "911 audio");
  ASSERT_EQ(run({"requests", "log", "1", "extended", "--date", "2024-06-18", "--note", "voluminous"}).code, 0);
  ASSERT_EQ(run({"requests", "log", "1", "fee-requested", "--date", "2024-06-20"}).code, 0);
  ASSERT_EQ(run({"requests", "log", "1", "fee-paid", "--date", "2024-06-28"}).code, 0);
  // Linking needs the document in the library; this home has no index yet.
  EXPECT_EQ(run({"requests", "link", "1", "0123456789ABCDEF0123"}).code, 3);
  ASSERT_EQ(run({"requests", "log", "1", "note", "--date", "2024-06-28", "--note", "filed again",
                 "--tracking", "R-2", "--tracking-kind", "refiled"})
                .code,
            0);
  EXPECT_EQ(run({"requests", "link", "1", "not-hex"}).code, 2);
  const Outcome r = run({"requests", "show", "1", "--today", "2024-07-01"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Extended due: Monday, July 8, 2024 (2024-07-08)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("holidays skipped: Wednesday, June 19, 2024: Juneteenth"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Thursday, July 4, 2024: Independence Day"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("paused: 2024-06-20 to 2024-06-28: fee-requested until fee-paid on 2024-06-28"),
            std::string::npos);
  const json j = json::parse(run({"requests", "show", "1", "--today", "2024-07-01", "--json"}).out);
  EXPECT_EQ(j["extended_due"], "2024-07-08");
  EXPECT_TRUE(j["documents"].empty());
  EXPECT_EQ(j["tracking"][0]["number"], "R-2");
  EXPECT_EQ(j["tracking"][0]["kind"], "refiled");
  const json& response = j["deadlines"][0];
  EXPECT_EQ(response["kind"], "response");
  EXPECT_EQ(response["weekend_days_skipped"], 2);
  EXPECT_EQ(response["days"][0]["date"], "2024-06-13");
  EXPECT_EQ(response["days"][0]["count"], 1);
}

TEST_F(RequestsCli, ExportCsvAndIcs) {
  add("cpd", "2016-05-13", "Use of force, 2015");
  Outcome csv = run({"requests", "export", "--format", "csv", "--today", "2016-05-16"});
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("id,agency,agency_name,law,subject,status,filed,response_due", 0), 0u);
  EXPECT_NE(csv.out.find("1,cpd,Chicago Police Department,il-foia,\"Use of force, 2015\",awaiting,2016-05-13,2016-05-20"),
            std::string::npos)
      << csv.out;
  const auto file = scratch_.path() / "deadlines.ics";
  Outcome ics = run({"requests", "export", "--format", "ics", "-o", file.string()});
  ASSERT_EQ(ics.code, 0) << ics.err;
  const std::string body = testing::read(file);
  EXPECT_EQ(body.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
  EXPECT_NE(body.find("DTSTART;VALUE=DATE:20160520\r\n"), std::string::npos);
  EXPECT_EQ(run({"requests", "export", "--format", "xml"}).code, 2);
}

TEST_F(RequestsCli, ImportCsvAllOrNothing) {
  Outcome bad = run({"requests", "import", "csv", testing::fixture("chicago_foia_log_bad.csv").string(), "--agency", "cpd"});
  EXPECT_EQ(bad.code, 3);
  const std::string file = testing::fixture("chicago_foia_log_bad.csv").string();
  EXPECT_NE(bad.err.find("foialens: requests import csv: " + file +
                         ":3: received date: invalid date '13/05/2016': no such day\n"),
            std::string::npos)
      << bad.err;
  EXPECT_NE(bad.err.find("foialens: requests import csv: " + file + ":8: due date 2015-01-06 is before the received date 2016-01-06\n"),
            std::string::npos)
      << bad.err;
  EXPECT_NE(bad.err.find("nothing imported (6 problem(s)); fix them and import again, or give --skip-bad to import the other rows"),
            std::string::npos);
  EXPECT_EQ(json::parse(run({"requests", "list", "--all", "--json"}).out).size(), 0u);
  Outcome some = run({"requests", "import", "csv", file, "--agency", "cpd", "--skip-bad"});
  EXPECT_EQ(some.code, 1) << some.err;  // partial
  EXPECT_NE(some.out.find("Imported 1 new request(s) (ids 1-1), updated 0, unchanged 0. Left out 6 row(s) with problems (above).\n"),
            std::string::npos)
      << some.out;
  const std::string log = testing::fixture("chicago_foia_log.csv").string();
  Outcome good = run({"requests", "import", "csv", log, "--agency", "cpd"});
  ASSERT_EQ(good.code, 0) << good.err;
  EXPECT_EQ(good.out, "Read " + log + " as chicago (City of Chicago department FOIA log).\n"
                      "Imported 3 new request(s) (ids 2-4), updated 0, unchanged 0.\n");
  Outcome again = run({"requests", "import", "csv", log, "--agency", "cpd", "--json"});
  ASSERT_EQ(again.code, 0) << again.err;
  const json summary = json::parse(again.out);
  EXPECT_EQ(summary["profile"], "chicago");
  EXPECT_EQ(summary["added"].size(), 0u);
  EXPECT_EQ(summary["unchanged"], 3);
  const auto empty = scratch_.path() / "empty.csv";
  testing::write(empty, "");
  EXPECT_EQ(run({"requests", "import", "csv", empty.string(), "--agency", "cpd"}).code, 3);
}

TEST_F(RequestsCli, ImportMuckRockFromUrlWithTimeouts) {
  foialens::testing::LocalHttpServer server;
  server.route("/api_v1/foia/1/", foialens::testing::json_response(testing::read(testing::fixture("muckrock_single.json"))));
  server.route("/api_v1/agency/248/", foialens::testing::json_response(R"({"id": 248, "name": "Chicago Police Department"})"));
  foialens::testing::LocalHttpServer::Response slow_route;
  slow_route.stall = true;  // accepts the request, never answers
  server.route("/slow/", slow_route);
  foialens::testing::LocalHttpServer::Response huge_route;
  huge_route.stream = huge_route.declared = 2 * 1024 * 1024;
  server.route("/huge/", huge_route);
  Outcome ok = run({"requests", "import", "muckrock", server.url("/api_v1/foia/1/"), "--json"});
  ASSERT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(json::parse(ok.out)["added"].size(), 1u);
  EXPECT_EQ(json::parse(ok.out)["profile"], "muckrock-v1");
  EXPECT_EQ(json::parse(run({"requests", "show", "1", "--json"}).out)["agency"], "cpd");
  // A file names agencies by MuckRock id too: --muckrock-api says where to look them up.
  const auto file = scratch_.path() / "mr.json";
  auto record = json::parse(testing::read(testing::fixture("muckrock_single.json")));
  record["id"] = 90111;
  record["agency"] = 248;
  testing::write(file, record.dump());
  Outcome from_file = run({"requests", "import", "muckrock", file.string(), "--muckrock-api", server.url("/api_v1")});
  ASSERT_EQ(from_file.code, 0) << from_file.err;
  EXPECT_NE(from_file.out.find("as muckrock-v1 (MuckRock API v1)"), std::string::npos) << from_file.out;
  const auto detail_file = scratch_.path() / "detail.json";
  testing::write(detail_file, R"({"detail": "Authentication credentials were not provided."})");
  Outcome detail = run({"requests", "import", "muckrock", detail_file.string()});
  EXPECT_EQ(detail.code, 3);
  EXPECT_NE(detail.err.find(detail_file.string() + ": input: MuckRock answered with an error, not requests: "
                                                   "\"Authentication credentials were not provided.\"\n"),
            std::string::npos)
      << detail.err;
  Outcome slow = run({"requests", "import", "muckrock", server.url("/slow/"), "--timeout", "0.3"});
  EXPECT_EQ(slow.code, 3);
  // Whichever limit fires first (no data, or the whole transfer), the message says so.
  EXPECT_EQ(slow.err.rfind("foialens: requests import muckrock: " + server.url("/slow/") + ": fetch failed: ", 0), 0u)
      << slow.err;
  EXPECT_NE(slow.err.find("0.3 s (timed out)"), std::string::npos) << slow.err;
  Outcome huge = run({"requests", "import", "muckrock", server.url("/huge/"), "--max-size", "65536"});
  EXPECT_EQ(huge.code, 3);
  EXPECT_EQ(huge.err, "foialens: requests import muckrock: " + server.url("/huge/") +
                          ": fetch failed: body larger than 64 KiB limit\n");
  Outcome malformed = run({"requests", "import", "muckrock", testing::fixture("muckrock_malformed.json").string()});
  EXPECT_EQ(malformed.code, 3);
  EXPECT_NE(malformed.err.find("muckrock_malformed.json: input, line 3: malformed JSON: "), std::string::npos)
      << malformed.err;
}

TEST_F(RequestsCli, PoliceLogProfileMapHistoryAndRegulation) {
  const std::string police = testing::fixture("chicago_police_log.csv").string();
  Outcome r = run({"requests", "import", "csv", police, "--as-of", "2011-01-01"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Read " + police + " as chicago-police (City of Chicago, Police Department FOIA log).\n"
                   "Imported 3 new request(s) (ids 1-3), updated 0, unchanged 0. 3 closed as history.\n");
  Outcome list = run({"requests", "list", "--today", "2026-11-29"});
  EXPECT_EQ(list.out, "No requests match (as of 2026-11-29).\n");
  // The same file read as a generic log, naming its columns.
  const auto mapped = scratch_.path() / "mapped.csv";
  testing::write(mapped, "Opened,First,Last,What\n2024-06-14,Rosa,Ortiz,Detainer logs\n");
  Outcome m = run({"requests", "import", "csv", mapped.string(), "--agency", "ice", "--map", "requester=First,Last",
                   "--map", "filed=Opened", "--map", "subject=What", "--profile", "generic", "--json"});
  ASSERT_EQ(m.code, 0) << m.err;
  const long id = json::parse(m.out)["added"][0].get<long>();
  EXPECT_EQ(json::parse(run({"requests", "show", std::to_string(id), "--json"}).out)["requester"], "Rosa Ortiz");
  Outcome logged = run({"requests", "log", std::to_string(id), "denied", "--date", "2024-07-01"});
  ASSERT_EQ(logged.code, 0) << logged.err;
  Outcome show = run({"requests", "show", std::to_string(id), "--today", "2024-07-02"});
  EXPECT_NE(show.out.find("  Rule:     DHS FOIA regulations, 6 CFR part 5, subpart A\n"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("    law: 6 CFR 5.8(a)(1)"), std::string::npos) << show.out;
  EXPECT_EQ(json::parse(run({"requests", "show", std::to_string(id), "--json"}).out)["regulation"],
            "DHS FOIA regulations, 6 CFR part 5, subpart A");
  Outcome unknown = run({"requests", "import", "csv", police, "--profile", "nyc"});
  EXPECT_EQ(unknown.code, 3);
  EXPECT_NE(unknown.err.find(": --profile: unknown profile 'nyc' (profiles: foialens, muckrock-csv, muckrock-log, chicago-police,"),
            std::string::npos)
      << unknown.err;
}

TEST_F(RequestsCli, ExportImportRoundTripBomAndCalendarUids) {
  add("cpd", "2016-05-13", "Use of force, 2015");
  const long ice = add("ice", "2023-12-01", "Detainers");
  ASSERT_EQ(run({"requests", "log", std::to_string(ice), "denied", "--date", "2024-01-10", "--tracking", "2024-ICFO-9",
                 "--tracking-kind", "initial"})
                .code,
            0);
  const auto file = scratch_.path() / "all.csv";
  Outcome exp = run({"requests", "export", "--format", "csv", "--bom", "-o", file.string()});
  ASSERT_EQ(exp.code, 0) << exp.err;
  EXPECT_EQ(testing::read(file).rfind("\xEF\xBB\xBFid,agency,", 0), 0u);
  // Into an empty home: the same requests, statuses and tracking numbers.
  testing::TempDir other;
  other_home_ = other.path();
  Outcome imp = run({"requests", "import", "csv", file.string()});
  ASSERT_EQ(imp.code, 0) << imp.err;
  EXPECT_NE(imp.out.find(" as foialens (foialens's own CSV export)"), std::string::npos) << imp.out;
  const json back = json::parse(run({"requests", "show", "2", "--json", "--today", "2024-02-01"}).out);
  EXPECT_EQ(back["status"], "denied");
  EXPECT_EQ(back["tracking"].size(), 1u);
  EXPECT_EQ(back["tracking"][0]["number"], "2024-ICFO-9");
  EXPECT_EQ(back["appeal_by"], "2024-05-17");
  // Two homes never share a calendar UID.
  const auto ics_a = scratch_.path() / "a.ics";
  ASSERT_EQ(run({"requests", "export", "--format", "ics", "-o", ics_a.string()}).code, 0);
  other_home_.clear();
  const auto ics_b = scratch_.path() / "b.ics";
  ASSERT_EQ(run({"requests", "export", "--format", "ics", "-o", ics_b.string()}).code, 0);
  const auto uid = [](const std::string& body) {
    const auto at = body.find("UID:request-1-response-");
    return at == std::string::npos ? std::string() : body.substr(at, body.find("\r\n", at) - at);
  };
  EXPECT_FALSE(uid(testing::read(ics_a)).empty());
  EXPECT_NE(uid(testing::read(ics_a)), uid(testing::read(ics_b)));
  // The same home gives the same UID every time.
  const auto ics_c = scratch_.path() / "c.ics";
  ASSERT_EQ(run({"requests", "export", "--format", "ics", "-o", ics_c.string()}).code, 0);
  EXPECT_EQ(uid(testing::read(ics_b)), uid(testing::read(ics_c)));
}

TEST_F(RequestsCli, ConcurrentProcessesShareOneHome) {
  // Several foialens processes adding requests at once: every one lands, with its own id.
  constexpr int kProcesses = 6;
  std::vector<pid_t> children;
  for (int i = 0; i < kProcesses; ++i) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
      std::string subject = "parallel ";
      subject += std::to_string(i);
      std::vector<std::string> argv = {FOIALENS_BIN, "--home", home_.path().string(), "requests", "add",
                                       "--agency", "cpd", "--subject", subject, "--filed", "2024-01-02"};
      std::vector<char*> cargv;
      for (std::string& a : argv) cargv.push_back(a.data());
      cargv.push_back(nullptr);
      ::execv(cargv[0], cargv.data());
      ::_exit(127);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  const json all = json::parse(run({"requests", "list", "--all", "--json"}).out);
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kProcesses));
  std::set<long> ids;
  for (const json& r : all) ids.insert(r["id"].get<long>());
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kProcesses));
}

TEST_F(RequestsCli, AgenciesListAndAdd) {
  Outcome list = run({"requests", "agencies", "--json"});
  ASSERT_EQ(list.code, 0) << list.err;
  const json arr = json::parse(list.out);
  std::set<std::string> ids;
  for (const json& a : arr) ids.insert(a["id"].get<std::string>());
  for (const char* id : {"cpd", "oemc", "cook-sheriff", "isp", "ice", "cbp", "dhs", "fbi"}) {
    EXPECT_TRUE(ids.count(id)) << id;
  }
  Outcome add = run({"requests", "agencies", "add", "--id", "evanston-pd", "--name", "Evanston Police Department",
                 "--calendar", "illinois", "--law", "il-foia", "--alias", "EPD"});
  ASSERT_EQ(add.code, 0) << add.err;
  Outcome req = run({"requests", "add", "--agency", "EPD", "--subject", "x", "--filed", "2024-11-04", "--json"});
  ASSERT_EQ(req.code, 0) << req.err;
  EXPECT_EQ(json::parse(req.out)["due"], "2024-11-13");
  Outcome hol = run({"requests", "holidays", "--calendar", "illinois", "--year", "2024", "--json"});
  ASSERT_EQ(hol.code, 0);
  EXPECT_EQ(json::parse(hol.out).size(), 15u);  // election year: 15 closings
}

}  // namespace
}  // namespace foialens::tracker
