// Covers analysis/checks.cpp: the clause-level classifier on text.
#include <gtest/gtest.h>

#include <filesystem>

#include "analysis/checks.hpp"

namespace foialens::analysis {
namespace {

namespace fs = std::filesystem;

class Checks : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto rs = load_rules(fs::path(FOIALENS_SOURCE_DIR) / "rules" / "chicago-welcoming-city.toml");
    ASSERT_TRUE(rs.ok()) << rs.error().message;
    rules_ = new RuleSet(std::move(rs).value());
  }
  static void TearDownTestSuite() { delete rules_; }

  std::vector<Finding> check(std::string_view text, const DocContext* doc = nullptr,
                             std::string_view lead_in = {}) {
    const Checker checker(*rules_);
    return checker.check({text, lead_in, doc});
  }
  std::string label(std::string_view text, const DocContext* doc = nullptr) {
    return std::string(clause_label(check(text, doc)));
  }

  static RuleSet* rules_;
};
RuleSet* Checks::rules_ = nullptr;

TEST_F(Checks, PermittingClauseIsAConflictWithEvidence) {
  const auto f = check("The Sheriff will honor ICE detainers for up to 48 hours.");
  ASSERT_FALSE(f.empty());
  EXPECT_EQ(f[0].severity, Severity::conflict);
  EXPECT_EQ(f[0].rule->id, "detainer-hold");
  EXPECT_EQ(f[0].provision->id, "2-173-020");
  ASSERT_FALSE(f[0].evidence.empty());
  // The words that fired, the actor among them, as one span.
  EXPECT_EQ(f[0].evidence[0].text, "honor ICE detainers");
  EXPECT_EQ(f[0].evidence[0].offset, 17u);
  EXPECT_EQ(f[0].evidence.size(), 1u);
  EXPECT_EQ(f[0].actor, "ICE");
}

TEST_F(Checks, ForbiddingClauseIsNoFinding) {
  EXPECT_EQ(label("The Sheriff will not honor ICE detainers."), "none");
  EXPECT_EQ(label("ICE detainers shall not be honored."), "none");
  EXPECT_EQ(label("Staff are prohibited from honoring ICE detainers."), "none");
  EXPECT_EQ(label("The supervisor will decline any ICE request to honor a detainer."), "none");
}

TEST_F(Checks, DismissalsSayWhy) {
  const Checker checker(*rules_);
  std::vector<Dismissal> why;
  const auto f = checker.check({"Staff are prohibited from honoring ICE detainers.", {}, nullptr}, {}, &why);
  EXPECT_TRUE(f.empty());
  ASSERT_FALSE(why.empty());
  EXPECT_EQ(why[0].why, Dismissal::Why::forbids);
  EXPECT_EQ(why[0].detail, "the clause forbids the conduct (negated by \"prohibited\")");
  why.clear();
  (void)checker.check({"ICE detainers will be honored only with a judicial warrant.", {}, nullptr}, {}, &why);
  ASSERT_FALSE(why.empty());
  EXPECT_EQ(why[0].why, Dismissal::Why::cleared);
  EXPECT_EQ(why[0].detail.rfind("judicial-warrant: ", 0), 0u) << why[0].detail;
}

TEST_F(Checks, ExceptionThatRestoresARemovedExceptionIsAConflict) {
  const auto f = check("Staff shall not honor ICE detainers unless the person has a felony conviction.");
  ASSERT_EQ(clause_label(f), "conflict");
  EXPECT_EQ(f[0].rule->id, "former-exceptions");
}

TEST_F(Checks, JudicialWarrantClears) {
  EXPECT_EQ(label("ICE detainers will be honored only with a judicial warrant."), "none");
}

TEST_F(Checks, ActorCanComeFromTheDocument) {
  DocContext doc;
  doc.title = "Memorandum of Agreement";
  doc.agencies = {"U.S. Immigration and Customs Enforcement"};
  const std::string_view text = "Designated officers will issue detainers and honor detainers.";
  EXPECT_EQ(label(text, &doc), "conflict");
  DocContext other;
  other.title = "Snow removal contract";
  EXPECT_EQ(label(text, &other), "none");
}

TEST_F(Checks, ReportsAreAtMostReview) {
  DocContext doc;
  doc.doc_type = "report";
  doc.title = "Audit";
  const auto f = check("Officers provided traffic perimeters for two ICE enforcement operations.", &doc);
  ASSERT_FALSE(f.empty());
  EXPECT_EQ(f[0].severity, Severity::review);
  EXPECT_TRUE(f[0].review_only_document);
}

TEST_F(Checks, CustomsDesignationIsReviewWithDocumentMitigation) {
  DocContext doc;
  doc.title = "Customs officer designation agreement";
  doc.agencies = {"Homeland Security Investigations"};
  doc.text = "Designated members are NOT authorized to enforce administrative (civil) immigration "
             "violations.";
  const auto f = check("HSI may designate as a customs officer any sworn member of the task force.", &doc);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule->id, "customs-designation");
  EXPECT_EQ(f[0].severity, Severity::review);
  ASSERT_EQ(f[0].mitigation.size(), 1u);
  EXPECT_TRUE(f[0].mitigation[0].in_document);
  EXPECT_NE(f[0].mitigation[0].sentence.find("NOT authorized"), std::string::npos);
}

TEST_F(Checks, LeadInCarriesNegationIntoListItems) {
  const std::string_view lead = "Members will not stop, arrest or detain a person on the basis of:";
  const auto f = check("b. an immigration detainer, including one on Form I-247A; or", nullptr, lead);
  EXPECT_EQ(clause_label(f), "none");
  const std::string_view lead2 = "Designated officers are authorized to perform these functions:";
  const auto g = check("(e) issue ICE detainers and honor them;", nullptr, lead2);
  ASSERT_EQ(clause_label(g), "conflict");
  // Evidence offsets are in the clause, not in the lead-in.
  EXPECT_EQ(g[0].evidence[0].text.substr(0, 5), "issue");
  EXPECT_EQ(g[0].evidence[0].offset, 4u);
}

TEST_F(Checks, ReportingIsNotCooperation) {
  EXPECT_EQ(label("The Department shall record each request from ICE to honor a detainer and "
                  "report the number of requests quarterly to the City Council."),
            "none");
}

TEST_F(Checks, RecitalsAndDefinitionsBindNoOne) {
  EXPECT_EQ(label("WHEREAS, ICE may ask local jails to honor detainers; and"), "none");
  EXPECT_EQ(label("\"Immigration detainer\" means a request by ICE that a jail hold a person "
                  "beyond release."),
            "none");
}

}  // namespace
}  // namespace foialens::analysis
