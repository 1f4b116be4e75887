#pragma once
// Unicode and text helpers shared by every part: valid UTF-8, NFC normalisation and the
// clean-up that extracted and OCR'd text needs before it is segmented and indexed.

#include <string>
#include <string_view>
#include <vector>

namespace foialens::text {

// True when `s` is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

// Returns `s` as valid UTF-8: unchanged when it already is; otherwise decoded as
// Windows-1252 (the usual encoding of non-UTF-8 text from public agencies), with
// undefined bytes replaced by U+FFFD.
std::string to_valid_utf8(std::string_view s);

// The full clean-up applied to every page of text before segmentation:
// - NFC composition;
// - typographic ligatures (U+FB00..U+FB06) spelled out, soft hyphens removed;
// - curly quotes and non-breaking/odd spaces mapped to their ASCII forms;
// - a word broken by a hyphen at the end of a line joined ("enforce-\nment");
// - runs of spaces and tabs folded, trailing spaces dropped, CRLF/CR to LF,
//   more than one blank line folded to one; form feeds kept (they separate pages).
std::string normalize(std::string_view s);

// Appends code point `cp` to `out` as UTF-8 (U+FFFD for surrogates and values past U+10FFFF).
void append_utf8(std::string& out, char32_t cp);

// Lower-cases with Unicode case folding (utf8proc).
std::string casefold(std::string_view s);

// ASCII-only lower-casing, for identifiers and keys.
std::string lower_ascii(std::string_view s);

// Trims ASCII whitespace at both ends.
std::string_view trim(std::string_view s);

// Splits on a single character, keeping empty fields.
std::vector<std::string_view> split(std::string_view s, char sep);

// Collapses every run of whitespace (including newlines) to one space and trims.
std::string squash_spaces(std::string_view s);

// Number of Unicode code points (invalid bytes count one each).
std::size_t length_utf8(std::string_view s);

// At most `max_chars` code points of `s`, never cutting a UTF-8 sequence; appends "…"
// when it shortened the text.
std::string truncate_utf8(std::string_view s, std::size_t max_chars);

}  // namespace foialens::text
