#include "ocr/pool.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "ocr/cache.hpp"

namespace foialens::ocr {

struct Pool::Impl {
  PoolOptions options;
  std::optional<Cache> cache;
  std::vector<std::unique_ptr<Engine>> engines;
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

  Result<Recognition> run(Engine& engine, const Image& image) {
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
    auto result = engine.recognize(image, options.limits, &cancelled);
    if (!result) {
      ++failed;
      return result;
    }
    ++recognised;
    // A cache that cannot be written costs speed next time, never this page.
    if (cache) (void)cache->put(key, result.value());
    return result;
  }

  void work(Engine& engine) {
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
  if (options.cache_dir) impl->cache.emplace(*options.cache_dir);
  for (unsigned i = 0; i < impl->options.threads; ++i) {
    auto engine = Engine::create(options.engine);
    if (!engine) return engine.error();
    impl->engines.push_back(std::move(engine.value()));
  }
  std::unique_ptr<Pool> pool(new Pool(std::move(impl)));
  Impl& state = *pool->impl_;
  for (auto& engine : state.engines) {
    state.workers.emplace_back([&state, e = engine.get()] { state.work(*e); });
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
