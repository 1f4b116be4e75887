// Tests of ocr/engine.cpp and ocr/pool.cpp on the scanned corpus: accuracy per page,
// limits, languages.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <future>
#include <vector>

#include "ocr/cer.hpp"
#include "ocr/engine.hpp"
#include "ocr/pool.hpp"
#include "scan_corpus.hpp"
#include "test_helpers.hpp"

namespace ocr = foialens::ocr;
using ocr::testing::OcrTest;

namespace {

constexpr double kMaxCer = 0.03;

// Recognises every page of a scan with a pool and checks each page's CER.
void expect_accurate(const std::string& file, const std::string& languages = "eng") {
  auto scan = ocr::testing::load_scan(ocr::testing::scans_dir() / file);
  ASSERT_TRUE(scan.ok()) << scan.error().message;
  ASSERT_FALSE(scan->empty());
  ocr::PoolOptions options;
  options.engine.languages = languages;
  auto pool = ocr::Pool::create(options);
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  std::vector<std::future<foialens::Result<ocr::Recognition>>> futures;
  for (const auto& page : scan.value()) futures.push_back(pool.value()->submit(page.image.clone().value()));
  for (std::size_t i = 0; i < futures.size(); ++i) {
    const auto& page = scan.value()[i];
    auto result = futures[i].get();
    ASSERT_TRUE(result.ok()) << page.name << ": " << result.error().message;
    ASSERT_FALSE(page.ground_truth.empty()) << page.name << ": no ground truth";
    const double cer = ocr::character_error_rate(result->text, page.ground_truth);
    std::printf("[ CER      ] %-28s %5.2f%%  confidence %4.1f  %4d words  %.2f s\n",
                page.name.c_str(), 100 * cer, result->mean_confidence, result->word_count,
                result->seconds);
    EXPECT_LT(cer, kMaxCer) << page.name << "\n--- recognised:\n" << result->text;
    EXPECT_GT(result->mean_confidence, 80) << page.name;
    EXPECT_GT(result->word_count, 50) << page.name;
  }
}

ocr::Image first_page(const std::string& file) {
  auto scan = ocr::testing::load_scan(ocr::testing::scans_dir() / file);
  EXPECT_TRUE(scan.ok());
  return std::move(scan->front().image);
}

}  // namespace

TEST_F(OcrTest, ScanAt300DpiIsAccurate) {
  FOIALENS_REQUIRE_LANGUAGES("eng");
  expect_accurate("moa-300dpi.pdf");
}

TEST_F(OcrTest, ScanAt200DpiIsAccurate) {
  FOIALENS_REQUIRE_LANGUAGES("eng");
  expect_accurate("letter-200dpi.pdf");
}

TEST_F(OcrTest, SpecialOrderAt200And300DpiIsAccurate) {
  FOIALENS_REQUIRE_LANGUAGES("eng");
  expect_accurate("order-200dpi.pdf");
  expect_accurate("order-300dpi.pdf");
}

TEST_F(OcrTest, MultiPageTiffFaxIsAccurate) {
  FOIALENS_REQUIRE_LANGUAGES("eng");
  expect_accurate("letter-200dpi.tif");
}

TEST_F(OcrTest, PhonePhotoIsAccurate) {
  FOIALENS_REQUIRE_LANGUAGES("eng");
  expect_accurate("phone-photo.jpg");
}

TEST_F(OcrTest, SpanishNeedsSpanishData) {
  FOIALENS_REQUIRE_LANGUAGES("eng+spa");
  expect_accurate("aviso-es-300dpi.jpg", "eng+spa");

  ocr::EngineOptions options;
  options.languages = "eng+spa";
  auto both = ocr::Engine::create(options);
  ASSERT_TRUE(both.ok()) << both.error().message;
  auto text = (*both)->recognize(first_page("aviso-es-300dpi.jpg"));
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_NE(std::string::npos, text->text.find("señora Núñez"));
  EXPECT_NE(std::string::npos, text->text.find("¿Necesita ayuda?"));
}

TEST_F(OcrTest, MissingLanguageIsAClearRunError) {
  ocr::EngineOptions options;
  options.languages = "eng+xyz";
  auto engine = ocr::Engine::create(options);
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(foialens::ErrorScope::run, engine.error().scope);
  const std::string& m = engine.error().message;
  EXPECT_EQ(0u, m.find("OCR language 'xyz' is not installed (no xyz.traineddata in "));
  EXPECT_NE(std::string::npos, m.find("install the package tesseract-ocr-xyz"));
}

TEST_F(OcrTest, AvailableLanguagesListsInstalledData) {
  FOIALENS_REQUIRE_LANGUAGES("eng");
  const auto langs = ocr::available_languages();
  EXPECT_NE(langs.end(), std::find(langs.begin(), langs.end(), "eng"));
}

TEST_F(OcrTest, PageOverTheTimeLimitFailsClearly) {
  FOIALENS_REQUIRE_LANGUAGES("eng");
  auto engine = ocr::Engine::create({});
  ASSERT_TRUE(engine.ok()) << engine.error().message;
  ocr::Limits limits;
  limits.time = std::chrono::milliseconds(1);
  auto result = (*engine)->recognize(first_page("moa-300dpi.pdf"), limits);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ("OCR timed out after 1 ms", result.error().message);
  EXPECT_EQ(foialens::ErrorScope::input, result.error().scope);

  // The engine is still usable for the next page.
  auto next = (*engine)->recognize(first_page("letter-200dpi.pdf"));
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_NE(std::string::npos, next->text.find("FOIA Request"));
}

TEST_F(OcrTest, PageOverThePixelLimitFailsClearly) {
  FOIALENS_REQUIRE_LANGUAGES("eng");
  auto engine = ocr::Engine::create({});
  ASSERT_TRUE(engine.ok()) << engine.error().message;
  ocr::Limits limits;
  limits.max_pixels = 2'000'000;
  auto result = (*engine)->recognize(first_page("letter-200dpi.pdf"), limits);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ("image too large for OCR: 1700 x 2200 pixels (3.7 Mpx) is over the limit of 2.0 Mpx",
            result.error().message);
}

TEST_F(OcrTest, FailedPagesDoNotStopThePool) {
  FOIALENS_REQUIRE_LANGUAGES("eng");
  ocr::PoolOptions options;
  options.threads = 2;
  options.limits.max_pixels = 4'000'000;  // the 200-dpi page fits, the 300-dpi one not
  auto pool = ocr::Pool::create(options);
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  auto big = (*pool)->submit(first_page("moa-300dpi.pdf"));
  auto small = (*pool)->submit(first_page("letter-200dpi.pdf"));
  auto big_result = big.get();
  auto small_result = small.get();
  EXPECT_FALSE(big_result.ok());
  ASSERT_TRUE(small_result.ok()) << small_result.error().message;
  EXPECT_EQ(1u, (*pool)->stats().failed);
  EXPECT_EQ(1u, (*pool)->stats().recognised);
}

TEST_F(OcrTest, CancelledPoolAnswersEveryPage) {
  FOIALENS_REQUIRE_LANGUAGES("eng");
  ocr::PoolOptions options;
  options.threads = 1;
  auto pool = ocr::Pool::create(options);
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  std::vector<std::future<foialens::Result<ocr::Recognition>>> futures;
  for (int i = 0; i < 3; ++i) futures.push_back((*pool)->submit(first_page("moa-300dpi.pdf")));
  (*pool)->cancel();
  for (auto& f : futures) {
    auto r = f.get();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ("OCR cancelled", r.error().message);
  }
}

TEST_F(OcrTest, ThreadsAreLimitedToOnePerEngine) {
  // ctest runs this binary with OMP_THREAD_LIMIT=1 (as limit_tesseract_threads does).
  const int limit = ocr::tesseract_thread_limit();
  if (limit == 0) GTEST_SKIP() << "Tesseract built without OpenMP";
  EXPECT_EQ(1, limit);
}
