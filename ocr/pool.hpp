#pragma once
// Pages recognised in parallel: one Engine per worker thread, a queue of pages, and the
// OCR cache in front. submit() may be called from any thread; each page's result arrives
// through its future, so callers wait for exactly the pages they need.

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>

#include "common/error.hpp"
#include "ocr/engine.hpp"
#include "ocr/image.hpp"

namespace foialens::ocr {

struct PoolOptions {
  EngineOptions engine;
  unsigned threads = 0;  // 0 = number of cores
  Limits limits;
  std::optional<std::filesystem::path> cache_dir;  // <home>/cache/ocr; none = no cache
};

class Pool {
 public:
  // Starts the workers (fails, scope run, when a language is missing). Each worker
  // starts its Tesseract engine on the first page the cache cannot answer.
  static Result<std::unique_ptr<Pool>> create(const PoolOptions& options);

  // Cancels what has not finished and joins the workers.
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Queues one page. The future gives its recognition (from_cache set on a cache hit) or
  // the page's error. Thread-safe.
  std::future<Result<Recognition>> submit(Image image);

  // Stops queued and running pages: their futures give "OCR cancelled".
  void cancel();

  unsigned threads() const;
  const PoolOptions& options() const;

  struct Stats {
    std::size_t recognised = 0;  // pages run through Tesseract
    std::size_t cache_hits = 0;
    std::size_t failed = 0;
  };
  Stats stats() const;

 private:
  struct Impl;
  explicit Pool(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace foialens::ocr
