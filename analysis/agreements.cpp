#include "analysis/agreements.hpp"

#include <algorithm>
#include <regex>

#include "common/agencies.hpp"
#include "common/text.hpp"

namespace foialens::analysis {
namespace {

struct Line {
  std::string text;  // trimmed
  int page = 1;
};

std::vector<Line> lines_of(const Document& doc) {
  std::vector<Line> lines;
  const auto add = [&](std::string_view block, int page) {
    for (std::string_view raw : text::split(block, '\n')) {
      for (std::string_view part : text::split(raw, '\f')) {
        const std::string_view t = text::trim(part);
        if (!t.empty()) lines.push_back({std::string(t), page});
      }
    }
  };
  if (!doc.passages.empty()) {
    for (const Passage& p : doc.passages) add(p.text, p.page);
  } else {
    for (const Page& p : doc.pages) add(p.text, p.number);
  }
  return lines;
}

std::regex icase(const std::string& pattern) {
  return std::regex(pattern, std::regex::icase | std::regex::ECMAScript | std::regex::optimize);
}

bool starts_with_word(std::string_view s, std::string_view word) {
  return s.size() >= word.size() && iequals(s.substr(0, word.size()), word) &&
         (s.size() == word.size() || !std::isalnum(static_cast<unsigned char>(s[word.size()])));
}

std::size_t letters(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }));
}

bool all_capitals(std::string_view s) {
  std::size_t upper = 0, lower = 0;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') ++upper;
    if (c >= 'a' && c <= 'z') ++lower;
  }
  return upper >= 3 && lower * 10 <= upper;  // OCR may leave a stray lower-case letter
}

bool title_case(std::string_view s) {
  static constexpr std::string_view kSmall[] = {"of", "and", "the", "for", "to", "a", "an",
                                                "in", "on", "by", "with", "between", "among"};
  bool any = false;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!std::isalpha(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && (std::isalpha(static_cast<unsigned char>(s[j])) || s[j] == '\'')) ++j;
    const std::string w = text::lower_ascii(s.substr(i, j - i));
    const bool small = std::find(std::begin(kSmall), std::end(kSmall), w) != std::end(kSmall);
    if (!small) {
      if (!(s[i] >= 'A' && s[i] <= 'Z')) return false;
      any = true;
    }
    i = j;
  }
  return any;
}

bool heading_like(std::string_view line) {
  if (letters(line) < 4) return false;
  // A heading block that extraction joined into one line may be long: all in capitals.
  if (all_capitals(line)) return line.size() <= 320;
  return line.size() <= 180 && title_case(line) && line.back() != '.' && line.back() != ',';
}

// A heading that talks about an agreement rather than being one.
bool reference_heading(std::string_view line) {
  static constexpr std::string_view kStarts[] = {
      "pursuant", "see",    "under",   "as",       "per",        "re",     "subject",
      "regarding", "review", "audit",  "report",   "findings",   "finding", "analysis",
      "summary",  "status", "discussion", "background", "table",   "figure",  "note",
      "cc",       "draft",  "comments", "questions", "overview", "recommendation",
      "recommendations", "response", "request", "requests", "list", "index", "copy"};
  std::string_view t = line;
  // Skip a section number ("III.", "4.", "(b)").
  while (!t.empty() && (std::isdigit(static_cast<unsigned char>(t[0])) || t[0] == '.' ||
                        t[0] == '(' || t[0] == ')' || t[0] == ' ')) {
    t.remove_prefix(1);
  }
  for (std::string_view w : kStarts) {
    if (starts_with_word(t, w)) return true;
  }
  static constexpr std::string_view kInside[] = {"review of", "audit of", "report on",
                                                 "compliance with", "violation", "pursuant to",
                                                 "as set forth", "in accordance with"};
  for (std::string_view w : kInside) {
    if (icontains(line, w)) return true;
  }
  return false;
}

bool attachment_marker(std::string_view line) {
  static constexpr std::string_view kMarkers[] = {"attachment", "exhibit", "appendix", "annex",
                                                  "addendum", "schedule", "enclosure",
                                                  "amendment"};
  std::string_view t = text::trim(line);
  for (std::string_view w : kMarkers) {
    if (starts_with_word(t, w)) return true;
  }
  return false;
}

bool signature_line(std::string_view line) {
  if (line.find("____") != std::string_view::npos) return true;
  const std::string_view t = text::trim(line);
  const auto label = [&](std::string_view word, std::string_view marks) {
    if (t.size() <= word.size() || !iequals(t.substr(0, word.size()), word)) return false;
    std::size_t i = word.size();
    while (i < t.size() && t[i] == ' ') ++i;
    return i < t.size() && marks.find(t[i]) != std::string_view::npos;
  };
  return label("by", ":;.") || label("8y", ":;.") || t.rfind("/s/", 0) == 0 ||
         label("signature", ":_") || label("signed", ":") || label("approved", ":");
}

// Strong signs that the text after a heading is the agreement itself.
int agreement_evidence(const std::vector<Line>& lines, std::size_t from, std::size_t to) {
  static constexpr std::string_view kMarkers[] = {
      "entered into", "by and between", "whereas",        "now, therefore", "now therefore",
      "agree as follows", "hereby agree", "parties agree", "in witness whereof",
      "effective date", "the parties",  "terms and conditions", "shall terminate",
      "shall remain in effect", "written notice", "agree to", "agrees to", "mutually agree",
      "in consideration of", "sets forth the"};
  std::vector<bool> seen(std::size(kMarkers), false);
  int signature = 0;
  for (std::size_t i = from; i < to && i < lines.size(); ++i) {
    for (std::size_t k = 0; k < std::size(kMarkers); ++k) {
      if (!seen[k] && icontains(lines[i].text, kMarkers[k])) seen[k] = true;
    }
    if (signature_line(lines[i].text)) signature = 1;
  }
  return static_cast<int>(std::count(seen.begin(), seen.end(), true)) + signature;
}

struct Start {
  std::size_t line = 0;
  Kind kind = Kind::agreement;
  bool heading = false;
};

std::optional<Start> start_at(const std::vector<Line>& lines, std::size_t i) {
  const std::string& line = lines[i].text;
  const auto kinds = find_kinds(line);
  if (kinds.empty()) return std::nullopt;
  const KindMention& k = kinds.front();
  if (k.plural) return std::nullopt;
  if (heading_like(line) && !reference_heading(line)) {
    // "AGREEMENT" alone heads many things; a generic kind needs the heading to be about it.
    return Start{i, k.kind, true};
  }
  // "This Memorandum of Agreement ("MOA") is entered into by and between ..."
  if (k.offset < 160) {
    const std::string before = text::lower_ascii(std::string_view(line).substr(0, k.offset));
    const std::size_t this_at = before.rfind("this ");
    if (this_at != std::string::npos && before.size() - this_at < 40) {
      std::string after = line.substr(k.offset);
      for (std::size_t j = i + 1; j < lines.size() && j < i + 3; ++j) after += " " + lines[j].text;
      after = text::lower_ascii(after.substr(0, 320));
      if (after.find("entered into") != std::string::npos ||
          after.find("is made") != std::string::npos ||
          after.find("by and between") != std::string::npos ||
          after.find("is between") != std::string::npos ||
          after.find("is executed") != std::string::npos) {
        return Start{i, k.kind, false};
      }
    }
  }
  return std::nullopt;
}

// ---- Signatures -----------------------------------------------------------------------

bool title_like(std::string_view s) {
  static constexpr std::string_view kTitles[] = {
      "director",   "chief",     "superintendent", "sheriff",   "commissioner", "secretary",
      "deputy",     "assistant", "agent",          "mayor",     "attorney",     "president",
      "officer",    "administrator", "manager",    "inspector", "captain",      "commander",
      "executive",  "chairman",  "chair",          "supervisor", "lieutenant",  "sergeant",
      "warden",     "counsel",   "comptroller",    "treasurer", "clerk",        "undersecretary",
      "head",       "governor",  "alderman",       "chairperson", "principal",  "coordinator",
      "marshal",    "undersheriff", "solicitor",   "judge",     "ceo",          "cfo",
      "cio",        "general",   "administrative", "special", "associate", "senior",
      "acting",     "interim",   "officer's"};
  if (s.size() > 120) return false;
  for (const std::string& w : match_words(s)) {
    if (std::find(std::begin(kTitles), std::end(kTitles), w) != std::end(kTitles)) return true;
  }
  return false;
}

bool name_like(std::string_view s) {
  static const std::regex kName(
      R"(^(?:(?:Hon\.|Dr\.|Mr\.|Ms\.|Mrs\.)\s+)?[A-Z][A-Za-z'\-]+\.?(?:\s+(?:[A-Z]\.|[A-Z][A-Za-z'\-]+)){1,3}(?:,?\s+(?:Jr\.?|Sr\.?|II|III|IV))?$)");
  static constexpr std::string_view kNot[] = {"date", "signature", "signed", "name", "title",
                                              "witness", "approved", "page", "agreement",
                                              "memorandum", "party", "parties", "section",
                                              "attachment", "exhibit", "by", "print", "for"};
  const std::string t(text::trim(s));
  if (t.size() < 5 || t.size() > 60) return false;
  if (!std::regex_match(t, kName)) return false;
  for (const std::string& w : match_words(t)) {
    if (std::find(std::begin(kNot), std::end(kNot), w) != std::end(kNot)) return false;
  }
  if (title_like(t) || looks_like_organisation(t) || agencies::lookup(t) != nullptr) return false;
  if (!agencies::find_mentions(t).empty()) return false;
  return true;
}

std::string clean_field(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != '_') out += c;
  }
  out = text::squash_spaces(out);
  if (out.rfind("/s/", 0) == 0) out = std::string(text::trim(out.substr(3)));
  while (!out.empty() && (out.back() == ',' || out.back() == ':' || out.back() == ';')) {
    out.pop_back();
  }
  return out;
}

std::string organisation_of(std::string_view s) {
  const std::string c = clean_field(s);
  if (c.empty()) return {};
  if (const auto* a = agencies::lookup(c)) return std::string(a->canonical);
  if (looks_like_organisation(c) || !agencies::find_mentions(c).empty()) {
    return canonical_party(c);
  }
  return {};
}

// "FOR THE CHICAGO POLICE DEPARTMENT:" above a signature block.
std::string for_line_agency(std::string_view line) {
  const std::string_view t = text::trim(line);
  if (!starts_with_word(t, "for") && !starts_with_word(t, "on behalf")) return {};
  static const std::regex kFor = icase(R"(^\s*(?:FOR|On\s+behalf\s+of)\s+(?:THE\s+)?(.+?)\s*:?\s*$)");
  std::cmatch m;
  const std::string l(line);
  if (l.size() > 140 || !std::regex_match(l.c_str(), m, kFor)) return {};
  return organisation_of(m[1].str());
}

// A signature block that arrives as one line, as text extraction often gives it:
// "Daniel K. Okafor Special Agent in Charge Homeland Security Investigations, Chicago
// Date: April 12, 2019" or "By: /s/ Jane Doe, Sheriff, Fictional County Sheriff's Office".
std::optional<Signatory> inline_signature(std::string_view line_in) {
  if (line_in.size() > 400 || line_in.size() < 8) return std::nullopt;
  {
    // Cheap test first: a block says "Date" or starts with "By" or "/s/".
    const std::string_view t = text::trim(line_in);
    if (!icontains(line_in, "date") && !starts_with_word(t, "by") && !starts_with_word(t, "8y") &&
        t.rfind("/s/", 0) != 0) {
      return std::nullopt;
    }
  }
  std::string line = text::squash_spaces(line_in);
  bool marked = false;
  static const std::regex kPrefix = icase(R"(^(?:(?:By|8y)\s*[:;.]\s*)?(?:/s/\s*)?)");
  std::smatch pm;
  if (std::regex_search(line, pm, kPrefix) && pm.length(0) > 0) {
    marked = true;
    line = line.substr(static_cast<std::size_t>(pm.length(0)));
  }
  for (char& ch : line) {
    if (ch == '_') ch = ' ';
  }
  line = text::squash_spaces(line);
  Signatory s;
  static const std::regex kDate = icase(R"(\s*,?\s*\bDated?\s*[:\-]\s*(.*)$)");
  std::smatch dm;
  if (std::regex_search(line, dm, kDate)) {
    const auto dates = find_dates(dm[1].str());
    if (!dates.empty() && dates.front().offset < 4) s.date = dates.front().date;
    marked = marked || s.date.has_value();
    line = line.substr(0, static_cast<std::size_t>(dm.position(0)));
  }
  if (!marked) return std::nullopt;
  // The name: two to five capitalised words or initials, before the first title word.
  std::vector<std::string> words;
  for (std::string_view w : text::split(line, ' ')) {
    if (!w.empty()) words.emplace_back(w);
  }
  std::size_t n = 0;
  while (n < words.size() && n < 5) {
    std::string w = words[n];
    const bool comma = !w.empty() && w.back() == ',';
    if (comma) w.pop_back();
    if (w.empty() || !std::isupper(static_cast<unsigned char>(w[0])) || title_like(w) ||
        looks_like_organisation("The " + w)) {  // an organisational noun: "County"
      break;
    }
    ++n;
    if (comma) break;
  }
  if (n < 2) return std::nullopt;
  std::string name;
  for (std::size_t i = 0; i < n; ++i) name += (i ? " " : "") + words[i];
  while (!name.empty() && name.back() == ',') name.pop_back();
  if (!name_like(name)) return std::nullopt;
  s.name = name;
  std::string rest;
  for (std::size_t i = n; i < words.size(); ++i) rest += (rest.empty() ? "" : " ") + words[i];
  // The agency: the last known agency named, else the shortest organisation at the end.
  const auto mentions = agencies::find_mentions(rest);
  std::size_t title_end = rest.size();
  if (!mentions.empty()) {
    const auto& m = mentions.back();
    s.agency = std::string(m.agency->canonical);
    title_end = m.offset;
  } else if (const auto comma = rest.rfind(','); comma != std::string::npos &&
             looks_like_organisation(text::trim(std::string_view(rest).substr(comma + 1))) &&
             title_like(rest.substr(0, comma))) {
    // "Chief of Police, Evanston Police Department"
    s.agency = canonical_party(text::trim(std::string_view(rest).substr(comma + 1)));
    title_end = comma;
  } else {
    std::size_t at = 0;
    while (at < rest.size()) {
      const std::size_t sp = rest.find(' ', at);
      if (sp == std::string::npos) break;
      at = sp + 1;
      const std::string head = rest.substr(0, sp);
      const std::string tail = rest.substr(at);
      if (title_like(head) && looks_like_organisation(tail) && !title_like(tail)) {
        s.agency = canonical_party(tail);
        title_end = sp;
        break;
      }
    }
  }
  std::string title = std::string(text::trim(rest.substr(0, title_end)));
  while (!title.empty() && (title.back() == ',' || title.back() == ';')) title.pop_back();
  if (title_like(title)) s.title = title;
  if (s.title.empty() && s.agency.empty()) return std::nullopt;
  return s;
}

struct SignatureScan {
  std::vector<Signatory> signatories;
  std::vector<std::string> agencies;  // from "FOR ..." lines and blocks
  std::vector<std::size_t> lines;     // lines that start a signature block
};

SignatureScan scan_signatures(const std::vector<Line>& lines, std::size_t from, std::size_t to) {
  static const std::regex kLabel = icase(
      R"(^\s*(Printed\s+Name|Name|Title|Its|Dated?|Agency|Organi[sz]ation|Department|Position)\s*[:\-]\s*(.*)$)");
  SignatureScan scan;
  std::string pending_agency;
  for (std::size_t i = from; i < to; ++i) {
    const std::string& line = lines[i].text;
    if (std::string a = for_line_agency(line); !a.empty()) {
      pending_agency = a;
      scan.agencies.push_back(a);
      continue;
    }
    // "COUNTY OF FICTIONAL" in capitals just above "By: ____" names the signing party.
    if (i + 1 < to && signature_line(lines[i + 1].text) && all_capitals(line) && line.size() < 100) {
      if (std::string a = organisation_of(line); !a.empty()) {
        pending_agency = a;
        scan.agencies.push_back(a);
        continue;
      }
    }
    if (auto inline_sig = inline_signature(line)) {
      inline_sig->page = lines[i].page;
      if (inline_sig->agency.empty()) inline_sig->agency = pending_agency;
      if (!inline_sig->agency.empty()) scan.agencies.push_back(inline_sig->agency);
      scan.lines.push_back(i);
      scan.signatories.push_back(std::move(*inline_sig));
      continue;
    }
    if (!signature_line(line)) continue;
    scan.lines.push_back(i);
    Signatory s;
    s.page = lines[i].page;
    std::string rest = line;
    static const std::regex kSigPrefix =
        icase(R"(^\s*(?:By|8y|Signature|Signed|Approved)\s*[:;.]?\s*)");
    rest = std::regex_replace(rest, kSigPrefix, "");
    rest = clean_field(rest);
    // "By: ______ Date: ______" on one line.
    static const std::regex kTrailingDate = icase(R"(\s*\bDated?\s*:?\s*(.*)$)");
    std::smatch dm;
    if (std::regex_search(rest, dm, kTrailingDate)) {
      const auto dates = find_dates(dm[1].str());
      if (!dates.empty()) s.date = dates.front().date;
      rest = rest.substr(0, static_cast<std::size_t>(dm.position(0)));
    }
    if (name_like(rest)) s.name = text::squash_spaces(rest);
    const auto take = [&](std::string_view value_in) {
      const std::string value = clean_field(value_in);
      if (value.empty()) return;
      if (!s.date) {
        const auto dates = find_dates(value);
        if (!dates.empty() && value.size() < 40) {
          s.date = dates.front().date;
          return;
        }
      }
      if (s.name.empty()) {
        const auto comma = value.find(',');
        if (comma != std::string::npos && name_like(value.substr(0, comma)) &&
            title_like(value.substr(comma + 1))) {
          s.name = text::squash_spaces(value.substr(0, comma));
          s.title = std::string(text::trim(value.substr(comma + 1)));
          return;
        }
        if (name_like(value)) {
          s.name = value;
          return;
        }
      }
      if (s.title.empty() && title_like(value)) {
        s.title = value;
        // "Special Agent in Charge, HSI Chicago": the organisation after a comma.
        const auto comma = value.find(',');
        if (s.agency.empty() && comma != std::string::npos) {
          std::string org = organisation_of(value.substr(comma + 1));
          if (!org.empty()) s.agency = org;
        }
        return;
      }
      if (s.agency.empty() || s.agency == pending_agency) {
        std::string org = organisation_of(value);
        if (!org.empty()) s.agency = org;
      }
    };
    std::size_t j = i + 1;
    for (; j < to && j < i + 8; ++j) {
      const std::string& next = lines[j].text;
      if (signature_line(next) || !for_line_agency(next).empty()) break;
      if (j + 1 < to && signature_line(lines[j + 1].text) && all_capitals(next)) break;
      if (inline_signature(next)) break;  // "Jane Doe, Chief of Police ... Date: 8/14/2019"
      if (next.size() > 100 || (next.back() == '.' && std::count(next.begin(), next.end(), ' ') > 8)) {
        break;
      }
      std::smatch m;
      if (std::regex_match(next, m, kLabel)) {
        const std::string label = text::lower_ascii(m[1].str());
        const std::string value = clean_field(m[2].str());
        if (label.find("name") != std::string::npos) {
          if (!value.empty()) s.name = value;
        } else if (label == "title" || label == "position" || label == "its") {
          if (!value.empty()) s.title = value;
          const auto comma = value.find(',');
          if (comma != std::string::npos && s.agency.empty() && pending_agency.empty()) {
            std::string org = organisation_of(value.substr(comma + 1));
            if (!org.empty()) s.agency = org;
          }
        } else if (label == "date" || label == "dated") {
          const auto dates = find_dates(value);
          if (!dates.empty()) s.date = dates.front().date;
        } else {
          std::string org = organisation_of(value);
          if (!org.empty()) s.agency = org;
        }
        continue;
      }
      take(next);
    }
    i = j - 1;
    if (s.agency.empty()) s.agency = pending_agency;
    if (!s.agency.empty()) scan.agencies.push_back(s.agency);
    if (!s.name.empty()) scan.signatories.push_back(std::move(s));
  }
  return scan;
}

// ---- Parties, dates, term -------------------------------------------------------------

// Where the sentence that starts at `from` ends: a full stop that is not part of "U.S.",
// an initial or a usual abbreviation.
std::size_t sentence_end(std::string_view s, std::size_t from) {
  static constexpr std::string_view kAbbrev[] = {"u.s", "inc", "co", "no", "st", "dept", "mr",
                                                 "ms", "mrs", "dr", "jr", "sr", "corp", "ltd",
                                                 "gov", "sec", "u.s.c", "c.f.r", "pub", "l",
                                                 "vs", "v", "approx"};
  for (std::size_t i = from; i < s.size(); ++i) {
    if (s[i] != '.') continue;
    if (i + 1 < s.size() && s[i + 1] != ' ' && s[i + 1] != '\n') continue;
    std::size_t w = i;
    while (w > from && s[w - 1] != ' ' && s[w - 1] != '(') --w;
    const std::string word = text::lower_ascii(s.substr(w, i - w));
    bool abbrev = word.size() == 1;
    for (std::string_view a : kAbbrev) abbrev = abbrev || word == a;
    if (!abbrev) return i;
  }
  return s.size();
}

void add_party(std::vector<std::string>& parties, const std::string& p) {
  if (p.empty()) return;
  for (const std::string& q : parties) {
    if (iequals(q, p) || party_within(p, q) || party_within(q, p)) return;
  }
  parties.push_back(p);
}

std::vector<std::string> intro_parties(std::string_view intro) {
  static const std::regex kBetween =
      icase(R"(\b(?:by\s+and\s+between|by\s+and\s+among|between|among|entered\s+into\s+by)\s+)");
  static const std::regex kStop = icase(
      R"(\b(?:for\s+the\s+purposes?|to\s+(?:establish|set|provide|define|govern|allow|permit|facilitate|enhance|formali[sz]e|authori[sz]e|address)|regarding|concerning|whereby|which|who|collectively|hereinafter|the\s+parties|effective|is\s+entered|are\s+entered|on\s+the\s+date|dated|pursuant|under\s+which)\b)");
  const std::string s(intro);
  std::smatch m;
  if (!std::regex_search(s, m, kBetween)) return {};
  const std::size_t from = static_cast<std::size_t>(m.position(0) + m.length(0));
  std::string clause = s.substr(from, sentence_end(s, from) - from);
  if (clause.size() > 500) clause.resize(500);
  std::smatch stop;
  if (std::regex_search(clause, stop, kStop)) {
    clause.resize(static_cast<std::size_t>(stop.position(0)));
  }
  return parties_in(clause);
}

std::optional<Date> date_after(std::string_view text, const std::regex& cue, std::size_t window) {
  const std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), cue); it != std::sregex_iterator();
       ++it) {
    const std::size_t from = static_cast<std::size_t>(it->position(0) + it->length(0));
    std::string_view after = std::string_view(s).substr(from, window);
    const std::size_t end = sentence_end(after, 0);
    after = after.substr(0, end);
    const auto dates = find_dates(after);
    if (!dates.empty()) return dates.front().date;
  }
  return std::nullopt;
}

std::string find_term(std::string_view text_in) {
  static const std::regex kDuration = icase(
      R"re(\b(?:for\s+an?\s+(?:initial\s+)?(?:period|term)\s+of|term\s+of\s+(?:this|the)\s+[A-Za-z()" ]{1,40}?\s+(?:is|shall\s+be|will\s+be)|in\s+effect\s+for|valid\s+for|effective\s+for|period\s+not\s+to\s+exceed)\s+([^.;,]{1,60}?\b(?:years?|months?|days?))\b)re");
  static const std::regex kUntil = icase(
      R"(\b(?:(?:shall|will)\s+)?(?:remains?\s+in\s+(?:full\s+force\s+and\s+)?effect|expires?|terminates?|ends?|continues?\s+in\s+effect)\s+((?:until|through|on)\s+[^.;]{3,90}))");
  const std::string s(text_in);
  const std::string lower = text::lower_ascii(s);
  // std::regex is slow on long text: the patterns run only near their key words, and the
  // first match in the text wins.
  const auto first = [&](std::initializer_list<std::string_view> keys, std::size_t back,
                         std::size_t ahead, const std::regex& pattern,
                         std::string& group, std::size_t& end) {
    std::size_t best = std::string::npos;
    search_near(s, lower, keys, back, ahead, pattern, [&](const std::smatch& m, std::size_t at) {
      if (at < best) {
        best = at;
        group = m[1].str();
        end = at + static_cast<std::size_t>(m.length(0));
      }
    });
    return best != std::string::npos;
  };
  std::string group;
  std::size_t end = 0;
  if (first({"period", "term", "effect", "valid", "exceed"}, 80, 160, kDuration, group, end)) {
    std::string term = text::squash_spaces(group);
    static const std::regex kLead = icase(R"(^(?:an?\s+)?(?:initial\s+)?(?:period|term)\s+of\s+)");
    term = std::regex_replace(term, kLead, "");
    const std::string rest = s.substr(end, 80);
    static const std::regex kFrom = icase(R"(^\s*(?:from|after|following|beginning|commencing)\s+((?:the\s+)?[^.;,]{3,50}))");
    std::smatch f;
    if (std::regex_search(rest, f, kFrom)) {
      term += " from " + text::squash_spaces(f[1].str());
    }
    return term;
  }
  if (first({"effect", "expire", "terminate", "end", "continue"}, 60, 140, kUntil, group, end)) {
    std::string until = text::squash_spaces(group);
    if (until.rfind("on ", 0) == 0) until = "until " + until.substr(3);  // "ends on June 30"
    return text::truncate_utf8(until, 100);
  }
  return {};
}

Kind refine_kind(Kind kind, std::string_view title, const std::vector<std::string>& authorities) {
  // The heading's own kind wins; a plain "Memorandum of Agreement" made under 287(g) (so
  // titled, or citing 8 U.S.C. 1357(g) as its first authority; an agreement that only says
  // it is *not* one cites it later) is a 287(g) agreement.
  if (kind == Kind::agreement_287g) return kind;
  const bool memo = kind == Kind::moa || kind == Kind::mou || kind == Kind::agreement;
  if (!memo) return kind;
  // "JOINT TERRORISM TASK FORCE / MEMORANDUM OF UNDERSTANDING": the whole heading says more.
  for (const KindMention& k : find_kinds(title)) {
    if (k.kind != Kind::moa && k.kind != Kind::mou && k.kind != Kind::agreement &&
        k.kind != Kind::lou && k.kind != Kind::contract) {
      return k.kind;
    }
  }
  if (icontains(title, "287(g)") || icontains(title, "287 (g)")) return Kind::agreement_287g;
  if (!authorities.empty() &&
      (authorities.front() == "INA 287(g)" || authorities.front().rfind("8 U.S.C. 1357(g)", 0) == 0)) {
    return Kind::agreement_287g;
  }
  const std::vector<std::string> words = match_words(title);
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if ((words[i] == "data" || words[i] == "information" || words[i] == "database") &&
        (words[i + 1] == "sharing" || words[i + 1] == "access" || words[i + 1] == "exchange")) {
      return Kind::data_sharing;
    }
  }
  return kind;
}

// Parties printed one per line under the heading: "BETWEEN / U.S. IMMIGRATION AND CUSTOMS
// ENFORCEMENT / AND / THE PRAIRIE LAKE COUNTY SHERIFF'S OFFICE / JAIL ENFORCEMENT MODEL".
std::vector<std::string> heading_parties(const std::vector<Line>& lines, std::size_t from,
                                         std::size_t end) {
  std::vector<std::string> parties;
  std::size_t j = from + 1;
  if (j >= end || !(iequals(lines[j].text, "between") || iequals(lines[j].text, "by and between") ||
                    iequals(lines[j].text, "among"))) {
    return parties;
  }
  // Lines up to "AND", then one more: the last party. What follows is a subtitle.
  bool last = false;
  for (++j; j < end && j < from + 10; ++j) {
    std::string l = lines[j].text;
    if (iequals(l, "and")) {
      last = true;
      continue;
    }
    if (l.size() > 4 && iequals(std::string_view(l).substr(0, 4), "and ")) {
      l = l.substr(4);
      last = true;
    }
    const std::vector<std::string> found = parties_in(l);
    if (found.empty()) break;
    parties.insert(parties.end(), found.begin(), found.end());
    if (last) break;
  }
  return parties;
}

Agreement build(const Document& doc, const std::vector<Line>& lines, const Start& start,
                std::size_t end, bool embedded) {
  Agreement a;
  a.doc_id = doc.id;
  a.doc_title = doc.title;
  a.source = doc.source;
  a.page = lines[start.line].page;
  a.page_end = lines[end - 1].page;
  a.embedded = embedded;

  // The title: the heading with the heading lines around it.
  std::string title;
  if (start.heading) {
    std::size_t first = start.line;
    // The heading lines just above: "ATTACHMENT B", "287(g) PROGRAM", "JOINT TERRORISM
    // TASK FORCE"; not the letterhead of a document the agreement is embedded in.
    const auto joins_above = [&](const std::string& l) {
      return attachment_marker(l) || !find_kinds(l).empty() || icontains(l, "287(g)") ||
             icontains(l, "task force") || icontains(l, "sharing") || icontains(l, "intergovernmental");
    };
    if (first > 0 && heading_like(lines[first - 1].text) && lines[first - 1].text.size() < 80 &&
        lines[first - 1].page == lines[first].page && !signature_line(lines[first - 1].text) &&
        joins_above(lines[first - 1].text)) {
      --first;
    }
    std::size_t last = start.line;
    for (std::size_t j = start.line + 1; j < end && j < start.line + 6; ++j) {
      const std::string& l = lines[j].text;
      const bool joins = starts_with_word(l, "between") || starts_with_word(l, "by and between") ||
                         starts_with_word(l, "among") || starts_with_word(l, "and") ||
                         starts_with_word(l, "for") || starts_with_word(l, "regarding") ||
                         starts_with_word(l, "concerning") || starts_with_word(l, "with");
      if ((joins && l.size() < 160) || (all_capitals(l) && l.size() < 120 && !signature_line(l) &&
                                        l.find(':') == std::string::npos)) {
        last = j;
      } else {
        break;
      }
    }
    for (std::size_t j = first; j <= last; ++j) title += (title.empty() ? "" : " ") + lines[j].text;
  } else if (!embedded && !doc.title.empty()) {
    title = doc.title;
  } else {
    title = std::string(kind_label(start.kind));
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  }
  a.title = text::truncate_utf8(text::squash_spaces(title), 320);

  // The text of the agreement: the opening (parties, dates, term) and all of it (citations).
  std::string opening, whole;
  for (std::size_t j = start.line; j < end; ++j) {
    if (opening.size() < 12000) opening += lines[j].text + " ";
    whole += lines[j].text + "\n";
  }

  a.authorities = find_authorities(whole);
  a.kind = refine_kind(start.kind, a.title, a.authorities);

  // Parties: the title's "between X and Y", the opening sentence, a parties table, and the
  // signature blocks when the rest named fewer than two.
  if (start.heading) {
    for (const std::string& p : heading_parties(lines, start.line, end)) add_party(a.parties, p);
  }
  if (a.parties.size() < 2) {
    for (const std::string& p : intro_parties(a.title)) add_party(a.parties, p);
  }
  // The heading names the parties with authority; the opening sentence adds units and
  // appositions ("Office of the Special Agent in Charge, Chicago").
  if (a.parties.size() < 2) {
    for (const std::string& p : intro_parties(opening)) add_party(a.parties, p);
  }
  static const std::regex kPartyLine = icase(
      R"(^\s*(?:Part(?:y|ies)|Participating\s+Agenc(?:y|ies)|Signatory\s+Agenc(?:y|ies))\s*(?:\d+|[A-Z]|one|two)?\s*[:|]\s*(.+)$)");
  for (std::size_t j = start.line; j < end && j < start.line + 80; ++j) {
    std::smatch m;
    if (std::regex_match(lines[j].text, m, kPartyLine)) {
      for (const std::string& p : parties_in(m[1].str())) add_party(a.parties, p);
    }
  }
  SignatureScan sig = scan_signatures(lines, start.line, end);
  a.signatories = std::move(sig.signatories);
  if (a.parties.size() < 2) {
    for (const std::string& p : sig.agencies) add_party(a.parties, p);
  }

  // Dates.
  for (const Signatory& s : a.signatories) {
    if (s.date && (!a.signature_date || *a.signature_date < *s.date)) a.signature_date = s.date;
  }
  if (!a.signature_date) {
    static const std::regex kSigned = icase(
        R"(\b(?:signed|executed|in\s+witness\s+whereof)\b)");
    a.signature_date = date_after(opening.size() < whole.size() ? whole : opening, kSigned, 240);
  }
  static const std::regex kEffective =
      icase(R"(\b(?:effective|takes?\s+effect|take\s+effect|commences?)\b(?:\s+date)?\s*:?)");
  a.effective_date = date_after(opening, kEffective, 160);
  if (!a.effective_date) {
    static const std::regex kUponSignature = icase(
        R"(\b(?:effective|effect)\s+(?:up)?on\s+(?:the\s+)?(?:date\s+of\s+(?:the\s+)?)?(?:last\s+|final\s+|full\s+|its\s+)?(?:signature|execution))");
    if (std::regex_search(opening, kUponSignature)) a.effective_date = a.signature_date;
  }
  a.term = find_term(opening);
  return a;
}

}  // namespace

std::vector<Agreement> find_agreements(const Document& doc) {
  const std::vector<Line> lines = lines_of(doc);
  std::vector<Start> starts;
  std::size_t open = lines.size();  // the start line of the agreement being read
  std::string open_title;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto start = start_at(lines, i);
    if (!start) continue;
    if (agreement_evidence(lines, i, i + 60) < 2) continue;
    if (open != lines.size()) {
      // The same agreement: a running header, or the "This MOA ..." sentence after its
      // heading. A new one follows a signature block or an "Attachment B" marker.
      bool signed_since = false;
      for (std::size_t j = open + 1; j < i && !signed_since; ++j) {
        signed_since = signature_line(lines[j].text) || inline_signature(lines[j].text).has_value();
      }
      const bool marker = attachment_marker(lines[i].text) ||
                          (i > 0 && attachment_marker(lines[i - 1].text));
      const bool repeated = iequals(lines[i].text, open_title);
      if (repeated || !(signed_since || marker)) {
        if (starts.back().kind == Kind::agreement && start->kind != Kind::agreement) {
          starts.back().kind = start->kind;
        }
        continue;
      }
    }
    starts.push_back(*start);
    open = i;
    open_title = lines[i].text;
  }
  std::vector<Agreement> out;
  const bool doc_titled =
      !doc.title.empty() && !find_kinds(doc.title).empty() && !reference_heading(doc.title);
  for (std::size_t k = 0; k < starts.size(); ++k) {
    const std::size_t end = k + 1 < starts.size() ? starts[k + 1].line : lines.size();
    const bool at_top = k == 0 && (starts[k].line < 25 || doc_titled) && lines[starts[k].line].page <= 2;
    out.push_back(build(doc, lines, starts[k], end, !at_top));
  }
  return out;
}

bool has_party(const Agreement& agreement, std::string_view party) {
  const std::string wanted = canonical_party(party);
  const std::vector<std::string> words = match_words(party);
  for (const std::string& p : agreement.parties) {
    if (!wanted.empty() && (iequals(p, wanted) || party_within(p, wanted))) return true;
    // Words of the name, in order: "fictional county" finds "Fictional County Sheriff's Office".
    const std::vector<std::string> have = match_words(p);
    if (!words.empty() &&
        std::search(have.begin(), have.end(), words.begin(), words.end()) != have.end()) {
      return true;
    }
  }
  return false;
}

std::vector<Agreement> filter_agreements(std::vector<Agreement> all, const AgreementFilter& filter) {
  std::vector<Agreement> out;
  for (Agreement& a : all) {
    if (filter.kind && a.kind != *filter.kind) {
      // A 287(g) agreement headed "Memorandum of Agreement" is a memorandum of agreement too.
      const auto in_title = find_kinds(a.title);
      const bool named = std::any_of(in_title.begin(), in_title.end(), [&](const KindMention& k) {
        return k.head == *filter.kind || k.kind == *filter.kind;
      });
      if (!named) continue;
    }
    if (!filter.party.empty() && !has_party(a, filter.party)) continue;
    out.push_back(std::move(a));
  }
  // Oldest first, by the date it took effect or was signed; undated ones last.
  const auto when = [](const Agreement& a) {
    return a.effective_date ? a.effective_date : a.signature_date;
  };
  std::stable_sort(out.begin(), out.end(), [&](const Agreement& x, const Agreement& y) {
    const auto dx = when(x), dy = when(y);
    if (dx.has_value() != dy.has_value()) return dx.has_value();
    return dx && *dx < *dy;
  });
  return out;
}

std::vector<Agreement> find_agreements(const std::vector<Document>& docs,
                                       const AgreementFilter& filter) {
  std::vector<Agreement> all;
  for (const Document& doc : docs) {
    for (Agreement& a : find_agreements(doc)) all.push_back(std::move(a));
  }
  return filter_agreements(std::move(all), filter);
}

}  // namespace foialens::analysis
