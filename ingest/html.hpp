#pragma once
// Text from HTML: the visible text, with block elements as line breaks; no tags, scripts,
// styles or comments.

#include <string>
#include <string_view>

namespace foialens::ingest {

struct HtmlText {
  std::string title;  // <title>, else the first <h1>
  std::string text;
};

HtmlText html_to_text(std::string_view html);

// Decodes character references: named (the common ones), decimal and hex.
std::string decode_entities(std::string_view s);

}  // namespace foialens::ingest
