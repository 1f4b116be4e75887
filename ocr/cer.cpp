#include "ocr/cer.hpp"

#include <algorithm>
#include <vector>

#include "common/text.hpp"

namespace foialens::ocr {
namespace {

// Decodes valid UTF-8 (callers pass text::normalize output, which is valid).
std::u32string decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (int k = 1; k < len && i + static_cast<std::size_t>(k) < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3Fu);
    }
    out.push_back(cp);
    i += static_cast<std::size_t>(len);
  }
  return out;
}

char32_t plain(char32_t c) {
  switch (c) {
    case U'\u2010': case U'\u2011': case U'\u2012': case U'\u2013': case U'\u2014':
    case U'\u2212':
      return U'-';
    case U'\u00B7': case U'\u2022': case U'\u2219':
      return U'\u2022';  // bullets and middle dots look alike on a scan
    default:
      return c;
  }
}

}  // namespace

std::string cer_normalize(std::string_view input) {
  return text::squash_spaces(text::normalize(text::to_valid_utf8(input)));
}

std::size_t edit_distance(std::u32string_view a, std::u32string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = plain(a[i - 1]) == plain(b[j - 1]) ? 0 : 1;
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

double character_error_rate(std::string_view hypothesis, std::string_view reference) {
  const std::u32string ref = decode(cer_normalize(reference));
  const std::u32string hyp = decode(cer_normalize(hypothesis));
  if (ref.empty()) return hyp.empty() ? 0.0 : 1.0;
  return static_cast<double>(edit_distance(hyp, ref)) / static_cast<double>(ref.size());
}

}  // namespace foialens::ocr
