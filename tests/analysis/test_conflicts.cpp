// Covers analysis/analyze.cpp and analysis/library.cpp over a real index written for the
// test, in a fresh folder: findings stored at ingest and read back, lead-ins of list items,
// OCR'd text, filters, and documents stored without analysis re-analysed once.
#include <gtest/gtest.h>

#include <filesystem>

#include "analysis/analyze.hpp"
#include "analysis/conflicts.hpp"
#include "analysis/library.hpp"
#include "index/searcher.hpp"
#include "index/writer.hpp"
#include "tests/support/temp_dir.hpp"

namespace foialens::analysis {
namespace {

namespace fs = std::filesystem;

Document make_document(std::string id, std::string title, std::string type,
                       std::vector<std::pair<std::string, std::string>> clauses, bool ocr = false) {
  Document d;
  d.id = std::move(id);
  d.source = "/tmp/" + d.id.substr(0, 6) + ".txt";
  d.media_type = "text/plain";
  d.title = std::move(title);
  d.doc_type = std::move(type);
  d.agencies = {"U.S. Immigration and Customs Enforcement"};
  Page page;
  page.number = 1;
  page.source = ocr ? TextSource::ocr : TextSource::text_layer;
  int ordinal = 0;
  for (auto& [path, text] : clauses) {
    page.text += text + "\n\n";
    Passage p;
    p.ordinal = ordinal++;
    p.heading_path = path;
    p.clause = path.empty() ? "" : path.substr(path.rfind(' ') == std::string::npos ? 0 : path.rfind(' ') + 1);
    p.text = text;
    d.passages.push_back(std::move(p));
  }
  d.pages.push_back(std::move(page));
  return d;
}

class StoredFindings : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rs = load_rules(fs::path(FOIALENS_SOURCE_DIR) / "rules" / "chicago-welcoming-city.toml");
    ASSERT_TRUE(rs.ok()) << rs.error().message;
    rules_ = std::move(rs).value();
  }
  // Stores `d` as ingest does: analysed first, unless `analysed` is false.
  void put(Document d, bool analysed = true) {
    if (analysed) d.analysis = encode(analyze_document(d, {&rules_}));
    auto writer = index::Writer::open(dir_ / "index");
    ASSERT_TRUE(writer.ok()) << writer.error().message;
    auto prepared = (*writer)->prepare(d);
    auto outcome = (*writer)->put(d, std::move(prepared));
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    ASSERT_TRUE((*writer)->flush().ok());
  }
  std::vector<LocatedFinding> run(ConflictOptions options = {}, std::size_t* reanalysed = nullptr) {
    LibraryOptions lo;
    lo.rule_sets = &sets_;
    auto lib = Library::load(dir_ / "index", lo);
    EXPECT_TRUE(lib.ok()) << lib.error().message;
    if (!lib.ok()) return {};
    if (reanalysed) *reanalysed = lib->reanalysed();
    auto report = lib->conflicts(rules_, options);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? report->findings : std::vector<LocatedFinding>{};
  }
  testing::TempDir dir_;
  RuleSet rules_;
  RuleSets sets_{{fs::path(FOIALENS_SOURCE_DIR) / "rules" / "chicago-welcoming-city.toml"}};
};

TEST_F(StoredFindings, ListItemsAreCheckedWithTheirLeadIn) {
  put(make_document(std::string(64, 'a'), "Jail agreement with ICE", "agreement",
                    {{"Article III", "Designated officers are authorized to perform these functions:"},
                     {"Article III > (e)", "(e) issue detainers and honor detainers for up to 48 hours;"},
                     {"Article IV", "The Sheriff will not hold anyone beyond release on a detainer."}}));
  const auto findings = run();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].heading_path, "Article III > (e)");
  EXPECT_EQ(findings[0].lead_in, "Designated officers are authorized to perform these functions:");
  EXPECT_EQ(findings[0].finding.rule->id, "detainer-hold");
  EXPECT_EQ(findings[0].finding.severity, Severity::conflict);
}

TEST_F(StoredFindings, OcrNoiseDoesNotHideAConflict) {
  put(make_document(std::string(64, 'b'), "Scanned jail policy", "directive",
                    {{"1.", "The jai1 wi1l honour a11 lCE detalners and hoId the person."}}, true));
  const auto findings = run();
  ASSERT_FALSE(findings.empty());
  EXPECT_EQ(findings[0].finding.rule->id, "detainer-hold");
}

TEST_F(StoredFindings, SeverityAndDocumentFilters) {
  put(make_document(std::string(64, 'c'), "Agreement", "agreement",
                    {{"1.", "The Sheriff will give ICE officers access to all inmates for interviews."}}));
  put(make_document(std::string(64, 'd'), "Customs agreement", "agreement",
                    {{"1.", "HSI may designate sworn members of the task force as customs officers."}}));
  ConflictOptions review;
  review.severity = Severity::review;
  const auto reviews = run(review);
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_EQ(reviews[0].finding.rule->id, "customs-designation");
  ConflictOptions one;
  one.documents = {std::string(12, 'c')};
  const auto only = run(one);
  ASSERT_EQ(only.size(), 1u);
  EXPECT_EQ(only[0].doc, std::string(64, 'c'));
}

TEST_F(StoredFindings, UnknownDocumentIsAnInputError) {
  put(make_document(std::string(64, 'e'), "Agreement", "agreement",
                    {{"1.", "The Sheriff will give ICE officers access to all inmates for interviews."}}));
  LibraryOptions lo;
  lo.rule_sets = &sets_;
  auto lib = Library::load(dir_ / "index", lo);
  ASSERT_TRUE(lib.ok());
  ConflictOptions options;
  options.documents = {"ffff"};
  auto report = lib->conflicts(rules_, options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().scope, ErrorScope::input);
  EXPECT_EQ(report.error().message, "--doc ffff: no document with id ffff (see 'foialens docs')");
}

TEST_F(StoredFindings, ADocumentStoredWithoutAnalysisIsAnalysedOnceAndStored) {
  put(make_document(std::string(64, 'f'), "Agreement", "agreement",
                    {{"1.", "The Sheriff will give ICE officers access to all inmates for interviews."}}),
      /*analysed=*/false);
  std::size_t reanalysed = 0;
  const auto first = run({}, &reanalysed);
  EXPECT_EQ(reanalysed, 1u);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].finding.rule->id, "custody-access");
  const auto second = run({}, &reanalysed);
  EXPECT_EQ(reanalysed, 0u);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].text, first[0].text);
  EXPECT_EQ(second[0].finding.evidence.size(), first[0].finding.evidence.size());
}

TEST(LeadIn, NearestAncestorEndingWithAColon) {
  std::vector<Passage> ps(4);
  ps[0].heading_path = "III.";
  ps[0].text = "Members will not detain a person on the basis of:";
  ps[1].heading_path = "III. > a.";
  ps[1].text = "a.";
  ps[1].clause = "a.";
  ps[2].heading_path = "III. > a.";
  ps[2].text = "an immigration detainer;";
  ps[3].heading_path = "IV.";
  ps[3].text = "Questions go to the Office of Legal Affairs.";
  EXPECT_EQ(lead_in_for(ps, 2), ps[0].text);
  EXPECT_EQ(lead_in_for(ps, 3), "");
  EXPECT_EQ(lead_in_for(ps, 0), "");
}

}  // namespace
}  // namespace foialens::analysis
