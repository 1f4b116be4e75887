#pragma once
// Ingest: from paths (files, folders) and URLs to stored originals and Documents handed
// to a DocumentSink. Files are read, hashed and extracted on worker threads; the sink's
// put() runs on one thread, overlapping with extraction.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "common/document.hpp"
#include "common/error.hpp"
#include "ingest/container.hpp"
#include "ingest/fetch.hpp"

namespace foialens::ingest {

enum class OcrMode { automatic, always, never };

// Works out what is stored with a document beyond its text (Document::analysis): the
// analysis library implements it, so that ingest need not know it. Called on worker
// threads, for several documents at once, after pages and passages are made.
class Analyzer {
 public:
  virtual ~Analyzer() = default;
  virtual void analyze(Document& doc) const = 0;
};

struct Options {
  std::filesystem::path home;  // library home: store/ and cache/ live here
  unsigned jobs = 0;           // worker threads; 0 = number of cores
  OcrMode ocr = OcrMode::automatic;
  std::string ocr_languages = "eng";
  int ocr_dpi = 0;             // 0 = chosen per page
  // OCR time per page (0 = none) and pixels per page image (0 = none): over either, the
  // page fails with a message naming the option, the rest goes on.
  std::chrono::milliseconds ocr_timeout{std::chrono::seconds(60)};
  std::uint64_t max_pixels = 120'000'000;
  bool follow_symlinks = false;
  FetchOptions fetch;          // for URL inputs; temp_dir empty = <home>/tmp
  const Analyzer* analyzer = nullptr;  // none: documents are stored unanalysed
  Limits limits;               // archives, e-mail, XML
};

enum class FileStatus { added, replaced, unchanged, skipped, failed };
std::string_view to_string(FileStatus s);

struct FileResult {
  std::string input;     // the path or URL as given
  FileStatus status = FileStatus::failed;
  std::string message;   // for skipped/failed: "what failed: why"
  std::string doc_id;
  std::string title;
  int pages = 0;
  int passages = 0;
  int ocr_pages = 0;
};

struct Summary {
  std::size_t added = 0, replaced = 0, unchanged = 0, skipped = 0, failed = 0;
  std::size_t pages = 0, passages = 0, ocr_pages = 0;
  std::vector<FileResult> files;  // in the order the inputs were found
  bool fatal = false;             // a run-scoped error stopped the batch
  std::string fatal_message;
};

struct Callbacks {
  // Called on the calling thread after each file is done, in completion order.
  std::function<void(const FileResult&)> on_file;
  // Called on the calling thread with pages done and pages known so far.
  std::function<void(std::size_t done, std::size_t total)> on_progress;
  // Set (e.g. from a signal handler) to stop after the documents in progress.
  const std::atomic<bool>* cancel = nullptr;
};

// Ingests every input (file, folder searched recursively, or http(s) URL).
Summary run(const std::vector<std::string>& inputs, const Options& options, DocumentSink& sink,
            const Callbacks& callbacks = {});

}  // namespace foialens::ingest
