// End-to-end: the per-page OCR decision on born-digital PDFs, `show --text`, `export`
// (checked with poppler-utils: pdfinfo, pdfimages, pdftotext) and the OCR limit options,
// with the real foialens binary in a fresh library home per test.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/paths.hpp"
#include "ocr/cer.hpp"
#include "ocr/engine.hpp"
#include "tests/support/run.hpp"
#include "tests/support/temp_dir.hpp"

namespace {
namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kScans = FOIALENS_SCANS_DIR;

class OcrExport : public ::testing::Test {
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
  foialens::testing::RunResult tool(const std::string& name, const std::vector<std::string>& args) {
    return foialens::testing::run(name, args, dir_.path());
  }
  std::string ingest(const fs::path& file, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"ingest", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(file.string());
    const auto r = foialens(args);
    EXPECT_EQ(0, r.exit_code) << r.err;
    return json::parse(foialens::testing::lines(r.out).front())["doc"].get<std::string>().substr(0, 12);
  }
  json pages(const std::string& doc) {
    const auto r = foialens({"show", doc, "--text", "--json"});
    EXPECT_EQ(0, r.exit_code) << r.err;
    return json::parse(r.out)["pages"];
  }
  foialens::testing::TempDir dir_;
};

TEST_F(OcrExport, ShortBornDigitalLastPageKeepsItsTextLayer) {
  const json p = pages(ingest(kScans / "data-sharing-agreement.pdf"));
  ASSERT_EQ(2u, p.size());
  for (const auto& page : p) {
    EXPECT_EQ("text", page["text_source"]) << page.dump();
    EXPECT_FALSE(page.contains("ocr_reason")) << page.dump();
  }
  // The last page's exact text, with poppler's word boxes.
  EXPECT_NE(std::string::npos, p[1]["text"].get<std::string>().find("6. This is the whole agreement."));
  ASSERT_FALSE(p[1]["words"].empty());
  const json first = p[1]["words"][0];
  EXPECT_EQ(4u, first["box"].size());
  EXPECT_FALSE(first.contains("confidence"));
}

TEST_F(OcrExport, ScannedSignaturePageAloneIsOcrd) {
  const json p = pages(ingest(kScans / "data-sharing-signed.pdf"));
  ASSERT_EQ(3u, p.size());
  EXPECT_EQ("text", p[0]["text_source"]);
  EXPECT_EQ("text", p[1]["text_source"]);
  EXPECT_EQ("ocr", p[2]["text_source"]);
  EXPECT_EQ("no text layer", p[2]["ocr_reason"]);
  EXPECT_EQ("single-column", p[2]["layout"]);
  EXPECT_NE(std::string::npos, p[2]["text"].get<std::string>().find("Thomas Okafor"));
  // OCR words carry their confidence, boxes in points on a Letter-size page.
  for (const auto& w : p[2]["words"]) {
    ASSERT_TRUE(w.contains("confidence"));
    EXPECT_LE(w["box"][2].get<double>(), 612.5);
    EXPECT_LE(w["box"][3].get<double>(), 792.5);
  }
}

TEST_F(OcrExport, ShowTextSeparatesPagesWithFormFeeds) {
  const std::string doc = ingest(kScans / "data-sharing-signed.pdf");
  const auto text = foialens({"show", doc, "--text"});
  ASSERT_EQ(0, text.exit_code) << text.err;
  EXPECT_EQ(3, std::count(text.out.begin(), text.out.end(), '\f'));
  EXPECT_EQ(0u, text.out.find("DATA SHARING AGREEMENT"));
  const auto page3 = foialens({"show", doc + ":3", "--text"});
  ASSERT_EQ(0, page3.exit_code) << page3.err;
  EXPECT_EQ(0u, page3.out.find("SIGNATURES"));
  const auto past = foialens({"show", doc + ":4", "--text"});
  EXPECT_EQ(2, past.exit_code);
  EXPECT_EQ("foialens: show " + doc + ":4: the document has 3 pages\n", past.err);
}

TEST_F(OcrExport, ExportedScansKeepTheirPagesAndImagesAndReadBack) {
  // pdftotext -raw reads the layer in the order it was written. Its default mode orders
  // the words again by their position, and reads a page's header table label column
  // first, or the columns of a three-column page into each other (as it does with
  // ocrmypdf's output, and with the born-digital report the scan was made from):
  // bench/ocr-bench.sh measures that mode.
  for (const char* name : {"letter-200dpi.pdf", "mixed-text-scan.pdf", "order-300dpi.pdf",
                           "report-3col-200dpi.pdf", "newsletter-2col-300dpi.pdf"}) {
    const fs::path scan = kScans / name;
    const std::string doc = ingest(scan);
    const fs::path out = dir_ / (std::string("export-") + name);
    const auto exported = foialens({"export", doc, "-o", out.string(), "--json"});
    ASSERT_EQ(0, exported.exit_code) << exported.err;
    const json summary = json::parse(exported.out);

    // Same page count, the same images (count, size, encoding).
    const auto pages_of = [&](const fs::path& f) {
      const auto info = tool("pdfinfo", {f.string()});
      const auto at = info.out.find("Pages:");
      return std::stoi(info.out.substr(at + 6));
    };
    EXPECT_EQ(pages_of(scan), pages_of(out)) << name;
    EXPECT_EQ(pages_of(scan), summary["pages"].get<int>());
    const auto images_of = [&](const fs::path& f) {
      auto list = foialens::testing::lines(tool("pdfimages", {"-list", f.string()}).out);
      std::vector<std::string> rows;
      for (std::size_t i = 2; i < list.size(); ++i) {
        // page, type, width, height, colour, components, bits, encoding; not the object ids.
        std::istringstream in(list[i]);
        std::string page, num, type, w, h, color, comp, bpc, enc;
        in >> page >> num >> type >> w >> h >> color >> comp >> bpc >> enc;
        rows.push_back(page + " " + w + "x" + h + " " + color + " " + bpc + " " + enc);
      }
      return rows;
    };
    EXPECT_EQ(images_of(scan), images_of(out)) << name;

    // pdftotext reads the text layer: CER within half a point of show --text.
    const auto layer = tool("pdftotext", {"-raw", out.string(), "-"});
    ASSERT_EQ(0, layer.exit_code) << layer.err;
    const auto shown = foialens({"show", doc, "--text"});
    ASSERT_EQ(0, shown.exit_code);
    double truth_chars = 0, shown_errors = 0, layer_errors = 0;
    std::size_t from_layer = 0, from_shown = 0;
    const std::string stem = fs::path(name).stem().string();
    for (int p = 1; p <= pages_of(scan); ++p) {
      const std::string truth =
          foialens::paths::read_file(kScans / (stem + ".p" + std::to_string(p) + ".gt.txt")).value();
      const std::size_t layer_end = layer.out.find('\f', from_layer);
      const std::size_t shown_end = shown.out.find('\f', from_shown);
      const std::string layer_page = layer.out.substr(from_layer, layer_end - from_layer);
      const std::string shown_page = shown.out.substr(from_shown, shown_end - from_shown);
      from_layer = layer_end + 1;
      from_shown = shown_end + 1;
      const double n = static_cast<double>(foialens::ocr::cer_normalize(truth).size());
      truth_chars += n;
      shown_errors += n * foialens::ocr::character_error_rate(shown_page, truth);
      layer_errors += n * foialens::ocr::character_error_rate(layer_page, truth);
    }
    const double shown_cer = 100 * shown_errors / truth_chars;
    const double layer_cer = 100 * layer_errors / truth_chars;
    std::printf("[ CER      ] %-28s show --text %5.2f%%  pdftotext of export %5.2f%%\n", name,
                shown_cer, layer_cer);
    EXPECT_LE(layer_cer, shown_cer + 0.5) << name << "\n" << layer.out;
  }
}

TEST_F(OcrExport, BornDigitalPagesAreCopiedAsTheyAre) {
  const std::string doc = ingest(kScans / "data-sharing-agreement.pdf");
  const fs::path out = dir_ / "agreement.pdf";
  const auto exported = foialens({"export", doc, "-o", out.string()});
  ASSERT_EQ(0, exported.exit_code) << exported.err;
  EXPECT_EQ(out.string() + ": 2 pages, 0 with an OCR text layer (0 words)\n", exported.out);
  const auto before = tool("pdftotext", {"-layout", (kScans / "data-sharing-agreement.pdf").string(), "-"});
  const auto after = tool("pdftotext", {"-layout", out.string(), "-"});
  EXPECT_EQ(before.out, after.out);
}

TEST_F(OcrExport, ExportOfAnUnknownDocumentSaysSo) {
  const auto r = foialens({"export", "0123abcd", "-o", (dir_ / "x.pdf").string()});
  EXPECT_EQ(2, r.exit_code);
  EXPECT_EQ("foialens: export 0123abcd: no document 0123abcd with a page record in this library (a "
            "document ingested before pages were kept needs ingesting again)\n",
            r.err);
  EXPECT_FALSE(fs::exists(dir_ / "x.pdf"));
}

TEST_F(OcrExport, PageLimitsNameTheirOption) {
  const json slow = pages(ingest(kScans / "letter-200dpi.pdf", {"--ocr-timeout", "0.001"}));
  EXPECT_EQ("OCR timed out after 1 ms (--ocr-timeout raises the limit)", slow[0]["error"]);

  foialens::testing::TempDir other;
  const auto big = foialens::testing::run(
      FOIALENS_BIN, {"--home", (other.path() / "home").string(), "ingest", "--max-pixels", "1",
                     (kScans / "letter-200dpi.pdf").string()},
      other.path());
  EXPECT_EQ(0, big.exit_code) << big.err;
  const auto docs = foialens::testing::run(
      FOIALENS_BIN, {"--home", (other.path() / "home").string(), "docs", "--json"}, other.path());
  const std::string doc = json::parse(foialens::testing::lines(docs.out).front())["doc"];
  const auto text = foialens::testing::run(
      FOIALENS_BIN, {"--home", (other.path() / "home").string(), "show", doc, "--text", "--json"},
      other.path());
  EXPECT_EQ("page too large for OCR at 200 dpi: 3.7 Mpx is over the limit of 1.0 Mpx "
            "(--max-pixels raises the limit)",
            json::parse(text.out)["pages"][0]["error"]);
}

}  // namespace
