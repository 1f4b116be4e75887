// Tests of ocr/cache.cpp, alone and in front of the pool.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>
#include <vector>

#include "ocr/cache.hpp"
#include "ocr/pool.hpp"
#include "scan_corpus.hpp"
#include "test_helpers.hpp"

namespace ocr = foialens::ocr;
using ocr::testing::OcrTest;

namespace {

ocr::Image letter_page(int n) {
  auto scan = ocr::testing::load_scan(ocr::testing::scans_dir() / "letter-200dpi.pdf");
  EXPECT_TRUE(scan.ok());
  return std::move(scan.value()[static_cast<std::size_t>(n - 1)].image);
}

}  // namespace

TEST_F(OcrTest, CacheRoundTrip) {
  ocr::Cache cache(dir() / "cache" / "ocr");
  ocr::Recognition r;
  r.text = "Dear Requester,\n\nline two\n\n";
  r.mean_confidence = 91.25;
  r.word_count = 4;
  r.seconds = 1.5;
  const std::string key(64, 'a');
  EXPECT_FALSE(cache.get(key).has_value());
  ASSERT_TRUE(cache.put(key, r).ok());
  auto back = cache.get(key);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(r.text, back->text);
  EXPECT_DOUBLE_EQ(91.25, back->mean_confidence);
  EXPECT_EQ(4, back->word_count);
  EXPECT_TRUE(std::filesystem::exists(dir() / "cache" / "ocr" / "aa" / key));
}

TEST_F(OcrTest, DamagedCacheEntryIsAMiss) {
  ocr::Cache cache(dir());
  const std::string key(64, 'b');
  ocr::Recognition r;
  r.text = "some text that will be cut";
  ASSERT_TRUE(cache.put(key, r).ok());
  const auto file = dir() / "bb" / key;
  const auto size = std::filesystem::file_size(file);
  std::filesystem::resize_file(file, size - 5);
  EXPECT_FALSE(cache.get(key).has_value());
}

TEST_F(OcrTest, CacheKeyDependsOnImageLanguagesAndSteps) {
  const ocr::Image page1 = letter_page(1);
  const ocr::Image page2 = letter_page(2);
  ocr::EngineOptions eng;
  ocr::EngineOptions spa;
  spa.languages = "eng+spa";
  ocr::EngineOptions raw;
  raw.preprocess.deskew = false;
  const std::string key = ocr::Cache::key(page1, eng);
  EXPECT_EQ(64u, key.size());
  EXPECT_EQ(key, ocr::Cache::key(letter_page(1), eng));
  EXPECT_NE(key, ocr::Cache::key(page2, eng));
  EXPECT_NE(key, ocr::Cache::key(page1, spa));
  EXPECT_NE(key, ocr::Cache::key(page1, raw));
}

TEST_F(OcrTest, SecondRecognitionOfTheSamePageIsACacheHit) {
  FOIALENS_REQUIRE_LANGUAGES("eng");
  ocr::PoolOptions options;
  options.threads = 1;
  options.cache_dir = dir() / "cache" / "ocr";
  std::string first_text;
  {
    auto pool = ocr::Pool::create(options);
    ASSERT_TRUE(pool.ok()) << pool.error().message;
    auto first = (*pool)->submit(letter_page(2)).get();
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_FALSE(first->from_cache);
    first_text = first->text;
    EXPECT_EQ(1u, (*pool)->stats().recognised);
  }
  // A new pool (a new run) finds the page in the cache: nothing is recognised.
  auto pool = ocr::Pool::create(options);
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  auto again = (*pool)->submit(letter_page(2)).get();
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE(again->from_cache);
  EXPECT_EQ(first_text, again->text);
  EXPECT_EQ(0u, (*pool)->stats().recognised);
  EXPECT_EQ(1u, (*pool)->stats().cache_hits);
}

TEST_F(OcrTest, PagesSubmittedFromManyThreadsAllArrive) {
  FOIALENS_REQUIRE_LANGUAGES("eng");
  ocr::PoolOptions options;
  options.threads = 2;
  options.cache_dir = dir() / "cache" / "ocr";
  auto pool = ocr::Pool::create(options);
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  // Three ingest workers hand in the same short page at once.
  std::vector<std::thread> submitters;
  std::vector<std::string> texts(3);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    submitters.emplace_back([&, i] {
      auto r = (*pool)->submit(letter_page(2)).get();
      texts[i] = r.ok() ? r->text : "error: " + r.error().message;
    });
  }
  for (auto& t : submitters) t.join();
  for (const auto& text : texts) {
    EXPECT_NE(std::string::npos, text.find("Public")) << text;
    EXPECT_EQ(texts[0], text);
  }
  const auto stats = (*pool)->stats();
  EXPECT_EQ(3u, stats.recognised + stats.cache_hits);
}
