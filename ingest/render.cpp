#include "ingest/render.hpp"

#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace foialens::ingest {

struct PdfRenderer::Impl {
  std::unique_ptr<poppler::document> doc;
  std::vector<std::unique_ptr<poppler::page>> pages;
};

PdfRenderer::PdfRenderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfRenderer::~PdfRenderer() = default;

Result<std::unique_ptr<PdfRenderer>> PdfRenderer::open(std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return Error::input("PDF too large to open (over 2 GiB)");
  }
  auto impl = std::make_unique<Impl>();
  impl->doc.reset(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!impl->doc) return Error::input("cannot open PDF: damaged or truncated file");
  if (impl->doc->is_locked()) return Error::input("encrypted PDF: it needs a password to open");
  const int n = impl->doc->pages();
  for (int i = 0; i < n; ++i) impl->pages.emplace_back(impl->doc->create_page(i));
  return std::unique_ptr<PdfRenderer>(new PdfRenderer(std::move(impl)));
}

int PdfRenderer::pages() const { return static_cast<int>(impl_->pages.size()); }

double PdfRenderer::width_pt(int index) const {
  const auto& page = impl_->pages.at(static_cast<std::size_t>(index));
  return page ? page->page_rect().width() : 0;
}

double PdfRenderer::height_pt(int index) const {
  const auto& page = impl_->pages.at(static_cast<std::size_t>(index));
  return page ? page->page_rect().height() : 0;
}

Result<ocr::Image> PdfRenderer::render(int index, int dpi) const {
  const auto& page = impl_->pages.at(static_cast<std::size_t>(index));
  if (!page) return Error::input("cannot read the page to render it");
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hints(poppler::page_renderer::antialiasing |
                            poppler::page_renderer::text_antialiasing);
  renderer.set_paper_color(0xffffffff);
  const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid() || image.width() <= 0 || image.height() <= 0) {
    return Error::input("cannot render the page at " + std::to_string(dpi) + " dpi");
  }
  return ocr::Image::from_grey(reinterpret_cast<const std::uint8_t*>(image.const_data()),
                               image.width(), image.height(), image.bytes_per_row(), dpi);
}

namespace {

// The integer after `key` in a dictionary's text, or -1.
long number_after(std::string_view dict, std::string_view key) {
  const std::size_t at = dict.find(key);
  if (at == std::string_view::npos) return -1;
  std::size_t i = at + key.size();
  while (i < dict.size() && (dict[i] == ' ' || dict[i] == '\n' || dict[i] == '\r')) ++i;
  long value = 0;
  bool any = false;
  while (i < dict.size() && dict[i] >= '0' && dict[i] <= '9') {
    value = value * 10 + (dict[i] - '0');
    any = true;
    if (value > 1'000'000) return -1;
    ++i;
  }
  return any ? value : -1;
}

}  // namespace

int scan_dpi(std::string_view pdf, double width_pt, double height_pt) {
  if (width_pt <= 0 || height_pt <= 0) return 0;
  int best = 0;
  for (std::size_t pos = 0; (pos = pdf.find("/Image", pos)) != std::string_view::npos; pos += 6) {
    // The enclosing dictionary: from the last "<<" before to the first ">>" after.
    const std::size_t open = pdf.rfind("<<", pos);
    const std::size_t close = pdf.find(">>", pos);
    if (open == std::string_view::npos || close == std::string_view::npos || pos - open > 2000 ||
        close - pos > 2000) {
      continue;
    }
    const std::string_view dict = pdf.substr(open, close - open);
    if (dict.find("/Subtype") == std::string_view::npos) continue;
    const long w = number_after(dict, "/Width");
    const long h = number_after(dict, "/Height");
    if (w <= 0 || h <= 0) continue;
    // Either orientation: a landscape scan may sit on a rotated portrait page.
    for (const bool swap : {false, true}) {
      const double pw = swap ? height_pt : width_pt;
      const double ph = swap ? width_pt : height_pt;
      const double xdpi = static_cast<double>(w) * 72.0 / pw;
      const double ydpi = static_cast<double>(h) * 72.0 / ph;
      if (std::fabs(xdpi - ydpi) <= 0.03 * xdpi && xdpi >= 50) {
        best = std::max(best, static_cast<int>(std::lround(xdpi)));
      }
    }
  }
  return best;
}

bool has_image_objects(std::string_view pdf) {
  for (std::size_t pos = 0; (pos = pdf.find("/Subtype", pos)) != std::string_view::npos;) {
    pos += 8;
    std::size_t i = pos;
    while (i < pdf.size() && (pdf[i] == ' ' || pdf[i] == '\n' || pdf[i] == '\r' || pdf[i] == '\t')) ++i;
    if (pdf.compare(i, 6, "/Image") != 0) continue;
    const std::size_t after = i + 6;
    // "/ImageB", "/ImageC" are procedure set names, not a subtype.
    if (after < pdf.size() && ((pdf[after] >= 'A' && pdf[after] <= 'Z') || (pdf[after] >= 'a' && pdf[after] <= 'z'))) {
      continue;
    }
    return true;
  }
  return false;
}

}  // namespace foialens::ingest
