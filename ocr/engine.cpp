#include "ocr/engine.hpp"

#include <dlfcn.h>
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <unistd.h>

#include <algorithm>
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

}  // namespace

std::string to_string(Layout layout) {
  return layout == Layout::single_column ? "psm4" : "psm3";
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
  impl->api.SetPageSegMode(options.layout == Layout::single_column ? tesseract::PSM_SINGLE_COLUMN
                                                                   : tesseract::PSM_AUTO);
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
  auto prepared = preprocess(image, impl_->options.preprocess);
  if (!prepared) return prepared.error();

  tesseract::TessBaseAPI& api = impl_->api;
  api.SetImage(detail::PixAccess::get(*prepared));
  // Without a resolution Tesseract guesses one from the text height and says so on stderr.
  api.SetSourceResolution(image.dpi() > 0 ? image.dpi() : 300);

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
  std::unique_ptr<char[], TextDeleter> text(api.GetUTF8Text());
  if (text) out.text = text.get();
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
