#include "ingest/ocr_stage.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <future>
#include <utility>

#include "common/text.hpp"
#include "ingest/render.hpp"
#include "ocr/engine.hpp"
#include "ocr/image.hpp"
#include "ocr/pool.hpp"

namespace foialens::ingest {
namespace {

// Resolution for a scan whose own resolution cannot be found (vector-only pages).
constexpr int kDefaultDpi = 300;
// The resolution chosen for a scan: its own, but not above 200 dpi. Office print (10-12
// pt) needs no more: on the 300-dpi scans of corpus/scans, rendering at 200 dpi gave a
// CER of 0.07% against 0.11% at 300 dpi, for 24% less CPU time. Scans below 200 dpi
// are rendered at 200, which Tesseract reads better than their own resolution.
constexpr int kMaxAutoDpi = 200;
constexpr int kMinAutoDpi = 200;

struct Counts {
  std::size_t chars = 0;    // code points that are not whitespace
  std::size_t letters = 0;  // letters and digits
  std::size_t bad = 0;      // U+FFFD, control characters, private-use code points
};

// Decodes one code point at s[i], advancing i; invalid bytes give U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3Fu);
  i += static_cast<std::size_t>(len);
  return cp;
}

bool is_space(char32_t c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == 0xA0; }
bool is_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x52F);
}
bool is_bad(char32_t c) {
  return c == 0xFFFD || (c < 0x20 && !is_space(c)) || (c >= 0xE000 && c <= 0xF8FF);
}

// A Bates number ("CPD-000123", "DHS 0001234"), a page number ("Page 3", "3 of 12"):
// what producers stamp as text on top of a scanned page.
bool is_stamp_token(std::string_view t) {
  std::size_t digits = 0, alpha = 0;
  for (const char c : t) {
    if (c >= '0' && c <= '9') ++digits;
    else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) ++alpha;
  }
  const std::string lower = text::lower_ascii(t);
  if (lower == "page" || lower == "of" || lower == "p." || lower == "pg.") return true;
  return digits > 0 && alpha <= 8 && digits + alpha + 2 >= t.size();
}

std::string percent(std::size_t part, std::size_t whole) {
  return std::to_string(whole ? (100 * part + whole / 2) / whole : 0) + "%";
}

}  // namespace

std::string ocr_reason(std::string_view layer, double width_pt, double height_pt) {
  Counts n;
  std::size_t words = 0, readable_words = 0, text_letters = 0;
  std::size_t i = 0;
  while (i < layer.size()) {
    // One whitespace-separated token at a time.
    while (i < layer.size()) {
      std::size_t j = i;
      if (!is_space(next_code_point(layer, j))) break;
      i = j;
    }
    if (i >= layer.size()) break;
    const std::size_t start = i;
    std::size_t chars = 0, letters = 0;
    while (i < layer.size()) {
      std::size_t j = i;
      const char32_t c = next_code_point(layer, j);
      if (is_space(c)) break;
      i = j;
      ++chars;
      if (is_letter(c)) ++letters;
      if (is_bad(c)) ++n.bad;
    }
    n.chars += chars;
    n.letters += letters;
    ++words;
    if (letters >= 2 && letters * 10 >= chars * 6) ++readable_words;
    if (!is_stamp_token(layer.substr(start, i - start))) text_letters += letters;
  }
  if (n.chars == 0) return "no text layer";
  if (n.bad * 100 >= n.chars * 30) {
    return "text layer unreadable: " + percent(n.bad, n.chars) +
           " of its characters do not map to Unicode";
  }
  if (words >= 5 && readable_words * 100 < words * 30) {
    return "text layer is mostly not words (" + std::to_string(readable_words) + " of " +
           std::to_string(words) + " readable)";
  }
  if (text_letters < 40) {
    return "text layer has only " + std::to_string(n.chars) +
           " characters: a header, page or Bates number";
  }
  const double square_inches = width_pt > 0 && height_pt > 0 ? width_pt * height_pt / 5184.0 : 93.5;
  if (static_cast<double>(n.chars) < square_inches) {
    return "text layer too thin for the page: " + std::to_string(n.chars) + " characters on " +
           std::to_string(static_cast<int>(std::lround(square_inches))) + " square inches";
  }
  return {};
}

OcrStage::OcrStage(const Options& options, PageCounter* progress, const std::atomic<bool>* cancel)
    : options_(options), progress_(progress), cancel_(cancel) {}

OcrStage::~OcrStage() = default;

Result<ocr::Pool*> OcrStage::pool() {
  std::call_once(pool_once_, [this] {
    ocr::PoolOptions po;
    po.engine.languages = options_.ocr_languages;
    po.threads = options_.jobs;
    if (!options_.home.empty()) po.cache_dir = options_.home / "cache" / "ocr";
    auto created = ocr::Pool::create(po);
    if (created) pool_ = std::move(created.value());
    else pool_error_ = created.error().message;
  });
  if (!pool_) return Error::run(pool_error_);
  return pool_.get();
}

std::size_t OcrStage::recognised() const { return pool_ ? pool_->stats().recognised : 0; }
std::size_t OcrStage::cache_hits() const { return pool_ ? pool_->stats().cache_hits : 0; }

namespace {

using Future = std::future<Result<ocr::Recognition>>;

// Pages in flight for one document: enough to keep every engine busy, few enough that a
// 500-page scan does not sit in memory (a Letter page at 300 dpi is 8.4 MB).
class Window {
 public:
  Window(std::size_t size, std::function<void(std::size_t, Result<ocr::Recognition>)> on_done)
      : size_(size), on_done_(std::move(on_done)) {}
  void add(std::size_t page, Future f) {
    flight_.emplace_back(page, std::move(f));
    while (flight_.size() >= size_) pop();
  }
  void drain() {
    while (!flight_.empty()) pop();
  }

 private:
  void pop() {
    auto [page, f] = std::move(flight_.front());
    flight_.pop_front();
    on_done_(page, f.get());
  }
  std::size_t size_;
  std::function<void(std::size_t, Result<ocr::Recognition>)> on_done_;
  std::deque<std::pair<std::size_t, Future>> flight_;
};

std::string megapixels(double px) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f Mpx", px / 1e6);
  return buf;
}

}  // namespace

Status OcrStage::run_pdf(std::string_view bytes, const std::vector<PdfPage>& layer,
                       std::vector<Page>& pages) {
  if (progress_) progress_->known += pages.size();
  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    Page& page = pages[i];
    const PdfPage& info = layer[i];
    std::string reason;
    if (options_.ocr == OcrMode::always) reason = "OCR forced (--ocr always)";
    else if (options_.ocr == OcrMode::automatic) reason = ocr_reason(page.text, info.width_pt, info.height_pt);
    if (options_.ocr == OcrMode::never && text::trim(page.text).empty()) {
      page.source = TextSource::none;
      page.ocr_reason = "no text layer; OCR is off (--ocr never)";
    }
    if (reason.empty()) {
      if (progress_) ++progress_->done;
      continue;
    }
    page.ocr_reason = std::move(reason);
    todo.push_back(i);
  }
  if (todo.empty()) return Ok{};

  const auto fail = [&](std::size_t i, const std::string& message) {
    Page& page = pages[i];
    page.error = message;
    if (text::trim(page.text).empty()) page.source = TextSource::none;
    if (progress_) ++progress_->done;
  };
  auto pool_or = pool();
  if (!pool_or) return pool_or.error();
  auto opened = PdfRenderer::open(bytes);
  if (!opened) {
    for (const std::size_t i : todo) fail(i, "cannot render the page for OCR: " + opened.error().message);
    return Ok{};
  }
  const auto& renderer = opened.value();
  ocr::Pool& pool = *pool_or.value();
  const ocr::Limits limits = pool.options().limits;

  Window window(2 * static_cast<std::size_t>(pool.threads()), [&](std::size_t i, Result<ocr::Recognition> r) {
    Page& page = pages[i];
    if (!r) return fail(i, r.error().message);
    // A stamp in the text layer (Bates number) is not in the image: keep it.
    const std::string stamp = text::squash_spaces(page.text);
    page.text = std::move(r->text);
    if (!stamp.empty() && text::squash_spaces(page.text).find(stamp) == std::string::npos) {
      page.text += "\n" + stamp + "\n";
    }
    page.source = TextSource::ocr;
    page.ocr_confidence = r->mean_confidence;
    if (progress_) ++progress_->done;
  });
  for (const std::size_t i : todo) {
    if (cancel_ && cancel_->load()) {
      pool.cancel();
      fail(i, "OCR cancelled");
      continue;
    }
    const int index = static_cast<int>(i);
    const double w = renderer->width_pt(index), h = renderer->height_pt(index);
    int dpi = options_.ocr_dpi;
    if (dpi <= 0) {
      const int scanned = scan_dpi(bytes, w, h);
      dpi = scanned > 0 ? std::clamp(scanned, kMinAutoDpi, kMaxAutoDpi) : kDefaultDpi;
    }
    const double px = (w * dpi / 72.0) * (h * dpi / 72.0);
    if (limits.max_pixels != 0 && px > static_cast<double>(limits.max_pixels)) {
      fail(i, "page too large for OCR at " + std::to_string(dpi) + " dpi: " + megapixels(px) +
                  " is over the limit of " + megapixels(static_cast<double>(limits.max_pixels)));
      continue;
    }
    auto image = renderer->render(index, dpi);
    if (!image) {
      fail(i, image.error().message);
      continue;
    }
    window.add(i, pool.submit(std::move(image.value())));
  }
  window.drain();
  return Ok{};
}

Result<std::vector<Page>> OcrStage::run_image(std::string_view bytes) {
  auto images = ocr::Image::pages_from_memory(bytes);
  if (!images) return images.error();
  std::vector<Page> pages(images->size());
  if (progress_) progress_->known += pages.size();
  for (std::size_t i = 0; i < pages.size(); ++i) {
    pages[i].number = static_cast<int>(i + 1);
    pages[i].source = TextSource::none;
    pages[i].ocr_reason = pages.size() > 1 ? "image (multi-page)" : "image";
  }
  const auto fail = [&](std::size_t i, const std::string& message) {
    pages[i].error = message;
    if (progress_) ++progress_->done;
  };
  if (options_.ocr == OcrMode::never) {
    for (std::size_t i = 0; i < pages.size(); ++i) {
      pages[i].ocr_reason = "image; OCR is off (--ocr never)";
      if (progress_) ++progress_->done;
    }
    return pages;
  }
  auto pool_or = pool();
  if (!pool_or) return pool_or.error();
  ocr::Pool& pool = *pool_or.value();
  Window window(2 * static_cast<std::size_t>(pool.threads()), [&](std::size_t i, Result<ocr::Recognition> r) {
    if (!r) return fail(i, r.error().message);
    pages[i].text = std::move(r->text);
    pages[i].source = TextSource::ocr;
    pages[i].ocr_confidence = r->mean_confidence;
    if (progress_) ++progress_->done;
  });
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (cancel_ && cancel_->load()) {
      pool.cancel();
      fail(i, "OCR cancelled");
      continue;
    }
    window.add(i, pool.submit(std::move(images.value()[i])));
  }
  window.drain();
  return pages;
}

}  // namespace foialens::ingest
