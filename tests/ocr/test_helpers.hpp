#pragma once
// What the ocr tests share: a fresh scratch folder per test, and skipping when the
// language data a test needs is not installed.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "ocr/engine.hpp"

namespace foialens::ocr::testing {

// Each test gets its own empty folder, removed afterwards.
class OcrTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("foialens-ocr-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
            std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace foialens::ocr::testing

// Skips the test, saying why, when a language's data is missing.
#define FOIALENS_REQUIRE_LANGUAGES(langs)                                               \
  do {                                                                                  \
    if (auto st = ::foialens::ocr::check_languages(langs); !st) {                       \
      GTEST_SKIP() << "Tesseract language data missing: " << st.error().message;        \
    }                                                                                   \
  } while (0)
