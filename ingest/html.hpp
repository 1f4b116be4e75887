#pragma once
// Text from HTML, through libxml2's HTML parser: the visible text, with block elements as
// line breaks; no tags, scripts, styles or comments; every character reference decoded.

#include <string>
#include <string_view>

#include "common/error.hpp"
#include "ingest/container.hpp"

namespace foialens::ingest {

struct HtmlText {
  std::string title;  // <title>, else the first <h1>
  std::string text;
};

Result<HtmlText> html_to_text(std::string_view utf8_html, const Limits& limits = {});

}  // namespace foialens::ingest
