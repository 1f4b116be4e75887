#include "ingest/xml.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <mutex>

namespace foialens::ingest::xml {
namespace {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

const char* chars(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

// Iterative on the libxml2 side would be no shallower: the depth limit bounds the
// recursion instead.
Status copy(const xmlNode* from, Node& to, int depth, int max_depth, std::string_view what) {
  if (depth > max_depth) {
    return Error::input(std::string(what) + ": nested deeper than " + std::to_string(max_depth) +
                        " levels (--max-xml-depth raises the limit)");
  }
  to.name = chars(from->name);
  for (const xmlAttr* a = from->properties; a != nullptr; a = a->next) {
    xmlChar* value = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a));
    to.attributes.emplace_back(chars(a->name), value ? chars(value) : "");
    xmlFree(value);
  }
  for (const xmlNode* c = from->children; c != nullptr; c = c->next) {
    switch (c->type) {
      case XML_ELEMENT_NODE: {
        Node child;
        if (auto st = copy(c, child, depth + 1, max_depth, what); !st) return st;
        to.children.push_back(std::move(child));
        break;
      }
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (c->content != nullptr) {
          if (!to.children.empty() && to.children.back().is_text()) {
            to.children.back().text += chars(c->content);
          } else {
            Node text;
            text.text = chars(c->content);
            to.children.push_back(std::move(text));
          }
        }
        break;
      default:
        break;  // comments, processing instructions, entity references
    }
  }
  return Ok{};
}

// libxml2 asks to be initialised once, before threads use it.
void init() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

std::string last_error(std::string_view fallback) {
  const xmlError* e = xmlGetLastError();
  if (e == nullptr || e->message == nullptr) return std::string(fallback);
  std::string m = e->message;
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m + " (line " + std::to_string(e->line) + ")";
}

Result<Node> to_tree(xmlDoc* doc, std::string_view what, const Limits& limits) {
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (root == nullptr) return Error::input(std::string(what) + ": no root element");
  Node out;
  if (auto st = copy(root, out, 1, limits.max_xml_depth, what); !st) return st.error();
  return out;
}

}  // namespace

std::string_view Node::attr(std::string_view local) const {
  for (const auto& [k, v] : attributes) {
    if (k == local) return v;
  }
  return {};
}

const Node* Node::child(std::string_view local) const {
  for (const Node& c : children) {
    if (c.name == local) return &c;
  }
  return nullptr;
}

std::string Node::all_text() const {
  if (is_text()) return text;
  std::string out;
  for (const Node& c : children) out += c.all_text();
  return out;
}

Result<Node> parse_xml(std::string_view bytes, std::string_view what, const Limits& limits) {
  if (bytes.size() > limits.max_xml_bytes) {
    return Error::input(std::string(what) + ": larger than " + size_text(limits.max_xml_bytes) +
                        " (--max-xml-size raises the limit)");
  }
  init();
  xmlResetLastError();
  // libxml2 stops at 256 levels unless told the document may be huge.
  const int huge = limits.max_xml_depth > 256 ? XML_PARSE_HUGE : 0;
  DocPtr doc(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | huge));
  if (!doc) return Error::input(std::string(what) + ": not well-formed XML: " + last_error("unreadable"));
  return to_tree(doc.get(), what, limits);
}

Result<Node> parse_html(std::string_view utf8, const Limits& limits) {
  if (utf8.size() > limits.max_xml_bytes) {
    return Error::input("HTML larger than " + size_text(limits.max_xml_bytes) + " (--max-xml-size raises the limit)");
  }
  init();
  xmlResetLastError();
  DocPtr doc(htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8",
                            HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED));
  if (!doc) return Error::input("unreadable HTML: " + last_error("no content"));
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) return Error::input("unreadable HTML: no elements");
  // Without implied elements a fragment may have several top-level nodes: gather them.
  Node out;
  out.name = "html";
  for (const xmlNode* n = doc->children; n != nullptr; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && std::string_view(chars(n->name)) == "html") {
      Node html;
      if (auto st = copy(n, html, 1, limits.max_xml_depth, "HTML"); !st) return st.error();
      for (auto& c : html.children) out.children.push_back(std::move(c));
    } else if (n->type == XML_ELEMENT_NODE) {
      Node el;
      if (auto st = copy(n, el, 2, limits.max_xml_depth, "HTML"); !st) return st.error();
      out.children.push_back(std::move(el));
    } else if (n->type == XML_TEXT_NODE && n->content != nullptr) {
      Node text;
      text.text = chars(n->content);
      out.children.push_back(std::move(text));
    }
  }
  return out;
}

}  // namespace foialens::ingest::xml
