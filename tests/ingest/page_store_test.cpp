// Tests of ingest/page_store.cpp: the page record kept outside the index.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/paths.hpp"
#include "ingest/page_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace foialens::ingest {
namespace {
namespace fs = std::filesystem;

Document sample(const std::string& id) {
  Document doc;
  doc.id = id;
  Page text_page;
  text_page.number = 1;
  text_page.text = "Line one\twith a tab\nline two \\ backslash";
  text_page.width_pt = 612;
  text_page.height_pt = 792;
  text_page.words = {{"Line", 72, 72, 96.5f, 84, -1, false}, {"one", 100, 72, 120, 84, -1, false}};
  Page scanned;
  scanned.number = 2;
  scanned.source = TextSource::ocr;
  scanned.text = "Señora Núñez";
  scanned.ocr_reason = "no text layer";
  scanned.ocr_confidence = 91.25;
  scanned.layout = "columns";
  scanned.width_pt = 612;
  scanned.height_pt = 792;
  scanned.words = {{"Señora", 10, 20, 60, 32, 93.5f, false}, {"Núñez", 64, 20, 110, 32, 88, true}};
  Page failed;
  failed.number = 3;
  failed.source = TextSource::none;
  failed.error = "OCR timed out after 60 s (--ocr-timeout raises the limit)";
  doc.pages = {text_page, scanned, failed};
  return doc;
}

const std::string kId = "ab12" + std::string(60, '0');

TEST(PageStore, KeepsPagesWordsAndBoxes) {
  testing::TempDir dir;
  const PageStore store(dir.path());
  ASSERT_TRUE(store.put(sample(kId)).ok());
  EXPECT_TRUE(store.contains(kId));
  EXPECT_EQ(dir.path() / "pages" / "ab" / (kId + ".pages.gz"), store.path_for(kId));
  auto pages = store.get(kId);
  ASSERT_TRUE(pages.ok()) << pages.error().message;
  const Document want = sample(kId);
  ASSERT_EQ(3u, pages->size());
  for (std::size_t i = 0; i < 3; ++i) {
    const Page& a = (*pages)[i];
    const Page& b = want.pages[i];
    EXPECT_EQ(b.number, a.number);
    EXPECT_EQ(b.text, a.text);
    EXPECT_EQ(b.source, a.source);
    EXPECT_EQ(b.ocr_reason, a.ocr_reason);
    EXPECT_EQ(b.error, a.error);
    EXPECT_EQ(b.layout, a.layout);
    EXPECT_DOUBLE_EQ(b.ocr_confidence, a.ocr_confidence);
    EXPECT_DOUBLE_EQ(b.width_pt, a.width_pt);
    ASSERT_EQ(b.words.size(), a.words.size());
    for (std::size_t k = 0; k < a.words.size(); ++k) {
      EXPECT_EQ(b.words[k].text, a.words[k].text);
      EXPECT_FLOAT_EQ(b.words[k].x0, a.words[k].x0);
      EXPECT_FLOAT_EQ(b.words[k].y1, a.words[k].y1);
      EXPECT_FLOAT_EQ(b.words[k].confidence, a.words[k].confidence);
      EXPECT_EQ(b.words[k].line_end, a.words[k].line_end);
    }
  }
}

TEST(PageStore, ResolvesAShortId) {
  testing::TempDir dir;
  const PageStore store(dir.path());
  ASSERT_TRUE(store.put(sample(kId)).ok());
  ASSERT_TRUE(store.put(sample("ab12" + std::string(59, '0') + "1")).ok());
  EXPECT_EQ("ab12 matches 2 documents: give more of its id", store.resolve("ab12").error().message);
  EXPECT_EQ(kId, store.resolve(kId).value());
  ASSERT_TRUE(store.put(sample("cd34" + std::string(60, 'f'))).ok());
  EXPECT_EQ("cd34" + std::string(60, 'f'), store.resolve("cd34ff").value());
  EXPECT_EQ("no document ffff with a page record in this library (a document ingested before "
            "pages were kept needs ingesting again)",
            store.resolve("ffff").error().message);
  EXPECT_EQ("'x/..' is not a document id: give 4 to 64 of its hex digits, as 'foialens docs' prints them",
            store.resolve("x/..").error().message);
}

TEST(PageStore, DamagedRecordIsAClearError) {
  testing::TempDir dir;
  const PageStore store(dir.path());
  ASSERT_TRUE(store.put(sample(kId)).ok());
  auto bytes = paths::read_file(store.path_for(kId));
  ASSERT_TRUE(bytes.ok());
  ASSERT_TRUE(paths::write_file_atomic(store.path_for(kId), bytes->substr(0, bytes->size() / 2)).ok());
  auto pages = store.get(kId);
  ASSERT_FALSE(pages.ok());
  EXPECT_EQ(store.path_for(kId).string() + ": damaged page record (truncated)", pages.error().message);

  ASSERT_TRUE(paths::write_file_atomic(store.path_for(kId), "not gzip").ok());
  EXPECT_EQ(store.path_for(kId).string() + ": damaged page record (not a complete gzip stream)",
            store.get(kId).error().message);
}

TEST(PageStore, RecordOverTheSizeLimitIsNotRead) {
  testing::TempDir dir;
  const PageStore store(dir.path());
  Document doc = sample(kId);
  doc.pages[0].text = std::string(3 << 20, 'a');  // compresses to a few KiB
  ASSERT_TRUE(store.put(doc).ok());
  auto pages = store.get(kId, 2 << 20);
  ASSERT_FALSE(pages.ok());
  EXPECT_EQ(store.path_for(kId).string() + ": page record larger than 2 MiB uncompressed: not read",
            pages.error().message);
  EXPECT_TRUE(store.get(kId).ok());
}

TEST(PageStore, MissingRecordSaysWhatToDo) {
  testing::TempDir dir;
  const PageStore store(dir.path());
  EXPECT_EQ("no page record for ab1200000000: it was ingested before foialens kept pages with "
            "their words; ingest the original again (foialens docs shows its source)",
            store.get(kId).error().message);
}

}  // namespace
}  // namespace foialens::ingest
