#pragma once
// File type by content, not by name.

#include <string>
#include <string_view>

namespace foialens::ingest {

enum class Kind { pdf, text, html, image, unsupported, empty };

struct Detected {
  Kind kind = Kind::unsupported;
  std::string media_type;  // application/pdf, text/plain, text/html, image/png, ...
  std::string why;         // for unsupported: what it looks like
};

// Looks at the first bytes (and, for text, whether they decode) of a file's content.
Detected detect(std::string_view bytes);

}  // namespace foialens::ingest
