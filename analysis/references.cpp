#include "analysis/references.hpp"

#include <algorithm>
#include <map>
#include <regex>

#include "analysis/agreements.hpp"
#include "common/agencies.hpp"
#include "common/hash.hpp"
#include "common/text.hpp"

namespace foialens::analysis {
namespace {

std::regex icase(const std::string& pattern) {
  return std::regex(pattern, std::regex::icase | std::regex::ECMAScript | std::regex::optimize);
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Orders and directives with an identifier: "Special Order S06-14-03", "General Order
// G09-01", "Executive Order No. 2017-1", "Employee Resource E06-01".
const std::regex& order_regex() {
  static const std::regex kOrder = icase(
      R"(\b((?:Special|General|Executive|Administrative|Department(?:al)?|Standing|Emergency|Field|Training|Operations|Police)\s+(?:Order|Directive|Bulletin|Notice)|Employee\s+Resource|Uniform\s+and\s+Property|Directive|Ordinance|Resolution)\s+(?:No\.?\s*|Number\s+|#\s*)?([A-Z]{0,3}\d[A-Z0-9]*(?:[-./][A-Z0-9]+)*))");
  return kOrder;
}

std::string order_type_of(std::string_view printed) {
  std::string out;
  bool start = true;
  for (char c : text::squash_spaces(printed)) {
    if (c == ' ') {
      out += ' ';
      start = true;
      continue;
    }
    out += start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                 : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    start = false;
  }
  if (out == "Uniform And Property") out = "Uniform and Property";
  return out;
}

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Words that sit before a kind without naming the instrument.
bool neutral_modifier(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "existing", "current", "original", "new", "prior", "previous", "amended", "revised",
      "same", "above", "aforementioned", "relevant", "applicable", "underlying", "signed",
      "executed", "separate", "written", "formal", "informal", "former", "latest", "final",
      "draft", "proposed", "renewed", "updated", "operative", "controlling", "governing",
      "attached", "referenced", "mentioned", "undisclosed", "unpublished", "secret",
      "standing", "active", "expired", "valid"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// Lower-case nouns that name what an agreement is for: "the LEADS user agreement".
bool noun_modifier(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "user", "access", "service", "services", "sharing", "data", "information", "license",
      "licensing", "lease", "purchase", "cooperation", "cooperative", "participation",
      "confidentiality", "nondisclosure", "non-disclosure", "interlocal", "mutual", "aid",
      "detention", "housing", "transport", "transportation", "custody", "booking", "database",
      "records", "exchange", "support", "funding", "grant", "reimbursement", "training",
      "equipment", "warehouse", "software", "vendor", "supply", "consulting", "maintenance",
      "operating", "operations", "partnership", "settlement", "consent", "employment"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

bool stop_word(std::string_view w) {
  static constexpr std::string_view kWords[] = {"of", "and", "the", "a", "an", "for", "on",
                                                "in", "to", "with", "by", "or"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

std::string normalize_topic(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    for (const std::string& m : match_words(w)) {
      if (stop_word(m)) continue;
      out += (out.empty() ? "" : " ") + m;
    }
  }
  return out;
}

// Where the clause around `at` ends: a full stop that ends a sentence, or ';'.
std::size_t clause_end(std::string_view s, std::size_t from) {
  for (std::size_t i = from; i < s.size(); ++i) {
    if (s[i] == ';' || s[i] == '\n') {
      if (s[i] == '\n') continue;
      return i;
    }
    if (s[i] != '.') continue;
    if (i + 1 < s.size() && s[i + 1] != ' ' && s[i + 1] != '\n') continue;
    std::size_t w = i;
    while (w > from && s[w - 1] != ' ' && s[w - 1] != '(') --w;
    const std::string word = text::lower_ascii(s.substr(w, i - w));
    if (word.size() <= 1 || word == "u.s" || word == "no" || word == "inc" || word == "st" ||
        word == "u.s.c" || word == "c.f.r" || word == "dept" || word == "co") {
      continue;
    }
    return i;
  }
  return s.size();
}

std::size_t clause_start(std::string_view s, std::size_t at) {
  std::size_t i = at;
  while (i > 0) {
    const char c = s[i - 1];
    if (c == ';' || c == ':' || c == '!' || c == '?') break;
    if (c == '.' && (i == s.size() || s[i] == ' ' || s[i] == '\n')) {
      std::size_t w = i - 1;
      while (w > 0 && s[w - 1] != ' ' && s[w - 1] != '\n' && s[w - 1] != '(') --w;
      const std::string word = text::lower_ascii(s.substr(w, i - 1 - w));
      if (!(word.size() <= 1 || word == "u.s" || word == "no" || word == "inc")) break;
    }
    --i;
  }
  return i;
}

std::string sentence_around(std::string_view s, std::size_t at, std::size_t length) {
  std::size_t b = at;
  while (b > 0 && at - b < 200) {
    if ((s[b - 1] == '.' || s[b - 1] == '?' || s[b - 1] == '!') && b < s.size() &&
        (s[b] == ' ' || s[b] == '\n')) {
      break;
    }
    --b;
  }
  const std::size_t e = std::min(s.size(), clause_end(s, at + length) + 1);
  return text::truncate_utf8(text::squash_spaces(s.substr(b, e - b)), 280);
}

struct WordSpan {
  std::size_t offset;
  std::string text;
};

// Words before `at` in the same clause, nearest first.
std::vector<WordSpan> words_before(std::string_view s, std::size_t at, std::size_t limit) {
  std::vector<WordSpan> out;
  std::size_t i = at;
  const std::size_t start = clause_start(s, at);
  while (i > start && out.size() < limit) {
    while (i > start && (s[i - 1] == ' ' || s[i - 1] == '\n')) --i;
    if (i == start) break;
    const char c = s[i - 1];
    if (c == ')') {
      // "Data System (LEADS) user agreement": an acronym in parentheses is part of the name.
      const std::size_t open = s.rfind('(', i - 1);
      if (open != std::string_view::npos && open >= start && i - 1 - open <= 12 && open > 0) {
        const std::string_view inside = s.substr(open + 1, i - 2 - open);
        const bool acronym = !inside.empty() && std::all_of(inside.begin(), inside.end(), [](char ch) {
          return (ch >= 'A' && ch <= 'Z') || ch == '-' || ch == '&';
        });
        if (acronym) {
          out.push_back({open, std::string(s.substr(open, i - open))});
          i = open;
          continue;
        }
      }
      break;
    }
    if (c == ',' || c == '(' || c == '"') break;
    std::size_t b = i;
    while (b > start && s[b - 1] != ' ' && s[b - 1] != '\n' && s[b - 1] != ',' &&
           s[b - 1] != '(' && s[b - 1] != '"') {
      --b;
    }
    out.push_back({b, std::string(s.substr(b, i - b))});
    i = b;
  }
  return out;
}

struct Pre {
  bool self = false;
  bool definite = false;
  bool indefinite = false;
  std::size_t start = 0;
  int year = 0;
  std::vector<std::string> topic;  // in reading order
  std::vector<std::string> parties;
};

Pre read_before(std::string_view s, std::size_t at) {
  Pre pre;
  pre.start = at;
  bool long_form = false;   // words before "(LEADS)" spell the acronym out
  bool particular = false;  // "separate", "existing": a particular instrument
  for (const WordSpan& w : words_before(s, at, 12)) {
    std::string word = w.text;
    if (word.size() > 2 && word.front() == '(' && word.back() == ')') {
      const std::string acronym = word.substr(1, word.size() - 2);
      if (const auto* a = agencies::lookup(acronym)) {
        pre.parties.emplace_back(a->canonical);
      } else {
        pre.topic.insert(pre.topic.begin(), acronym);
        long_form = true;
      }
      pre.start = w.offset;
      continue;
    }
    while (!word.empty() && (word.back() == ',' || word.back() == '.')) word.pop_back();
    const std::string lw = text::lower_ascii(word);
    if (lw == "this" || lw == "these" || lw == "herein" || lw == "hereunder") {
      pre.self = true;
      return pre;
    }
    if (lw == "a" || lw == "an" || lw == "any" || lw == "no" || lw == "each" || lw == "every" ||
        lw == "such" || lw == "another" || lw == "other" || lw == "which" || lw == "what" ||
        lw == "whose" || lw == "some" || lw == "all" || lw == "future" || lw == "similar") {
      // "a separate intergovernmental service agreement" exists; "an MOU" is any.
      (particular && (lw == "a" || lw == "an") ? pre.definite : pre.indefinite) = true;
      return pre;
    }
    if (lw == "separate" || lw == "existing" || lw == "prior" || lw == "previous" ||
        lw == "companion" || lw == "related" || lw == "earlier") {
      particular = true;
    }
    if (lw == "the" || lw == "that" || lw == "its" || lw == "their" || lw == "his" ||
        lw == "her" || lw == "our" || lw == "said" || lw == "those") {
      pre.definite = true;
      return pre;
    }
    const bool possessive = lw.size() > 2 && (lw.substr(lw.size() - 2) == "'s" ||
                                              lw.substr(lw.size() - 2) == "s'");
    if (possessive || (lw.size() > 4 && lw.substr(lw.size() - 4) == "\xE2\x80\x99s")) {
      std::string name = word.substr(0, word.size() - (possessive ? 2 : 4));
      // "the Police Department's MOU": the whole name is several words; try the agency list
      // on the clause so far.
      pre.definite = true;
      pre.start = w.offset;
      if (const auto* a = agencies::lookup(name)) {
        pre.parties.emplace_back(a->canonical);
      } else {
        const std::size_t cs = clause_start(s, w.offset);
        const auto mentions = agencies::find_mentions(s.substr(cs, w.offset + name.size() - cs));
        if (!mentions.empty()) {
          pre.parties.emplace_back(mentions.back().agency->canonical);
          pre.start = cs + mentions.back().offset;
        }
      }
      return pre;
    }
    if (word.size() == 4 && std::all_of(word.begin(), word.end(), is_digit)) {
      const int y = std::stoi(word);
      if (y >= 1950 && y <= 2100) {
        pre.year = y;
        pre.start = w.offset;
        continue;
      }
    }
    if (const auto* a = agencies::lookup(word); a && (is_upper(word[0]))) {
      pre.parties.emplace_back(a->canonical);
      pre.start = w.offset;
      continue;
    }
    // "CPD-ICE MOU"
    if (word.find('-') != std::string::npos) {
      bool all_agencies = true;
      std::vector<std::string> found;
      for (std::string_view part : text::split(word, '-')) {
        const auto* a = agencies::lookup(part);
        if (!a) {
          all_agencies = false;
          break;
        }
        found.emplace_back(a->canonical);
      }
      if (all_agencies && found.size() >= 2) {
        pre.parties.insert(pre.parties.end(), found.begin(), found.end());
        pre.start = w.offset;
        continue;
      }
    }
    if (neutral_modifier(lw)) {
      pre.start = w.offset;
      continue;
    }
    const bool capital = is_upper(word[0]);
    const bool hyphenated = (word.find('-') != std::string::npos && word.size() > 3) ||
                            noun_modifier(lw);
    if ((capital || hyphenated) && std::any_of(word.begin(), word.end(), [](char c) {
          return std::isalpha(static_cast<unsigned char>(c));
        })) {
      // A capitalised word at the start of a sentence is not part of a name.
      const std::size_t cs = clause_start(s, w.offset);
      if (w.offset == cs && (lw == "pursuant" || lw == "under" || lw == "per" || lw == "see")) {
        return pre;
      }
      if (!long_form) pre.topic.insert(pre.topic.begin(), word);
      pre.start = w.offset;
      continue;
    }
    return pre;
  }
  return pre;
}

struct Post {
  std::size_t end = 0;  // end of what belongs to the reference
  std::optional<Date> date;
  int year = 0;
  std::vector<std::string> parties;
  std::string topic;
};

Post read_after(std::string_view s, std::size_t from, std::size_t next_kind) {
  Post post;
  post.end = from;
  const std::size_t limit = std::min({clause_end(s, from), from + 220, next_kind});
  std::string_view rest = s.substr(from, limit - from);
  std::size_t pos = 0;
  // A defined short name: "(MOA)", "(the "2017 MOU")".
  {
    std::size_t p = 0;
    while (p < rest.size() && rest[p] == ' ') ++p;
    if (p < rest.size() && rest[p] == '(') {
      const std::size_t close = rest.find(')', p);
      if (close != std::string_view::npos && close - p < 60) pos = close + 1;
    }
  }
  static const std::regex kDateCue = icase(
      R"(^\s*,?\s*(?:(?:that\s+was\s+|which\s+was\s+)?(?:dated|signed|executed|entered\s+into|approved|effective|adopted|issued|made)(?:\s+(?:on|in|as\s+of))?|of|from|in)\s+)");
  std::size_t consumed = pos;
  // "dated April 12, 2019", "of 2017", "signed in 2008": before the parties or after them.
  const auto read_date = [&] {
    if (post.date || post.year) return;
    const std::string tail(rest.substr(consumed));
    std::smatch m;
    if (!std::regex_search(tail, m, kDateCue)) return;
    const std::size_t after = static_cast<std::size_t>(m.length(0));
    const std::string window = tail.substr(after, 40);
    const auto dates = find_dates(window);
    static const std::regex kYear(R"(^(?:the\s+year\s+)?((?:19|20)\d\d)\b)");
    std::smatch y;
    if (!dates.empty() && dates.front().offset <= 2) {
      post.date = dates.front().date;
      post.year = post.date->year();
      consumed += after + dates.front().offset + dates.front().length;
    } else if (std::regex_search(window, y, kYear)) {
      post.year = std::stoi(y[1].str());
      consumed += after + static_cast<std::size_t>(y.position(0) + y.length(0));
    }
  };
  read_date();
  // Parties: "with DHS", "between the CPD and ICE".
  {
    const std::string after(rest.substr(consumed));
    static const std::regex kWith = icase(
        R"(^\s*,?\s*(?:entered\s+into\s+|signed\s+|executed\s+)?(?:with|between|among|by\s+and\s+between|by)\s+)");
    std::smatch w;
    if (std::regex_search(after, w, kWith)) {
      std::string clause = after.substr(static_cast<std::size_t>(w.length(0)));
      static const std::regex kStop = icase(
          R"([,;:()]|\b(?:that|which|who|to|for|regarding|concerning|under|pursuant|dated|signed|executed|is|was|were|has|had|have|remains?|expired|allows?|permits?|requires?|provides?|governs?|in\s+(?:19|20)\d\d|on|as)\b)");
      std::smatch stop;
      std::size_t cut = clause.size();
      if (std::regex_search(clause, stop, kStop)) cut = static_cast<std::size_t>(stop.position(0));
      clause.resize(cut);
      auto parties = parties_in(clause);
      // The printed reference ends with its last party: "with DHS", not "with DHS and the".
      while (!parties.empty()) {
        const std::size_t sp = clause.find_last_of(' ', clause.find_last_not_of(' '));
        if (sp == std::string::npos) break;
        const std::string shorter = clause.substr(0, sp);
        if (parties_in(shorter) != parties) break;
        clause = shorter;
      }
      cut = clause.size();
      if (!parties.empty()) {
        post.parties = std::move(parties);
        consumed += static_cast<std::size_t>(w.length(0)) + cut;
      }
    }
  }
  read_date();
  // A named subject: "regarding the Gang Database".
  {
    const std::string after(rest.substr(consumed));
    static const std::regex kAbout(
        R"(^\s*,?\s*(?:for|regarding|concerning|governing|on|relating\s+to|re:)\s+(?:the\s+)?((?:[A-Z][A-Za-z0-9'\-]*\s*){1,6}))");
    std::smatch a;
    if (std::regex_search(after, a, kAbout)) {
      std::string topic = std::string(text::trim(a[1].str()));
      // Agencies are parties, not subjects.
      if (!topic.empty() && agencies::lookup(topic) == nullptr &&
          agencies::find_mentions(topic).empty()) {
        post.topic = topic;
        consumed += static_cast<std::size_t>(a.position(1) + a.length(1));
      }
    }
  }
  while (consumed > 0 && (rest[consumed - 1] == ' ' || rest[consumed - 1] == ',')) --consumed;
  post.end = from + consumed;
  return post;
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Contracts and agreements cited by number: "Contract No. 2022-DSS-0471".
const std::regex& numbered_regex() {
  static const std::regex kNumbered = icase(
      R"(\b((?:Purchase\s+|Task\s+|Grant\s+|Service\s+)?(?:Contract|Agreement|Order))\s+(?:No\.?|Number|#)\s*([A-Z0-9]*\d[A-Z0-9]*(?:[-./][A-Z0-9]+)*))");
  return kNumbered;
}

std::vector<Mention> order_mentions(std::string_view text_in) {
  std::vector<Mention> out;
  const std::string text(text_in);
  const std::string lower = text::lower_ascii(text);
  const auto found = [&](const std::smatch& m, std::size_t at) {
    // "Directive", "Ordinance" need a capital: "the directive 12" is prose.
    if (!is_upper(text[at])) return;
    std::string id = upper_ascii(m[2].str());
    while (!id.empty() && (id.back() == '.' || id.back() == '-' || id.back() == '/')) id.pop_back();
    if (id.size() < 2) return;
    Mention men;
    men.instrument.category = ReferenceCategory::order;
    men.instrument.order_type = order_type_of(m[1].str());
    men.instrument.identifier = id;
    men.offset = at;
    men.length = static_cast<std::size_t>(m.length(0));
    men.printed = text::squash_spaces(m[0].str());
    // The same words found by both patterns ("Special Order No. 5" and "Order No. 5").
    const bool inside = std::any_of(out.begin(), out.end(), [&](const Mention& o) {
      return men.offset >= o.offset && men.offset < o.offset + o.length;
    });
    if (!inside) out.push_back(std::move(men));
  };
  search_near(text, lower,
              {"order", "directive", "bulletin", "notice", "resource", "property", "ordinance",
               "resolution"},
              40, 60, order_regex(), found);
  search_near(text, lower, {"contract", "agreement", "order"}, 30, 60, numbered_regex(), found);
  std::sort(out.begin(), out.end(),
            [](const Mention& a, const Mention& b) { return a.offset < b.offset; });
  return out;
}

bool topic_matches(std::string_view topic, std::string_view haystack) {
  const std::vector<std::string> want = match_words(topic);
  if (want.empty()) return true;
  const std::vector<std::string> have = match_words(haystack);
  std::size_t hits = 0, counted = 0;
  for (const std::string& w : want) {
    if (w.size() < 3 || stop_word(w)) continue;
    ++counted;
    if (std::find(have.begin(), have.end(), w) != have.end()) ++hits;
  }
  return counted == 0 || hits * 2 >= counted;
}


// What the library holds, read once.
struct Held {
  const Document* doc;
  std::vector<Agreement> agreements;
  std::string header;  // title and first lines: where a document's own number is printed
};

bool date_matches(const Instrument& in, const Agreement& a, const Document& d) {
  std::vector<Date> dates;
  if (a.effective_date) dates.push_back(*a.effective_date);
  if (a.signature_date) dates.push_back(*a.signature_date);
  for (const Signatory& s : a.signatories) {
    if (s.date) dates.push_back(*s.date);
  }
  if (d.date) dates.push_back(*d.date);
  for (const DateMention& m : find_dates(a.title)) dates.push_back(m.date);
  if (in.date) return std::find(dates.begin(), dates.end(), *in.date) != dates.end();
  if (in.year) {
    if (icontains(a.title, std::to_string(in.year))) return true;
    return std::any_of(dates.begin(), dates.end(), [&](const Date& x) { return x.year() == in.year; });
  }
  return true;
}

bool memo_kind(Kind k) { return k == Kind::moa || k == Kind::mou || k == Kind::lou; }

// A reference that says nothing but its kind ("the MOU", "the Task Force Charter") fits an
// agreement of that kind; a memorandum fits any memorandum, a specialised kind only itself.
bool bare_fits(Kind ref, Kind held) {
  if (ref == Kind::agreement) return true;
  if (memo_kind(ref)) return memo_kind(held) || kinds_compatible(ref, held);
  return ref == held;
}

// How well a held agreement fits what a reference says: 0 when it contradicts it (another
// date, another party, another subject), more for each detail that agrees.
int fit(const Instrument& in, const Agreement& a, const Document& d) {
  if (!kinds_compatible(in.kind, a.kind) || !bare_fits(in.kind, a.kind)) return 0;
  int score = 1;
  if (in.kind == a.kind && in.kind != Kind::agreement) score += 1;
  if (in.date || in.year) {
    if (!date_matches(in, a, d)) return 0;
    score += in.date ? 3 : 1;
  }
  std::vector<std::string> have = a.parties;
  for (const Signatory& s : a.signatories) {
    if (!s.agency.empty()) have.push_back(s.agency);
  }
  for (const std::string& w : in.parties) {
    int best = 0;
    for (const std::string& h : have) {
      if (iequals(h, w)) {
        best = 2;
      } else if (best == 0 && (party_within(h, w) || party_within(w, h))) {
        best = 1;  // "the MOU with DHS" and an agreement signed by ICE: perhaps
      }
    }
    if (best == 0) return 0;
    score += best;
  }
  if (!in.topic.empty()) {
    if (!topic_matches(in.topic, a.title + " " + d.title)) return 0;
    score += 2;
  }
  return score;
}

// Enough agreement beyond the kind to say that a held agreement is the one referred to.
constexpr int kResolved = 3;

// `page`: where the mention is, for a bare mention ("the MOU") that refers to the
// agreement around it; 0 when not known.
bool matches(const Instrument& in, const Held& h, int page = 0) {
  if (in.category == ReferenceCategory::order) {
    const std::string header = upper_ascii(h.header);
    for (std::size_t at = header.find(in.identifier); at != std::string::npos;
         at = header.find(in.identifier, at + 1)) {
      const std::size_t end = at + in.identifier.size();
      const bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(header[at - 1]));
      const bool right = end >= header.size() ||
                         !(std::isalnum(static_cast<unsigned char>(header[end])) || header[end] == '-');
      if (left && right) return true;
    }
    return false;
  }
  return std::any_of(h.agreements.begin(), h.agreements.end(), [&](const Agreement& a) {
    if (!in.bare()) return fit(in, a, *h.doc) >= kResolved;
    const bool around = !a.embedded || page == 0 || (page >= a.page && page <= a.page_end);
    return around && bare_fits(in.kind, a.kind);
  });
}

std::string header_of(const Document& doc) {
  std::string header = doc.title + "\n";
  // The heading lines at the top of the first page, passing over a notice or letterhead
  // sentence before them, until the body starts (the third sentence-like line).
  int lines = 0;
  int sentences = 0;
  std::size_t scanned = 0;
  const auto add = [&](std::string_view t) {
    for (std::string_view raw : text::split(t, '\n')) {
      const std::string_view l = text::trim(raw);
      if (l.empty()) continue;
      scanned += l.size();
      // A heading block joined into one line is long, but in capitals.
      const bool capitals =
          std::none_of(l.begin(), l.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      if ((l.size() > 120 && !(capitals && l.size() <= 400)) || (l.back() == '.' && l.size() > 40)) {
        ++sentences;
        continue;
      }
      header += std::string(l) + "\n";
      ++lines;
    }
  };
  const auto done = [&] { return lines >= 5 || sentences >= 3 || scanned > 2500; };
  if (!doc.passages.empty()) {
    for (const Passage& p : doc.passages) {
      if (p.page > 1 || done()) break;
      add(p.text);
    }
  } else if (!doc.pages.empty()) {
    add(doc.pages.front().text.substr(0, 2500));
  }
  return header;
}

int specificity(const Instrument& in) {
  return (in.date ? 2 : 0) + (in.year ? 1 : 0) + (in.topic.empty() ? 0 : 1) +
         static_cast<int>(in.parties.size()) + (in.kind != Kind::agreement ? 1 : 0);
}

// `less` names the same instrument as `more`, with less detail.
bool refines(const Instrument& less, const Instrument& more) {
  if (less.category != more.category) return false;
  if (less.category == ReferenceCategory::order) {
    return less.identifier == more.identifier;
  }
  if (!kinds_compatible(less.kind, more.kind)) return false;
  // "the MOU" may be the data-sharing MOU named before; "the Task Force Charter" is only
  // ever a task-force instrument.
  const bool less_general = less.kind == Kind::agreement || less.kind == Kind::moa ||
                            less.kind == Kind::mou || less.kind == Kind::lou;
  if (!less_general && less.kind != more.kind) return false;
  if (less.date && (!more.date || *less.date != *more.date)) return false;
  if (less.year && less.year != more.year) return false;
  if (!less.topic.empty() && !topic_matches(less.topic, more.topic)) return false;
  // Each party the vaguer mention names is named by the precise one too, or is the agency
  // of which the precise one names a component ("with DHS" and "between CPD and ICE").
  for (const std::string& p : less.parties) {
    const bool named = std::any_of(more.parties.begin(), more.parties.end(), [&](const std::string& q) {
      return iequals(p, q) || party_within(q, p);
    });
    if (!named) return false;
  }
  return true;
}

}  // namespace

bool Instrument::bare() const {
  return category == ReferenceCategory::agreement && !date && year == 0 && topic.empty() &&
         parties.empty();
}

std::string describe(const Instrument& in) {
  if (in.category == ReferenceCategory::order) return in.order_type + " " + in.identifier;
  std::string s;
  std::vector<std::string> parties = in.parties;
  if (!in.name.empty()) {
    // "HSI Chicago Task Force Charter": the name says its parties already.
    s = in.name;
    std::erase_if(parties, [&](const std::string& p) {
      const auto* a = agencies::lookup(p);
      if (icontains(in.name, p)) return true;
      if (!a || a->acronym.empty()) return false;
      const auto words = match_words(in.name);
      return std::find(words.begin(), words.end(), text::lower_ascii(a->acronym)) != words.end();
    });
  } else {
    if (in.year && !in.date) s = std::to_string(in.year) + " ";
    if (!in.topic.empty()) s += (in.display_topic.empty() ? in.topic : in.display_topic) + " ";
    s += kind_label(in.kind);
  }
  if (in.date) s += " dated " + in.date->long_form();
  if (parties.size() == 1) {
    s += " with " + parties.front();
  } else if (parties.size() > 1) {
    s += " between ";
    for (std::size_t i = 0; i < parties.size(); ++i) {
      if (i > 0) s += i + 1 == parties.size() ? " and " : ", ";
      s += parties[i];
    }
  }
  s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string normalized(const Instrument& in) {
  if (in.category == ReferenceCategory::order) {
    return "order|" + text::lower_ascii(in.order_type) + "|" + in.identifier;
  }
  std::string s = "agreement|" + std::string(kind_slug(in.kind)) + "|";
  if (in.date) {
    s += in.date->iso();
  } else if (in.year) {
    s += std::to_string(in.year);
  }
  s += "|" + in.topic + "|";
  for (std::size_t i = 0; i < in.parties.size(); ++i) {
    s += (i ? ";" : "") + text::lower_ascii(in.parties[i]);
  }
  return s;
}

std::string key_of(const Instrument& in) { return hash::sha256_hex(normalized(in)).substr(0, 8); }

std::string_view to_string(ReferenceStatus status) {
  switch (status) {
    case ReferenceStatus::unresolved: return "unresolved";
    case ReferenceStatus::requested: return "requested";
    case ReferenceStatus::received: return "received";
    case ReferenceStatus::held: return "held";
  }
  return "unresolved";
}

std::size_t Reference::citing_documents() const {
  std::set<std::string> docs;
  for (const Citation& c : citations) docs.insert(c.doc_id);
  return docs.size();
}

std::vector<Mention> extract_references(std::string_view text) {
  std::vector<Mention> out = order_mentions(text);
  const std::vector<KindMention> kinds = find_kinds(text);
  for (std::size_t ki = 0; ki < kinds.size(); ++ki) {
    const KindMention& k = kinds[ki];
    if (k.plural) continue;
    // Inside an order's name ("Special Order ... Agreement")? Rare; keep both.
    const Pre pre = read_before(text, k.offset);
    if (pre.self) continue;
    const std::size_t next = ki + 1 < kinds.size() ? kinds[ki + 1].offset : text.size();
    const Post post = read_after(text, k.offset + k.length, next);
    Mention m;
    Instrument& in = m.instrument;
    in.category = ReferenceCategory::agreement;
    in.kind = k.kind;
    in.date = post.date;
    in.year = post.date ? post.date->year() : (post.year ? post.year : pre.year);
    in.topic = normalize_topic(pre.topic);
    for (const std::string& w : pre.topic) {
      in.display_topic += (in.display_topic.empty() ? "" : " ") + w;
    }
    if (in.topic.empty() && !post.topic.empty()) {
      in.topic = normalize_topic({post.topic});
      in.display_topic = post.topic;
    }
    if (in.topic.empty()) in.display_topic.clear();
    // A name in capitals before a capitalised kind is the instrument's proper name.
    if (k.heading_case && !pre.topic.empty() && pre.start < k.offset) {
      const std::string name = text::squash_spaces(text.substr(pre.start, k.offset + k.length - pre.start));
      bool proper = true;
      for (std::string_view w : text::split(name, ' ')) {
        if (!w.empty() && !(is_upper(w[0]) || is_digit(w[0]) || w[0] == '(')) proper = false;
      }
      if (proper) in.name = name;
    }
    in.parties = pre.parties;
    in.parties.insert(in.parties.end(), post.parties.begin(), post.parties.end());
    sort_unique(in.parties);
    if (in.bare()) {
      // "the agreement" in prose is too vague to request; "the MOU" or "the Task Force
      // Charter" names one instrument (resolved against the document's other mentions).
      if (!pre.definite) continue;
      if (k.kind == Kind::agreement && !k.heading_case) continue;
      if (k.kind == Kind::contract) continue;
    }
    // "an MOU with DHS" is any such MOU; "a memorandum of understanding between CPD and
    // DHS" or "a 2012 MOU" names one.
    if (pre.indefinite && !in.date && in.year == 0 && in.topic.empty() && in.parties.size() < 2) {
      continue;
    }
    m.offset = std::min(pre.start, k.offset);
    m.length = std::max(post.end, k.offset + k.length) - m.offset;
    m.printed = text::squash_spaces(text.substr(m.offset, m.length));
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(),
            [](const Mention& a, const Mention& b) { return a.offset < b.offset; });
  return out;
}

DocumentReferences scan_references(const Document& d, const std::vector<Agreement>& agreements) {
  DocumentReferences out;
  out.header = header_of(d);
  const Held h{&d, agreements, out.header};
  struct Found {
    Mention mention;
    int page;
    std::string context;
  };
  std::vector<Found> found;
  const auto scan = [&](std::string_view t, int page) {
    for (Mention& m : extract_references(t)) {
      std::string context = sentence_around(t, m.offset, m.length);
      found.push_back({std::move(m), page, std::move(context)});
    }
  };
  if (!d.passages.empty()) {
    for (const Passage& p : d.passages) scan(p.text, p.page);
  } else {
    for (const Page& p : d.pages) scan(p.text, p.number);
  }
  // A document's references to itself are not references; decided on what each mention
  // says before it borrows detail from the document's other mentions.
  std::vector<bool> self(found.size(), false);
  for (std::size_t i = 0; i < found.size(); ++i) {
    self[i] = matches(found[i].mention.instrument, h, found[i].page);
  }
  // A vague mention ("the MOU", "the memorandum of understanding with DHS") names the
  // instrument the document names precisely nearby: the nearest before it, else after.
  std::vector<Instrument> said;
  for (const Found& f : found) said.push_back(f.mention.instrument);
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (self[i]) continue;
    const auto better = [&](std::size_t j) {
      return !self[j] && said[j].category == said[i].category &&
             specificity(said[j]) > specificity(said[i]) && refines(said[i], said[j]);
    };
    std::optional<std::size_t> pick;
    for (std::size_t j = i; j-- > 0 && !pick;) {
      if (better(j)) pick = j;
    }
    for (std::size_t j = i + 1; j < found.size() && !pick; ++j) {
      if (better(j)) pick = j;
    }
    if (pick) found[i].mention.instrument = said[*pick];
  }
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (self[i]) continue;
    Found& f = found[i];
    const Instrument& in = f.mention.instrument;
    // "the Agreement" that names nothing the document names elsewhere cannot be requested.
    if (in.bare() && (in.kind == Kind::agreement || in.kind == Kind::contract)) continue;
    out.cited.push_back({in, Citation{d.id, d.title, d.source, f.page, f.mention.printed, f.context}});
  }
  return out;
}

std::vector<Reference> find_references(const std::vector<Document>& docs,
                                       const ReferenceOptions& options) {
  std::vector<HeldDocument> held;
  held.reserve(docs.size());
  for (const Document& d : docs) {
    HeldDocument h;
    h.agreements = find_agreements(d);
    h.references = scan_references(d, h.agreements);
    h.doc = d;
    h.doc.pages.clear();
    h.doc.passages.clear();
    held.push_back(std::move(h));
  }
  return find_references(held, options);
}

std::vector<Reference> find_references(const std::vector<HeldDocument>& library,
                                       const ReferenceOptions& options) {
  std::vector<Held> held;
  held.reserve(library.size());
  for (const HeldDocument& d : library) held.push_back({&d.doc, d.agreements, d.references.header});

  struct Raw {
    Instrument instrument;
    Citation citation;
  };
  std::vector<Raw> raws;
  for (const HeldDocument& d : library) {
    for (const CitedInstrument& c : d.references.cited) raws.push_back({c.instrument, c.citation});
  }

  // Group identical instruments, then fold the less precise into the one precise variant
  // they fit (when exactly one fits).
  struct Group {
    Instrument instrument;
    std::vector<std::string> aliases;
    std::vector<Citation> citations;
    bool merged = false;
  };
  std::vector<Group> groups;
  std::map<std::string, std::size_t> by_key;
  for (Raw& r : raws) {
    const std::string n = normalized(r.instrument);
    auto [it, inserted] = by_key.emplace(n, groups.size());
    if (inserted) groups.push_back({r.instrument, {key_of(r.instrument)}, {}, false});
    groups[it->second].citations.push_back(std::move(r.citation));
  }
  std::vector<std::size_t> order(groups.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return specificity(groups[a].instrument) < specificity(groups[b].instrument);
  });
  for (std::size_t gi : order) {
    Group& g = groups[gi];
    std::vector<std::size_t> fits;
    for (std::size_t hi = 0; hi < groups.size(); ++hi) {
      if (hi == gi || groups[hi].merged) continue;
      if (specificity(groups[hi].instrument) <= specificity(g.instrument)) continue;
      if (refines(g.instrument, groups[hi].instrument)) fits.push_back(hi);
    }
    // Keep only the most precise candidates: those no other candidate refines.
    std::vector<std::size_t> maximal;
    for (std::size_t a : fits) {
      const bool dominated = std::any_of(fits.begin(), fits.end(), [&](std::size_t b) {
        return b != a && refines(groups[a].instrument, groups[b].instrument) &&
               specificity(groups[b].instrument) > specificity(groups[a].instrument);
      });
      if (!dominated) maximal.push_back(a);
    }
    // Several precise variants that are not refinements of one another are different
    // instruments; a vague mention that fits them all stays on its own.
    if (maximal.size() != 1) continue;
    Group& target = groups[maximal.front()];
    target.aliases.insert(target.aliases.end(), g.aliases.begin(), g.aliases.end());
    target.citations.insert(target.citations.end(), g.citations.begin(), g.citations.end());
    g.merged = true;
  }

  std::map<std::string, const Document*> doc_by_id;
  for (const HeldDocument& d : library) doc_by_id[d.doc.id] = &d.doc;

  std::vector<Reference> refs;
  for (Group& g : groups) {
    if (g.merged) continue;
    Reference r;
    r.instrument = g.instrument;
    r.key = key_of(g.instrument);
    r.aliases = g.aliases;
    r.aliases.erase(std::remove(r.aliases.begin(), r.aliases.end(), r.key), r.aliases.end());
    sort_unique(r.aliases);
    r.label = describe(g.instrument);
    // The documents that hold it: the order's own document; the best-fitting agreements
    // (ties kept: copies of one agreement); for a bare kind, the only agreement of it.
    std::vector<std::pair<int, const Held*>> fits;
    for (const Held& h : held) {
      if (g.instrument.category == ReferenceCategory::order) {
        if (matches(g.instrument, h)) fits.emplace_back(1, &h);
        continue;
      }
      int best = 0;
      for (const Agreement& a : h.agreements) {
        const int score = g.instrument.bare() ? (bare_fits(g.instrument.kind, a.kind) &&
                                                         (a.kind == g.instrument.kind ||
                                                          (memo_kind(a.kind) && memo_kind(g.instrument.kind)))
                                                     ? kResolved
                                                     : 0)
                                              : fit(g.instrument, a, *h.doc);
        best = std::max(best, score);
      }
      if (best >= kResolved) fits.emplace_back(best, &h);
    }
    if (g.instrument.bare() && fits.size() > 1) fits.clear();
    int top = 0;
    for (const auto& [score, h] : fits) top = std::max(top, score);
    for (const auto& [score, h] : fits) {
      if (score != top) continue;
      r.resolved.push_back(h->doc->id);
      r.resolved_titles.push_back(h->doc->title);
    }
    // Citations: one per page and printed form, and none from a document that matches.
    std::sort(g.citations.begin(), g.citations.end(), [](const Citation& a, const Citation& b) {
      return std::tie(a.doc_id, a.page) < std::tie(b.doc_id, b.page);
    });
    for (Citation& c : g.citations) {
      if (std::find(r.resolved.begin(), r.resolved.end(), c.doc_id) != r.resolved.end()) continue;
      const bool dup = std::any_of(r.citations.begin(), r.citations.end(), [&](const Citation& o) {
        return o.doc_id == c.doc_id && o.page == c.page && o.printed == c.printed;
      });
      if (!dup) r.citations.push_back(std::move(c));
    }
    if (r.citations.empty()) continue;
    std::map<std::string, int> agencies_count;
    std::set<std::string> seen_docs;
    for (const Citation& c : r.citations) {
      if (!seen_docs.insert(c.doc_id).second) continue;
      const auto it = doc_by_id.find(c.doc_id);
      if (it == doc_by_id.end()) continue;
      int weight = static_cast<int>(it->second->agencies.size());
      for (const std::string& a : it->second->agencies) agencies_count[a] += weight--;
    }
    std::vector<std::pair<std::string, int>> ranked(agencies_count.begin(), agencies_count.end());
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (auto& [name, n] : ranked) r.citing_agencies.push_back(name);
    for (const Held& h : held) {
      if (!seen_docs.count(h.doc->id)) continue;
      for (const Agreement& a : h.agreements) {
        for (const std::string& p : a.parties) {
          if (std::find(r.citing_parties.begin(), r.citing_parties.end(), p) == r.citing_parties.end()) {
            r.citing_parties.push_back(p);
          }
        }
      }
    }

    bool requested = options.requested_keys.count(r.key) > 0;
    for (const std::string& a : r.aliases) requested = requested || options.requested_keys.count(a) > 0;
    if (!r.resolved.empty()) {
      r.status = requested ? ReferenceStatus::received : ReferenceStatus::held;
    } else {
      r.status = requested ? ReferenceStatus::requested : ReferenceStatus::unresolved;
    }
    if (options.unresolved_only && !r.resolved.empty()) continue;
    refs.push_back(std::move(r));
  }
  std::stable_sort(refs.begin(), refs.end(), [](const Reference& a, const Reference& b) {
    if (a.citations.size() != b.citations.size()) return a.citations.size() > b.citations.size();
    if (a.citing_documents() != b.citing_documents()) {
      return a.citing_documents() > b.citing_documents();
    }
    return a.label < b.label;
  });
  return refs;
}

const Reference* find_reference(const std::vector<Reference>& refs, std::string_view key_in) {
  const std::string key = text::lower_ascii(text::trim(key_in));
  if (key.empty()) return nullptr;
  for (const Reference& r : refs) {
    if (r.key == key) return &r;
  }
  for (const Reference& r : refs) {
    if (std::find(r.aliases.begin(), r.aliases.end(), key) != r.aliases.end()) return &r;
  }
  if (key.size() < 4) return nullptr;
  const Reference* found = nullptr;
  for (const Reference& r : refs) {
    if (r.key.rfind(key, 0) == 0) {
      if (found) return nullptr;  // ambiguous
      found = &r;
    }
  }
  return found;
}

RequestDraft draft_request(const Reference& ref) {
  RequestDraft draft;
  // Ask a local party first: a city or county answers under the state's records law, and
  // holds its copy of an agreement it signed with a federal agency.
  const auto local = [](const std::string& name) {
    const auto* a = agencies::lookup(name);
    return a == nullptr || a->level != agencies::Level::federal;
  };
  for (const std::string& p : ref.instrument.parties) {
    if (local(p)) {
      draft.agency = p;
      break;
    }
  }
  // Oversight bodies write about orders and agreements; they rarely issue them.
  const auto oversight = [](const std::string& name) {
    return icontains(name, "Inspector General") || icontains(name, "Council") ||
           icontains(name, "Accountability") || icontains(name, "Attorney General");
  };
  // An agreement that mentions another one: its local party holds both.
  if (draft.agency.empty() && ref.instrument.parties.empty()) {
    for (const std::string& p : ref.citing_parties) {
      if (local(p)) {
        draft.agency = p;
        break;
      }
    }
  }
  // A local agency named where the reference is made ("CPD relies on the 2017 MOU with
  // DHS") holds its copy.
  if (draft.agency.empty()) {
    std::map<std::string, int> named;
    for (const Citation& c : ref.citations) {
      for (const auto& m : agencies::find_mentions(c.context)) {
        const std::string name(m.agency->canonical);
        if (local(name) && !oversight(name)) ++named[name];
      }
    }
    int most = 0;
    for (const auto& [name, n] : named) {
      if (n > most) most = n, draft.agency = name;
    }
  }
  if (draft.agency.empty()) {
    for (const std::string& a : ref.citing_agencies) {
      if (local(a) && !oversight(a) && agencies::lookup(a) != nullptr &&
          (ref.instrument.parties.empty() ||
           ref.instrument.category == ReferenceCategory::order)) {
        draft.agency = a;
        break;
      }
    }
  }
  if (draft.agency.empty() && !ref.instrument.parties.empty()) {
    draft.agency = ref.instrument.parties.front();
  }
  if (draft.agency.empty() && !ref.citing_agencies.empty()) draft.agency = ref.citing_agencies.front();

  std::string what = ref.label;
  // "Memorandum of ..." reads "the memorandum of ..."; "LEADS user agreement" keeps its capitals.
  if (what.size() > 1 && ref.instrument.category == ReferenceCategory::agreement &&
      std::islower(static_cast<unsigned char>(what[1]))) {
    what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
  }
  draft.subject = "A copy of the " + what;
  if (!ref.citations.empty()) {
    const Citation& c = ref.citations.front();
    const std::string title = c.doc_title.empty() ? c.source : c.doc_title;
    draft.subject += ", referred to in \"" + title + "\" (page " + std::to_string(c.page) + ")";
    const std::size_t others = ref.citing_documents() - 1;
    if (others > 0) {
      draft.subject += " and " + std::to_string(others) + " other document" +
                       (others == 1 ? "" : "s");
    }
  }
  draft.subject += ", with any amendments, renewals, attachments and related correspondence.";
  return draft;
}

}  // namespace foialens::analysis
