#include "web/html.hpp"

#include <string>

namespace foialens::web::html {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string marked(std::string_view snippet) {
  std::string out = escape(snippet);
  for (const auto& [from, to] : {std::pair{kMarkOpen, std::string_view("<mark>")},
                                 std::pair{kMarkClose, std::string_view("</mark>")}}) {
    for (std::size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size())) {
      out.replace(at, from.size(), to);
    }
  }
  return out;
}

std::string page(std::string_view title, const std::string& body, std::string_view query) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  out += escape(title);
  out += " \xE2\x80\x94 foialens</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
         "<script src=\"/static/app.js\" defer></script>\n</head>\n<body>\n"
         "<header>\n<nav aria-label=\"sections\"><a href=\"/\">Report</a> | <a href=\"/search\">Search</a> | "
         "<a href=\"/docs\">Documents</a> | <a href=\"/conflicts\">Conflicts</a> | "
         "<a href=\"/agreements\">Agreements</a> | <a href=\"/references\">References</a> | "
         "<a href=\"/requests\">Requests</a></nav>\n"
         "<form action=\"/search\" method=\"get\" role=\"search\"><label for=\"q\">Search</label> "
         "<input id=\"q\" name=\"q\" type=\"search\" value=\"";
  out += escape(query);
  out += "\" placeholder=\"detainer NEAR/5 honor\"> <button type=\"submit\">Search</button></form>\n"
         "</header>\n<main>\n";
  out += body;
  out += "</main>\n</body>\n</html>\n";
  return out;
}

std::string error_page(int status, std::string_view what, std::string_view hint) {
  std::string body = "<h1>Error " + std::to_string(status) + "</h1>\n<p class=\"error\" id=\"error\">" +
                     escape(what) + "</p>\n";
  if (!hint.empty()) body += "<p>" + escape(hint) + "</p>\n";
  return page("Error " + std::to_string(status), body);
}

// Plain and small: the pages read in order without it; it only sets widths, the
// highlight colour and the page image beside its text on a wide screen.
const std::string_view kStylesheet = R"css(body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:0 .8rem;color:#111}
header{border-bottom:1px solid #ccc;padding:.5rem 0}
header form{margin-top:.4rem;display:flex;gap:.3rem;flex-wrap:wrap}
header input[type=search]{flex:1;min-width:10rem;font-size:1rem;padding:.3rem}
h1{font-size:1.5rem;line-height:1.25}
h2{font-size:1.2rem}
mark{background:#fe6;color:#000}
.hit{margin:0 0 1rem}
.meta,.muted{color:#555;font-size:.9rem}
.facets a{white-space:nowrap}
table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.25rem .4rem;text-align:left;vertical-align:top}
.late,.conflict{color:#a00;font-weight:bold}
.soon,.review{color:#850}
.pageview{display:flex;flex-wrap:wrap;gap:1rem}
.pageview figure{margin:0;flex:1 1 28rem}
.pageimage{position:relative;display:inline-block;max-width:100%;border:1px solid #999}
.pageview img{display:block;max-width:100%;cursor:zoom-in}
.pageimage.full,.pageimage.full img{max-width:none}
.pageimage.full img{cursor:zoom-out}
.outlines{position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none}
.outlines .hit{fill:rgba(255,200,0,.25);stroke:#e60;stroke-width:1}
.outlines .evidence{fill:rgba(200,0,0,.15);stroke:#a00;stroke-width:1.2}
.pagetext{flex:1 1 22rem;white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.85rem}
.error{color:#a00;font-weight:bold}
pre{white-space:pre-wrap}
@media (max-width:40rem){td,th{display:block;border:0;padding:.1rem 0}tr{display:block;border-bottom:1px solid #ddd;padding:.3rem 0}thead{display:none}}
)css";

// A little behaviour, none of it needed to read a page: the root element says that the
// script runs (the stylesheet and the tests can tell); "/" focuses the search box; a
// click on a page image toggles between fitting the screen and full size; a draft
// button asks before it files a request.
const std::string_view kScript = R"js('use strict';
document.documentElement.classList.add('js');
document.addEventListener('keydown', function (e) {
  var box = document.getElementById('q');
  if (e.key === '/' && box && document.activeElement !== box &&
      !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
    e.preventDefault();
    box.focus();
  }
});
document.addEventListener('click', function (e) {
  var t = e.target;
  if (t && t.matches && t.matches('.pageimage img')) t.parentNode.classList.toggle('full');
  if (t && t.matches && t.matches('button[data-confirm]') && !window.confirm(t.getAttribute('data-confirm'))) {
    e.preventDefault();
  }
});
)js";

}  // namespace foialens::web::html
