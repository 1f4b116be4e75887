#pragma once
// Character error rate: how far recognised text is from a reference transcription.
// Used by the tests and the OCR benchmark.

#include <cstddef>
#include <string>
#include <string_view>

namespace foialens::ocr {

// The text compared: NFC, case kept, every run of whitespace (including line breaks) one
// space, trimmed; a word hyphenated across a line break joined; curly quotes, dashes and
// ligatures mapped to their plain forms. Layout is not what OCR is judged on here.
std::string cer_normalize(std::string_view text);

// Levenshtein distance in Unicode code points.
std::size_t edit_distance(std::u32string_view a, std::u32string_view b);

// edit_distance(normalised hypothesis, normalised reference) / code points of the
// normalised reference. An empty reference gives 0 for an empty hypothesis, else 1.
double character_error_rate(std::string_view hypothesis, std::string_view reference);

}  // namespace foialens::ocr
