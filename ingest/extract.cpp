#include "ingest/extract.hpp"

#include "common/text.hpp"
#include "ingest/archive.hpp"
#include "ingest/convert.hpp"
#include "ingest/email.hpp"
#include "ingest/html.hpp"
#include "ingest/msg.hpp"
#include "ingest/office.hpp"
#include "ingest/metadata.hpp"
#include "ingest/ocr_stage.hpp"
#include "ingest/pdf.hpp"
#include "ingest/segment.hpp"

namespace foialens::ingest {
namespace {
namespace fs = std::filesystem;

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

// A message is one document: its headers on top of its body, so that names and the
// subject are found by ordinary search too, and as fields for `from:`, `to:`, `subject:`.
void message_document(Message& m, Document& doc) {
  doc.title = m.subject.empty() ? "(no subject)" : m.subject;
  std::string head;
  const auto line = [&](std::string_view name, const std::string& value) {
    if (!value.empty()) head += std::string(name) + ": " + value + "\n";
  };
  line("From", m.from);
  line("To", m.to);
  line("Cc", m.cc);
  line("Date", m.date);
  line("Subject", m.subject);
  Page page;
  page.text = head + "\n" + m.body;
  doc.pages.push_back(std::move(page));
  std::string references;
  for (const auto& r : m.references) references += (references.empty() ? "" : " ") + r;
  for (auto [name, value] : {std::pair<const char*, std::string*>{"from", &m.from}, {"to", &m.to},
                             {"cc", &m.cc}, {"date", &m.date}, {"subject", &m.subject},
                             {"message-id", &m.message_id}, {"in-reply-to", &m.in_reply_to},
                             {"references", &references}}) {
    if (!value->empty()) doc.fields.emplace_back(name, *value);
  }
}

// Attachments go on as children; without a nesting they are not read.
void hand_on(Message& m, Nesting* nesting) {
  if (nesting == nullptr) return;
  for (Child& c : m.attachments) nesting->on_child(std::move(c));
  m.attachments.clear();
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
  // Spreadsheets come with their passages: one per row.
  if (doc.passages.empty()) doc.passages = segment(doc.pages);
  fill_metadata(doc);
}

Result<Extracted> extract(std::string_view bytes, const Options& options, OcrStage* ocr, Nesting* nesting) {
  Extracted out;
  std::optional<Date> message_day;
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
      auto html = html_to_text(text::to_valid_utf8(bytes), options.limits);
      if (!html) return html.error();
      out.doc.title = html->title;
      Page page;
      page.text = std::move(html->text);
      out.doc.pages.push_back(std::move(page));
      break;
    }
    case Kind::archive:
    case Kind::mbox: {
      out.container = true;
      if (nesting == nullptr) {
        out.skipped = true;
        out.skip_reason = "unsupported type: archive (its files are read only during ingest)";
        return out;
      }
      const Status st = detected.kind == Kind::mbox ? read_mbox(bytes, *nesting) : read_archive(bytes, *nesting);
      if (!st) return st.error();
      return out;
    }
    case Kind::email:
    case Kind::outlook: {
      auto message = detected.kind == Kind::email ? read_email(bytes, options.limits)
                                                  : read_msg(bytes, options.limits);
      if (!message) return message.error();
      message_day = message->day;
      message_document(*message, out.doc);
      hand_on(*message, nesting);
      out.doc.doc_type = "email";
      break;
    }
    case Kind::legacy_office:
    case Kind::office: {
      std::string converted;
      std::string_view office_bytes = bytes;
      std::string media = detected.media_type;
      if (detected.kind == Kind::legacy_office) {
        const fs::path temp = options.fetch.temp_dir.empty() ? options.home / "tmp" : options.fetch.temp_dir;
        auto got = convert_legacy_office(bytes, detected.media_type, temp);
        if (!got) return got.error();
        converted = std::move(*got);
        office_bytes = converted;
        media = detect(converted).media_type;
      }
      auto office = read_office(office_bytes, media, options.limits);
      if (!office) return office.error();
      out.doc.title = office->title;
      out.doc.pages = std::move(office->pages);
      out.doc.passages = std::move(office->rows);
      break;
    }
    case Kind::text:
      out.doc.pages = text_pages(bytes);
      break;
  }
  const std::string doc_type = out.doc.doc_type;
  finish_document(out.doc);
  // A message's own date and kind are in its headers, not to be guessed from its text.
  if (message_day) out.doc.date = message_day;
  if (!doc_type.empty()) out.doc.doc_type = doc_type;
  bool any_text = false;
  for (const Page& p : out.doc.pages) any_text = any_text || !p.text.empty();
  if (!any_text && detected.kind != Kind::pdf && detected.kind != Kind::image) {
    return Error::input("no text found in file");
  }
  return out;
}

}  // namespace foialens::ingest
