// Word processing and spreadsheet files read from their XML, and the XML reader's limits.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "common/paths.hpp"
#include "ingest/convert.hpp"
#include "ingest/detect.hpp"
#include "ingest/extract.hpp"
#include "ingest/xml.hpp"
#include "tests/support/temp_dir.hpp"

namespace foialens::ingest {
namespace {
namespace fs = std::filesystem;

const fs::path kFormats = fs::path(FOIALENS_FIXTURES_DIR) / "formats";

Document extracted(const fs::path& file, const fs::path& home = {}) {
  auto bytes = paths::read_file(file);
  EXPECT_TRUE(bytes.ok());
  Options options;
  options.home = home;
  auto r = extract(*bytes, options);
  EXPECT_TRUE(r.ok()) << file << ": " << (r.ok() ? "" : r.error().message);
  EXPECT_FALSE(r.ok() && r->skipped) << r->skip_reason;
  return r.ok() ? r->doc : Document{};
}

const Passage* clause(const Document& doc, std::string_view number) {
  for (const auto& p : doc.passages) {
    if (p.clause == number) return &p;
  }
  return nullptr;
}

// Made by python-docx with the "List Number" style, a hard page break and a table.
TEST(Office, DocxKeepsListNumbersSoClausesAreFound) {
  const Document doc = extracted(kFormats / "agreement.docx");
  EXPECT_EQ(doc.title, "Intergovernmental Agreement on Records Sharing");
  EXPECT_EQ(doc.media_type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_NE(doc.pages[0].text.find("2. Sharing. The Department shall not share records"), std::string::npos)
      << doc.pages[0].text;
  EXPECT_NE(doc.pages[1].text.find("Chicago Police Department Records Division Commander"), std::string::npos)
      << doc.pages[1].text;
  const Passage* sharing = clause(doc, "2.");
  ASSERT_NE(sharing, nullptr);
  EXPECT_NE(sharing->text.find("Immigration and Customs Enforcement"), std::string::npos);
  EXPECT_EQ(doc.doc_type, "agreement");
}

// Converted from the .docx by LibreOffice: numbering from the ODF list style.
TEST(Office, OdtKeepsListNumbersAndPageBreaks) {
  const Document doc = extracted(kFormats / "agreement.odt");
  EXPECT_EQ(doc.media_type, "application/vnd.oasis.opendocument.text");
  ASSERT_EQ(doc.pages.size(), 2u);
  const Passage* term = clause(doc, "3.");
  ASSERT_NE(term, nullptr);
  EXPECT_NE(term->text.find("This agreement ends on December 31, 2022."), std::string::npos);
}

void expect_request_log(const Document& doc) {
  EXPECT_EQ(doc.title, "FOIA request log 2021");
  ASSERT_EQ(doc.pages.size(), 2u);
  ASSERT_EQ(doc.passages.size(), 4u);
  EXPECT_EQ(doc.passages[1].heading_path, "Requests > row 2");
  EXPECT_EQ(doc.passages[1].page, 1);
  EXPECT_EQ(doc.passages[1].text,
            "Request ID: R-2021-017; Requester: Jane Roe; Received: 2021-03-16; Subject: Detainer requests from ICE");
  EXPECT_EQ(doc.passages[3].heading_path, "Notes > row 1");
  EXPECT_EQ(doc.passages[3].page, 2);
  EXPECT_EQ(doc.passages[3].text, "Extension granted for R-2021-018 under 5 ILCS 140/3(e).");
}

// Made by openpyxl: shared strings, a date-formatted serial number, two sheets.
TEST(Office, XlsxRowsArePassagesWithSheetAndRow) { expect_request_log(extracted(kFormats / "request-log.xlsx")); }

TEST(Office, OdsRowsArePassagesWithSheetAndRow) { expect_request_log(extracted(kFormats / "request-log.ods")); }

TEST(Office, LegacyFormatsAreConvertedWhenLibreOfficeIsInstalled) {
  if (find_soffice().empty()) GTEST_SKIP() << "LibreOffice (soffice) is not installed";
  testing::TempDir dir;
  const Document doc = extracted(kFormats / "agreement.doc", dir.path());
  EXPECT_EQ(doc.media_type, "application/msword");
  EXPECT_NE(clause(doc, "2."), nullptr);
  expect_request_log(extracted(kFormats / "request-log.xls", dir.path()));
  EXPECT_TRUE(fs::is_empty(dir / "tmp"));  // the conversion folder is removed
}

TEST(Office, LibreOfficeIsStoppedAfterItsTimeLimit) {
  if (find_soffice().empty()) GTEST_SKIP() << "LibreOffice (soffice) is not installed";
  testing::TempDir dir;
  auto bytes = paths::read_file(kFormats / "agreement.doc");
  ASSERT_TRUE(bytes.ok());
  const auto r = convert_legacy_office(*bytes, "application/msword", dir.path(), 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "legacy Word document (.doc): LibreOffice did not finish converting it within 0 seconds");
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(Office, LegacyFormatsWithoutLibreOfficeSayConvertItFirst) {
  ::setenv("FOIALENS_SOFFICE", "", 1);
  auto bytes = paths::read_file(kFormats / "agreement.doc");
  ASSERT_TRUE(bytes.ok());
  const auto r = extract(*bytes, Options{});
  ::unsetenv("FOIALENS_SOFFICE");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "legacy Word document (.doc): convert it first (to .docx or PDF), or install LibreOffice and "
            "foialens converts it");
}

TEST(Office, PresentationsAreSkippedWithAReason) {
  // An ODF package is recognised by its first, stored "mimetype" member.
  std::string odp = std::string("PK\x03\x04", 4) + std::string(26, '\0') +
                    "mimetypeapplication/vnd.oasis.opendocument.presentation";
  const Detected d = detect(odp);
  EXPECT_EQ(d.kind, Kind::unsupported);
  EXPECT_EQ(d.why, "OpenDocument presentation or drawing (export it to PDF first)");
}

TEST(Office, DamagedOfficeFileFailsCleanly) {
  auto bytes = paths::read_file(kFormats / "agreement.docx");
  ASSERT_TRUE(bytes.ok());
  Options options;
  options.limits.max_xml_bytes = 4096;
  const auto big = extract(*bytes, options);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().message,
            "part too large: word/styles.xml unpacks to more than 4 KiB (--max-xml-size raises the limit)");
}

TEST(Xml, DepthSizeAndWellFormedness) {
  Limits limits;
  limits.max_xml_depth = 50;
  std::string deep;
  for (int i = 0; i < 60; ++i) deep += "<a>";
  for (int i = 0; i < 60; ++i) deep += "</a>";
  const auto d = xml::parse_xml(deep, "content.xml", limits);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().message, "content.xml: nested deeper than 50 levels (--max-xml-depth raises the limit)");

  const auto broken = xml::parse_xml("<a><b></a>", "content.xml", limits);
  ASSERT_FALSE(broken.ok());
  EXPECT_TRUE(broken.error().message.starts_with("content.xml: not well-formed XML: ")) << broken.error().message;

  // A "billion laughs" document is refused, not expanded.
  std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a0 \"ha\">";
  for (int i = 1; i <= 10; ++i) {
    laughs += "<!ENTITY a" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) laughs += "&a" + std::to_string(i - 1) + ";";
    laughs += "\">";
  }
  laughs += "]><l>&a10;</l>";
  const auto tree = xml::parse_xml(laughs, "laughs.xml", limits);
  ASSERT_FALSE(tree.ok());
  EXPECT_TRUE(tree.error().message.starts_with("laughs.xml: not well-formed XML: ")) << tree.error().message;
}

}  // namespace
}  // namespace foialens::ingest
