#include "common/text.hpp"

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <memory>

namespace foialens::text {
namespace {

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 when malformed.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i, char32_t* out) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    if (out) *out = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; }
  else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; }
  else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    return 0;
  }
  if (out) *out = cp;
  return len;
}

// Windows-1252 code points for bytes 0x80..0x9F (0 = undefined).
constexpr char32_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

struct FreeDeleter {
  void operator()(void* p) const { std::free(p); }
};

std::string utf8proc_map_string(std::string_view s, int options) {
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                              static_cast<utf8proc_ssize_t>(s.size()), &out,
                              static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owned(out);
  if (n < 0) return std::string(s);
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

bool is_lower_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') ||
         (c >= 0xDF && c <= 0x24F && utf8proc_category(static_cast<utf8proc_int32_t>(c)) ==
                                         UTF8PROC_CATEGORY_LL);
}

// Maps one code point to its clean form; returns false when it should be dropped.
bool clean_code_point(char32_t cp, std::string& out) {
  switch (cp) {
    case 0x00AD:  // soft hyphen
    case 0x200B: case 0x200C: case 0x200D: case 0xFEFF:  // zero-width, BOM
      return false;
    case 0xFB00: out += "ff"; return true;
    case 0xFB01: out += "fi"; return true;
    case 0xFB02: out += "fl"; return true;
    case 0xFB03: out += "ffi"; return true;
    case 0xFB04: out += "ffl"; return true;
    case 0xFB05: case 0xFB06: out += "st"; return true;
    case 0x2018: case 0x2019: case 0x201A: case 0x2032: out += '\''; return true;
    case 0x201C: case 0x201D: case 0x201E: case 0x2033: out += '"'; return true;
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000:
      out += ' ';
      return true;
    case 0x2010: case 0x2011: out += '-'; return true;
    case 0x2028: case 0x2029: out += '\n'; return true;
    default:
      break;
  }
  if (cp == '\t' || cp == '\v') { out += ' '; return true; }
  if (cp < 0x20 && cp != '\n' && cp != '\f') return false;  // other controls
  append_utf8(out, cp);
  return true;
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto n = utf8_sequence_length(s, i, nullptr);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string to_valid_utf8(std::string_view s) {
  if (is_valid_utf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + s.size() / 4);
  for (const char ch : s) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      out += ch;
    } else if (b < 0xA0) {
      const char32_t cp = kCp1252High[b - 0x80];
      append_utf8(out, cp ? cp : 0xFFFD);
    } else {
      append_utf8(out, b);
    }
  }
  return out;
}

std::string normalize(std::string_view input) {
  const std::string valid = to_valid_utf8(input);
  const std::string nfc = utf8proc_map_string(valid, UTF8PROC_STABLE | UTF8PROC_COMPOSE);

  // Pass 1: code point clean-up, CRLF/CR to LF.
  std::string cleaned;
  cleaned.reserve(nfc.size());
  for (std::size_t i = 0; i < nfc.size();) {
    char32_t cp = 0;
    std::size_t n = utf8_sequence_length(nfc, i, &cp);
    if (n == 0) { cp = 0xFFFD; n = 1; }
    if (cp == '\r') {
      cleaned += '\n';
      if (i + 1 < nfc.size() && nfc[i + 1] == '\n') ++i;
    } else {
      clean_code_point(cp, cleaned);
    }
    i += n;
  }

  // Pass 2: join end-of-line hyphenation, fold spaces, trim lines, fold blank lines.
  std::string out;
  out.reserve(cleaned.size());
  std::size_t blank_run = 0;
  std::size_t pos = 0;
  bool pending_join = false;  // previous line ended with a hyphen that joins this one
  while (pos <= cleaned.size()) {
    std::size_t eol = cleaned.find('\n', pos);
    if (eol == std::string::npos) eol = cleaned.size();
    std::string_view line(cleaned.data() + pos, eol - pos);

    // Fold runs of spaces inside the line, trim both ends.
    std::string folded;
    folded.reserve(line.size());
    bool in_space = false;
    for (const char c : line) {
      if (c == ' ') {
        in_space = true;
        continue;
      }
      if (in_space && !folded.empty() && folded.back() != '\f') folded += ' ';
      in_space = false;
      folded += c;
    }

    if (folded.empty()) {
      pending_join = false;
      ++blank_run;
      if (blank_run == 1 && !out.empty() && out.back() != '\n') out += '\n';
      if (blank_run == 1 && !out.empty()) out += '\n';
    } else {
      if (pending_join) {
        // Previous line ended "enforce-": drop the hyphen and the line break.
        out.pop_back();  // the '\n' we appended
        out.pop_back();  // the '-'
      } else if (blank_run == 0 && !out.empty() && out.back() != '\n') {
        out += '\n';
      }
      blank_run = 0;
      out += folded;
      out += '\n';
      pending_join = false;
      // A hyphen directly after a lower-case letter at the end of a line, and a next line
      // that starts with a lower-case letter, is word hyphenation.
      if (folded.size() >= 2 && folded.back() == '-') {
        std::size_t k = folded.size() - 2;
        while (k > 0 && (static_cast<unsigned char>(folded[k]) & 0xC0) == 0x80) --k;
        char32_t prev = 0;
        if (utf8_sequence_length(folded, k, &prev) && is_lower_letter(prev)) {
          std::size_t next = eol + 1;
          while (next < cleaned.size() && cleaned[next] == ' ') ++next;
          char32_t nc = 0;
          if (next < cleaned.size() && utf8_sequence_length(cleaned, next, &nc) &&
              is_lower_letter(nc)) {
            pending_join = true;
          }
        }
      }
    }
    if (eol == cleaned.size()) break;
    pos = eol + 1;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string casefold(std::string_view s) {
  return utf8proc_map_string(to_valid_utf8(s),
                             UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto at = s.find(sep, start);
    if (at == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

std::string squash_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (const char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::size_t length_utf8(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string truncate_utf8(std::string_view s, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) return std::string(s.substr(0, i)) + "\u2026";
      ++chars;
    }
  }
  return std::string(s);
}

}  // namespace foialens::text
