#include "ingest/metadata.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <set>

#include "common/agencies.hpp"
#include "common/text.hpp"
#include "text/dates.hpp"

namespace foialens::ingest {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

struct Token {
  std::string_view text;
  std::size_t offset;
};

std::vector<Token> tokens(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !(is_alpha(s[i]) || is_digit(s[i]))) ++i;
    const std::size_t start = i;
    while (i < s.size() && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '/' || s[i] == '-')) ++i;
    if (i > start) {
      std::string_view t = s.substr(start, i - start);
      while (!t.empty() && (t.back() == '-' || t.back() == '/')) t.remove_suffix(1);
      out.push_back({t, start});
    }
  }
  return out;
}

std::string lower(std::string_view s) { return text::lower_ascii(s); }

}  // namespace

std::string guess_title(std::string_view first_page) {
  int seen = 0;
  std::string fallback;
  std::vector<std::string> candidate;
  bool first_all_caps = false;
  for (const auto raw : text::split(first_page, '\n')) {
    const std::string_view line = text::trim(raw);
    if (line.empty()) {
      if (!candidate.empty()) break;
      continue;
    }
    if (++seen > 15) break;
    std::string_view l = line;
    while (!l.empty() && (l.front() == '#' || l.front() == ' ')) l.remove_prefix(1);  // Markdown
    const std::size_t letters = static_cast<std::size_t>(std::count_if(l.begin(), l.end(), is_alpha));
    if (letters < 3) continue;
    if (fallback.empty()) fallback = std::string(l);
    const bool sentence = l.back() == '.' && l.size() > 60;
    const bool short_enough = l.size() <= 100;
    int words = 0, caps = 0;
    for (const auto& tok : tokens(l)) {
      ++words;
      if (std::isupper(static_cast<unsigned char>(tok.text[0])) || is_digit(tok.text[0])) ++caps;
    }
    const bool titled = words > 0 && caps * 3 >= words * 2;
    const bool all_caps = std::none_of(l.begin(), l.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    // A second line continues a title only when both are set in capitals.
    if (!candidate.empty() && !(all_caps && first_all_caps)) break;
    if (!sentence && short_enough && titled) {
      if (candidate.empty()) first_all_caps = all_caps;
      candidate.emplace_back(l);
      if (candidate.size() == 2) break;  // a title may take two lines
      continue;
    }
    if (!candidate.empty()) break;
  }
  std::string title;
  for (const auto& c : candidate) title += (title.empty() ? "" : " ") + c;
  if (title.empty()) title = fallback;
  return text::truncate_utf8(text::squash_spaces(title), 160);
}

std::string guess_doc_type(std::string_view title, std::string_view first_pages) {
  const std::string t = lower(title);
  const std::string body = lower(first_pages.substr(0, 6000));
  struct Kind {
    std::string_view name;
    std::array<std::string_view, 9> cues;
  };
  static const std::array<Kind, 5> kKinds = {{
      {"agreement", {"memorandum of agreement", "memorandum of understanding", "agreement",
                     "contract", "task force charter", "letter of understanding", "mou", "moa",
                     "the parties"}},
      {"ordinance", {"ordinance", "be it ordained", "municipal code", "city council", "whereas",
                     "chapter 2-173", "amended by", "resolution", ""}},
      {"directive", {"special order", "general order", "directive", "policy", "procedures",
                     "department notice", "employee resource", "rescinds", ""}},
      {"report", {"report", "review of", "findings", "recommendations", "quarterly", "audit",
                  "inspector general", "analysis", "evaluation"}},
      {"letter", {"dear ", "sincerely", "re:", "your request", "foia request", "respectfully",
                  "this letter", "to whom it may concern", ""}},
  }};
  std::string best = "other";
  int best_score = 0;
  for (const auto& kind : kKinds) {
    int score = 0;
    for (const auto cue : kind.cues) {
      if (cue.empty()) continue;
      if (t.find(cue) != std::string::npos) score += 5;
      if (body.find(cue) != std::string::npos) score += 1;
    }
    if (score > best_score) {
      best_score = score;
      best = std::string(kind.name);
    }
  }
  return best_score >= 2 ? best : "other";
}

void fill_metadata(Document& doc) {
  std::string all;
  for (const Page& p : doc.pages) {
    all += p.text;
    all += '\n';
  }
  if (doc.title.empty() && !doc.pages.empty()) {
    for (const Page& p : doc.pages) {
      if (!text::trim(p.text).empty()) {
        doc.title = guess_title(p.text);
        break;
      }
    }
  }
  // Dates: unique, in order of first appearance. The document's own date is the first
  // one next to a word that dates a document, else the first on the first page.
  const auto found = text::find_dates(all, {.month_year = true});
  std::set<Date> seen;
  doc.dates.clear();
  for (const auto& f : found) {
    if (seen.insert(f.date).second) doc.dates.push_back(f.date);
  }
  doc.date.reset();
  static constexpr std::string_view kCues[] = {"effective", "dated", "date:", "issued", "passed",
                                               "signed", "adopted", "entered into", "date of"};
  const std::string lowered = lower(all);
  for (const auto& f : found) {
    const std::size_t from = f.offset > 60 ? f.offset - 60 : 0;
    const std::string_view before = std::string_view(lowered).substr(from, f.offset - from);
    if (std::any_of(std::begin(kCues), std::end(kCues),
                    [&](std::string_view c) { return before.find(c) != std::string_view::npos; })) {
      doc.date = f.date;
      break;
    }
  }
  if (!doc.date && !found.empty()) {
    const std::size_t first_page_end = doc.pages.empty() ? all.size() : doc.pages.front().text.size();
    doc.date = found.front().offset <= first_page_end ? found.front().date : found.front().date;
  }
  doc.agencies = agencies::agencies_in(all);
  std::string first_pages;
  for (std::size_t i = 0; i < doc.pages.size() && i < 2; ++i) first_pages += doc.pages[i].text + "\n";
  doc.doc_type = guess_doc_type(doc.title, first_pages);
}

}  // namespace foialens::ingest
