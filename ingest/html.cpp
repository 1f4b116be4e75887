#include "ingest/html.hpp"

#include <array>
#include <charconv>

#include "common/text.hpp"

namespace foialens::ingest {
namespace {

struct Named {
  std::string_view name;
  unsigned cp;
};
constexpr std::array<Named, 24> kNamed = {{
    {"amp", '&'},     {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
    {"apos", '\''},   {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014},
    {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
    {"hellip", 0x2026}, {"sect", 0xA7},  {"para", 0xB6},    {"copy", 0xA9},
    {"reg", 0xAE},    {"trade", 0x2122}, {"bull", 0x2022},  {"middot", 0xB7},
    {"eacute", 0xE9}, {"ntilde", 0xF1},  {"aacute", 0xE1},  {"shy", 0xAD},
}};

bool is_block(std::string_view tag) {
  static constexpr std::string_view kBlocks[] = {
      "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
      "section", "article", "header", "footer", "nav", "blockquote", "pre", "hr", "dd", "dt",
      "dl", "main", "aside", "form", "title", "td", "th", "figcaption", "address"};
  for (const auto b : kBlocks) {
    if (tag == b) return true;
  }
  return false;
}

}  // namespace

std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += '&';
      continue;
    }
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    bool done = false;
    if (!name.empty() && name[0] == '#') {
      unsigned cp = 0;
      const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      const std::string_view digits = name.substr(hex ? 2 : 1);
      const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (r.ec == std::errc() && r.ptr == digits.data() + digits.size() && !digits.empty()) {
        text::append_utf8(out, cp == 0 ? 0xFFFD : cp);
        done = true;
      }
    } else {
      for (const auto& n : kNamed) {
        if (n.name == name) {
          text::append_utf8(out, n.cp);
          done = true;
          break;
        }
      }
    }
    if (done) {
      i = semi;
    } else {
      out += '&';
    }
  }
  return out;
}

HtmlText html_to_text(std::string_view html) {
  HtmlText result;
  std::string raw;
  raw.reserve(html.size());
  std::string title_raw, h1_raw;
  bool in_title = false, in_h1 = false;
  for (std::size_t i = 0; i < html.size();) {
    if (html[i] != '<') {
      const std::size_t next = std::min(html.find('<', i), html.size());
      const std::string_view chunk = html.substr(i, next - i);
      raw.append(chunk);
      if (in_title) title_raw.append(chunk);
      if (in_h1) h1_raw.append(chunk);
      i = next;
      continue;
    }
    if (html.compare(i, 4, "<!--") == 0) {
      const std::size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    const std::size_t close = html.find('>', i);
    if (close == std::string_view::npos) break;
    std::string_view tag = html.substr(i + 1, close - i - 1);
    const bool closing = !tag.empty() && tag[0] == '/';
    if (closing) tag.remove_prefix(1);
    std::size_t name_end = 0;
    while (name_end < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[name_end])))) {
      ++name_end;
    }
    const std::string name = text::lower_ascii(tag.substr(0, name_end));
    i = close + 1;
    if (!closing && (name == "script" || name == "style" || name == "noscript" ||
                     name == "template" || name == "svg")) {
      const std::string end_tag = "</" + name;
      std::size_t at = i;
      while (true) {
        at = html.find("</", at);
        if (at == std::string_view::npos) break;
        if (text::lower_ascii(html.substr(at, end_tag.size())) == end_tag) break;
        at += 2;
      }
      const std::size_t end = at == std::string_view::npos ? html.size() : html.find('>', at);
      i = end == std::string_view::npos ? html.size() : end + 1;
      continue;
    }
    if (name == "title") in_title = !closing;
    if (name == "h1") in_h1 = !closing && h1_raw.empty();
    if (name == "head" && closing) raw += "\n\n";
    if (is_block(name)) raw += (name == "br" || name == "td" || name == "th") ? "\n" : "\n\n";
  }
  // The <title> is metadata; it is not repeated as body text.
  if (!title_raw.empty()) {
    const std::size_t at = raw.find(title_raw);
    if (at != std::string::npos) raw.erase(at, title_raw.size());
  }
  result.text = decode_entities(raw);
  result.title = text::squash_spaces(decode_entities(title_raw));
  if (result.title.empty()) result.title = text::squash_spaces(decode_entities(h1_raw));
  return result;
}

}  // namespace foialens::ingest
