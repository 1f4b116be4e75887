#include "ingest/extract.hpp"

#include "common/text.hpp"
#include "ingest/html.hpp"
#include "ingest/metadata.hpp"
#include "ingest/ocr_stage.hpp"
#include "ingest/pdf.hpp"
#include "ingest/segment.hpp"

namespace foialens::ingest {
namespace {

// UTF-16 with a byte-order mark, as some Windows tools save text, to UTF-8.
std::string utf16_to_utf8(std::string_view bytes) {
  const bool little = bytes[0] == '\xFF';
  std::string out;
  out.reserve(bytes.size() / 2);
  const auto unit = [&](std::size_t i) -> unsigned {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    return little ? (a | (b << 8)) : ((a << 8) | b);
  };
  for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
    unsigned cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < bytes.size()) {
      const unsigned low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      } else {
        cp = 0xFFFD;
      }
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    text::append_utf8(out, cp);
  }
  return out;
}

}  // namespace

std::vector<Page> text_pages(std::string_view content) {
  const std::string valid = content.size() >= 2 && (content.substr(0, 2) == "\xFF\xFE" ||
                                                    content.substr(0, 2) == "\xFE\xFF")
                                ? utf16_to_utf8(content)
                                : text::to_valid_utf8(content);
  std::vector<Page> pages;
  int number = 1;
  for (const auto part : text::split(valid, '\f')) {
    Page page;
    page.number = number++;
    page.text = std::string(part);
    page.source = TextSource::text_layer;
    pages.push_back(std::move(page));
  }
  // A trailing form feed does not make an empty last page.
  while (pages.size() > 1 && text::trim(pages.back().text).empty()) pages.pop_back();
  return pages;
}

void finish_document(Document& doc) {
  for (Page& page : doc.pages) page.text = text::normalize(page.text);
  doc.passages = segment(doc.pages);
  fill_metadata(doc);
}

Result<Extracted> extract(std::string_view bytes, const Options& options, OcrStage* ocr) {
  (void)options;
  Extracted out;
  const Detected detected = detect(bytes);
  out.doc.media_type = detected.media_type;
  switch (detected.kind) {
    case Kind::empty:
      return Error::input("empty file: nothing to ingest");
    case Kind::unsupported:
      out.skipped = true;
      out.skip_reason = "unsupported type: " + detected.why;
      return out;
    case Kind::image: {
      if (ocr == nullptr) {
        out.skipped = true;
        out.skip_reason = "image: OCR is not available in this build";
        return out;
      }
      auto pages = ocr->run_image(bytes);
      if (!pages) return pages.error();
      out.doc.pages = std::move(pages.value());
      break;
    }
    case Kind::pdf: {
      auto pdf = extract_pdf(bytes);
      if (!pdf) return pdf.error();
      out.doc.title = pdf->title;
      int number = 1;
      for (auto& p : pdf->pages) {
        Page page;
        page.number = number++;
        page.text = std::move(p.text);
        page.width_pt = p.width_pt;
        page.height_pt = p.height_pt;
        page.words = p.words;  // the OCR stage still reads the layer's words
        if (text::trim(page.text).empty()) {
          page.source = TextSource::none;
          page.ocr_reason = "no text layer";
        }
        out.doc.pages.push_back(std::move(page));
      }
      if (ocr != nullptr) {
        if (auto st = ocr->run_pdf(bytes, pdf->pages, out.doc.pages); !st) return st.error();
      }
      break;
    }
    case Kind::html: {
      const HtmlText html = html_to_text(text::to_valid_utf8(bytes));
      out.doc.title = html.title;
      Page page;
      page.text = html.text;
      out.doc.pages.push_back(std::move(page));
      break;
    }
    case Kind::text:
      out.doc.pages = text_pages(bytes);
      break;
  }
  finish_document(out.doc);
  bool any_text = false;
  for (const Page& p : out.doc.pages) any_text = any_text || !p.text.empty();
  if (!any_text && detected.kind != Kind::pdf && detected.kind != Kind::image) {
    return Error::input("no text found in file");
  }
  return out;
}

}  // namespace foialens::ingest
