#include "ingest/pdf.hpp"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <limits>
#include <memory>
#include <mutex>

#include "common/text.hpp"

namespace foialens::ingest {
namespace {

std::string to_utf8(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Poppler prints parser complaints on stderr; a batch reports its own errors instead.
void quiet_poppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  });
}

// Titles that producers put in by default tell nothing about the document.
bool useful_title(const std::string& title) {
  const std::string t = text::lower_ascii(text::trim(title));
  if (t.size() < 3) return false;
  for (const std::string_view junk : {"untitled", "microsoft word", "document", "title",
                                      "scan", "image", "pdf", ".doc", ".pdf", "print"}) {
    if (t == junk || t.rfind(junk, 0) == 0 || t.find(".doc") != std::string::npos) {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<PdfContent> extract_pdf(std::string_view bytes) {
  quiet_poppler();
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return Error::input("PDF too large to open (over 2 GiB)");
  }
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
      bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return Error::input("cannot open PDF: damaged or truncated file");
  if (doc->is_locked()) return Error::input("encrypted PDF: it needs a password to open");
  const int count = doc->pages();
  if (count <= 0) return Error::input("PDF has no pages (damaged or truncated file)");

  PdfContent content;
  const std::string title = text::to_valid_utf8(to_utf8(doc->info_key("Title")));
  if (useful_title(title)) content.title = std::string(text::trim(title));
  content.pages.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    PdfPage out;
    if (page) {
      // Physical layout keeps each printed line whole: a clause number stays on the line
      // of its text, where reading-order layout moves hanging numbers out of place.
      out.text = to_utf8(page->text(poppler::rectf(), poppler::page::text_layout_enum::physical_layout));
      const poppler::rectf box = page->page_rect();
      out.width_pt = box.width();
      out.height_pt = box.height();
      for (const poppler::text_box& t : page->text_list()) {
        Word w;
        w.text = text::to_valid_utf8(to_utf8(t.text()));
        if (text::trim(w.text).empty()) continue;
        const poppler::rectf b = t.bbox();
        w.x0 = static_cast<float>(b.left());
        w.y0 = static_cast<float>(b.top());
        w.x1 = static_cast<float>(b.right());
        w.y1 = static_cast<float>(b.bottom());
        out.words.push_back(std::move(w));
      }
    }
    content.pages.push_back(std::move(out));
  }
  return content;
}

}  // namespace foialens::ingest
