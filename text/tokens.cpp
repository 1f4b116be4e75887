#include "text/tokens.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace foialens::text {
namespace {

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || u >= 0x80;
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// A light English stemmer: enough to meet plural and verb forms of the words rules use,
// without Porter's reach ("detainer" stays apart from "detain").
std::string stem(std::string w) {
  if (w.size() <= 3) return w;
  if (std::any_of(w.begin(), w.end(), is_digit)) return w;
  if (ends_with(w, "ies") && w.size() > 4) {
    w.resize(w.size() - 3);
    w += 'y';
  } else if (ends_with(w, "sses")) {
    w.resize(w.size() - 2);
  } else if (ends_with(w, "s") && !ends_with(w, "ss") && !ends_with(w, "us") &&
             !ends_with(w, "is")) {
    w.pop_back();
  }
  bool stripped = false;
  if (ends_with(w, "ing") && w.size() >= 6) {
    w.resize(w.size() - 3);
    stripped = true;
  } else if (ends_with(w, "ed") && w.size() >= 5) {
    w.resize(w.size() - 2);
    stripped = true;
  }
  if (stripped && w.size() >= 3) {
    const char a = w[w.size() - 1];
    const char b = w[w.size() - 2];
    if (a == b && !is_vowel(a) && a != 'l' && a != 's' && a != 'z') w.pop_back();
  }
  if (w.size() >= 4 && w.back() == 'e') w.pop_back();
  if (w.size() >= 3 && w.back() == 'y') w.back() = 'i';
  return w;
}

// OCR reads "l" as "1" and "o" as "0" inside words: "re1ease", "c0mply". A token with
// more letters than digits is a word, and its digits are read back as letters.
std::string digits_as_letters(std::string w) {
  const auto letters = std::count_if(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  const auto digits = std::count_if(w.begin(), w.end(), is_digit);
  if (letters == 0 || digits == 0 || letters <= digits) return w;
  for (auto& c : w) {
    if (c == '0') c = 'o';
    if (c == '1') c = 'l';
  }
  return w;
}

std::string fold(std::string_view w) {
  std::string out;
  out.reserve(w.size());
  for (std::size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if (c == 'r' && i + 1 < w.size() && w[i + 1] == 'n') {
      out += 'm';
      ++i;
      continue;
    }
    if (c == 'v' && i + 1 < w.size() && w[i + 1] == 'v') {
      out += 'w';
      ++i;
      continue;
    }
    if (c == 'i') c = 'l';
    if (c == 'z') c = 's';
    out += c;
  }
  // British spellings: "honour", "labour".
  if (out.size() >= 6 && ends_with(out, "our")) out.erase(out.size() - 2, 1);
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Bounded edit distance: true when a and b are at most one edit apart.
bool one_edit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) return a.substr(i + (i < a.size() ? 1 : 0)) ==
                                    b.substr(i + (i < b.size() ? 1 : 0));
  return a.substr(i) == b.substr(i + 1);
}

constexpr std::array<std::string_view, 22> kAbbreviations = {
    "u", "s", "c", "no", "sec", "art", "inc", "v", "vs", "mr", "ms", "dr", "st", "e",
    "g", "i", "seq", "et", "al", "cf", "para", "ch"};

bool is_abbreviation(std::string_view lower_word) {
  if (lower_word.size() == 1) return true;  // initials, "U.S.", "(a)."
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower_word) !=
         kAbbreviations.end();
}

bool in(std::string_view w, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

bool starts(std::string_view w, std::string_view prefix) { return w.substr(0, prefix.size()) == prefix; }

bool is_negative_verb(std::string_view w) {
  for (const std::string_view p : {"prohibit", "forbid", "forbade", "preclud", "refrain",
                                   "declin", "refus", "prevent", "delet", "repeal", "rescind",
                                   "disallow", "restrict", "eliminat"}) {
    if (starts(w, p)) return true;
  }
  return in(w, {"bar", "bars", "barred", "ban", "bans", "banned"});
}

bool is_modal(std::string_view w) {
  return in(w, {"shall", "will", "may", "must", "should", "can", "is", "are", "was", "were",
                "would", "does", "do", "has", "have"});
}

}  // namespace

std::string word_key(std::string_view word) { return fold(stem(digits_as_letters(lower(word)))); }
std::string word_folded(std::string_view word) { return fold(digits_as_letters(lower(word))); }

bool keys_match(std::string_view token_key, std::string_view term_key) {
  if (token_key == term_key) return true;
  if (term_key.size() >= 9 && token_key.size() >= 8 && token_key[0] == term_key[0] &&
      token_key[1] == term_key[1]) {
    return one_edit(token_key, term_key);
  }
  return false;
}

std::string_view AnalyzedText::slice(int first, int last) const {
  if (first < 0 || last < first || last >= static_cast<int>(tokens.size())) return {};
  const std::size_t b = tokens[static_cast<std::size_t>(first)].offset;
  const auto& e = tokens[static_cast<std::size_t>(last)];
  return std::string_view(text).substr(b, e.offset + e.length - b);
}

std::pair<std::size_t, std::size_t> AnalyzedText::sentence_bytes(int t) const {
  const int s = tokens[static_cast<std::size_t>(t)].sentence;
  int first = t;
  int last = t;
  while (first > 0 && tokens[static_cast<std::size_t>(first - 1)].sentence == s) --first;
  while (last + 1 < static_cast<int>(tokens.size()) &&
         tokens[static_cast<std::size_t>(last + 1)].sentence == s) {
    ++last;
  }
  const auto& e = tokens[static_cast<std::size_t>(last)];
  std::size_t end = e.offset + e.length;
  if (end < text.size() && (text[end] == '.' || text[end] == ';')) ++end;
  return {tokens[static_cast<std::size_t>(first)].offset, end};
}

AnalyzedText analyze(std::string_view input, std::size_t item_start) {
  AnalyzedText at;
  at.text = std::string(input);
  const std::string_view text = at.text;

  // Tokens, and where the sentences and segments break: a break is recorded before the
  // token that follows it.
  enum class Break { none, segment, semicolon, sentence };
  std::vector<Break> breaks;
  std::vector<std::size_t> question_tokens;  // tokens followed by a question mark
  Break pending = Break::none;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (is_word_byte(c)) {
      std::size_t j = i;
      while (j < text.size() && is_word_byte(text[j])) ++j;
      Token t;
      t.offset = i;
      t.length = j - i;
      const std::string_view raw = text.substr(i, j - i);
      t.lower = digits_as_letters(lower(raw));
      t.key = word_key(raw);
      t.folded = word_folded(raw);
      // Capitals, allowing the "l" and "1" that OCR reads for "I" ("lCE" for "ICE").
      t.upper = raw.size() >= 2 &&
                std::count_if(raw.begin(), raw.end(), [](char ch) { return is_upper(ch); }) >= 2 &&
                std::all_of(raw.begin(), raw.end(), [](char ch) {
                  return is_upper(ch) || is_digit(ch) || ch == 'l';
                });
      at.tokens.push_back(std::move(t));
      breaks.push_back(pending);
      pending = Break::none;
      i = j;
      continue;
    }
    if (c == '?' && !at.tokens.empty()) {
      question_tokens.push_back(at.tokens.size() - 1);
    }
    if (c == ';') {
      pending = std::max(pending, Break::semicolon);
    } else if (c == '.' || c == '!' || c == '?') {
      // A sentence ends at a full stop followed by space (or the end), unless the word
      // before it is an abbreviation or an initial ("U.S.", "No.", "(a).").
      const bool followed_by_space =
          i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n';
      const bool after_abbrev = !at.tokens.empty() &&
                                at.tokens.back().offset + at.tokens.back().length == i &&
                                is_abbreviation(at.tokens.back().lower);
      if (followed_by_space && !after_abbrev) pending = Break::sentence;
    } else if (c == '\n' && i + 1 < text.size() && text[i + 1] == '\n') {
      pending = Break::sentence;  // a blank line
    }
    ++i;
  }

  // Sentences, then segments inside them.
  int sentence = 0;
  for (std::size_t k = 0; k < at.tokens.size(); ++k) {
    if (k > 0 && breaks[k] == Break::sentence) ++sentence;
    at.tokens[k].sentence = sentence;
  }
  at.sentences = at.tokens.empty() ? 0 : sentence + 1;

  const auto word = [&](std::size_t k) -> std::string_view {
    return k < at.tokens.size() ? std::string_view(at.tokens[k].lower) : std::string_view();
  };

  std::vector<bool> sentence_question(static_cast<std::size_t>(at.sentences), false);
  for (const std::size_t t : question_tokens) {
    sentence_question[static_cast<std::size_t>(at.tokens[t].sentence)] = true;
  }
  std::vector<bool> sentence_recital(static_cast<std::size_t>(at.sentences), false);
  std::vector<bool> sentence_definition(static_cast<std::size_t>(at.sentences), false);
  std::size_t sentence_first = 0;  // first token of the current sentence
  for (std::size_t k = 0; k < at.tokens.size(); ++k) {
    const auto s = static_cast<std::size_t>(at.tokens[k].sentence);
    const bool first_of_sentence = k == 0 || at.tokens[k - 1].sentence != at.tokens[k].sentence;
    if (first_of_sentence) sentence_first = k;
    if (first_of_sentence && word(k) == "whereas") sentence_recital[s] = true;
    // A definition: "means", "shall mean", "is defined as", "refers to" within the first
    // words of its sentence.
    if (k - sentence_first <= 10 && (word(k) == "means" || (word(k) == "mean" && word(k - 1) == "shall") ||
                            (word(k) == "defined" && word(k + 1) == "as") ||
                            (word(k) == "refers" && word(k + 1) == "to"))) {
      sentence_definition[s] = true;
    }
  }

  Segment current;
  int last_negative_verb = -1;
  std::size_t k = 0;
  const auto mark_cue = [&] {
    current.own_cue = true;
    if (current.cue < 0) current.cue = static_cast<int>(k);
  };
  const auto mark_negator = [&] {
    current.negator = true;
    mark_cue();
  };
  const auto close = [&](std::size_t end_exclusive) {
    current.last = static_cast<int>(end_exclusive) - 1;
    if (current.last >= current.first) at.segments.push_back(current);
  };
  for (k = 0; k < at.tokens.size(); ++k) {
    const std::string_view w = word(k);
    const std::string_view prev = k > 0 ? word(k - 1) : std::string_view();
    const bool item_begins = item_start != std::string_view::npos && k > 0 &&
                             at.tokens[k].offset >= item_start && at.tokens[k - 1].offset < item_start;
    bool boundary = k == 0 || breaks[k] == Break::sentence || breaks[k] == Break::semicolon ||
                    item_begins;
    bool exception = false;
    if (!boundary && k > 0) {
      if (in(w, {"but", "however", "whereas", "although", "notwithstanding"})) boundary = true;
      if (in(w, {"unless", "except"}) || (w == "other" && word(k + 1) == "than") ||
          (w == "provided" && (word(k + 1) == "that" || word(k + 1) == "however" ||
                               breaks[k] != Break::none))) {
        boundary = true;
        exception = true;
      }
    } else if (k == 0 || breaks[k] != Break::none) {
      exception = in(w, {"unless", "except"});
    }
    if (boundary) {
      const Segment previous = current;
      const bool had_previous = k > 0;
      close(k);
      current = Segment{};
      current.first = static_cast<int>(k);
      current.sentence = at.tokens[k].sentence;
      current.exception = exception;
      current.recital = sentence_recital[static_cast<std::size_t>(current.sentence)];
      current.definition = sentence_definition[static_cast<std::size_t>(current.sentence)];
      current.question = sentence_question[static_cast<std::size_t>(current.sentence)];
      // A list item after a semicolon that has no verb of its own continues the statement
      // before it: "shall not detain a person on the basis of: (a) status; (b) a detainer".
      if (had_previous && breaks[k] == Break::semicolon) {
        bool has_verb = false;
        for (std::size_t m = k; m < at.tokens.size() && m < k + 40; ++m) {
          if (m > k && breaks[m] != Break::none) break;
          if (is_modal(word(m))) {
            has_verb = true;
            break;
          }
        }
        if (!has_verb) {
          current.negator = previous.negator;
          current.negative_verbs = previous.negative_verbs;
          current.cue = previous.cue;
        }
      }
    }
    at.tokens[k].segment = static_cast<int>(at.segments.size());

    // Negation cues.
    const std::string_view next = word(k + 1);
    if (w == "not") {
      // "not later than", "not to exceed", "not only", "not less than": no negation.
      // "who is not a United States citizen", "not lawfully present": a description of
      // status, not a negation of what the clause commits anyone to.
      bool describes_status = in(next, {"lawfully", "legally", "citizen", "citizens"});
      if (in(next, {"a", "an", "united", "u"})) {
        for (std::size_t m = k + 2; m < k + 6 && m < at.tokens.size(); ++m) {
          if (word(m).starts_with("citizen")) describes_status = true;
        }
      }
      const bool idiom = in(next, {"later", "less", "more", "only", "fewer", "earlier", "exceed",
                                   "exceeding"}) ||
                         (next == "to" && word(k + 2) == "exceed") ||
                         (next == "be" && word(k + 2) == "later") || describes_status;
      if (!idiom) mark_negator();
    } else if (w == "no") {
      const bool idiom = in(next, {"later", "less", "more", "fewer", "earlier", "cost"}) ||
                         (k + 1 < at.tokens.size() && !next.empty() && is_digit(next[0]));
      if (!idiom) mark_negator();
    } else if (in(w, {"never", "nothing", "neither", "nor", "none", "cannot", "regardless",
                      "irrespective"}) ||
               (w == "without" && next == "regard")) {
      mark_negator();
    } else if (w == "t" && in(prev, {"won", "can", "don", "doesn", "isn", "aren", "shouldn",
                                     "wouldn", "mustn", "didn", "wasn"})) {
      mark_negator();
    } else if (w == "unlawful" && in(prev, {"is", "be", "are", "was", "were"})) {
      // "it shall be unlawful to ..." forbids; "unlawfully present" does not.
      if (last_negative_verb < 0 || static_cast<int>(k) - last_negative_verb > 2) {
        ++current.negative_verbs;
      }
      mark_cue();
      last_negative_verb = static_cast<int>(k);
    } else if (is_negative_verb(w) &&
               !(prev == "to" && k >= 2 && in(word(k - 2), {"right", "option", "choice", "free"}))) {
      // ("the right to decline" names an option; it does not negate the statement.)
      // "declined or refused" is one negation.
      if (last_negative_verb < 0 || static_cast<int>(k) - last_negative_verb > 2 ||
          boundary) {
        ++current.negative_verbs;
      }
      mark_cue();
      last_negative_verb = static_cast<int>(k);
    }
  }
  close(at.tokens.size());

  {
    // A heading: short, without a verb that commits anyone or tells what happened, and
    // either numbered ("2-173-030 Requesting ...") or in title case.
    const auto verb_like = [](const Token& t) {
      return is_modal(t.lower) || in(t.lower, {"be", "had", "did", "agrees", "agree", "means"}) ||
             (t.lower.size() > 4 && t.lower.ends_with("ed"));
    };
    std::size_t words = 0;
    std::size_t capitalised = 0;
    for (const Token& t : at.tokens) {
      if (!std::isalpha(static_cast<unsigned char>(text[t.offset]))) continue;
      ++words;
      if (is_upper(text[t.offset])) ++capitalised;
    }
    const bool numbered = !at.tokens.empty() && is_digit(text[at.tokens.front().offset]);
    const auto numbers = std::count_if(at.tokens.begin(), at.tokens.end(), [](const Token& t) {
      return std::all_of(t.lower.begin(), t.lower.end(), is_digit);
    });
    const bool modal = std::any_of(at.tokens.begin(), at.tokens.end(),
                                   [](const Token& t) { return is_modal(t.lower); });
    at.tabular = numbers >= 3 && static_cast<std::size_t>(numbers) * 7 >= at.tokens.size() && !modal;
    at.heading_like = !at.tokens.empty() && at.tokens.size() <= 14 &&
                      std::none_of(at.tokens.begin(), at.tokens.end(), verb_like) &&
                      (numbered || capitalised * 10 >= words * 6);
  }

  // The item after a lead-in: segments of its first sentence without a cue of their own take
  // the negation of the segment before them.
  if (item_start != std::string_view::npos) {
    std::size_t first = 0;
    while (first < at.segments.size() &&
           at.tokens[static_cast<std::size_t>(at.segments[first].first)].offset < item_start) {
      ++first;
    }
    for (std::size_t s = first; s > 0 && s < at.segments.size(); ++s) {
      Segment& seg = at.segments[s];
      if (seg.own_cue || seg.exception) break;
      if (s > first && seg.sentence != at.segments[first].sentence) break;
      seg.negator = at.segments[s - 1].negator;
      seg.negative_verbs = at.segments[s - 1].negative_verbs;
      seg.cue = at.segments[s - 1].cue;
    }
  }
  return at;
}

}  // namespace foialens::text
