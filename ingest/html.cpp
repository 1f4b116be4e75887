#include "ingest/html.hpp"

#include "common/text.hpp"
#include "ingest/xml.hpp"

namespace foialens::ingest {
namespace {

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  for (const auto n : names) {
    if (n == name) return true;
  }
  return false;
}

bool is_block(std::string_view tag) {
  return one_of(tag, {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table",
                      "section", "article", "header", "footer", "nav", "blockquote", "pre", "hr", "dd",
                      "dt", "dl", "main", "aside", "form", "figcaption", "address", "caption",
                      "fieldset", "details", "summary", "body"});
}

bool is_hidden(std::string_view tag) {
  return one_of(tag, {"script", "style", "noscript", "template", "svg", "head", "object", "iframe",
                      "select", "button", "math"});
}

void ensure_break(std::string& out, std::string_view brk) {
  std::size_t have = 0;
  while (have < out.size() && out[out.size() - 1 - have] == '\n') ++have;
  if (out.empty()) return;
  for (std::size_t i = have; i < brk.size(); ++i) out += '\n';
}

// Runs of white space in HTML text are one space, except inside <pre>.
void append_text(std::string& out, std::string_view text, bool pre) {
  if (pre) {
    out.append(text);
    return;
  }
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (!space) {
      out += c;
    } else if (!out.empty() && out.back() != ' ' && out.back() != '\n' && out.back() != '\t') {
      out += ' ';
    }
  }
}

void walk(const xml::Node& node, std::string& out, bool pre) {
  for (const xml::Node& c : node.children) {
    if (c.is_text()) {
      append_text(out, c.text, pre);
      continue;
    }
    if (is_hidden(c.name)) continue;
    if (c.name == "br") {
      out += '\n';
      continue;
    }
    const bool block = is_block(c.name);
    if (block) ensure_break(out, "\n\n");
    if (c.name == "tr") ensure_break(out, "\n");
    walk(c, out, pre || c.name == "pre");
    if (block) ensure_break(out, "\n\n");
    if (c.name == "td" || c.name == "th") out += '\t';
    if (c.name == "tr") out += '\n';
  }
}

const xml::Node* find(const xml::Node& node, std::string_view name) {
  for (const xml::Node& c : node.children) {
    if (c.name == name) return &c;
    if (!c.is_text() && c.name != "script" && c.name != "style") {
      if (const auto* f = find(c, name)) return f;
    }
  }
  return nullptr;
}

}  // namespace

Result<HtmlText> html_to_text(std::string_view utf8_html, const Limits& limits) {
  auto root = xml::parse_html(utf8_html, limits);
  if (!root) return root.error();
  HtmlText result;
  walk(*root, result.text, false);
  if (const auto* title = find(*root, "title")) result.title = text::squash_spaces(title->all_text());
  if (result.title.empty()) {
    if (const auto* h1 = find(*root, "h1")) result.title = text::squash_spaces(h1->all_text());
  }
  return result;
}

}  // namespace foialens::ingest
