#pragma once
// OCR results on disk, so that a page image seen before (a re-sent or moved scan) is not
// recognised again. One small file per page under <home>/cache/ocr/ab/<key>, written
// atomically; a damaged entry reads as a miss.

#include <filesystem>
#include <optional>
#include <string>

#include "common/error.hpp"
#include "ocr/engine.hpp"
#include "ocr/image.hpp"

namespace foialens::ocr {

class Cache {
 public:
  // `dir` is <home>/cache/ocr; created on the first put().
  explicit Cache(std::filesystem::path dir);

  // SHA-256 over the page image's pixels, the languages, the engine version and the
  // preprocessing steps: any of them changing gives a new key.
  static std::string key(const Image& image, const EngineOptions& options);

  std::optional<Recognition> get(const std::string& key) const;
  Status put(const std::string& key, const Recognition& recognition) const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path path_of(const std::string& key) const;
  std::filesystem::path dir_;
};

}  // namespace foialens::ocr
