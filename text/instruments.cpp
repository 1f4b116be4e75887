#include "text/instruments.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <utility>

#include "common/agencies.hpp"
#include "common/text.hpp"

namespace foialens::text {
namespace {

struct KindInfo {
  Kind kind;
  std::string_view slug;
  std::string_view label;
};

constexpr std::array<KindInfo, 10> kKinds = {{
    {Kind::moa, "moa", "memorandum of agreement"},
    {Kind::mou, "mou", "memorandum of understanding"},
    {Kind::agreement_287g, "287g", "287(g) agreement"},
    {Kind::interagency, "interagency", "interagency agreement"},
    {Kind::intergovernmental, "intergovernmental", "intergovernmental agreement"},
    {Kind::task_force, "task-force", "task force charter"},
    {Kind::data_sharing, "data-sharing", "data-sharing agreement"},
    {Kind::lou, "lou", "letter of understanding"},
    {Kind::contract, "contract", "contract"},
    {Kind::agreement, "agreement", "agreement"},
}};

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// A word of the text with its OCR-tolerant lower-case form.
struct Token {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string folded;
  std::string_view gap;  // separator characters before the token
};

bool token_char(char c) {
  return is_alpha(c) || is_digit(c) || c == '\'' || c == '|' ||
         (static_cast<unsigned char>(c) & 0x80) != 0;
}

std::string ocr_fold(std::string_view word) {
  std::string out(word.size(), ' ');
  const auto letter_at = [&](std::size_t i) { return i < word.size() && is_alpha(word[i]); };
  bool has_letter = false;
  for (char c : word) has_letter = has_letter || is_alpha(c);
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (has_letter && (c == '0' || c == '1' || c == '|')) {
      const bool near_letter = (i > 0 && letter_at(i - 1)) || letter_at(i + 1);
      if (near_letter) c = c == '0' ? 'o' : 'l';
    }
    out[i] = lower(c);
  }
  // Typographic apostrophes arrive as UTF-8; keep the word's ASCII part comparable.
  std::string clean;
  for (char c : out) {
    if ((static_cast<unsigned char>(c) & 0x80) == 0) clean += c;
  }
  return clean;
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  std::size_t gap_start = 0;
  while (i < s.size()) {
    if (!token_char(s[i]) || s[i] == '\'') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && token_char(s[j])) {
      // A UTF-8 right quote inside a word ("Sheriff’s") stays in the word.
      ++j;
    }
    Token t;
    t.offset = i;
    t.length = j - i;
    t.folded = ocr_fold(s.substr(i, j - i));
    while (!t.folded.empty() && t.folded.back() == '\'') t.folded.pop_back();
    t.gap = s.substr(gap_start, i - gap_start);
    if (!t.folded.empty()) tokens.push_back(std::move(t));
    gap_start = j;
    i = j;
  }
  return tokens;
}

std::string rn_to_m(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == 'r' && i + 1 < s.size() && s[i + 1] == 'n') {
      out += 'm';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool fuzzy_equal(std::string_view token, std::string_view word) {
  if (token == word) return true;
  if (word.size() < 9) return false;
  const std::size_t allowed = word.size() >= 12 ? 2u : 1u;
  // Cheap rejections first: this runs for every word of every passage.
  const std::size_t longer = std::max(token.size(), word.size());
  const std::size_t shorter = std::min(token.size(), word.size());
  if (longer - shorter > allowed + 1) return false;
  if (token[0] != word[0] && token[1] != word[1]) return false;
  if (agencies::edit_distance(token, word) <= allowed) return true;
  // OCR reads "m" as "rn".
  if (token.find("rn") == std::string_view::npos) return false;
  const std::string fixed = rn_to_m(token);
  return fixed != token && agencies::edit_distance(fixed, word) <= allowed;
}

// A gap that keeps words in one noun phrase: spaces, hyphens, parentheses, slashes.
bool phrase_gap(std::string_view gap) {
  for (char c : gap) {
    if (!(c == ' ' || c == '-' || c == '(' || c == ')' || c == '/' || c == '\n' || c == '\t')) {
      return false;
    }
  }
  return true;
}

struct Head {
  std::array<std::string_view, 3> words;
  std::size_t count;
  Kind kind;
};

constexpr Head kHeads[] = {
    {{"memorandum", "of", "agreement"}, 3, Kind::moa},
    {{"memoranda", "of", "agreement"}, 3, Kind::moa},
    {{"memorandum", "of", "understanding"}, 3, Kind::mou},
    {{"memoranda", "of", "understanding"}, 3, Kind::mou},
    {{"letter", "of", "understanding"}, 3, Kind::lou},
    {{"letter", "of", "agreement"}, 3, Kind::lou},
    {{"letters", "of", "understanding"}, 3, Kind::lou},
    {{"moa", "", ""}, 1, Kind::moa},
    {{"mou", "", ""}, 1, Kind::mou},
    {{"lou", "", ""}, 1, Kind::lou},
    {{"iga", "", ""}, 1, Kind::intergovernmental},
    {{"charter", "", ""}, 1, Kind::task_force},
    {{"agreement", "", ""}, 1, Kind::agreement},
    {{"contract", "", ""}, 1, Kind::contract},
};

bool is_heading_case(std::string_view s) {
  int upper = 0, lower_count = 0;
  for (char c : s) {
    if (is_upper(c)) ++upper;
    if (is_lower(c)) ++lower_count;
  }
  if (upper > 0 && lower_count == 0) return true;
  // Title Case: every word of three letters or more starts with a capital.
  bool start = true;
  bool ok = false;
  std::size_t word_len = 0;
  char first = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    const char c = i < s.size() ? s[i] : ' ';
    if (is_alpha(c)) {
      if (start) first = c;
      start = false;
      ++word_len;
    } else {
      if (!start && word_len >= 3 && word_len != 0) {
        const std::string w = text::lower_ascii(s.substr(i - word_len, word_len));
        if (w != "and" && w != "the" && w != "for") {
          if (!is_upper(first)) return false;
          ok = true;
        }
      }
      start = true;
      word_len = 0;
    }
  }
  return ok;
}

// The kind that modifiers before a head phrase make it: "287(g) Agreement", "Task Force
// MOU", "Information-Sharing Agreement", "Intergovernmental Agreement".
std::optional<Kind> modified_kind(const std::vector<Token>& tokens, std::size_t head,
                                  std::size_t& first_used) {
  constexpr std::string_view kStops[] = {"the", "a", "an", "this", "that", "its", "their",
                                         "any", "such", "each", "of", "with", "to", "under",
                                         "pursuant", "by", "in", "between", "and", "or", "our"};
  std::optional<Kind> found;
  std::size_t i = head;
  for (int n = 0; n < 5 && i > 0; ++n) {
    if (!phrase_gap(tokens[i].gap)) break;
    const Token& t = tokens[i - 1];
    if (std::find(std::begin(kStops), std::end(kStops), t.folded) != std::end(kStops)) break;
    const std::string& w = t.folded;
    const std::string next = i < tokens.size() ? tokens[i].folded : std::string();
    if (w == "287" && next == "g") {
      found = Kind::agreement_287g, first_used = i - 1;
    } else if (w == "task" && next == "force") {
      if (!found) found = Kind::task_force;
      first_used = i - 1;
    } else if ((w == "data" || w == "information" || w == "database" || w == "records" ||
                w == "intelligence") &&
               (next == "sharing" || next == "access" || next == "use" || next == "exchange")) {
      if (!found) found = Kind::data_sharing;
      first_used = i - 1;
    } else if (w == "datasharing" || w == "informationsharing") {
      if (!found) found = Kind::data_sharing;
      first_used = i - 1;
    } else if (fuzzy_equal(w, "intergovernmental")) {
      if (!found) found = Kind::intergovernmental;
      first_used = i - 1;
    } else if (w == "interagency" || (w == "inter" && next == "agency")) {
      if (!found) found = Kind::interagency;
      first_used = i - 1;
    }
    --i;
  }
  return found;
}

std::regex icase(const std::string& pattern) {
  return std::regex(pattern, std::regex::icase | std::regex::ECMAScript | std::regex::optimize);
}

std::string strip_parentheticals(std::string_view s) {
  std::string out;
  int depth = 0;
  for (char c : s) {
    if (c == '(' || c == '[') {
      ++depth;
      continue;
    }
    if ((c == ')' || c == ']') && depth > 0) {
      --depth;
      continue;
    }
    if (depth == 0) out += c;
  }
  return out;
}

std::string strip_quotes_after(std::string s) {
  // Drop "hereinafter ..." and a defined short name in quotes.
  static const std::regex kHereinafter =
      icase(R"(,?\s*\(?\s*(hereinafter|herein|collectively|together|each)\b.*$)");
  s = std::regex_replace(s, kHereinafter, "");
  return s;
}

std::string tidy(std::string_view s) {
  std::string out = text::squash_spaces(s);
  const auto strip_front = [&](std::string_view w) {
    if (out.size() > w.size() && iequals(std::string_view(out).substr(0, w.size()), w) &&
        out[w.size()] == ' ') {
      out.erase(0, w.size() + 1);
      return true;
    }
    return false;
  };
  while (strip_front("the") || strip_front("and") || strip_front("between") ||
         strip_front("its") || strip_front("their") || strip_front("acting through") ||
         strip_front("by") || strip_front("among") || strip_front("with") ||
         strip_front("for")) {
  }
  while (!out.empty() && (out.back() == ',' || out.back() == '.' || out.back() == ';' ||
                          out.back() == ':' || out.back() == ' ' || out.back() == '"')) {
    out.pop_back();
  }
  while (!out.empty() && (out.front() == '"' || out.front() == ' ' || out.front() == ',')) {
    out.erase(0, 1);
  }
  for (std::string_view tail : {" and", " or", " the"}) {
    if (out.size() > tail.size() && iequals(std::string_view(out).substr(out.size() - tail.size()), tail)) {
      out.erase(out.size() - tail.size());
    }
  }
  return out;
}

std::string title_case_if_capitals(const std::string& s) {
  bool has_lower = false;
  for (char c : s) has_lower = has_lower || is_lower(c);
  if (has_lower) return s;
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    if (!is_alpha(s[i])) {
      out += s[i++];
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && (is_alpha(s[j]) || s[j] == '\'')) ++j;
    const std::string word = s.substr(i, j - i);
    const std::string lw = text::lower_ascii(word);
    if (lw == "of" || lw == "and" || lw == "the" || lw == "for") {
      out += out.empty() ? std::string(1, word[0]) + lw.substr(1) : lw;
    } else if (word.size() <= 3 && lw != "law" && lw != "new" && lw != "san" && lw != "inc" &&
               lw != "co") {
      out += word;  // an acronym: "ICE", "LLC"
    } else {
      out += word[0];
      out += text::lower_ascii(word.substr(1));
    }
    i = j;
  }
  return out;
}

}  // namespace

void search_near(const std::string& text, const std::string& haystack,
                 std::initializer_list<std::string_view> keys, std::size_t back, std::size_t ahead,
                 const std::regex& pattern,
                 const std::function<void(const std::smatch&, std::size_t)>& found) {
  std::vector<std::pair<std::size_t, std::size_t>> windows;
  for (std::string_view key : keys) {
    for (std::size_t at = haystack.find(key); at != std::string::npos;
         at = haystack.find(key, at + 1)) {
      std::size_t from = at > back ? at - back : 0;
      // Start at a word, so that \b and the first word mean what they say.
      if (from > 0) {
        while (from < at && text[from - 1] != ' ' && text[from - 1] != '\n') ++from;
      }
      windows.emplace_back(from, std::min(text.size(), at + key.size() + ahead));
    }
  }
  if (windows.empty()) return;
  std::sort(windows.begin(), windows.end());
  std::vector<std::pair<std::size_t, std::size_t>> merged;
  for (const auto& w : windows) {
    if (!merged.empty() && w.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, w.second);
    } else {
      merged.push_back(w);
    }
  }
  for (const auto& [from, to] : merged) {
    const std::string part = text.substr(from, to - from);
    for (auto it = std::sregex_iterator(part.begin(), part.end(), pattern);
         it != std::sregex_iterator(); ++it) {
      found(*it, from + static_cast<std::size_t>(it->position(0)));
    }
  }
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool icontains(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  if (needle.size() > haystack.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    if (iequals(haystack.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

std::string_view kind_slug(Kind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.slug;
  }
  return "agreement";
}

std::string_view kind_label(Kind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.label;
  }
  return "agreement";
}

std::vector<std::string_view> kind_slugs() {
  std::vector<std::string_view> out;
  for (const auto& k : kKinds) out.push_back(k.slug);
  return out;
}

std::optional<Kind> parse_kind(std::string_view s) {
  const std::string n = text::lower_ascii(text::trim(s));
  for (const auto& k : kKinds) {
    if (n == k.slug || n == k.label) return k.kind;
  }
  if (n == "287(g)" || n == "287(g) agreement" || n == "287g agreement") {
    return Kind::agreement_287g;
  }
  if (n == "iga") return Kind::intergovernmental;
  if (n == "ia" || n == "inter-agency") return Kind::interagency;
  if (n == "task force" || n == "task-force charter" || n == "charter") return Kind::task_force;
  if (n == "data sharing" || n == "information-sharing" || n == "information sharing" ||
      n == "database access") {
    return Kind::data_sharing;
  }
  if (n == "letter of agreement" || n == "loa") return Kind::lou;
  return std::nullopt;
}

bool kinds_compatible(Kind a, Kind b) {
  if (a == b || a == Kind::agreement || b == Kind::agreement) return true;
  // People call the same paper a memorandum of agreement and of understanding; a 287(g)
  // agreement, a task-force MOU and a data-sharing MOU are memoranda too.
  const auto memo = [](Kind k) { return k == Kind::moa || k == Kind::mou || k == Kind::lou; };
  const auto specialised = [](Kind k) {
    return k == Kind::agreement_287g || k == Kind::task_force || k == Kind::data_sharing ||
           k == Kind::intergovernmental || k == Kind::interagency;
  };
  if (memo(a) && memo(b)) return true;
  return (memo(a) && specialised(b)) || (memo(b) && specialised(a));
}

std::vector<KindMention> find_kinds(std::string_view text) {
  std::vector<KindMention> found;
  const std::vector<Token> tokens = tokenize(text);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    for (const Head& head : kHeads) {
      if (i + head.count > tokens.size()) continue;
      bool match = true;
      bool plural = false;
      for (std::size_t w = 0; w < head.count && match; ++w) {
        if (w > 0 && !phrase_gap(tokens[i + w].gap)) {
          match = false;
          break;
        }
        const std::string& t = tokens[i + w].folded;
        const std::string_view word = head.words[w];
        const bool last = w + 1 == head.count;
        if (last && t.size() == word.size() + 1 && t.back() == 's' &&
            std::string_view(t).substr(0, word.size()) == word) {
          plural = true;
        } else if (!fuzzy_equal(t, word)) {
          match = false;
        }
      }
      if (!match) continue;
      // Abbreviations count only in capitals ("MOU", not "mou" inside a word list).
      if (head.count == 1 && head.words[0].size() == 3) {
        const std::string_view printed = text.substr(tokens[i].offset, 3);
        if (!(is_upper(printed[0]) && is_upper(printed[1]))) continue;
      }
      std::size_t first = i;
      std::optional<Kind> modified = modified_kind(tokens, i, first);
      Kind kind = head.kind;
      if (head.kind == Kind::task_force) {
        // "charter" alone (a city charter) is no agreement.
        if (modified != Kind::task_force) continue;
      } else if (modified) {
        kind = *modified;
      }
      const Token& last_token = tokens[i + head.count - 1];
      KindMention m;
      m.kind = kind;
      m.head = head.kind;
      m.offset = tokens[first].offset;
      m.length = last_token.offset + last_token.length - m.offset;
      m.base_offset = tokens[i].offset;
      m.plural = plural;
      m.heading_case = is_heading_case(
          text.substr(tokens[i].offset, last_token.offset + last_token.length - tokens[i].offset));
      found.push_back(m);
      i += head.count - 1;
      break;
    }
  }
  return found;
}

std::vector<std::string> find_authorities(std::string_view text_in) {
  static const std::string kSection = "(?:\xC2\xA7+|Sec(?:tion|s)?\\.?|\\s)*";
  static const std::string kNumber = "(\\d+[a-zA-Z]?(?:\\([A-Za-z0-9]{1,4}\\))*)";
  static const std::regex kUsc =
      icase("\\b(\\d{1,2})\\s*U\\.?\\s?S\\.?\\s?C\\.?(?:\\s*A\\.)?\\s*" + kSection + kNumber);
  static const std::regex kUsTitle = icase(
      "\\bTitle\\s+(\\d{1,2}),?\\s+(?:of\\s+the\\s+)?United\\s+States\\s+Code,?\\s+" + kSection +
      kNumber);
  static const std::regex kCfr = icase(
      "\\b(\\d{1,2})\\s*C\\.?\\s?F\\.?\\s?R\\.?\\s*(?:(Part)\\s+(\\d+)|" + kSection +
      "(\\d+(?:\\.\\d+)?(?:\\([A-Za-z0-9]{1,4}\\))*))");
  static const std::regex kIlcs = icase(
      R"(\b(\d{1,3})\s*ILCS\s*(\d+)(?:\s*/\s*(\d[\d.\-]*[a-z]?(?:\([A-Za-z0-9]{1,4}\))*))?)");
  static const std::regex kPubL =
      icase(R"(\bPub(?:lic)?\.?\s*L(?:aw)?\.?\s*(?:No\.?\s*)?(\d{2,3})\s*-\s*(\d{1,4})\b)");
  static const std::regex kExecOrder =
      icase(R"(\bExecutive\s+Order\s+(?:No\.?\s*|Number\s+)?(\d[\d\-]*\d|\d))");
  static const std::regex kIna = icase(
      "\\bSection\\s+" + kNumber + "\\s+of\\s+the\\s+Immigration\\s+and\\s+Nationality\\s+Act");
  static const std::regex kInaShort = icase("\\bINA\\s*" + kSection + kNumber);
  static const std::regex kMcc = icase(
      R"(\b(?:Municipal\s+Code\s+of\s+Chicago|Chicago\s+Municipal\s+Code|M\.?C\.?C\.?)\s*,?\s*(?:(?:§)+|Sec(?:tion)?\.?|Chapter|Ch\.)?\s*(\d{1,2}-\d{1,3}(?:-\d{2,4})?))");
  static const std::regex kChapterOf = icase(
      R"(\bChapter\s+(\d{1,2}-\d{1,3})\s+of\s+the\s+(?:Municipal\s+Code\s+of\s+Chicago|Chicago\s+Municipal\s+Code|Municipal\s+Code))");
  // Named statutes and ordinances: capitalised words ending in "Act" or "Ordinance".
  static const std::regex kNamed(
      R"(\b((?:[A-Z][A-Za-z'\-]+|of|and|the|on|for|in)(?:\s+(?:[A-Z][A-Za-z'\-]+|of|and|the|on|for|in)){0,7}\s+(?:Act|Ordinance))\b)");

  const std::string text(text_in);
  const std::string lower = text::lower_ascii(text);
  std::vector<std::pair<std::size_t, std::string>> found;
  const auto near = [&](std::initializer_list<std::string_view> keys, std::size_t back,
                        std::size_t ahead, const std::regex& r, auto&& make) {
    search_near(text, lower, keys, back, ahead, r, [&](const std::smatch& m, std::size_t at) {
      std::string s = make(m);
      if (!s.empty()) found.emplace_back(at, s);
    });
  };
  const auto usc = [](const std::smatch& m) { return m[1].str() + " U.S.C. " + m[2].str(); };
  near({"u.s.c", "usc", "u. s. c"}, 12, 60, kUsc, usc);
  near({"united states code"}, 30, 60, kUsTitle, usc);
  near({"c.f.r", "cfr", "c. f. r"}, 10, 60, kCfr, [](const std::smatch& m) {
    if (m[2].matched) return m[1].str() + " C.F.R. Part " + m[3].str();
    return m[1].str() + " C.F.R. " + m[4].str();
  });
  near({"ilcs"}, 10, 60, kIlcs, [](const std::smatch& m) {
    std::string s = m[1].str() + " ILCS " + m[2].str();
    if (m[3].matched) {
      std::string sec = m[3].str();
      while (!sec.empty() && (sec.back() == '.' || sec.back() == '-')) sec.pop_back();
      if (!sec.empty()) s += "/" + sec;
    }
    return s;
  });
  near({"pub"}, 2, 40, kPubL, [](const std::smatch& m) { return "Pub. L. " + m[1].str() + "-" + m[2].str(); });
  near({"executive order"}, 2, 40, kExecOrder,
       [](const std::smatch& m) { return "Executive Order " + m[1].str(); });
  near({"nationality act"}, 90, 16, kIna, [](const std::smatch& m) { return "INA " + m[1].str(); });
  near({"ina"}, 2, 40, kInaShort, [](const std::smatch& m) { return "INA " + m[1].str(); });
  const auto mcc = [](const std::smatch& m) { return "Municipal Code of Chicago " + m[1].str(); };
  near({"municipal code", "m.c.c", "mcc"}, 40, 50, kMcc, mcc);
  near({"municipal code"}, 40, 20, kChapterOf, mcc);
  search_near(text, text, {" Act", " Ordinance"}, 130, 12, kNamed,
              [&](const std::smatch& m, std::size_t at) {
    std::string s = text::squash_spaces(m[1].str());
    for (;;) {
      const auto sp = s.find(' ');
      if (sp == std::string::npos) return;
      const std::string first = s.substr(0, sp);
      if (first.empty() || !is_upper(first[0]) || first == "The" || first == "This" ||
          first == "Under" || first == "Pursuant" || first == "See" || first == "Such") {
        s.erase(0, sp + 1);
        continue;
      }
      break;
    }
    // Two words at least, and more than a lone adjective before "Act".
    if (std::count(s.begin(), s.end(), ' ') >= 1) found.emplace_back(at, s);
  });
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (const auto& entry : found) {
    const std::string& s = entry.second;
    const bool seen = std::any_of(out.begin(), out.end(), [&](const std::string& o) {
      return iequals(o, s);
    });
    if (!seen) out.push_back(s);
  }
  return out;
}

bool looks_like_organisation(std::string_view s_in) {
  const std::string s = text::squash_spaces(s_in);
  if (s.empty() || !(is_upper(s[0]) || is_digit(s[0]))) return false;
  if (s.size() > 110) return false;
  static constexpr std::string_view kNouns[] = {
      "county",     "city",       "village",     "town",       "township",   "state",
      "sheriff",    "sheriff's",  "police",      "department", "office",     "agency",
      "bureau",     "division",   "board",       "commission", "authority",  "service",
      "services",   "district",   "government",  "administration", "corporation",
      "inc",        "llc",        "company",     "university", "council",    "court",
      "unit",       "center",     "patrol",      "force",      "corrections", "prison",
      "ministry",   "commonwealth", "municipality", "parish",  "marshal",    "marshals",
      "attorney's", "centre",     "institute",   "association", "foundation", "co",
      "ltd",        "group",      "consortium",  "constabulary", "sheriffs",  "llp",
      "corp",       "incorporated", "limited",   "partners"};
  static constexpr std::string_view kVerbs[] = {"shall", "will", "may", "is", "are", "was",
                                                "were", "agree", "agrees", "must"};
  std::size_t words = 0;
  bool noun = false;
  for (const std::string& w : match_words(s)) {
    ++words;
    std::string bare = w;
    if (bare.size() > 2 && bare.substr(bare.size() - 2) == "'s") {
      if (std::find(std::begin(kNouns), std::end(kNouns), bare) == std::end(kNouns)) {
        bare.resize(bare.size() - 2);
      }
    }
    if (std::find(std::begin(kNouns), std::end(kNouns), bare) != std::end(kNouns)) noun = true;
    if (std::find(std::begin(kVerbs), std::end(kVerbs), bare) != std::end(kVerbs)) return false;
  }
  return noun && words >= 2 && words <= 14;
}

std::string canonical_party(std::string_view printed) {
  if (const auto* a = agencies::lookup(text::trim(printed))) return std::string(a->canonical);
  std::string cleaned = tidy(strip_quotes_after(strip_parentheticals(printed)));
  if (cleaned.empty()) return {};
  if (const auto* a = agencies::lookup(cleaned)) return std::string(a->canonical);
  const auto mentions = agencies::find_mentions(cleaned);
  for (const auto& m : mentions) {
    if (m.length * 10 >= cleaned.size() * 7) return std::string(m.agency->canonical);
  }
  // A name that OCR garbled ("Imrnigration and Customs Enforcernent"): the agency whose
  // full name is within a few letters of it.
  if (cleaned.size() >= 12) {
    const auto near = agencies::closest(cleaned, 1);
    if (!near.empty()) {
      // Compared after folding OCR's usual confusions on both sides (0/o, 1/l, rn/m).
      const auto ocr_norm = [](std::string_view x) {
        std::string out;
        for (const std::string& w : match_words(x)) out += (out.empty() ? "" : " ") + w;
        return rn_to_m(out);
      };
      const std::string mine = ocr_norm(cleaned);
      std::size_t best = std::string::npos;
      const auto consider = [&](std::string_view name) {
        if (name.size() >= 12) best = std::min(best, agencies::edit_distance(mine, ocr_norm(name)));
      };
      consider(near.front()->canonical);
      for (std::string_view alias : near.front()->aliases) consider(alias);
      if (best != std::string::npos && best * 10 <= cleaned.size() && best <= 4) {
        return std::string(near.front()->canonical);
      }
    }
  }
  // "Homeland Security Investigations, Chicago Field Office": the agency, not its unit.
  if (const auto comma = cleaned.find(','); comma != std::string::npos) {
    if (const auto* a = agencies::lookup(text::trim(std::string_view(cleaned).substr(0, comma)))) {
      return std::string(a->canonical);
    }
  }
  if (!looks_like_organisation(cleaned)) return {};
  // "Prairie Lake County Sheriff's Office Jail Enforcement Model": a heading joined into one
  // line runs the subtitle on after the name, which ends with its head noun.
  {
    static constexpr std::string_view kEnds[] = {
        "office", "department", "agency", "bureau", "commission", "board", "authority",
        "council", "services", "service", "district", "government", "corporation", "company",
        "llc", "inc", "center", "centre", "police", "patrol", "court", "administration"};
    std::vector<std::pair<std::size_t, std::string>> words;  // offset, folded
    std::size_t i = 0;
    while (i < cleaned.size()) {
      while (i < cleaned.size() && cleaned[i] == ' ') ++i;
      const std::size_t b = i;
      while (i < cleaned.size() && cleaned[i] != ' ') ++i;
      if (i > b) {
        const auto folded = match_words(std::string_view(cleaned).substr(b, i - b));
        words.emplace_back(i, folded.empty() ? std::string() : folded.back());
      }
    }
    std::size_t last_end = std::string::npos;
    std::size_t after = 0;
    for (std::size_t w = 0; w < words.size(); ++w) {
      if (std::find(std::begin(kEnds), std::end(kEnds), words[w].second) != std::end(kEnds)) {
        last_end = words[w].first;
        after = words.size() - w - 1;
      }
    }
    // "Board of Commissioners", "Department of Law": what follows "of" is part of the name.
    const bool continues = last_end != std::string::npos && after >= 1 &&
                           words[words.size() - after].second == "of";
    if (last_end != std::string::npos && after >= 2 && !continues) cleaned.resize(last_end);
  }
  return title_case_if_capitals(cleaned);
}

namespace {
bool sub_unit(std::string_view name) {
  const std::vector<std::string> w = match_words(name);
  if (w.empty()) return false;
  const std::string& last = w.back();
  if (last == "division" || last == "unit" || last == "section" || last == "branch" ||
      last == "headquarters" || last == "detail") {
    return true;
  }
  return w.size() >= 2 && last == "office" &&
         (w[w.size() - 2] == "field" || w[w.size() - 2] == "regional" ||
          w[w.size() - 2] == "district" || w[w.size() - 2] == "area" || w[w.size() - 2] == "resident");
}
}  // namespace

std::vector<std::string> parties_in(std::string_view phrase) {
  static const std::regex kAppositive = icase(
      R"(,\s*(?:a|an|the)\s+(?:[A-Za-z\-]+\s+){0,4}(?:component|agency|division|subdivision|unit|department|bureau|office|corporation|body|entity|municipality|organization|organisation|agent|company|partnership|association|nonprofit|not-for-profit)\b[^,]*(?:,|$))");
  // "Lakeshore Heavy Equipment Rental, LLC": the legal form belongs to the name.
  static const std::regex kLegalForm = icase(R"(,\s*(LLC|L\.L\.C\.|Inc\.?|Ltd\.?|Corp\.?|Co\.|LLP|L\.P\.|P\.C\.)(?=[\s,;.]|$))");
  std::string s = strip_parentheticals(phrase);
  s = std::regex_replace(s, kLegalForm, " $1");
  s = std::regex_replace(s, kAppositive, ", ");
  s = strip_quotes_after(s);
  // Known agencies first: their names may contain "and" ("Immigration and Customs").
  struct Found {
    std::size_t offset;
    std::string name;
  };
  std::vector<Found> found;
  auto mentions = agencies::find_mentions(s);
  std::sort(mentions.begin(), mentions.end(), [](const auto& a, const auto& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.length > b.length;
  });
  std::string blanked = s;
  std::size_t covered_to = 0;
  for (const auto& m : mentions) {
    if (m.offset < covered_to) continue;
    // "Cook County Sheriff's Office" names the sheriff; "Office of Inspector General" inside
    // "City of Chicago Office of Inspector General" is the longer match already taken.
    found.push_back({m.offset, std::string(m.agency->canonical)});
    for (std::size_t k = m.offset; k < m.offset + m.length; ++k) blanked[k] = '|';
    covered_to = m.offset + m.length;
  }
  // The rest, split on separators.
  static const std::regex kSplit = icase(R"(\s*(?:[,;|]+|\band\b|&)\s*)");
  const std::string& rest = blanked;
  std::size_t pos = 0;
  std::string separator;  // the one before `pos`
  for (auto it = std::sregex_iterator(rest.begin(), rest.end(), kSplit);; ++it) {
    const bool end = it == std::sregex_iterator();
    const std::size_t stop = end ? rest.size() : static_cast<std::size_t>(it->position(0));
    if (stop > pos) {
      const std::string part = rest.substr(pos, stop - pos);
      // An agency's name split at its own "and" leaves pieces that are not organisations;
      // "Chicago Field Office" after "Homeland Security Investigations" is a unit of it.
      std::string name = canonical_party(part);
      // Words run on right after an agency's name, with no comma or "and" between, are a
      // subtitle or a unit of it, not another party.
      const bool runs_on = !separator.empty() && separator.find('|') != std::string::npos &&
                           separator.find_first_not_of("| ") == std::string::npos;
      if (!name.empty() && !runs_on && !(covered_to > 0 && sub_unit(name))) {
        found.push_back({pos, name});
      }
    }
    if (end) break;
    pos = static_cast<std::size_t>(it->position(0) + it->length(0));
    separator = it->str(0);
  }
  std::sort(found.begin(), found.end(),
            [](const Found& a, const Found& b) { return a.offset < b.offset; });
  std::vector<std::string> out;
  for (const auto& f : found) {
    const bool seen = std::any_of(out.begin(), out.end(),
                                  [&](const std::string& o) { return iequals(o, f.name); });
    if (!seen) out.push_back(f.name);
  }
  return out;
}

bool party_within(std::string_view child, std::string_view parent) {
  if (iequals(child, parent)) return true;
  static const std::pair<std::string_view, std::string_view> kParents[] = {
      {"Homeland Security Investigations", "U.S. Immigration and Customs Enforcement"},
      {"Enforcement and Removal Operations", "U.S. Immigration and Customs Enforcement"},
      {"U.S. Immigration and Customs Enforcement", "U.S. Department of Homeland Security"},
      {"U.S. Customs and Border Protection", "U.S. Department of Homeland Security"},
      {"U.S. Citizenship and Immigration Services", "U.S. Department of Homeland Security"},
      {"Federal Bureau of Investigation", "U.S. Department of Justice"},
      {"Drug Enforcement Administration", "U.S. Department of Justice"},
      {"Bureau of Alcohol, Tobacco, Firearms and Explosives", "U.S. Department of Justice"},
      {"U.S. Marshals Service", "U.S. Department of Justice"},
      {"Cook County Department of Corrections", "Cook County Sheriff's Office"},
  };
  for (const auto& [c, p] : kParents) {
    if (iequals(c, child)) return party_within(p, parent);
  }
  return false;
}

std::vector<std::string> match_words(std::string_view s) {
  std::vector<std::string> out;
  for (auto& t : tokenize(s)) out.push_back(std::move(t.folded));
  return out;
}

}  // namespace foialens::text
