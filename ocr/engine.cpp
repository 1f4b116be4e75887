#include "ocr/engine.hpp"

#include "ocr/reading_order.hpp"

#include <dlfcn.h>
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <system_error>

namespace foialens::ocr {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

struct TextDeleter {
  void operator()(char* p) const noexcept { delete[] p; }
};
struct IntsDeleter {
  void operator()(int* p) const noexcept { delete[] p; }
};

std::vector<std::string> split_languages(const std::string& languages) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= languages.size()) {
    const std::size_t end = std::min(languages.find('+', start), languages.size());
    if (end > start) out.push_back(languages.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool has_traineddata(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".traineddata") return true;
  }
  return false;
}

// Polled by Tesseract between words: stops recognition past the deadline or on request.
struct CancelState {
  Clock::time_point deadline = Clock::time_point::max();
  const std::atomic<bool>* cancel = nullptr;
  bool timed_out = false;
  bool cancelled = false;
};

bool should_cancel(void* data, int /*words*/) {
  auto* state = static_cast<CancelState*>(data);
  if (state->cancel != nullptr && state->cancel->load(std::memory_order_relaxed)) {
    state->cancelled = true;
    return true;
  }
  if (Clock::now() >= state->deadline) {
    state->timed_out = true;
    return true;
  }
  return false;
}

std::string seconds_text(std::chrono::milliseconds ms) {
  if (ms.count() < 1000) return std::to_string(ms.count()) + " ms";
  if (ms.count() % 1000 == 0) return std::to_string(ms.count() / 1000) + " s";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms.count()) / 1000.0);
  return buf;
}

std::string megapixels(std::uint64_t pixels) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f Mpx", static_cast<double>(pixels) / 1e6);
  return buf;
}

// A block of Tesseract's layout analysis, as the column test sees it.
struct TextBlock {
  int left = 0, top = 0, right = 0, bottom = 0;
  int lines = 0;
  int words = 0;
  int line_height_sum = 0;
};

// Columns: two blocks of running text side by side. Running text has at least three
// lines of three words or more on average, which keeps out what else analysis puts in a
// block of its own: hanging clause labels "(1)" (one word a line), a table's columns (a
// word or two a cell), a signature block, a header and a footer.
bool has_columns(tesseract::PageIterator* it, int page_width) {
  if (it == nullptr) return false;
  std::vector<TextBlock> blocks;
  it->Begin();
  do {
    if (it->IsAtBeginningOf(tesseract::RIL_BLOCK)) {
      blocks.emplace_back();
      it->BoundingBox(tesseract::RIL_BLOCK, &blocks.back().left, &blocks.back().top,
                      &blocks.back().right, &blocks.back().bottom);
      if (!PTIsTextType(it->BlockType())) blocks.back().lines = -1'000'000;
    }
    TextBlock& b = blocks.back();
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
      int l = 0, t = 0, r = 0, bottom = 0;
      if (it->BoundingBox(tesseract::RIL_TEXTLINE, &l, &t, &r, &bottom)) {
        ++b.lines;
        b.line_height_sum += bottom - t;
      }
    }
    ++b.words;
  } while (it->Next(tesseract::RIL_WORD));

  std::vector<const TextBlock*> running;
  for (const auto& b : blocks) {
    if (b.lines >= 3 && b.words >= 3 * b.lines && (b.right - b.left) * 8 >= page_width) {
      running.push_back(&b);
    }
  }
  for (const TextBlock* a : running) {
    for (const TextBlock* b : running) {
      if (a == b || a->right > b->left) continue;  // b must lie right of a
      const int overlap = std::min(a->bottom, b->bottom) - std::max(a->top, b->top);
      const int line = std::max(1, std::min(a->line_height_sum / a->lines, b->line_height_sum / b->lines));
      if (overlap >= 3 * line) return true;
    }
  }
  return false;
}

// Maps a point of the deskewed image back onto the image before the rotation
// (Leptonica rotates about the centre; a positive angle turns clockwise).
void unrotate(double degrees, int width, int height, int& x, int& y) {
  const double a = degrees * 3.14159265358979 / 180.0;
  const double cx = width / 2.0, cy = height / 2.0;
  const double dx = x - cx, dy = y - cy;
  x = static_cast<int>(std::lround(cx + dx * std::cos(a) + dy * std::sin(a)));
  y = static_cast<int>(std::lround(cy - dx * std::sin(a) + dy * std::cos(a)));
}

// Table rules and box edges that recognition reads as characters.
bool is_rule(const std::string& word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c == '|' || c == '_'; });
}

// The page's words and text in reading order (see reading_order.hpp), boxes mapped back
// onto the image before deskewing.
void collect(tesseract::TessBaseAPI& api, Layout layout, double rotated, int width, int height,
             Recognition& out) {
  std::vector<Word> words;
  std::vector<LineBox> lines;
  std::vector<std::vector<int>> line_words;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return;
  int block = -1, para = -1;
  bool new_line = true;
  do {
    if (it->IsAtBeginningOf(tesseract::RIL_BLOCK)) ++block;
    if (it->IsAtBeginningOf(tesseract::RIL_PARA)) ++para;
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) new_line = true;
    if (it->Empty(tesseract::RIL_WORD)) continue;
    std::unique_ptr<char[], TextDeleter> text(it->GetUTF8Text(tesseract::RIL_WORD));
    if (!text || *text.get() == '\0') continue;
    Word w;
    w.text = text.get();
    while (!w.text.empty() && (w.text.back() == ' ' || w.text.back() == '\n')) w.text.pop_back();
    while (!w.text.empty() && w.text.front() == ' ') w.text.erase(0, 1);
    if (w.text.empty() || is_rule(w.text)) continue;
    if (new_line) {
      LineBox line;
      line.block = block;
      line.para = para;
      it->BoundingBox(tesseract::RIL_TEXTLINE, &line.left, &line.top, &line.right, &line.bottom);
      lines.push_back(line);
      line_words.emplace_back();
      new_line = false;
    }
    it->BoundingBox(tesseract::RIL_WORD, &w.left, &w.top, &w.right, &w.bottom);
    w.confidence = it->Confidence(tesseract::RIL_WORD);
    ++lines.back().words;
    line_words.back().push_back(static_cast<int>(words.size()));
    words.push_back(std::move(w));
  } while (it->Next(tesseract::RIL_WORD));

  for (const OutputLine& line : reading_order(lines, layout == Layout::automatic)) {
    if (line.paragraph_start && !out.text.empty()) out.text += '\n';
    bool first = true;
    for (const int l : line.lines) {
      for (const int wi : line_words[static_cast<std::size_t>(l)]) {
        Word& w = words[static_cast<std::size_t>(wi)];
        if (!first) out.text += ' ';
        first = false;
        out.text += w.text;
        if (rotated != 0) {
          // The box around the rotated corners: a little larger than the word, never smaller.
          int xs[4] = {w.left, w.right, w.left, w.right}, ys[4] = {w.top, w.top, w.bottom, w.bottom};
          for (int k = 0; k < 4; ++k) unrotate(rotated, width, height, xs[k], ys[k]);
          w.left = std::max(0, *std::min_element(xs, xs + 4));
          w.right = std::min(width, *std::max_element(xs, xs + 4));
          w.top = std::max(0, *std::min_element(ys, ys + 4));
          w.bottom = std::min(height, *std::max_element(ys, ys + 4));
        }
        out.words.push_back(std::move(w));
      }
    }
    if (!first) {
      out.words.back().line_end = true;
      out.text += '\n';
    }
  }
}

}  // namespace

std::string to_string(Layout layout) {
  switch (layout) {
    case Layout::automatic: return "psm3";
    case Layout::single_column: return "psm4";
    case Layout::per_page: return "per-page";
  }
  return "psm4";
}

fs::path tessdata_dir(const fs::path& tessdata) {
  if (!tessdata.empty()) return tessdata;
  if (const char* env = std::getenv("TESSDATA_PREFIX"); env != nullptr && *env != '\0') {
    const fs::path prefix(env);
    if (has_traineddata(prefix)) return prefix;
    if (has_traineddata(prefix / "tessdata")) return prefix / "tessdata";
    return prefix;
  }
  for (const char* dir : {"/usr/share/tesseract-ocr/5/tessdata", "/usr/local/share/tessdata",
                          "/usr/share/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata"}) {
    if (has_traineddata(dir)) return dir;
  }
  return "/usr/share/tesseract-ocr/5/tessdata";
}

std::vector<std::string> available_languages(const fs::path& tessdata) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(tessdata_dir(tessdata), ec)) {
    if (entry.path().extension() == ".traineddata") out.push_back(entry.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Status check_languages(const std::string& languages, const fs::path& tessdata) {
  const auto wanted = split_languages(languages);
  if (wanted.empty()) return Error::run("no OCR language given: use e.g. --lang eng or eng+spa");
  const auto installed = available_languages(tessdata);
  for (const auto& lang : wanted) {
    if (std::find(installed.begin(), installed.end(), lang) == installed.end()) {
      std::string have;
      for (const auto& l : installed) {
        if (l == "osd") continue;
        have += (have.empty() ? "" : ", ") + l;
      }
      return Error::run("OCR language '" + lang + "' is not installed (no " + lang +
                        ".traineddata in " + tessdata_dir(tessdata).string() +
                        "): install the package tesseract-ocr-" + lang +
                        " or set TESSDATA_PREFIX; installed: " + (have.empty() ? "none" : have));
    }
  }
  return Ok{};
}

void limit_tesseract_threads(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  if (::setenv("OMP_THREAD_LIMIT", "1", 1) != 0) return;
  ::execv("/proc/self/exe", argv);
  // execv only returns on failure: the program goes on, with OpenMP threads.
}

int tesseract_thread_limit() {
  using Fn = int (*)();
  void* sym = ::dlsym(RTLD_DEFAULT, "omp_get_thread_limit");
  if (sym == nullptr) return 0;
  Fn fn = nullptr;
  std::memcpy(&fn, &sym, sizeof fn);  // object to function pointer, without a cast warning
  return fn();
}

struct Engine::Impl {
  tesseract::TessBaseAPI api;
  EngineOptions options;
  ~Impl() { api.End(); }
};

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

const std::string& Engine::languages() const { return impl_->options.languages; }
const EngineOptions& Engine::options() const { return impl_->options; }

std::string Engine::version() { return std::string("tesseract ") + tesseract::TessBaseAPI::Version(); }

Result<std::unique_ptr<Engine>> Engine::create(const EngineOptions& options) {
  if (auto st = check_languages(options.languages, options.tessdata); !st) return st.error();
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  const std::string dir = tessdata_dir(options.tessdata).string();
  // Tesseract writes warnings ("Estimating resolution", "Empty page!!") to stderr; the
  // messages that matter come back as results instead.
  impl->api.SetVariable("debug_file", "/dev/null");
  if (impl->api.Init(dir.c_str(), options.languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return Error::run("cannot start Tesseract for '" + options.languages + "' with data in " +
                      dir + ": the language data may be damaged or from another version");
  }
  impl->api.SetPageSegMode(options.layout == Layout::automatic ? tesseract::PSM_AUTO
                                                               : tesseract::PSM_SINGLE_COLUMN);
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

Result<Recognition> Engine::recognize(const Image& image, const Limits& limits,
                                      const std::atomic<bool>* cancel) {
  const auto start = Clock::now();
  if (limits.max_pixels != 0 && image.pixels() > limits.max_pixels) {
    return Error::input("image too large for OCR: " + std::to_string(image.width()) + " x " +
                        std::to_string(image.height()) + " pixels (" +
                        megapixels(image.pixels()) + ") is over the limit of " +
                        megapixels(limits.max_pixels));
  }
  const Preprocess& steps = impl_->options.preprocess;
  Layout layout = impl_->options.layout;
  double rotated = 0;
  // Columns are found on the page as scanned: Tesseract's layout analysis allows for skew,
  // and on the multi-column scans it reads better without the deskewing that helps
  // single-column pages (corpus/scans: CER 0.04% against 3.63% on report-3col-200dpi).
  Preprocess first_steps = steps;
  if (layout != Layout::single_column) first_steps.deskew = false;
  auto prepared = preprocess(image, first_steps, layout == Layout::single_column ? &rotated : nullptr);
  if (!prepared) return prepared.error();

  tesseract::TessBaseAPI& api = impl_->api;
  const auto set_image = [&] {
    api.SetImage(detail::PixAccess::get(*prepared));
    // Without a resolution Tesseract guesses one from the text height and says so on stderr.
    api.SetSourceResolution(image.dpi() > 0 ? image.dpi() : 300);
  };
  set_image();
  if (layout == Layout::per_page) {
    // Layout analysis alone, then recognition reuses its blocks when they are kept (the
    // page is in columns); a single-column page is prepared and analysed again.
    api.SetPageSegMode(tesseract::PSM_AUTO_ONLY);
    std::unique_ptr<tesseract::PageIterator> blocks(api.AnalyseLayout());
    layout = has_columns(blocks.get(), prepared->width()) ? Layout::automatic : Layout::single_column;
    blocks.reset();
    if (layout == Layout::automatic) {
      api.SetPageSegMode(tesseract::PSM_AUTO);
    } else {
      api.SetPageSegMode(tesseract::PSM_SINGLE_COLUMN);
      if (steps.deskew) {
        prepared = preprocess(image, steps, &rotated);
        if (!prepared) return prepared.error();
      }
      set_image();  // also drops the analysis
    }
  }

  CancelState state;
  state.cancel = cancel;
  if (limits.time.count() > 0) state.deadline = start + limits.time;
  tesseract::ETEXT_DESC monitor;
  monitor.cancel = &should_cancel;
  monitor.cancel_this = &state;
  // Tesseract polls the monitor between words; layout analysis before that cannot be
  // interrupted, so a page may overrun the limit by its layout time.
  const int rc = api.Recognize(&monitor);
  if (state.cancelled) {
    api.Clear();
    return Error::input("OCR cancelled");
  }
  if (state.timed_out) {
    api.Clear();
    return Error::input("OCR timed out after " + seconds_text(limits.time));
  }
  if (rc != 0) {
    api.Clear();
    return Error::input("OCR failed: Tesseract could not recognise the page image");
  }

  Recognition out;
  out.layout = layout;
  collect(api, layout, rotated, image.width(), image.height(), out);
  std::unique_ptr<int[], IntsDeleter> confidences(api.AllWordConfidences());
  if (confidences) {
    double sum = 0;
    for (const int* c = confidences.get(); *c >= 0; ++c) {
      sum += *c;
      ++out.word_count;
    }
    if (out.word_count > 0) out.mean_confidence = sum / out.word_count;
  }
  api.Clear();
  out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return out;
}

}  // namespace foialens::ocr
