// End-to-end: the real foialens binary ingesting scans, a fresh library home per test.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "ocr/engine.hpp"
#include "tests/support/run.hpp"
#include "tests/support/temp_dir.hpp"

namespace {
namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kScans = FOIALENS_SCANS_DIR;

class OcrCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto st = foialens::ocr::check_languages("eng"); !st) {
      GTEST_SKIP() << "Tesseract language data missing: " << st.error().message;
    }
  }
  foialens::testing::RunResult foialens(std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", (dir_ / "home").string()});
    return foialens::testing::run(FOIALENS_BIN, args, dir_.path());
  }
  json show(const std::string& doc) {
    const auto r = foialens({"show", "--json", doc});
    EXPECT_EQ(0, r.exit_code) << r.err;
    return json::parse(r.out);
  }
  static std::string doc_of(const std::string& ingest_json) {
    return json::parse(foialens::testing::lines(ingest_json).front())["doc"].get<std::string>();
  }
  foialens::testing::TempDir dir_;
};

TEST_F(OcrCli, ScannedPdfIsSearchableOnPage2) {
  const auto ingest = foialens({"ingest", "--json", (kScans / "letter-200dpi.pdf").string()});
  ASSERT_EQ(0, ingest.exit_code) << ingest.err;
  EXPECT_NE(std::string::npos, ingest.out.find("\"ocr_pages\":2")) << ingest.out;

  // A phrase printed on page 2 only.
  const auto hits = foialens({"search", "--json", "\"questions about this response\""});
  ASSERT_EQ(0, hits.exit_code) << hits.err;
  const auto lines = foialens::testing::lines(hits.out);
  ASSERT_FALSE(lines.empty()) << hits.out;
  const json first = json::parse(lines.front());
  EXPECT_EQ(2, first["page"]) << first.dump();

  const json doc = show(doc_of(ingest.out));
  ASSERT_EQ(2u, doc["page_info"].size());
  for (const auto& page : doc["page_info"]) {
    EXPECT_EQ("ocr", page["text"]);
    EXPECT_EQ("no text layer", page["ocr_reason"]);
    EXPECT_GT(page["ocr_confidence"].get<double>(), 80.0);
  }
}

TEST_F(OcrCli, MixedPdfOcrsOnlyTheScannedPage) {
  const auto ingest = foialens({"ingest", "--json", (kScans / "mixed-text-scan.pdf").string()});
  ASSERT_EQ(0, ingest.exit_code) << ingest.err;
  const json doc = show(doc_of(ingest.out));
  ASSERT_EQ(2u, doc["page_info"].size());
  EXPECT_EQ("text", doc["page_info"][0]["text"]);
  EXPECT_FALSE(doc["page_info"][0].contains("ocr_confidence"));
  EXPECT_EQ("ocr", doc["page_info"][1]["text"]);
  EXPECT_EQ("no text layer", doc["page_info"][1]["ocr_reason"]);

  // The scanned page's text is searchable: an article of the MOA scanned as page 2.
  const auto hits = foialens({"search", "--json", "\"NOMINATION OF PERSONNEL\""});
  ASSERT_EQ(0, hits.exit_code) << hits.err;
  ASSERT_FALSE(foialens::testing::lines(hits.out).empty()) << hits.out;
  EXPECT_EQ(2, json::parse(foialens::testing::lines(hits.out).front())["page"]);
}

TEST_F(OcrCli, ReingestOfAResentScanOcrsNothing) {
  const auto first = foialens({"-v", "ingest", (kScans / "letter-200dpi.pdf").string()});
  ASSERT_EQ(0, first.exit_code) << first.err;
  EXPECT_NE(std::string::npos, first.err.find("OCR: 2 pages recognised, 0 from the cache")) << first.err;

  // The same scan sent again as another file (other bytes, same page images).
  const fs::path resent = dir_ / "resent.pdf";
  fs::copy_file(kScans / "letter-200dpi.pdf", resent);
  std::ofstream(resent, std::ios::app) << "\n%resent by the agency\n";
  const auto again = foialens({"-v", "ingest", resent.string()});
  ASSERT_EQ(0, again.exit_code) << again.err;
  EXPECT_NE(std::string::npos, again.err.find("OCR: 0 pages recognised, 2 from the cache")) << again.err;
}

TEST_F(OcrCli, MultiPageTiffIsADocumentOfPages) {
  const auto ingest = foialens({"ingest", "--json", (kScans / "letter-200dpi.tif").string()});
  ASSERT_EQ(0, ingest.exit_code) << ingest.err;
  const json doc = show(doc_of(ingest.out));
  EXPECT_EQ("image/tiff", doc["media_type"]);
  ASSERT_EQ(2u, doc["page_info"].size());
  EXPECT_EQ("ocr", doc["page_info"][1]["text"]);
}

TEST_F(OcrCli, OcrNeverLeavesScannedPagesEmpty) {
  const auto ingest = foialens({"ingest", "--json", "--ocr", "never", (kScans / "mixed-text-scan.pdf").string()});
  ASSERT_EQ(0, ingest.exit_code) << ingest.err;
  const json doc = show(doc_of(ingest.out));
  EXPECT_EQ("text", doc["page_info"][0]["text"]);
  EXPECT_EQ("none", doc["page_info"][1]["text"]);
  EXPECT_EQ("no text layer; OCR is off (--ocr never)", doc["page_info"][1]["ocr_reason"]);
}

TEST_F(OcrCli, MissingLanguageStopsWithWhatToInstall) {
  const auto ingest = foialens({"ingest", "--lang", "eng+xyz", (kScans / "letter-200dpi.pdf").string()});
  EXPECT_EQ(3, ingest.exit_code);
  EXPECT_NE(std::string::npos, ingest.err.find("OCR language 'xyz' is not installed")) << ingest.err;
  EXPECT_NE(std::string::npos, ingest.err.find("tesseract-ocr-xyz")) << ingest.err;
}

}  // namespace
