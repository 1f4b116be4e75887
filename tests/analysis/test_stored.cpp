// Covers analysis/stored.cpp: a record round-trips, and anything damaged, truncated, of
// another version or simply not a record is refused (the document is then analysed again),
// never read half-way.

#include <gtest/gtest.h>

#include <filesystem>

#include "analysis/analyze.hpp"
#include "analysis/library.hpp"
#include "analysis/stored.hpp"

namespace foialens::analysis {
namespace {
namespace fs = std::filesystem;

Document agreement() {
  Document d;
  d.id = std::string(64, 'a');
  d.title = "Memorandum of Agreement";
  d.doc_type = "agreement";
  d.agencies = {"U.S. Immigration and Customs Enforcement"};
  Page page;
  page.text = "1. The Sheriff will honor ICE detainers and hold each subject for 48 hours beyond release.";
  d.pages.push_back(page);
  Passage p;
  p.clause = "1.";
  p.heading_path = "1.";
  p.text = page.text;
  d.passages.push_back(p);
  return d;
}

class Stored : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rs = load_rules(fs::path(FOIALENS_SOURCE_DIR) / "rules" / "chicago-welcoming-city.toml");
    ASSERT_TRUE(rs.ok()) << rs.error().message;
    rules_ = std::move(rs).value();
    record_ = encode(analyze_document(agreement(), {&rules_}));
  }
  RuleSet rules_;
  std::string record_;
};

TEST_F(Stored, RoundTrips) {
  const auto back = decode(record_);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->doc.id, std::string(64, 'a'));
  ASSERT_TRUE(back->has_rules(rules_.hash));
  const DocumentCheck check = decode_check(back->checks.at(rules_.hash), rules_, back->doc, true);
  ASSERT_FALSE(check.findings.empty());
  EXPECT_EQ(check.findings[0].finding.rule->id, "detainer-hold");
  EXPECT_EQ(check.findings[0].doc, std::string(64, 'a'));
}

TEST_F(Stored, DamagedRecordsAreRefusedWhole) {
  EXPECT_FALSE(decode("").has_value());
  EXPECT_FALSE(decode("{\"v\":3}").has_value());           // an older, plain-JSON record
  EXPECT_FALSE(decode("foialens-analysis\n").has_value());  // no core section
  for (std::size_t cut : {record_.size() / 4, record_.size() / 2, record_.size() - 1}) {
    EXPECT_FALSE(decode(record_.substr(0, cut)).has_value()) << "cut at " << cut;
  }
  std::string huge_length = record_;
  huge_length.replace(huge_length.find("core ") + 5, 1, "9999999999");
  EXPECT_FALSE(decode(huge_length).has_value());
  std::string other_version = record_;
  other_version.replace(other_version.find("\"v\":3"), 5, "\"v\":1");
  EXPECT_FALSE(decode(other_version).has_value());
}

TEST_F(Stored, DamagedFindingsDecodeToNothing) {
  StoredCheck broken;
  broken.findings = "{\"findings\": [ {\"rule\": ";
  broken.dismissals = "not json";
  const DocumentCheck check = decode_check(broken, rules_, agreement(), true);
  EXPECT_TRUE(check.findings.empty());
  EXPECT_TRUE(check.dismissals.empty());
}

TEST(RuleSetsFiles, AMissingFileIsAProblemNotACrash) {
  RuleSets sets({fs::path("/nonexistent/rules.toml")});
  EXPECT_TRUE(sets.hashes().empty());
  std::vector<RuleIssue> issues;
  EXPECT_EQ(sets.get("/nonexistent/rules.toml", &issues), nullptr);
  ASSERT_FALSE(issues.empty());
  EXPECT_TRUE(sets.all().empty());
}

}  // namespace
}  // namespace foialens::analysis
