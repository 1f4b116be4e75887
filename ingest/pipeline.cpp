#include "ingest/pipeline.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "common/date.hpp"
#include "common/hash.hpp"
#include "common/log.hpp"
#include "common/paths.hpp"
#include "common/text.hpp"
#include "ingest/extract.hpp"
#include "ingest/ocr_stage.hpp"
#include "ingest/page_store.hpp"
#include "ingest/store.hpp"

namespace foialens::ingest {
namespace fs = std::filesystem;

std::string_view to_string(FileStatus s) {
  switch (s) {
    case FileStatus::added: return "added";
    case FileStatus::replaced: return "replaced";
    case FileStatus::unchanged: return "unchanged";
    case FileStatus::skipped: return "skipped";
    case FileStatus::failed: return "failed";
  }
  return "failed";
}

namespace {

constexpr std::uintmax_t kMaxFileBytes = 512ull << 20;

struct Item {
  std::string input;  // as given, or the path found under a given folder
  fs::path path;
  bool url = false;
};

// Patterns of a folder's `.foialensignore`: one shell pattern a line, relative to the
// folder ("src/*", "*.ms", "README.md"); blank lines and lines starting with '#' ignored.
std::vector<std::string> ignore_patterns(const fs::path& folder) {
  std::vector<std::string> patterns;
  auto content = paths::read_file(folder / ".foialensignore");
  if (!content) return patterns;
  for (const auto line : text::split(*content, '\n')) {
    const std::string_view p = text::trim(line);
    if (p.empty() || p[0] == '#') continue;
    std::string pattern(p);
    while (!pattern.empty() && pattern.back() == '/') pattern.pop_back();
    patterns.push_back(std::move(pattern));
  }
  return patterns;
}

// Files under the inputs, folders searched recursively (hidden entries and what a
// folder's .foialensignore names are skipped), each
// folder's files in name order. Inputs that do not exist are reported at once.
std::vector<Item> expand(const std::vector<std::string>& inputs, const Options& options,
                         std::vector<FileResult>& problems) {
  std::vector<Item> items;
  for (const auto& input : inputs) {
    if (looks_like_url(input)) {
      items.push_back({input, {}, true});
      continue;
    }
    std::error_code ec;
    const fs::path path(input);
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      problems.push_back({input, FileStatus::failed, "cannot read: no such file or folder", "", "", 0, 0, 0});
      continue;
    }
    if (fs::is_directory(status)) {
      std::vector<fs::path> found;
      auto opts = fs::directory_options::skip_permission_denied;
      if (options.follow_symlinks) opts |= fs::directory_options::follow_directory_symlink;
      fs::recursive_directory_iterator it(path, opts, ec), end;
      if (ec) {
        problems.push_back({input, FileStatus::failed, "cannot read folder: " + ec.message(), "", "", 0, 0, 0});
        continue;
      }
      for (; it != end; it.increment(ec)) {
        if (ec) break;
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        // The library home may sit inside a folder being ingested: never ingest it.
        if (!options.home.empty() && fs::equivalent(it->path(), options.home, ec)) {
          it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec)) found.push_back(it->path());
      }
      const auto ignored = ignore_patterns(path);
      if (!ignored.empty()) {
        std::erase_if(found, [&](const fs::path& f) {
          const std::string rel = f.lexically_relative(path).generic_string();
          return std::any_of(ignored.begin(), ignored.end(), [&](const std::string& pattern) {
            return ::fnmatch(pattern.c_str(), rel.c_str(), 0) == 0 ||
                   ::fnmatch((pattern + "/*").c_str(), rel.c_str(), 0) == 0;
          });
        });
      }
      std::sort(found.begin(), found.end());
      for (auto& f : found) items.push_back({f.string(), f, false});
    } else if (fs::is_regular_file(status)) {
      items.push_back({input, path, false});
    } else {
      problems.push_back({input, FileStatus::skipped, "not a regular file", "", "", 0, 0, 0});
    }
  }
  return items;
}

struct Done {
  FileResult result;
  std::optional<Document> doc;
  std::unique_ptr<DocumentSink::Prepared> prepared;
  bool fatal = false;
};

// Where bytes came from: a file, a URL, or a file inside one of them.
struct Origin {
  std::string input;      // as reported: the path or URL, or "archive.zip!dir/member.pdf"
  std::string source;     // Document::source
  std::string extension;  // of the file name, lower case: a ".pdf" must be a PDF
  const Fetched* fetched = nullptr;
  std::string parent;     // the message an attachment belongs to
  int depth = 0;
};

// Hands a Done to the writer; false once the run is stopping.
using Emit = std::function<bool(Done)>;

class Worker {
 public:
  Worker(const Options& options, const DocumentSink& sink,
         const std::unordered_map<std::string, std::string>& known, OcrStage& ocr,
         PageCounter& pages)
      : options_(options), sink_(sink), known_(known), store_(options.home / "store"),
        page_store_(options.home), ocr_(ocr), pages_(pages) {}

  // Emits one Done for a file, and one for each file inside it (archive members, e-mail
  // attachments), as each is ready.
  void process(const Item& item, const Emit& emit) const {
    Done done;
    FileResult& r = done.result;
    r.input = item.input;
    // A URL is fetched to a temporary file, then read like any file.
    std::optional<Fetched> fetched;
    struct RemoveBody {
      std::optional<Fetched>& f;
      ~RemoveBody() {
        std::error_code rm;
        if (f) fs::remove(f->body, rm);
      }
    } remove_body{fetched};
    fs::path path = item.path;
    if (item.url) {
      FetchOptions fetch_options = options_.fetch;
      if (fetch_options.temp_dir.empty()) fetch_options.temp_dir = options_.home / "tmp";
      auto got = fetch(item.input, fetch_options);
      if (!got) {
        r.status = FileStatus::failed;
        r.message = got.error().message;
        done.fatal = got.error().scope == ErrorScope::run;
        emit(std::move(done));
        return;
      }
      fetched = std::move(*got);
      path = fetched->body;
    }
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (!ec && size > kMaxFileBytes) {
      r.status = FileStatus::failed;
      r.message = "file too large: " + std::to_string(size >> 20) + " MiB (the limit is " +
                  std::to_string(kMaxFileBytes >> 20) + " MiB)";
      emit(std::move(done));
      return;
    }
    auto bytes = paths::read_file(path);
    if (!bytes) {
      r.status = FileStatus::failed;
      r.message = bytes.error().message;
      emit(std::move(done));
      return;
    }
    Origin origin;
    origin.input = item.input;
    origin.fetched = fetched ? &*fetched : nullptr;
    origin.extension = text::lower_ascii(item.path.extension().string());
    if (fetched) {
      origin.source = item.input;
    } else {
      origin.source = fs::absolute(item.path, ec).lexically_normal().string();
      if (ec) origin.source = item.path.string();
    }
    Budget budget;
    process_bytes(origin, *bytes, budget, emit);
  }

 private:
  // Once the run stops, nothing more is unpacked.
  static void give(const Emit& emit, Done done, Budget& budget) {
    if (!emit(std::move(done))) budget.stopped = true;
  }

  // The per-file path, the same for a file and for a file taken out of another.
  void process_bytes(const Origin& origin, std::string_view bytes, Budget& budget, const Emit& emit) const {
    Done done;
    FileResult& r = done.result;
    r.input = origin.input;
    const std::string id = hash::sha256_hex(bytes);
    r.doc_id = id;
    // Known content without its page record (ingested by an older version) is read again.
    if (known_.count(id) != 0 && page_store_.contains(id)) {
      r.status = FileStatus::unchanged;
      return give(emit, std::move(done), budget);
    }
    Nesting nesting;
    nesting.depth = origin.depth;
    nesting.limits = &options_.limits;
    nesting.budget = &budget;
    nesting.on_child = [&](Child child) {
      if (budget.stopped) return;
      Origin inner;
      inner.input = origin.input + "!" + child.name;
      inner.source = origin.source + "!" + child.name;
      inner.extension = text::lower_ascii(fs::path(child.name).extension().string());
      inner.parent = child.attachment ? id : "";
      inner.depth = origin.depth + 1;
      if (child.error.empty() && inner.depth > options_.limits.max_depth) {
        child.error = "nested too deep: more than " + std::to_string(options_.limits.max_depth) +
                      " archives or messages inside one another (--max-depth raises the limit)";
      }
      if (!child.error.empty()) {
        Done failed;
        failed.result.input = inner.input;
        failed.result.status = FileStatus::failed;
        failed.result.message = child.error;
        return give(emit, std::move(failed), budget);
      }
      process_bytes(inner, child.bytes, budget, emit);
    };
    auto extracted = extract(bytes, options_, &ocr_, &nesting);
    if (extracted && !extracted->skipped && !extracted->doc.media_type.starts_with("application/pdf") &&
        !extracted->doc.media_type.starts_with("image/")) {
      pages_.known += extracted->doc.pages.size();  // PDF and image pages: counted by ocr_
      pages_.done += extracted->doc.pages.size();
    }
    if (!extracted) {
      done.fatal = extracted.error().scope == ErrorScope::run;  // e.g. OCR language missing
      r.status = FileStatus::failed;
      r.message = extracted.error().message;
      return give(emit, std::move(done), budget);
    }
    if (extracted->container && !extracted->skipped) return;  // its files were emitted
    if (extracted->skipped && origin.extension == ".pdf") {
      r.status = FileStatus::failed;
      r.message = "not a PDF: the content is " + extracted->skip_reason.substr(extracted->skip_reason.find(':') + 2);
      return give(emit, std::move(done), budget);
    }
    if (extracted->skipped) {
      r.status = FileStatus::skipped;
      r.message = extracted->skip_reason;
      return give(emit, std::move(done), budget);
    }
    Document doc = std::move(extracted->doc);
    doc.id = id;
    doc.source = origin.source;
    doc.parent_id = origin.parent;
    if (origin.fetched) {
      doc.source_url = origin.fetched->final_url;
      doc.fetched_at = origin.fetched->fetched_at;
    }
    doc.size = static_cast<std::int64_t>(bytes.size());
    doc.ingested_at = now_iso_utc();
    if (auto stored = store_.put(id, bytes); !stored) {
      r.status = FileStatus::failed;
      r.message = stored.error().message;
      done.fatal = true;
      return give(emit, std::move(done), budget);
    }
    if (auto kept = page_store_.put(doc); !kept) {
      r.status = FileStatus::failed;
      r.message = kept.error().message;
      done.fatal = kept.error().scope == ErrorScope::run;
      return give(emit, std::move(done), budget);
    }
    r.title = doc.title;
    r.pages = static_cast<int>(doc.pages.size());
    r.passages = static_cast<int>(doc.passages.size());
    for (const Page& p : doc.pages) r.ocr_pages += p.source == TextSource::ocr ? 1 : 0;
    if (options_.analyzer) options_.analyzer->analyze(doc);
    done.prepared = sink_.prepare(doc);
    done.doc = std::move(doc);
    give(emit, std::move(done), budget);
  }

  const Options& options_;
  const DocumentSink& sink_;
  const std::unordered_map<std::string, std::string>& known_;
  ContentStore store_;
  PageStore page_store_;
  OcrStage& ocr_;
  PageCounter& pages_;
};

}  // namespace

Summary run(const std::vector<std::string>& inputs, const Options& options, DocumentSink& sink,
            const Callbacks& callbacks) {
  Summary summary;
  std::vector<FileResult> problems;
  const std::vector<Item> items = expand(inputs, options, problems);

  const auto record = [&](FileResult r) {
    switch (r.status) {
      case FileStatus::added: ++summary.added; break;
      case FileStatus::replaced: ++summary.replaced; break;
      case FileStatus::unchanged: ++summary.unchanged; break;
      case FileStatus::skipped: ++summary.skipped; break;
      case FileStatus::failed: ++summary.failed; break;
    }
    if (r.status == FileStatus::added || r.status == FileStatus::replaced) {
      summary.pages += static_cast<std::size_t>(r.pages);
      summary.passages += static_cast<std::size_t>(r.passages);
      summary.ocr_pages += static_cast<std::size_t>(r.ocr_pages);
    }
    if (callbacks.on_file) callbacks.on_file(r);
    summary.files.push_back(std::move(r));
  };
  for (auto& p : problems) record(std::move(p));
  if (items.empty()) return summary;

  std::unordered_map<std::string, std::string> known;
  for (auto& [id, source] : sink.known_documents()) known.emplace(std::move(id), std::move(source));

  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, static_cast<unsigned>(items.size()));
  const std::size_t max_ready = std::max<std::size_t>(4, jobs * 2);  // keeps memory flat

  PageCounter pages;
  OcrStage ocr(options, &pages, callbacks.cancel);
  const auto report_progress = [&] {
    if (callbacks.on_progress) callbacks.on_progress(pages.done, std::max<std::size_t>(pages.known, pages.done));
  };
  const Worker worker(options, sink, known, ocr, pages);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::condition_variable ready_cv, space_cv;
  std::deque<Done> ready;
  std::size_t finished_workers = 0;

  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (unsigned t = 0; t < jobs; ++t) {
    threads.emplace_back([&] {
      while (!stop) {
        const std::size_t i = next++;
        if (i >= items.size()) break;
        worker.process(items[i], [&](Done done) {
          std::unique_lock lock(mutex);
          space_cv.wait(lock, [&] { return ready.size() < max_ready || stop; });
          ready.push_back(std::move(done));
          ready_cv.notify_one();
          return !stop;
        });
      }
      const std::lock_guard lock(mutex);
      ++finished_workers;
      ready_cv.notify_one();
    });
  }

  // The one writer: stores documents as workers finish them.
  while (true) {
    std::unique_lock lock(mutex);
    // Wakes up now and then to redraw the progress of long OCR jobs.
    while (!ready_cv.wait_for(lock, std::chrono::milliseconds(250), [&] {
      return !ready.empty() || finished_workers == threads.size();
    })) {
      lock.unlock();
      report_progress();
      lock.lock();
    }
    if (ready.empty()) break;
    Done done = std::move(ready.front());
    ready.pop_front();
    space_cv.notify_one();
    lock.unlock();

    if (done.doc && !stop) {
      auto outcome = sink.put(*done.doc, std::move(done.prepared));
      if (!outcome) {
        done.result.status = FileStatus::failed;
        done.result.message = outcome.error().message;
        done.fatal = outcome.error().scope == ErrorScope::run;
      } else {
        done.result.status = *outcome == PutOutcome::added      ? FileStatus::added
                             : *outcome == PutOutcome::replaced ? FileStatus::replaced
                                                                : FileStatus::unchanged;
      }
    } else if (done.doc) {
      continue;  // stopping: not stored, not reported
    }
    if (done.fatal && !summary.fatal) {
      summary.fatal = true;
      summary.fatal_message = done.result.message;
      stop = true;
      space_cv.notify_all();
    }
    if (callbacks.cancel && callbacks.cancel->load()) {
      stop = true;
      space_cv.notify_all();
    }
    record(std::move(done.result));
    report_progress();
  }
  for (auto& t : threads) t.join();
  if (ocr.recognised() + ocr.cache_hits() > 0) {
    log::info("OCR: " + std::to_string(ocr.recognised()) + " pages recognised, " +
              std::to_string(ocr.cache_hits()) + " from the cache");
  }
  if (auto flushed = sink.flush(); !flushed && !summary.fatal) {
    summary.fatal = true;
    summary.fatal_message = flushed.error().message;
  }
  return summary;
}

}  // namespace foialens::ingest
