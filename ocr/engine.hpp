#pragma once
// One Tesseract instance (LSTM). Initialised once for a set of languages, then used for
// any number of pages by one thread at a time: give each worker thread its own Engine, or
// use ocr::Pool.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "ocr/image.hpp"
#include "ocr/preprocess.hpp"

namespace foialens::ocr {

// What one page may cost. A page over a limit fails with a clear message; the caller
// marks that page failed and goes on with the others.
struct Limits {
  std::chrono::milliseconds time{std::chrono::seconds(60)};  // recognition time per page; 0 = none
  std::uint64_t max_pixels = 120'000'000;  // width x height; 0 = none (a Letter page at 600 dpi is 34 Mpx)
};

// How Tesseract finds the text on a page.
enum class Layout {
  automatic,      // full page layout analysis: columns, blocks (Tesseract's PSM 3)
  single_column,  // one column of text of varying sizes (PSM 4): keeps hanging clause
                  // labels "(1)" with their text, which automatic splits into a column,
                  // and a table's cells on their row
  per_page,       // chosen for each page from Tesseract's layout analysis: automatic
                  // where two blocks of running text stand side by side (columns),
                  // single_column otherwise. Recognition::layout says which was used.
};

// One recognised word. The box is in pixels of the image given to recognize() (before
// deskewing: a hit can be outlined on that image), top-left origin, right and bottom
// exclusive.
struct Word {
  std::string text;     // UTF-8
  int left = 0, top = 0, right = 0, bottom = 0;
  float confidence = 0;  // 0..100
  bool line_end = false;  // the last word of its text line
};

struct Recognition {
  std::string text;            // UTF-8, as Tesseract gives it (not normalised)
  std::vector<Word> words;     // in reading order
  Layout layout = Layout::single_column;  // the layout used (never per_page)
  double mean_confidence = 0;  // mean word confidence 0..100; 0 when no word was found
  int word_count = 0;
  double seconds = 0;          // wall time of preprocessing and recognition
  bool from_cache = false;     // read from ocr::Cache, not recognised in this run
};

struct EngineOptions {
  std::string languages = "eng";      // Tesseract's form: "eng", "eng+spa"
  std::filesystem::path tessdata;     // empty: $TESSDATA_PREFIX, else the system folder
  Preprocess preprocess;
  // Measured on corpus/scans (ocr-eval): single column is better on one-column pages
  // (CER 0.18% vs 0.74% automatic), automatic on pages in columns (single column reads
  // each line across every column: CER over 40%): so the default chooses per page.
  Layout layout = Layout::per_page;
};

// Short stable text for the cache key and the page record: "psm3", "psm4", "per-page".
std::string to_string(Layout layout);

class Engine {
 public:
  // Fails (scope run) when a language's data is missing or Tesseract cannot start.
  static Result<std::unique_ptr<Engine>> create(const EngineOptions& options);

  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Recognises one page. Errors (scope input) read "OCR timed out after 60 s",
  // "image too large for OCR: ...", "OCR cancelled": the caller adds file and page.
  // `cancel`, when given, is polled during recognition; setting it stops this page.
  Result<Recognition> recognize(const Image& image, const Limits& limits = {},
                                const std::atomic<bool>* cancel = nullptr);

  const std::string& languages() const;
  const EngineOptions& options() const;

  // "tesseract 5.3.0": part of the OCR cache key.
  static std::string version();

 private:
  struct Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Languages whose data is installed, sorted ("eng", "osd", "spa", ...).
std::vector<std::string> available_languages(const std::filesystem::path& tessdata = {});

// The folder Tesseract's language data is read from.
std::filesystem::path tessdata_dir(const std::filesystem::path& tessdata = {});

// Checks that every language of "eng+spa" is installed; the error says which one is
// missing, where it was looked for, and what to install.
Status check_languages(const std::string& languages, const std::filesystem::path& tessdata = {});

// Tesseract's OpenMP threading fights with page-level parallelism (on 2 cores one page
// takes 11 s instead of 2.2 s). The OpenMP runtime reads OMP_THREAD_LIMIT when it is
// loaded, before main(): so, when the variable is unset, this sets it to 1 and executes
// the program again with the same arguments. Call it first thing in main(). Returns when
// nothing had to be done (or the re-execution failed, which only costs speed).
void limit_tesseract_threads(char** argv);

// The OpenMP thread limit Tesseract runs under (1 when limit_tesseract_threads() worked);
// 0 when Tesseract was built without OpenMP.
int tesseract_thread_limit();

}  // namespace foialens::ocr
