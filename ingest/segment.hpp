#pragma once
// Pages to passages: numbered sections and sub-clauses where the document has them
// ("ARTICLE IV", "Section 7.", "2-173-020", "4.", "(a)", "(1)", "I.", "A."), paragraphs
// otherwise. Each passage keeps its page span, its clause number and its heading path.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.hpp"

namespace foialens::ingest {

// Numbering styles; a style seen again at any depth is a sibling of its last use.
enum class MarkerStyle {
  article,         // ARTICLE IV, Article 4
  section,         // Section 7., SECTION 2, Sec. 3, § 4
  code_section,    // 2-173-020 (municipal code)
  decimal,         // 4.
  decimal_multi,   // 4.1, 4.1.2 (depth in `depth`)
  upper_roman,     // IV.
  upper_letter,    // B.
  lower_letter,    // b.
  paren_lower,     // (b)
  paren_upper,     // (B)
  paren_digit,     // (2)
  paren_roman,     // (iv)
  digit_paren,     // 2)
  letter_paren,    // b)
  bullet,          // •, -, *
};

struct Marker {
  MarkerStyle style;
  std::string label;  // as shown in paths and clause numbers: "Section 7", "(b)", "4."
  int value = 0;      // its number in sequence (a=1, iv=4, 7=7); 0 when not sequential
  int depth = 0;      // for decimal_multi: number of dots
  std::string rest;   // the text after the marker on its line
};

// Recognises a clause marker at the start of a line; nullopt for ordinary text.
// Sequence is not checked here (see segment()).
std::optional<Marker> parse_marker(std::string_view line);

// Lines that are page furniture (page numbers, running headers and footers repeated on
// most pages, Bates numbers) are dropped; the rest is split into passages.
std::vector<Passage> segment(const std::vector<Page>& pages);

// Value of a roman numeral (i..mmm), 0 when it is not one.
int roman_value(std::string_view s);

}  // namespace foialens::ingest
