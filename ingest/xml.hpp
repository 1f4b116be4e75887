#pragma once
// XML and HTML parsed by libxml2 into a small tree of our own, so that the Office and
// HTML readers need no libxml2 header. The only file that includes libxml2.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "ingest/container.hpp"

namespace foialens::ingest::xml {

struct Node {
  std::string name;  // local name, without namespace prefix (HTML: lower case); empty for text
  std::string text;  // for a text node: its characters, references decoded
  std::vector<std::pair<std::string, std::string>> attributes;  // local name, value
  std::vector<Node> children;

  bool is_text() const { return name.empty(); }
  // The value of the attribute with this local name, or "" when absent.
  std::string_view attr(std::string_view local) const;
  // The first child element with this local name, or nullptr.
  const Node* child(std::string_view local) const;
  // Every character of the text nodes below, in document order.
  std::string all_text() const;
};

// The root element of an XML document. No DTD is loaded, nothing is fetched from the
// network and entities are not expanded into the tree. Documents larger than
// limits.max_xml_bytes, or nested deeper than limits.max_xml_depth, are errors naming
// `what` (e.g. "word/document.xml").
Result<Node> parse_xml(std::string_view bytes, std::string_view what, const Limits& limits);

// The <html> element of an HTML document (UTF-8), repaired as browsers do; comments
// dropped.
Result<Node> parse_html(std::string_view utf8, const Limits& limits);

}  // namespace foialens::ingest::xml
