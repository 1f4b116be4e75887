#pragma once
// File type by content, not by name.

#include <string>
#include <string_view>

namespace foialens::ingest {

enum class Kind {
  pdf,
  text,
  html,
  image,
  archive,        // ZIP, 7z, tar (plain or compressed), RAR, ISO 9660, cpio: its files are read
  email,          // one RFC 5322 message (.eml)
  mbox,           // messages one after another, each after a "From " line
  outlook,        // an Outlook .msg file
  office,         // .docx, .xlsx, .odt, .ods: read from their XML
  legacy_office,  // .doc, .xls in the old binary formats: converted by LibreOffice if installed
  unsupported,
  empty,
};

struct Detected {
  Kind kind = Kind::unsupported;
  std::string media_type;  // application/pdf, text/plain, application/zip, message/rfc822, ...
  std::string why;         // for unsupported: what it looks like
};

// Looks at the content of a file: its first bytes, a ZIP's member names, an OLE file's
// streams, and, for text, whether it decodes. Containers are recognised before what they
// contain: a ZIP whose first member is a stored PDF is an archive, not a PDF.
Detected detect(std::string_view bytes);

// A short name for a media type, as `docs` shows it: pdf, docx, xlsx, eml, zip, text, ...
std::string format_name(std::string_view media_type);

}  // namespace foialens::ingest
