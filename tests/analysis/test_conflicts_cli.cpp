// End-to-end: the real foialens binary ingests documents written into a fresh library home,
// then `conflicts` and `rules` are run on them.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/support/cli_test.hpp"

namespace foialens {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::string_view kAgreement = R"(MEMORANDUM OF AGREEMENT BETWEEN U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT AND THE ELM COUNTY SHERIFF'S OFFICE

1. Purpose. This agreement sets out the terms under which ICE delegates to designated officers of the Sheriff's Office the authority to perform the functions of an immigration officer under section 287(g) of the Immigration and Nationality Act.

2. Detainers. The Sheriff will honor ICE detainers and will hold each subject for up to 48 hours beyond the time of release so that ICE can assume custody.

3. Access. The Sheriff will give ICE officers access to all inmates for interviews.

4. Costs. Each party pays its own costs under this agreement.
)";

constexpr std::string_view kOrder = R"(POLICE DEPARTMENT GENERAL ORDER: INTERACTIONS WITH FEDERAL IMMIGRATION AUTHORITIES

1. Members will not honor ICE detainers and will not hold any person for ICE beyond the time of release.

2. Members will not give ICE agents access to persons in custody for interviews.

3. Every request from ICE will be recorded and reported quarterly to the City Council.
)";

class ConflictsCli : public testing::CliTest {
 protected:
  void ingest() {
    dir_.write("docs/elm-county-287g-moa.txt", kAgreement);
    dir_.write("docs/police-order.txt", kOrder);
    const auto r = foialens({"ingest", (dir_ / "docs").string()});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
};

TEST_F(ConflictsCli, FindsConflictsInTheAgreementAndNoneInTheOrder) {
  ingest();
  const auto r = foialens({"conflicts", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto findings = json_lines(r.out);
  ASSERT_FALSE(findings.empty()) << r.out;
  std::set<std::string> rules;
  for (const auto& f : findings) {
    for (const char* key : {"doc", "title", "source", "page", "clause", "provision", "severity",
                            "text", "evidence"}) {
      EXPECT_TRUE(f.contains(key)) << key << " in " << f.dump();
    }
    const std::string source = f["source"];
    EXPECT_EQ(source.find("police-order"), std::string::npos) << "the order forbids: " << f.dump();
    if (f["severity"] == "conflict") rules.insert(f["rule"].get<std::string>());
    EXPECT_FALSE(f["evidence"].empty());
  }
  EXPECT_TRUE(rules.contains("detainer-hold")) << r.out;
  EXPECT_TRUE(rules.contains("deputisation")) << r.out;
  EXPECT_TRUE(rules.contains("custody-access")) << r.out;

  // The detainer clause cites 2-173-020 and shows the words that fired.
  bool detainer = false;
  for (const auto& f : findings) {
    if (f["rule"] != "detainer-hold") continue;
    detainer = true;
    EXPECT_EQ(f["provision"], "2-173-020");
    EXPECT_EQ(f["page"], 1);
    EXPECT_NE(f["highlighted"].get<std::string>().find("[honor ICE detainers]"), std::string::npos)
        << f.dump();
  }
  EXPECT_TRUE(detainer);

  // Human output groups by document and names the provision.
  const auto human = foialens({"conflicts"});
  EXPECT_EQ(human.exit_code, 0);
  EXPECT_NE(human.out.find("CONFLICT"), std::string::npos) << human.out;
  EXPECT_NE(human.out.find("Municipal Code of Chicago \u00a7 2-173-020"), std::string::npos);
  EXPECT_EQ(human.out.find("\x1b["), std::string::npos);

  // --explain: the order's clauses matched the rules' words and forbid the conduct.
  const auto explained = foialens({"conflicts", "--json", "--explain"});
  ASSERT_EQ(explained.exit_code, 0);
  int forbids = 0;
  for (const auto& f : json_lines(explained.out)) {
    if (f["source"].get<std::string>().find("police-order") == std::string::npos) continue;
    EXPECT_EQ(f["severity"], "none") << f.dump();
    if (f["stance"] == "forbids") {
      ++forbids;
      EXPECT_NE(f["reason"].get<std::string>().find("negated by \"not\""), std::string::npos) << f.dump();
    }
  }
  EXPECT_GE(forbids, 2) << explained.out;

  // Only review findings: none here.
  const auto review = foialens({"conflicts", "--json", "--severity", "review"});
  EXPECT_EQ(review.exit_code, 0);
  for (const auto& f : json_lines(review.out)) EXPECT_EQ(f["severity"], "review");
}

TEST_F(ConflictsCli, RestrictsToOneDocument) {
  ingest();
  const auto docs = foialens({"docs", "--json"});
  std::string order;
  for (const auto& d : json_lines(docs.out)) {
    if (d["source"].get<std::string>().find("police-order") != std::string::npos) order = d["doc"];
  }
  ASSERT_FALSE(order.empty()) << docs.out;
  const auto r = foialens({"conflicts", "--json", "--doc", order});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(json_lines(r.out).empty()) << r.out;
  const auto unknown = foialens({"conflicts", "--doc", "ffffffffffff"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.err;
  EXPECT_NE(unknown.err.find("--doc ffffffffffff"), std::string::npos) << unknown.err;
}

TEST_F(ConflictsCli, WithoutAnIndexNothingCanBeDone) {
  const auto r = foialens({"conflicts"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(r.err.empty());
}

TEST_F(ConflictsCli, RulesCheckReportsEveryProblemWithItsLine) {
  const auto bad = dir_.write("bad.toml", "[policy]\nid = \"x\"\ntitle = \"X\"\ncitation = \"X\"\n\n"
                                          "[[provision]]\nid = \"1\"\ncitation = \"c\"\nsummary = \"s\"\n\n"
                                          "[[rule]]\nid = \"r\"\nprovision = \"2\"\nseverity = \"high\"\n"
                                          "summary = \"s\"\nexplanation = \"e\"\ntriggers = [\"(a OR b\"]\n"
                                          "actor = \"none\"\n");
  const auto r = foialens({"rules", "check", bad.string()});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find(bad.string() + ":13:13: rule 'r' cites provision '2'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(bad.string() + ":14:12: severity 'high'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(bad.string() + ":17:14: bad pattern in 'triggers' of [[rule]] r: unbalanced '('"),
            std::string::npos)
      << r.err;

  const auto good = foialens({"rules", "check"});
  EXPECT_EQ(good.exit_code, 0) << good.err;
  EXPECT_NE(good.out.find("chicago-welcoming-city.toml: ok"), std::string::npos) << good.out;

  const auto broken_conflicts = foialens({"conflicts", "--rules", bad.string()});
  EXPECT_EQ(broken_conflicts.exit_code, 3);
  EXPECT_NE(broken_conflicts.err.find(":14:12:"), std::string::npos) << broken_conflicts.err;
}

TEST_F(ConflictsCli, RulesListShowsTheProvisions) {
  const auto r = foialens({"rules", "list"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* s : {"Welcoming City Ordinance", "2-173-020", "2-173-030", "2-173-040",
                        "detainer-hold", "customs-designation"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  }
  const auto j = foialens({"rules", "list", "--json"});
  EXPECT_EQ(json_lines(j.out).size(), 3u);
}

// The sample corpus: the outcomes the corpus README promises.
TEST_F(ConflictsCli, SampleCorpusGolden) {
  const fs::path corpus = FOIALENS_CORPUS_DIR;
  if (!fs::exists(corpus / "county-287g-jail-model-moa.pdf")) GTEST_SKIP() << "no sample corpus";
  const auto ingest = foialens({"ingest", corpus.string()});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.out << ingest.err;
  const auto r = foialens({"conflicts", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  std::map<std::string, std::vector<json>> by_file;
  for (const auto& f : json_lines(r.out)) {
    by_file[fs::path(f["source"].get<std::string>()).filename().string()].push_back(f);
  }
  const auto count = [&](const std::string& file, const std::string& severity) {
    int n = 0;
    for (const auto& f : by_file[file]) n += f["severity"] == severity ? 1 : 0;
    return n;
  };

  // The customs-officer agreement: review on the designation clause, citing 2-173-020, with
  // the "NOT authorized to enforce administrative (civil) immigration violations" text.
  EXPECT_EQ(count("customs-officer-designation-moa-2019.pdf", "conflict"), 0) << r.out;
  bool designation = false;
  for (const auto& f : by_file["customs-officer-designation-moa-2019.pdf"]) {
    if (f["clause"] != "(a)" || f["rule"] != "customs-designation") continue;
    designation = true;
    EXPECT_EQ(f["severity"], "review");
    EXPECT_EQ(f["provision"], "2-173-020");
    ASSERT_FALSE(f["mitigating"].empty());
    EXPECT_NE(f["mitigating"][0]["text"].get<std::string>().find("NOT authorized to enforce administrative"),
              std::string::npos)
        << f.dump();
  }
  EXPECT_TRUE(designation) << r.out;

  // The ordinance amendments and the police directive forbid the conduct.
  EXPECT_EQ(count("welcoming-city-amendments-2021.pdf", "conflict"), 0) << r.out;
  EXPECT_EQ(count("cpd-special-order-s06-14-03.pdf", "conflict"), 0) << r.out;
  // Negative controls.
  EXPECT_TRUE(by_file["streets-sanitation-snow-contract-2022.pdf"].empty());
  EXPECT_TRUE(by_file["cpd-quarterly-report-2020-q2.pdf"].empty());

  // The 287(g) jail-model agreement: detainer holds, deputisation, access to people in custody.
  std::set<std::string> rules;
  for (const auto& f : by_file["county-287g-jail-model-moa.pdf"]) {
    if (f["severity"] == "conflict") rules.insert(f["rule"].get<std::string>());
  }
  for (const char* rule : {"detainer-hold", "deputisation", "custody-access", "custody-information",
                           "status-inquiry"}) {
    EXPECT_TRUE(rules.contains(rule)) << rule << "\n" << r.out;
  }
}

}  // namespace
}  // namespace foialens
