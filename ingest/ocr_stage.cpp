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
#include "ocr/ink.hpp"
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

std::string percent(std::size_t part, std::size_t whole) {
  return std::to_string(whole ? (100 * part + whole / 2) / whole : 0) + "%";
}

}  // namespace

std::string ocr_reason(std::string_view layer) {
  Counts n;
  std::size_t words = 0, readable_words = 0;
  std::size_t i = 0;
  while (i < layer.size()) {
    // One whitespace-separated token at a time.
    while (i < layer.size()) {
      std::size_t j = i;
      if (!is_space(next_code_point(layer, j))) break;
      i = j;
    }
    if (i >= layer.size()) break;
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
  return {};
}

std::string ink_reason(const ocr::Ink& ink) {
  if (ink.uncovered < kMinUncoveredMarks || ink.uncovered * 10 < ink.marks) return {};
  return "ink outside the text layer: " + std::to_string(ink.uncovered) + " of " +
         std::to_string(ink.marks) + " marks on the page have no text";
}

OcrStage::OcrStage(const Options& options, PageCounter* progress, const std::atomic<bool>* cancel)
    : options_(options), progress_(progress), cancel_(cancel) {}

OcrStage::~OcrStage() = default;

Result<ocr::Pool*> OcrStage::pool() {
  std::call_once(pool_once_, [this] {
    ocr::PoolOptions po;
    po.engine.languages = options_.ocr_languages;
    po.threads = options_.jobs;
    po.limits.time = options_.ocr_timeout;
    po.limits.max_pixels = options_.max_pixels;
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

// The engine's limit messages, with the ingest option that raises the limit.
std::string with_option(const std::string& message) {
  if (message.starts_with("OCR timed out")) return message + " (--ocr-timeout raises the limit)";
  if (message.starts_with("image too large for OCR")) return message + " (--max-pixels raises the limit)";
  return message;
}

std::string megapixels(double px) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f Mpx", px / 1e6);
  return buf;
}

}  // namespace

namespace {

// OCR'd words, from pixels of an image at `dpi` to points.
std::vector<Word> to_points(const std::vector<ocr::Word>& words, int dpi) {
  const float scale = 72.0f / static_cast<float>(dpi > 0 ? dpi : kDefaultDpi);
  std::vector<Word> out;
  out.reserve(words.size());
  for (const auto& w : words) {
    out.push_back({w.text, static_cast<float>(w.left) * scale, static_cast<float>(w.top) * scale,
                   static_cast<float>(w.right) * scale, static_cast<float>(w.bottom) * scale,
                   w.confidence, w.line_end});
  }
  return out;
}

std::string layout_name(ocr::Layout layout) {
  return layout == ocr::Layout::automatic ? "columns" : "single-column";
}

// The page's ink, and how much of it the text layer's words cover.
Result<ocr::Ink> page_ink(const PdfRenderer& renderer, int index, const std::vector<Word>& words) {
  auto image = renderer.render(index, kInkDpi);
  if (!image) return image.error();
  constexpr float kScale = static_cast<float>(kInkDpi) / 72.0f;
  std::vector<ocr::PixelBox> boxes;
  boxes.reserve(words.size());
  for (const Word& w : words) {
    // A pixel of margin: anti-aliased edges of a glyph fall just outside its box.
    boxes.push_back({static_cast<int>(w.x0 * kScale) - 1, static_cast<int>(w.y0 * kScale) - 1,
                     static_cast<int>(w.x1 * kScale) + 2, static_cast<int>(w.y1 * kScale) + 2});
  }
  return ocr::find_ink(*image, boxes);
}

}  // namespace

Status OcrStage::run_pdf(std::string_view bytes, const std::vector<PdfPage>& layer,
                         std::vector<Page>& pages) {
  if (progress_) progress_->known += pages.size();
  std::unique_ptr<PdfRenderer> renderer;
  std::string render_error;
  const auto open_renderer = [&]() -> PdfRenderer* {
    if (!renderer && render_error.empty()) {
      auto opened = PdfRenderer::open(bytes);
      if (opened) renderer = std::move(opened.value());
      else render_error = opened.error().message;
    }
    return renderer.get();
  };

  // Rendering each page to look for ink costs about as much as extracting its text: done
  // only where there is an image the ink could come from.
  const bool has_images = options_.ocr == OcrMode::automatic && has_image_objects(bytes);
  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    Page& page = pages[i];
    const PdfPage& info = layer[i];
    page.width_pt = info.width_pt;
    page.height_pt = info.height_pt;
    std::string reason;
    if (options_.ocr == OcrMode::always) {
      reason = "OCR forced (--ocr always)";
    } else if (options_.ocr == OcrMode::automatic) {
      reason = ocr_reason(page.text);
      if (reason.empty() && has_images) {
        if (PdfRenderer* r = open_renderer()) {
          // A page that cannot be rendered keeps its text layer: it is readable.
          if (auto ink = page_ink(*r, static_cast<int>(i), info.words)) reason = ink_reason(*ink);
        }
      }
    }
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
  if (open_renderer() == nullptr) {
    for (const std::size_t i : todo) fail(i, "cannot render the page for OCR: " + render_error);
    return Ok{};
  }
  ocr::Pool& pool = *pool_or.value();
  const ocr::Limits limits = pool.options().limits;
  std::vector<int> page_dpi(pages.size(), 0);

  Window window(2 * static_cast<std::size_t>(pool.threads()), [&](std::size_t i, Result<ocr::Recognition> r) {
    Page& page = pages[i];
    if (!r) return fail(i, with_option(r.error().message));
    // A stamp in the text layer (Bates number) is not in the image: keep it.
    const std::string stamp = text::squash_spaces(page.text);
    page.text = std::move(r->text);
    if (!stamp.empty() && text::squash_spaces(page.text).find(stamp) == std::string::npos) {
      page.text += "\n" + stamp + "\n";
    }
    page.words = to_points(r->words, page_dpi[i]);
    page.layout = layout_name(r->layout);
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
                  " is over the limit of " + megapixels(static_cast<double>(limits.max_pixels)) +
                  " (--max-pixels raises the limit)");
      continue;
    }
    auto image = renderer->render(index, dpi);
    if (!image) {
      fail(i, image.error().message);
      continue;
    }
    page_dpi[i] = dpi;
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
  std::vector<int> image_dpi(pages.size(), kDefaultDpi);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    // Unknown resolution: the engine reads the image as 300 dpi, and so is its size here.
    const int dpi = images.value()[i].dpi() > 0 ? images.value()[i].dpi() : kDefaultDpi;
    image_dpi[i] = dpi;
    pages[i].width_pt = images.value()[i].width() * 72.0 / dpi;
    pages[i].height_pt = images.value()[i].height() * 72.0 / dpi;
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
    if (!r) return fail(i, with_option(r.error().message));
    pages[i].text = std::move(r->text);
    pages[i].words = to_points(r->words, image_dpi[i]);
    pages[i].layout = layout_name(r->layout);
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
