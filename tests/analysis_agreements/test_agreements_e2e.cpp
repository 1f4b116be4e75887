// End-to-end: the foialens binary ($FOIALENS_BIN) run as a user runs it, each test with its
// own --home in a fresh temporary folder. Covers `agreements`, `references` and
// `ingest URL...`.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/local_http_server.hpp"

namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
  std::vector<json> lines() const {
    std::vector<json> v;
    std::istringstream in(out);
    for (std::string l; std::getline(in, l);) {
      if (!l.empty()) v.push_back(json::parse(l));
    }
    return v;
  }
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += "'\\''";
    else q += c;
  }
  return q + "'";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class AgreementsE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* bin = std::getenv("FOIALENS_BIN");
    if (!bin || !*bin) GTEST_SKIP() << "FOIALENS_BIN is not set";
    bin_ = bin;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("foialens-e2e-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    home_ = dir_ / "home";
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  Outcome run(const std::vector<std::string>& args) const {
    std::string cmd = "NO_COLOR=1 " + quote(bin_) + " --home " + quote(home_.string());
    for (const auto& a : args) cmd += " " + quote(a);
    const fs::path err = dir_ / "stderr.txt";
    cmd += " 2>" + quote(err.string());
    Outcome r;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) return r;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
    const int status = ::pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = slurp(err);
    return r;
  }

  fs::path write(const std::string& name, const std::string& text) const {
    const fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p;
  }

  std::string bin_;
  fs::path dir_;
  fs::path home_;
};

const char* kReport = R"(Review of Task Force Data Sharing

Arrests at the airport were made pursuant to the Memorandum of Agreement dated April 12,
2019 between the Chicago Police Department and ICE. Officers follow Special Order
S06-14-03 when recording requests.

The MOA of April 12, 2019 was never published. CPD also relies on the 2017
information-sharing MOU with DHS, which nobody has produced.
)";

const char* kMoa = R"(MEMORANDUM OF AGREEMENT
BETWEEN
U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT
AND
THE CHICAGO POLICE DEPARTMENT

This Memorandum of Agreement is entered into by U.S. Immigration and Customs Enforcement
(ICE) and the Chicago Police Department (CPD). The parties agree as follows.

This Agreement takes effect on the date of the last signature and remains in effect for
three (3) years, under 19 U.S.C. 1401(i).

Jane Q. Doe Superintendent of Police Chicago Police Department Date: April 12, 2019

John R. Smith Special Agent in Charge Homeland Security Investigations Date: April 10, 2019
)";

TEST_F(AgreementsE2E, AReferenceIsResolvedOnceTheDocumentArrives) {
  ASSERT_EQ(run({"ingest", write("report.txt", kReport).string()}).code, 0);
  Outcome before = run({"references", "--unresolved", "--json"});
  ASSERT_EQ(before.code, 0) << before.err;
  std::string moa_key;
  std::vector<std::string> labels;
  for (const json& j : before.lines()) {
    labels.push_back(j["label"]);
    EXPECT_EQ(j["status"], "unresolved");
    if (j["label"].get<std::string>().find("April 12, 2019") != std::string::npos) {
      moa_key = j["key"];
      EXPECT_EQ(j["cited"], 2);  // both wordings, grouped
      EXPECT_EQ(j["citations"][0]["page"], 1);
      EXPECT_EQ(j["request"]["agency"], "Chicago Police Department");
    }
  }
  ASSERT_FALSE(moa_key.empty()) << ::testing::PrintToString(labels);
  EXPECT_EQ(labels.size(), 3u) << ::testing::PrintToString(labels);

  // One reference by key, for people.
  Outcome one = run({"references", moa_key});
  EXPECT_EQ(one.code, 0);
  EXPECT_NE(one.out.find(moa_key + "  unresolved"), std::string::npos) << one.out;
  EXPECT_NE(one.out.find("request: Chicago Police Department"), std::string::npos) << one.out;

  ASSERT_EQ(run({"ingest", write("moa.txt", kMoa).string()}).code, 0);
  Outcome after = run({"references", "--json"});
  bool held = false;
  for (const json& j : after.lines()) {
    if (j["key"] == moa_key) {
      held = true;
      EXPECT_EQ(j["status"], "held");
      ASSERT_EQ(j["resolved"].size(), 1u);
    }
  }
  EXPECT_TRUE(held) << after.out;
  Outcome unresolved = run({"references", "--unresolved", "--json"});
  EXPECT_EQ(unresolved.lines().size(), 2u) << unresolved.out;
  EXPECT_EQ(unresolved.out.find(moa_key), std::string::npos);
}

TEST_F(AgreementsE2E, AReferenceRequestedThenReceived) {
  ASSERT_EQ(run({"ingest", write("report.txt", kReport).string()}).code, 0);
  std::string key, agency, subject;
  for (const json& j : run({"references", "--unresolved", "--json"}).lines()) {
    if (j["label"].get<std::string>().find("2017") != std::string::npos) {
      key = j["key"];
      agency = j["request"]["agency"];
      subject = j["request"]["subject"];
    }
  }
  ASSERT_FALSE(key.empty());
  EXPECT_EQ(agency, "Chicago Police Department");
  Outcome added = run({"requests", "add", "--agency", agency, "--subject", subject, "--filed",
                       "2026-01-05", "--tag", "reference:" + key});
  ASSERT_EQ(added.code, 0) << added.err;

  const auto status_of = [&](const std::string& k) {
    for (const json& j : run({"references", "--json"}).lines()) {
      if (j["key"] == k) return j["status"].get<std::string>();
    }
    return std::string("missing");
  };
  EXPECT_EQ(status_of(key), "requested");
  Outcome human = run({"references", "--unresolved"});
  EXPECT_NE(human.out.find(key + "  requested"), std::string::npos) << human.out;

  ASSERT_EQ(run({"ingest", write("mou.txt", R"(INFORMATION SHARING MEMORANDUM OF UNDERSTANDING
BETWEEN
THE U.S. DEPARTMENT OF HOMELAND SECURITY
AND
THE CHICAGO POLICE DEPARTMENT

This Memorandum of Understanding is entered into by and between DHS and CPD. The parties
agree to share records. This MOU is effective on March 1, 2017.

Ann Lee Director, Office of Intelligence and Analysis U.S. Department of Homeland Security Date: March 1, 2017
)").string()}).code, 0);
  EXPECT_EQ(status_of(key), "received");
}

TEST_F(AgreementsE2E, ListsAgreementsByPartyAndKind) {
  ASSERT_EQ(run({"ingest", write("moa.txt", kMoa).string(), write("report.txt", kReport).string()}).code, 0);
  Outcome all = run({"agreements", "--json"});
  ASSERT_EQ(all.code, 0) << all.err;
  const auto lines = all.lines();
  ASSERT_EQ(lines.size(), 1u);
  const json& a = lines[0];
  EXPECT_EQ(a["kind"], "moa");
  EXPECT_EQ(a["parties"], json({"U.S. Immigration and Customs Enforcement", "Chicago Police Department"}));
  EXPECT_EQ(a["effective"], "2019-04-12");
  EXPECT_EQ(a["signed"], "2019-04-12");
  EXPECT_EQ(a["term"], "three (3) years");
  ASSERT_EQ(a["signatories"].size(), 2u);
  EXPECT_EQ(a["signatories"][0]["name"], "Jane Q. Doe");
  EXPECT_EQ(a["signatories"][0]["title"], "Superintendent of Police");
  EXPECT_EQ(a["page"], 1);

  EXPECT_EQ(run({"agreements", "--party", "Immigration and Customs Enforcement (ICE)", "--json"}).lines().size(), 1u);
  EXPECT_EQ(run({"agreements", "--party", "Cook County Sheriff", "--json"}).lines().size(), 0u);
  EXPECT_EQ(run({"agreements", "--kind", "287g", "--json"}).lines().size(), 0u);
  Outcome human = run({"agreements"});
  EXPECT_NE(human.out.find("MEMORANDUM OF AGREEMENT BETWEEN"), std::string::npos);
  EXPECT_NE(human.out.find("Jane Q. Doe, Superintendent of Police (CPD)  2019-04-12"), std::string::npos)
      << human.out;
  Outcome bad = run({"agreements", "--kind", "treaty"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("unknown kind 'treaty'"), std::string::npos) << bad.err;
}

TEST_F(AgreementsE2E, WithoutALibraryNothingCanBeDone) {
  Outcome r = run({"agreements"});
  EXPECT_EQ(r.code, 3);
  Outcome k = run({"ingest", write("report.txt", kReport).string()});
  ASSERT_EQ(k.code, 0);
  Outcome missing = run({"references", "ffffffff"});
  EXPECT_EQ(missing.code, 3);
  EXPECT_NE(missing.err.find("no reference with key 'ffffffff'"), std::string::npos) << missing.err;
}

TEST_F(AgreementsE2E, IngestsFromUrlsAndReportsEachFailureOnOneLine) {
  foialens::testing::LocalHttpServer server;
  foialens::testing::LocalHttpServer::Response moa;
  moa.body = kMoa;
  server.route("/records/moa.txt", moa);
  const std::string redirected = server.url("/redirect/2");
  server.route("/redirect/0", {302, "Found", "text/plain", "/records/moa.txt", "", false, 0, 0});
  Outcome r = run({"ingest", redirected, server.url("/missing"), server.url("/loop"),
               "ftp://127.0.0.1/x.pdf", "file:///etc/hostname"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find(server.url("/missing") + ": fetch failed: HTTP 404 Not Found\n"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(server.url("/loop") + ": fetch failed: redirect loop (more than 5 redirects)\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("ftp://127.0.0.1/x.pdf: fetch failed: unsupported scheme 'ftp' (only http and https)\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("file:///etc/hostname: fetch failed: unsupported scheme 'file' (only http and https)\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("1 ingested"), std::string::npos) << r.out;

  Outcome docs = run({"docs", "--json"});
  const auto lines = docs.lines();
  ASSERT_EQ(lines.size(), 1u) << docs.out;
  EXPECT_EQ(lines[0]["source"], redirected);
  EXPECT_EQ(lines[0]["url"], server.url("/records/moa.txt"));
  EXPECT_EQ(lines[0]["fetched"].get<std::string>().size(), 20u);
  // Nothing fetched is left behind.
  EXPECT_TRUE(fs::is_empty(home_ / "tmp"));
  // The fetched agreement is found like any other.
  EXPECT_EQ(run({"agreements", "--json"}).lines().size(), 1u);
}

TEST_F(AgreementsE2E, FindsTheCorpusAgreementsAndWhatTheyCiteButNobodyHolds) {
  const fs::path corpus = FOIALENS_CORPUS_DIR;
  if (!fs::exists(corpus / "customs-officer-designation-moa-2019.pdf")) GTEST_SKIP() << "no corpus";
  std::vector<std::string> args = {"ingest"};
  for (const char* f : {"customs-officer-designation-moa-2019.pdf", "county-287g-jail-model-moa.pdf",
                        "oig-gang-database-review-2019.pdf", "cpd-foia-response-letter-2021.pdf",
                        "cpd-special-order-s06-14-03.pdf", "streets-sanitation-snow-contract-2022.pdf"}) {
    args.push_back((corpus / f).string());
  }
  ASSERT_EQ(run(args).code, 0);

  Outcome agreements = run({"agreements", "--party", "ICE", "--json"});
  const auto found = agreements.lines();
  ASSERT_EQ(found.size(), 2u) << agreements.out;
  for (const json& a : found) {
    ASSERT_EQ(a["signatories"].size(), 2u) << a.dump();
    if (a["kind"] == "287g") {
      EXPECT_EQ(a["parties"], json({"U.S. Immigration and Customs Enforcement",
                                    "Prairie Lake County Sheriff's Office"}));
      EXPECT_EQ(a["signatories"][1]["name"], "Thomas W. Brandt");
      EXPECT_EQ(a["signatories"][1]["title"], "Sheriff");
    } else {
      EXPECT_EQ(a["kind"], "moa");
      EXPECT_EQ(a["effective"], "2019-04-12");
      EXPECT_EQ(a["parties"], json({"U.S. Immigration and Customs Enforcement", "Chicago Police Department"}));
      EXPECT_EQ(a["authorities"][0], "19 U.S.C. 1401(i)");
    }
  }

  Outcome refs = run({"references", "--unresolved", "--json"});
  std::string all;
  for (const json& j : refs.lines()) all += j["label"].get<std::string>() + "\n";
  for (const char* expected : {"2012 memorandum of understanding between Chicago Police Department "
                               "and U.S. Department of Homeland Security",
                               "LEADS user agreement", "General Order G09-01", "General Order G02-01",
                               "2017 data-sharing agreement with U.S. Department of Homeland Security",
                               "HSI Chicago Task Force Charter", "Intergovernmental agreement"}) {
    EXPECT_NE(all.find(expected), std::string::npos) << expected << "\n" << all;
  }
  // The letter's enclosure is the MOA in the corpus: held, not a request to make.
  EXPECT_EQ(all.find("April 12, 2019"), std::string::npos) << all;
}

}  // namespace
