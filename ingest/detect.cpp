#include "ingest/detect.hpp"

#include <algorithm>
#include <cctype>

#include "common/text.hpp"
#include "ingest/archive.hpp"
#include "ingest/email.hpp"
#include "ingest/msg.hpp"

namespace foialens::ingest {
namespace {

constexpr std::string_view kDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr std::string_view kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr std::string_view kOdt = "application/vnd.oasis.opendocument.text";
constexpr std::string_view kOds = "application/vnd.oasis.opendocument.spreadsheet";

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

// An OpenDocument package starts with its uncompressed "mimetype" member (ODF 1.2 part 3,
// 3.3); Office Open XML packages are told apart by their main part's name.
Detected zip_kind(std::string_view bytes) {
  constexpr std::string_view kMime = "mimetypeapplication/vnd.oasis.opendocument.";
  if (bytes.size() > 30 + kMime.size() && bytes.substr(30, kMime.size()) == kMime) {
    const std::string_view rest = bytes.substr(30 + kMime.size(), 40);
    if (starts_with(rest, "text") && !starts_with(rest, "text-")) return {Kind::office, std::string(kOdt), ""};
    if (starts_with(rest, "spreadsheet") && !starts_with(rest, "spreadsheet-")) {
      return {Kind::office, std::string(kOds), ""};
    }
    return {Kind::unsupported, "application/vnd.oasis.opendocument",
            "OpenDocument presentation or drawing (export it to PDF first)"};
  }
  const auto names = zip_names(bytes, 100000);
  const auto has = [&](std::string_view n) { return std::find(names.begin(), names.end(), n) != names.end(); };
  if (has("[Content_Types].xml")) {
    if (has("word/document.xml")) return {Kind::office, std::string(kDocx), ""};
    if (has("xl/workbook.xml")) return {Kind::office, std::string(kXlsx), ""};
    if (has("ppt/presentation.xml")) {
      return {Kind::unsupported, "application/vnd.openxmlformats-officedocument.presentationml.presentation",
              "PowerPoint presentation (export it to PDF first)"};
    }
  }
  return {Kind::archive, "application/zip", ""};
}

Detected ole(std::string_view bytes) {
  switch (ole_kind(bytes)) {
    case OleKind::outlook_message: return {Kind::outlook, "application/vnd.ms-outlook", ""};
    case OleKind::word: return {Kind::legacy_office, "application/msword", ""};
    case OleKind::excel: return {Kind::legacy_office, "application/vnd.ms-excel", ""};
    case OleKind::powerpoint:
      return {Kind::unsupported, "application/vnd.ms-powerpoint", "PowerPoint presentation (export it to PDF first)"};
    case OleKind::other:
    case OleKind::unreadable: break;
  }
  return {Kind::unsupported, "application/x-ole-storage", "OLE compound file of an unknown kind"};
}

}  // namespace

Detected detect(std::string_view bytes) {
  if (bytes.empty() || text::trim(bytes).empty()) return {Kind::empty, "", "empty file"};
  const std::string_view head = bytes.substr(0, 4096);
  // Containers first: a ZIP or tar may hold a PDF within its first kilobyte.
  if (starts_with(head, "PK\x03\x04") || starts_with(head, "PK\x05\x06")) return zip_kind(bytes);
  if (head.size() > 262 && head.substr(257, 5) == "ustar") return {Kind::archive, "application/x-tar", ""};
  if (starts_with(head, "7z\xBC\xAF\x27\x1C")) return {Kind::archive, "application/x-7z-compressed", ""};
  if (starts_with(head, "Rar!\x1A\x07")) return {Kind::archive, "application/vnd.rar", ""};
  if (starts_with(head, "\x1F\x8B")) return {Kind::archive, "application/gzip", ""};
  if (starts_with(head, "BZh") && head.size() > 3 && head[3] >= '1' && head[3] <= '9') {
    return {Kind::archive, "application/x-bzip2", ""};
  }
  if (starts_with(head, std::string_view("\xFD" "7zXZ\0", 6))) return {Kind::archive, "application/x-xz", ""};
  if (starts_with(head, "\x28\xB5\x2F\xFD")) return {Kind::archive, "application/zstd", ""};
  if (starts_with(head, "070707") || starts_with(head, "070701") || starts_with(head, "070702")) {
    return {Kind::archive, "application/x-cpio", ""};
  }
  if (bytes.size() > 0x8006 && bytes.substr(0x8001, 5) == "CD001") {
    return {Kind::archive, "application/x-iso9660-image", ""};
  }
  if (starts_with(head, std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) return ole(bytes);
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
  if (starts_with(head, "{\\rtf")) return {Kind::unsupported, "application/rtf", "RTF document"};
  if (!looks_like_text(head)) return {Kind::unsupported, "application/octet-stream", "binary data"};
  if (looks_like_mbox(head)) return {Kind::mbox, "application/mbox", ""};
  if (looks_like_message(head)) return {Kind::email, "message/rfc822", ""};
  if (looks_like_html(head)) return {Kind::html, "text/html", ""};
  return {Kind::text, "text/plain", ""};
}

std::string format_name(std::string_view media_type) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"application/pdf", "pdf"},
      {"text/plain", "text"},
      {"text/html", "html"},
      {"image/png", "png"},
      {"image/jpeg", "jpeg"},
      {"image/tiff", "tiff"},
      {"message/rfc822", "eml"},
      {"application/vnd.ms-outlook", "msg"},
      {kDocx, "docx"},
      {kXlsx, "xlsx"},
      {kOdt, "odt"},
      {kOds, "ods"},
      {"application/msword", "doc"},
      {"application/vnd.ms-excel", "xls"},
  };
  for (const auto& [type, name] : kNames) {
    if (starts_with(media_type, type)) return std::string(name);
  }
  const std::size_t slash = media_type.find('/');
  return std::string(slash == std::string_view::npos ? media_type : media_type.substr(slash + 1));
}

}  // namespace foialens::ingest
