#include "ingest/detect.hpp"

#include <algorithm>
#include <cctype>

#include "common/text.hpp"

namespace foialens::ingest {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool looks_like_html(std::string_view head) {
  std::string lower = text::lower_ascii(head.substr(0, 2048));
  const std::string_view t = text::trim(lower);
  return starts_with(t, "<!doctype html") || starts_with(t, "<html") ||
         lower.find("<html") != std::string::npos ||
         (lower.find("<body") != std::string::npos && lower.find("</") != std::string::npos) ||
         (starts_with(t, "<") && (lower.find("<p>") != std::string::npos ||
                                  lower.find("<div") != std::string::npos));
}

// Text when nearly every byte of the head is printable or whitespace, in UTF-8 or in a
// single-byte encoding; NUL bytes or many control bytes mean binary.
bool looks_like_text(std::string_view head) {
  std::size_t control = 0;
  for (const char ch : head) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) return false;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  return control * 100 <= head.size();
}

}  // namespace

Detected detect(std::string_view bytes) {
  if (bytes.empty() || text::trim(bytes).empty()) return {Kind::empty, "", "empty file"};
  const std::string_view head = bytes.substr(0, 4096);
  // PDF: the header may follow some junk, within the first kilobyte.
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) {
    return {Kind::pdf, "application/pdf", ""};
  }
  if (starts_with(head, "\x89PNG\r\n\x1a\n")) return {Kind::image, "image/png", ""};
  if (starts_with(head, "\xFF\xD8\xFF")) return {Kind::image, "image/jpeg", ""};
  if (starts_with(head, std::string_view("II*\0", 4)) || starts_with(head, std::string_view("MM\0*", 4))) {
    return {Kind::image, "image/tiff", ""};
  }
  if (starts_with(head, "\xFF\xFE") || starts_with(head, "\xFE\xFF")) {
    return {Kind::text, "text/plain; charset=utf-16", ""};
  }
  if (starts_with(head, "GIF87a") || starts_with(head, "GIF89a")) {
    return {Kind::unsupported, "image/gif", "GIF image (convert it to PNG to OCR it)"};
  }
  if (starts_with(head, "PK\x03\x04")) {
    return {Kind::unsupported, "application/zip",
            "ZIP archive or Office document (export it to PDF first)"};
  }
  if (starts_with(head, std::string_view("\xD0\xCF\x11\xE0", 4))) {
    return {Kind::unsupported, "application/x-ole-storage",
            "legacy Office document (export it to PDF first)"};
  }
  if (starts_with(head, "{\\rtf")) return {Kind::unsupported, "application/rtf", "RTF document"};
  if (starts_with(head, "\x1F\x8B")) return {Kind::unsupported, "application/gzip", "gzip data"};
  if (!looks_like_text(head)) return {Kind::unsupported, "application/octet-stream", "binary data"};
  if (looks_like_html(head)) return {Kind::html, "text/html", ""};
  return {Kind::text, "text/plain", ""};
}

}  // namespace foialens::ingest
