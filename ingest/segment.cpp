#include "ingest/segment.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "common/text.hpp"

namespace foialens::ingest {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

// What may follow a list marker: a space and then the clause's text (or nothing).
bool followed_by_text(std::string_view s, std::size_t at) {
  if (at >= s.size()) return true;
  return s[at] == ' ';
}

std::string rest_after(std::string_view s, std::size_t at) {
  while (at < s.size() && (s[at] == ' ' || s[at] == '.' || s[at] == ':' || s[at] == '-' ||
                           s[at] == '\xE2')) {
    if (s[at] == '\xE2') {
      // An em or en dash (E2 80 93/94) after a section number.
      if (s.compare(at, 3, "\xE2\x80\x94") == 0 || s.compare(at, 3, "\xE2\x80\x93") == 0) {
        at += 3;
        continue;
      }
      break;
    }
    ++at;
  }
  return std::string(s.substr(std::min(at, s.size())));
}

// "2-173-020", "2-173-020.1"
std::size_t code_section_length(std::string_view s) {
  std::size_t i = 0;
  int groups = 0;
  while (true) {
    const std::size_t start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == start) return 0;
    ++groups;
    if (i < s.size() && s[i] == '-' && groups < 3) {
      ++i;
      continue;
    }
    break;
  }
  return groups == 3 ? i : 0;
}

bool is_furniture(std::string_view line) {
  const std::string l = text::lower_ascii(text::trim(line));
  if (l.empty()) return true;
  std::string core;
  for (const char c : l) {
    if (c != '-' && c != ' ' && c != '\xE2' && c != '\x80' && c != '\x93' && c != '\x94') core += c;
  }
  if (!core.empty() && std::all_of(core.begin(), core.end(), [](char c) { return is_digit(c); }) &&
      core.size() <= 4) {
    return true;  // "-2-", "3", "- 12 -"
  }
  if (l.rfind("page ", 0) == 0 && l.size() < 20 && is_digit(l[5])) return true;
  const auto of = l.find(" of ");
  if (of != std::string::npos && l.size() < 14 && is_digit(l[0])) return true;  // "2 of 5"
  return false;
}

// Running headers and footers: a first or last line repeated (digits ignored) on at least
// half of the pages of a document of three pages or more.
std::string furniture_key(std::string_view line) {
  std::string key;
  for (const char c : text::trim(line)) {
    if (!is_digit(c)) key += c;
  }
  return key;
}

struct Line {
  std::string text;
  int page;
};

struct Block {
  std::optional<Marker> marker;
  std::vector<std::string> lines;
  int page = 1;
  int page_end = 1;
};

bool ends_sentence(std::string_view s) {
  s = text::trim(s);
  if (s.empty()) return true;
  const char c = s.back();
  return c == '.' || c == ':' || c == ';' || c == '!' || c == '?' || c == '"' || c == ')';
}

bool heading_like(std::string_view s) {
  s = text::trim(s);
  if (s.empty() || s.size() > 90) return false;
  if (s.back() == ',' || s.back() == ';') return false;
  int words = 0, capitalised = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool space = s[i] == ' ';
    if (!space && !in_word) {
      ++words;
      if (is_upper(s[i]) || is_digit(s[i])) ++capitalised;
    }
    in_word = !space;
  }
  if (words == 0 || words > 12) return false;
  // "Designation of Officers", "PURPOSE", "Term and Termination."
  const bool title_case = capitalised * 2 >= words;
  if (s.back() == '.' && words > 6) return false;
  return title_case;
}

std::string block_text(const Block& b) {
  std::string joined;
  for (const auto& l : b.lines) {
    if (!joined.empty()) joined += ' ';
    joined += l;
  }
  return text::squash_spaces(joined);
}

// Splits text longer than `max` at sentence ends into pieces of about `target`.
std::vector<std::string> split_long(const std::string& s, std::size_t target, std::size_t max) {
  if (s.size() <= max) return {s};
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (s.size() - start > max) {
    std::size_t cut = std::string::npos;
    for (std::size_t i = start + target; i < s.size() && i < start + max; ++i) {
      if ((s[i] == '.' || s[i] == ';') && i + 1 < s.size() && s[i + 1] == ' ') {
        cut = i + 1;
        break;
      }
    }
    if (cut == std::string::npos) cut = s.rfind(' ', start + max);
    if (cut == std::string::npos || cut <= start) cut = start + max;
    parts.push_back(std::string(text::trim(std::string_view(s).substr(start, cut - start))));
    start = cut;
  }
  parts.push_back(std::string(text::trim(std::string_view(s).substr(start))));
  return parts;
}

struct Level {
  Marker marker;
  std::string heading;
};

bool strong(MarkerStyle s) {
  return s == MarkerStyle::article || s == MarkerStyle::section || s == MarkerStyle::code_section;
}
int rank(MarkerStyle s) {
  switch (s) {
    case MarkerStyle::article: return 0;
    case MarkerStyle::section:
    case MarkerStyle::code_section: return 1;
    default: return 9;
  }
}

bool same_style(const Marker& a, const Marker& b) {
  if (a.style != b.style) return false;
  return a.style != MarkerStyle::decimal_multi || a.depth == b.depth;
}

// Opens the level of marker `m`: a sibling of the last marker of its style (closing what
// was opened under it), else a child of the innermost level; a strong marker (Article,
// Section) closes every level of its rank or below.
void open_level(std::vector<Level>& stack, const Marker& m) {
  if (strong(m.style)) {
    while (!stack.empty() && rank(stack.back().marker.style) >= rank(m.style)) stack.pop_back();
  } else {
    for (std::size_t k = 0; k < stack.size(); ++k) {
      if (same_style(stack[k].marker, m)) {
        stack.resize(k);
        break;
      }
    }
  }
  stack.push_back({m, ""});
}

// Whether `m` can be the next clause given the open levels: sequential styles must start
// at their first value or follow their last sibling, which keeps wrapped text such as
// "(c) of this section" or a signature's "J. Smith" from being taken for a clause.
bool plausible(const Marker& m, const std::vector<Level>& stack) {
  if (strong(m.style) || m.style == MarkerStyle::bullet || m.value == 0) return true;
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    if (same_style(it->marker, m)) return m.value == it->marker.value + 1 || m.value == 1;
  }
  if (m.value == 1) return true;
  // A first decimal or decimal_multi clause may start past 1 ("4. Term" on a later page).
  if (m.style == MarkerStyle::decimal || m.style == MarkerStyle::decimal_multi) {
    return !m.rest.empty() && (is_upper(m.rest[0]) || m.rest[0] == '"' || m.rest[0] == '(');
  }
  return false;
}

// "(i)" is the letter i after "(h)", else the roman numeral one; likewise "(v)", "(x)",
// "I." and "V." against upper letters.
Marker disambiguate(Marker m, const std::vector<Level>& stack) {
  const auto last_of = [&](MarkerStyle s) -> const Marker* {
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
      if (it->marker.style == s) return &it->marker;
    }
    return nullptr;
  };
  if (m.style == MarkerStyle::paren_roman) {
    const std::string letters = m.label.substr(1, m.label.size() - 2);
    if (letters.size() == 1) {
      const Marker* letter = last_of(MarkerStyle::paren_lower);
      const Marker* roman = last_of(MarkerStyle::paren_roman);
      const int as_letter = letters[0] - 'a' + 1;
      const bool letter_fits = letter && letter->value + 1 == as_letter;
      const bool roman_fits = (roman && roman->value + 1 == m.value) || m.value == 1;
      if (letter_fits && !(roman && roman->value + 1 == m.value)) {
        m.style = MarkerStyle::paren_lower;
        m.value = as_letter;
      } else if (!roman_fits && !letter) {
        m.style = MarkerStyle::paren_lower;
        m.value = as_letter;
      }
    }
  } else if (m.style == MarkerStyle::upper_roman) {
    const std::string letters = m.label.substr(0, m.label.size() - 1);
    if (letters.size() == 1) {
      const Marker* letter = last_of(MarkerStyle::upper_letter);
      const Marker* roman = last_of(MarkerStyle::upper_roman);
      const int as_letter = letters[0] - 'A' + 1;
      if (letter && letter->value + 1 == as_letter && !(roman && roman->value + 1 == m.value)) {
        m.style = MarkerStyle::upper_letter;
        m.value = as_letter;
      }
    }
  }
  return m;
}

}  // namespace

int roman_value(std::string_view s) {
  if (s.empty() || s.size() > 8) return 0;
  const auto digit = [](char c) {
    switch (std::tolower(static_cast<unsigned char>(c))) {
      case 'i': return 1;
      case 'v': return 5;
      case 'x': return 10;
      case 'l': return 50;
      case 'c': return 100;
      default: return 0;
    }
  };
  int total = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const int v = digit(s[i]);
    if (v == 0) return 0;
    const int next = i + 1 < s.size() ? digit(s[i + 1]) : 0;
    total += next > v ? -v : v;
  }
  return total > 0 && total < 400 ? total : 0;
}

std::optional<Marker> parse_marker(std::string_view raw) {
  const std::string_view s = text::trim(raw);
  if (s.empty()) return std::nullopt;

  // ARTICLE IV / Article 4
  if (starts_with_ci(s, "article ")) {
    std::size_t i = 8;
    const std::size_t start = i;
    while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
    const std::string_view num = s.substr(start, i - start);
    const bool numeric = !num.empty() && std::all_of(num.begin(), num.end(), is_digit);
    if (!num.empty() && (numeric || roman_value(num) > 0) && (i >= s.size() || !is_lower(s[i]))) {
      Marker m{MarkerStyle::article, "Article " + std::string(num), 0, 0, rest_after(s, i)};
      return m;
    }
  }
  // Section 7. / SECTION 2 / Sec. 3 / § 4
  for (const std::string_view word : {"section ", "sec. ", "\xC2\xA7\xC2\xA7 ", "\xC2\xA7 "}) {
    if (!starts_with_ci(s, word)) continue;
    std::size_t i = word.size();
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '-' ||
                            s[i] == '.' || s[i] == '(' || s[i] == ')')) {
      ++i;
    }
    std::string num(s.substr(start, i - start));
    while (!num.empty() && (num.back() == '.' || num.back() == '-')) num.pop_back();
    if (num.empty() || !is_digit(num[0])) {
      if (num.empty() || roman_value(num) == 0) break;
    }
    // "Section 3 of this Agreement ..." is a reference, not a heading: a heading's number
    // is followed by a period, a dash, a colon, a heading, or the end of the line.
    const std::string rest = rest_after(s, start + num.size());
    const std::string_view after = s.substr(std::min(s.size(), start + num.size()));
    const bool punctuated = !after.empty() && (after[0] == '.' || after[0] == ':' ||
                                               after[0] == '-' || after[0] == '\xE2');
    if (!punctuated && !after.empty() && !rest.empty() && !is_upper(rest[0])) break;
    Marker m{MarkerStyle::section, "Section " + num, 0, 0, rest};
    return m;
  }
  // 2-173-020
  if (const std::size_t n = code_section_length(s); n > 0 && followed_by_text(s, n)) {
    Marker m{MarkerStyle::code_section, std::string(s.substr(0, n)), 0, 0, rest_after(s, n)};
    return m;
  }
  // Bullets.
  if (s.compare(0, 3, "\xE2\x80\xA2") == 0 || ((s[0] == '-' || s[0] == '*') && s.size() > 1 && s[1] == ' ')) {
    const std::size_t n = s[0] == '-' || s[0] == '*' ? 1 : 3;
    Marker m{MarkerStyle::bullet, "", 0, 0, std::string(text::trim(s.substr(n)))};
    return m;
  }
  // (a) (A) (1) (iv)
  if (s[0] == '(') {
    const std::size_t close = s.find(')');
    if (close != std::string_view::npos && close >= 2 && close <= 6 && followed_by_text(s, close + 1)) {
      const std::string_view inner = s.substr(1, close - 1);
      const std::string label(s.substr(0, close + 1));
      const std::string rest = rest_after(s, close + 1);
      if (std::all_of(inner.begin(), inner.end(), is_digit) && inner.size() <= 3) {
        return Marker{MarkerStyle::paren_digit, label, std::stoi(std::string(inner)), 0, rest};
      }
      if (std::all_of(inner.begin(), inner.end(), is_lower)) {
        if (const int r = roman_value(inner); r > 0 && inner.find_first_not_of("ivxl") == std::string_view::npos) {
          return Marker{MarkerStyle::paren_roman, label, r, 0, rest};
        }
        if (inner.size() == 1) return Marker{MarkerStyle::paren_lower, label, inner[0] - 'a' + 1, 0, rest};
        if (inner.size() == 2 && inner[0] == inner[1]) {  // (aa)
          return Marker{MarkerStyle::paren_lower, label, 26 + inner[0] - 'a' + 1, 0, rest};
        }
      }
      if (inner.size() == 1 && is_upper(inner[0])) {
        return Marker{MarkerStyle::paren_upper, label, inner[0] - 'A' + 1, 0, rest};
      }
    }
    return std::nullopt;
  }
  // 4. / 4.1 / 4.1.2 / 2)
  if (is_digit(s[0])) {
    std::size_t i = 0;
    int depth = 0;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i > 3) return std::nullopt;  // a year, an amount
    const int first = std::stoi(std::string(s.substr(0, i)));
    while (i + 1 < s.size() && s[i] == '.' && is_digit(s[i + 1])) {
      ++depth;
      ++i;
      while (i < s.size() && is_digit(s[i])) ++i;
    }
    if (depth > 0) {
      std::size_t end = i;
      if (end < s.size() && s[end] == '.') ++end;
      if (!followed_by_text(s, end)) return std::nullopt;
      std::string label(s.substr(0, i));
      const std::size_t last_dot = label.rfind('.');
      const int value = std::stoi(label.substr(last_dot + 1));
      return Marker{MarkerStyle::decimal_multi, label, value, depth, rest_after(s, end)};
    }
    if (i < s.size() && s[i] == '.' && followed_by_text(s, i + 1)) {
      return Marker{MarkerStyle::decimal, std::string(s.substr(0, i + 1)), first, 0, rest_after(s, i + 1)};
    }
    if (i < s.size() && s[i] == ')' && followed_by_text(s, i + 1)) {
      return Marker{MarkerStyle::digit_paren, std::string(s.substr(0, i + 1)), first, 0, rest_after(s, i + 1)};
    }
    return std::nullopt;
  }
  // IV. / B. / b. / b)
  {
    std::size_t i = 0;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    if (i == 0 || i > 5 || i >= s.size()) return std::nullopt;
    const std::string_view word = s.substr(0, i);
    const char punct = s[i];
    if ((punct != '.' && punct != ')') || !followed_by_text(s, i + 1)) return std::nullopt;
    const std::string rest = rest_after(s, i + 1);
    const std::string label(s.substr(0, i + 1));
    const bool all_upper = std::all_of(word.begin(), word.end(), is_upper);
    const bool all_lower = std::all_of(word.begin(), word.end(), is_lower);
    if (punct == ')' && word.size() == 1 && all_lower) {
      return Marker{MarkerStyle::letter_paren, label, word[0] - 'a' + 1, 0, rest};
    }
    if (punct != '.') return std::nullopt;
    // "U.S." and "No." are words, not clause numbers: single letters and roman numerals
    // only, and a sequence check in segment() does the rest. A list item may continue a
    // sentence in lower case ("A. informs members of ...").
    if (!rest.empty() && !(std::isalpha(static_cast<unsigned char>(rest[0])) || rest[0] == '"' ||
                           rest[0] == '(')) {
      return std::nullopt;
    }
    if (all_upper && word.find_first_not_of("IVXL") == std::string_view::npos && roman_value(word) > 0) {
      return Marker{MarkerStyle::upper_roman, label, roman_value(word), 0, rest};
    }
    if (all_upper && word.size() == 1) {
      return Marker{MarkerStyle::upper_letter, label, word[0] - 'A' + 1, 0, rest};
    }
    if (all_lower && word.size() == 1) {
      return Marker{MarkerStyle::lower_letter, label, word[0] - 'a' + 1, 0, rest};
    }
  }
  return std::nullopt;
}

std::vector<Passage> segment(const std::vector<Page>& pages) {
  // 1. Lines, without page furniture.
  std::map<std::string, int> edge_counts;
  std::vector<std::vector<std::string>> page_lines;
  for (const Page& page : pages) {
    std::vector<std::string> lines;
    for (const auto l : text::split(page.text, '\n')) lines.emplace_back(text::trim(l));
    page_lines.push_back(std::move(lines));
  }
  const auto edges = [](const std::vector<std::string>& lines) {
    std::vector<std::size_t> idx;
    std::size_t seen = 0;
    for (std::size_t i = 0; i < lines.size() && seen < 2; ++i) {
      if (!lines[i].empty()) { idx.push_back(i); ++seen; }
    }
    seen = 0;
    for (std::size_t i = lines.size(); i-- > 0 && seen < 2;) {
      if (!lines[i].empty()) { idx.push_back(i); ++seen; }
    }
    std::sort(idx.begin(), idx.end());
    idx.erase(std::unique(idx.begin(), idx.end()), idx.end());
    return idx;
  };
  for (const auto& lines : page_lines) {
    std::map<std::string, bool> once;
    for (const std::size_t i : edges(lines)) once[furniture_key(lines[i])] = true;
    for (const auto& [key, _] : once) ++edge_counts[key];
  }
  const bool repeated_check = pages.size() >= 3;
  std::vector<Line> lines;
  for (std::size_t p = 0; p < page_lines.size(); ++p) {
    auto& pl = page_lines[p];
    for (const std::size_t i : edges(pl)) {
      const std::string key = furniture_key(pl[i]);
      if (is_furniture(pl[i]) ||
          (repeated_check && key.size() >= 3 && edge_counts[key] * 2 >= static_cast<int>(pages.size()))) {
        pl[i].clear();
        pl[i] += '\x01';  // dropped, and not a paragraph break
      }
    }
    for (const auto& l : pl) {
      if (l == "\x01") continue;
      lines.push_back({l, pages[p].number});
    }
    lines.push_back({"\f", pages[p].number});
  }

  // 2. Blocks: a new block at a clause marker, after a blank line, or after a short line
  // that ends a sentence (a paragraph's last line).
  std::vector<std::size_t> lengths;
  for (const auto& l : lines) {
    if (l.text.size() > 1) lengths.push_back(text::length_utf8(l.text));
  }
  std::sort(lengths.begin(), lengths.end());
  const std::size_t typical = lengths.empty() ? 80 : lengths[lengths.size() * 4 / 5];

  std::vector<Block> blocks;
  std::vector<Level> stack;
  bool open = false;  // the last block may take more lines
  bool page_break_pending = false;
  bool last_upper_heading = false;
  for (const Line& line : lines) {
    if (line.text == "\f") {
      page_break_pending = true;
      continue;
    }
    if (line.text.empty()) {
      open = false;
      last_upper_heading = false;
      continue;
    }
    std::optional<Marker> marker = parse_marker(line.text);
    if (marker) {
      *marker = disambiguate(*marker, stack);
      if (!plausible(*marker, stack)) marker.reset();
    }
    const bool upper_heading = line.text.size() < 70 && heading_like(line.text) &&
                               std::none_of(line.text.begin(), line.text.end(), is_lower) &&
                               std::any_of(line.text.begin(), line.text.end(), is_upper);
    const bool whereas = starts_with_ci(line.text, "whereas") || starts_with_ci(line.text, "now, therefore") ||
                         starts_with_ci(line.text, "be it ordained");
    // Consecutive capitalised lines form one heading block ("MEMORANDUM OF AGREEMENT /
    // BETWEEN / ...").
    if (upper_heading && !marker && last_upper_heading && !blocks.empty() && !page_break_pending &&
        blocks.back().lines.size() < 8) {
      blocks.back().lines.push_back(line.text);
      last_upper_heading = true;
      continue;
    }
    last_upper_heading = upper_heading && !marker;
    const bool page_ends_paragraph = page_break_pending && !blocks.empty() &&
                                     ends_sentence(blocks.back().lines.back());
    if (marker || upper_heading || whereas || !open || blocks.empty() || page_ends_paragraph) {
      // A block that continues across a page break without a new marker joins the last one.
      if (!marker && !upper_heading && !whereas && page_break_pending && !blocks.empty() &&
          !ends_sentence(blocks.back().lines.back()) && !line.text.empty() && !is_upper(line.text[0]) ) {
        blocks.back().lines.push_back(line.text);
        blocks.back().page_end = line.page;
      } else {
        Block b;
        b.marker = marker;
        b.page = b.page_end = line.page;
        b.lines.push_back(line.text);
        blocks.push_back(std::move(b));
      }
    } else {
      blocks.back().lines.push_back(line.text);
      blocks.back().page_end = line.page;
    }
    page_break_pending = false;
    open = (marker && marker->rest.empty()) ||  // "A." alone: its text is on the next line
           (!upper_heading &&
            !(text::length_utf8(line.text) * 10 < typical * 7 && ends_sentence(line.text)));
    if (marker) {
      // Keep the stack current so that sequence checks see this marker.
      if (marker->style != MarkerStyle::bullet) open_level(stack, *marker);
    }
  }

  // 3. Passages with heading paths. The stack is rebuilt here, in block order.
  std::vector<Passage> passages;
  stack.clear();
  for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
    const Block& b = blocks[bi];
    std::string body = block_text(b);
    if (b.marker && b.marker->style != MarkerStyle::bullet) {
      const Marker& m = *b.marker;
      open_level(stack, m);
      Level& level = stack.back();
      // "Section 3. Designation" alone on its line names the section.
      const auto first = parse_marker(b.lines.front());
      const std::string first_rest = first ? first->rest : m.rest;
      if (heading_like(first_rest) && (b.lines.size() == 1 || !ends_sentence(first_rest) ||
                                       first_rest.size() < 40)) {
        level.heading = std::string(text::trim(first_rest));
        while (!level.heading.empty() && (level.heading.back() == '.' || level.heading.back() == ':')) {
          level.heading.pop_back();
        }
      }
      // A heading alone on its line names what follows; it is indexed with those passages.
      const bool heading_only = b.lines.size() == 1 && !level.heading.empty() &&
                                bi + 1 < blocks.size() && blocks[bi + 1].page <= b.page_end + 1;
      if (heading_only) continue;
    }
    if (body.empty()) continue;
    std::string path;
    std::string heading;
    for (const Level& l : stack) {
      if (!path.empty()) path += " > ";
      path += l.marker.label;
      if (!l.heading.empty()) heading = l.heading;
    }
    const std::string clause = stack.empty() ? "" : stack.back().marker.label;
    for (auto& piece : split_long(body, 1500, 3000)) {
      Passage p;
      p.ordinal = static_cast<int>(passages.size());
      p.page = b.page;
      p.page_end = b.page_end;
      p.clause = clause;
      p.heading_path = path;
      p.heading = heading;
      p.text = std::move(piece);
      passages.push_back(std::move(p));
    }
  }
  return passages;
}

}  // namespace foialens::ingest
