#pragma once
// Server-rendered HTML: every value goes through escape(); pages share one layout that
// reads well without its stylesheet and fits a phone.

#include <string>
#include <string_view>

namespace foialens::web::html {

// Escapes & < > " ' so that any text is shown as text, in content and in attributes.
std::string escape(std::string_view text);

// Percent-encodes `text` for one query-string value or path segment (RFC 3986 unreserved
// characters are kept).
std::string url_encode(std::string_view text);

// Markers that index snippets carry around highlighted words here, and the escaped
// snippet with them turned into <mark> elements.
inline constexpr std::string_view kMarkOpen = "\xEE\x80\x80";   // U+E000
inline constexpr std::string_view kMarkClose = "\xEE\x80\x81";  // U+E001
std::string marked(std::string_view snippet);

// A whole page: `title` (escaped here) and `body` (already HTML). `query` fills the search
// box of the header.
std::string page(std::string_view title, const std::string& body, std::string_view query = "");

// The error page: what failed and what to do, as text.
std::string error_page(int status, std::string_view what, std::string_view hint = "");

// The stylesheet and the script the pages link to (served from /static/).
extern const std::string_view kStylesheet;
extern const std::string_view kScript;

}  // namespace foialens::web::html
