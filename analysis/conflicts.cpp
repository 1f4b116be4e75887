#include "analysis/conflicts.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "common/text.hpp"

namespace foialens::analysis {

std::string lead_in_for(const std::vector<Passage>& passages, std::size_t index) {
  if (index >= passages.size()) return {};
  const std::string& path = passages[index].heading_path;
  if (path.empty()) return {};
  // Walk back to the ancestors (passages whose path is a prefix of this one's), nearest
  // first; the first that ends with a colon introduces this item.
  std::size_t looked = 0;
  for (std::size_t k = index; k-- > 0 && looked < 200; ++looked) {
    const Passage& q = passages[k];
    if (q.heading_path.empty() || q.heading_path.size() >= path.size()) continue;
    if (path.compare(0, q.heading_path.size(), q.heading_path) != 0 ||
        path.compare(q.heading_path.size(), 3, " > ") != 0) {
      continue;
    }
    const std::string_view body = text::trim(q.text);
    if (!body.empty() && body.back() == ':') return std::string(body);
  }
  // An unnumbered paragraph ending with a colon right before the first item of a list
  // ("... the following functions:" then "(a) ...").
  for (std::size_t k = index; k-- > 0 && index - k <= 8;) {
    const Passage& q = passages[k];
    const std::string_view body = text::trim(q.text);
    if (body.empty() || body == text::trim(q.clause) || body.size() <= 4) continue;  // a bare "1."
    const bool sibling_or_parent =
        q.heading_path.empty() || path.compare(0, q.heading_path.size(), q.heading_path) == 0;
    if (!sibling_or_parent) break;
    if (body.back() == ':') return std::string(body);
    if (q.heading_path == path) break;  // a paragraph of the same item: no lead-in
  }
  return {};
}

}  // namespace foialens::analysis
