#include "ocr/pool.hpp"

#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "common/log.hpp"
#include "ocr/cache.hpp"

namespace foialens::ocr {
namespace {

// Tesseract's OpenMP threads next to the pool's make every page several times slower.
void limit_tesseract_threads_warning() {
  static std::once_flag once;
  std::call_once(once, [] {
    const int limit = tesseract_thread_limit();
    if (limit > 1 && std::getenv("OMP_THREAD_LIMIT") == nullptr) {  // else the user chose it
      log::warn("Tesseract may start " + std::to_string(limit) +
                " OpenMP threads per page next to the OCR workers, which is much slower: "
                "set OMP_THREAD_LIMIT=1");
    }
  });
}

}  // namespace

struct Pool::Impl {
  PoolOptions options;
  std::optional<Cache> cache;
  std::vector<std::thread> workers;

  struct Job {
    Image image;
    std::promise<Result<Recognition>> promise;
  };
  mutable std::mutex mutex;
  std::condition_variable ready;
  std::deque<Job> queue;
  bool stopping = false;
  std::atomic<bool> cancelled{false};
  std::atomic<std::size_t> recognised{0}, cache_hits{0}, failed{0};

  // `engine` is started on the first page the cache cannot answer: a re-ingest of pages
  // seen before never starts Tesseract, and the workers start their engines in parallel.
  Result<Recognition> run(std::unique_ptr<Engine>& engine, const Image& image) {
    if (cancelled.load()) return Error::input("OCR cancelled");
    std::string key;
    if (cache) {
      key = Cache::key(image, options.engine);
      if (auto hit = cache->get(key)) {
        hit->from_cache = true;
        ++cache_hits;
        return std::move(*hit);
      }
    }
    if (!engine) {
      auto created = Engine::create(options.engine);
      if (!created) {
        ++failed;
        return created.error();
      }
      engine = std::move(created.value());
    }
    auto result = engine->recognize(image, options.limits, &cancelled);
    if (!result) {
      ++failed;
      return result;
    }
    ++recognised;
    // A cache that cannot be written costs speed next time, never this page.
    if (cache) (void)cache->put(key, result.value());
    return result;
  }

  void work() {
    std::unique_ptr<Engine> engine;
    for (;;) {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return stopping || !queue.empty(); });
      if (queue.empty()) return;  // stopping, nothing left
      Job job = std::move(queue.front());
      queue.pop_front();
      lock.unlock();
      try {
        job.promise.set_value(run(engine, job.image));
      } catch (const std::exception& e) {
        // An exception must not end the worker: report it on this page only.
        job.promise.set_value(Error::input(std::string("OCR failed: ") + e.what()));
      }
    }
  }
};

Pool::Pool(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<Pool>> Pool::create(const PoolOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (impl->options.threads == 0) {
    impl->options.threads = std::max(1u, std::thread::hardware_concurrency());
  }
  if (auto st = check_languages(options.engine.languages, options.engine.tessdata); !st) {
    return st.error();
  }
  limit_tesseract_threads_warning();
  if (options.cache_dir) impl->cache.emplace(*options.cache_dir);
  std::unique_ptr<Pool> pool(new Pool(std::move(impl)));
  Impl& state = *pool->impl_;
  for (unsigned i = 0; i < state.options.threads; ++i) {
    state.workers.emplace_back([&state] { state.work(); });
  }
  return pool;
}

Pool::~Pool() {
  cancel();
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->ready.notify_all();
  for (auto& t : impl_->workers) t.join();
}

std::future<Result<Recognition>> Pool::submit(Image image) {
  Impl::Job job{std::move(image), {}};
  auto future = job.promise.get_future();
  {
    std::lock_guard lock(impl_->mutex);
    impl_->queue.push_back(std::move(job));
  }
  impl_->ready.notify_one();
  return future;
}

void Pool::cancel() { impl_->cancelled.store(true); }

unsigned Pool::threads() const { return impl_->options.threads; }
const PoolOptions& Pool::options() const { return impl_->options; }

Pool::Stats Pool::stats() const {
  return {impl_->recognised.load(), impl_->cache_hits.load(), impl_->failed.load()};
}

}  // namespace foialens::ocr
