#include "common/agencies.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "common/text.hpp"

namespace foialens::agencies {
namespace {

using A = std::string_view;

constexpr A kIce[] = {"Immigration and Customs Enforcement", "Immigration & Customs Enforcement",
                      "U.S. Immigration and Customs Enforcement",
                      "United States Immigration and Customs Enforcement"};
constexpr A kHsi[] = {"Homeland Security Investigations"};
constexpr A kEro[] = {"Enforcement and Removal Operations", "Enforcement & Removal Operations"};
constexpr A kCbp[] = {"Customs and Border Protection", "Customs & Border Protection",
                      "U.S. Customs and Border Protection", "U.S. Border Patrol",
                      "United States Border Patrol"};
constexpr A kDhs[] = {"Department of Homeland Security", "U.S. Department of Homeland Security",
                      "United States Department of Homeland Security"};
constexpr A kUscis[] = {"Citizenship and Immigration Services",
                        "U.S. Citizenship and Immigration Services"};
constexpr A kFbi[] = {"Federal Bureau of Investigation"};
constexpr A kDea[] = {"Drug Enforcement Administration"};
constexpr A kAtf[] = {"Bureau of Alcohol, Tobacco, Firearms and Explosives",
                      "Bureau of Alcohol, Tobacco, Firearms, and Explosives"};
constexpr A kUsms[] = {"U.S. Marshals Service", "United States Marshals Service"};
constexpr A kDoj[] = {"Department of Justice", "U.S. Department of Justice",
                      "United States Department of Justice"};
constexpr A kCpd[] = {"Chicago Police Department", "Chicago Police",
                      "Chicago Department of Police"};
constexpr A kOemc[] = {"Office of Emergency Management and Communications",
                       "Office of Emergency Management & Communications"};
constexpr A kChiOig[] = {"City of Chicago Office of Inspector General",
                         "Chicago Office of Inspector General",
                         "Office of Inspector General for the City of Chicago"};
constexpr A kOig[] = {"Office of Inspector General", "Office of the Inspector General"};
constexpr A kCopa[] = {"Civilian Office of Police Accountability"};
constexpr A kDss[] = {"Department of Streets and Sanitation"};
constexpr A kLaw[] = {"City of Chicago Department of Law", "Chicago Department of Law"};
constexpr A kCouncil[] = {"Chicago City Council", "City Council of the City of Chicago"};
constexpr A kSheriff[] = {"Cook County Sheriff's Office", "Cook County Sheriff",
                          "Office of the Sheriff of Cook County", "Sheriff of Cook County",
                          "Cook County Sheriff\u2019s Office"};
constexpr A kCcdoc[] = {"Cook County Department of Corrections"};
constexpr A kSao[] = {"Cook County State's Attorney's Office", "Cook County State's Attorney",
                      "Office of the Cook County State's Attorney"};
constexpr A kIsp[] = {"Illinois State Police"};
constexpr A kAg[] = {"Illinois Attorney General", "Office of the Illinois Attorney General",
                     "Attorney General of Illinois", "Public Access Counselor"};
constexpr A kIdoc[] = {"Illinois Department of Corrections"};

constexpr Agency kAgencies[] = {
    {"U.S. Immigration and Customs Enforcement", "ICE", Level::federal, true, kIce},
    {"Homeland Security Investigations", "HSI", Level::federal, true, kHsi},
    {"Enforcement and Removal Operations", "ERO", Level::federal, true, kEro},
    {"U.S. Customs and Border Protection", "CBP", Level::federal, true, kCbp},
    {"U.S. Department of Homeland Security", "DHS", Level::federal, true, kDhs},
    {"U.S. Citizenship and Immigration Services", "USCIS", Level::federal, true, kUscis},
    {"Federal Bureau of Investigation", "FBI", Level::federal, false, kFbi},
    {"Drug Enforcement Administration", "DEA", Level::federal, false, kDea},
    {"Bureau of Alcohol, Tobacco, Firearms and Explosives", "ATF", Level::federal, false, kAtf},
    {"U.S. Marshals Service", "USMS", Level::federal, false, kUsms},
    {"U.S. Department of Justice", "DOJ", Level::federal, false, kDoj},
    {"Chicago Police Department", "CPD", Level::city, false, kCpd},
    {"Office of Emergency Management and Communications", "OEMC", Level::city, false, kOemc},
    {"City of Chicago Office of Inspector General", "", Level::city, false, kChiOig},
    {"Office of Inspector General", "OIG", Level::city, false, kOig},
    {"Civilian Office of Police Accountability", "COPA", Level::city, false, kCopa},
    {"Department of Streets and Sanitation", "DSS", Level::city, false, kDss},
    {"City of Chicago Department of Law", "", Level::city, false, kLaw},
    {"Chicago City Council", "", Level::city, false, kCouncil},
    {"Cook County Sheriff's Office", "CCSO", Level::county, false, kSheriff},
    {"Cook County Department of Corrections", "CCDOC", Level::county, false, kCcdoc},
    {"Cook County State's Attorney's Office", "CCSAO", Level::county, false, kSao},
    {"Illinois State Police", "ISP", Level::state, false, kIsp},
    {"Office of the Illinois Attorney General", "", Level::state, false, kAg},
    {"Illinois Department of Corrections", "IDOC", Level::state, false, kIdoc},
};

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         (static_cast<unsigned char>(c) & 0x80) != 0;
}

bool whole_word(std::string_view text, std::size_t at, std::size_t len) {
  if (at > 0 && (is_word_char(text[at - 1]) || text[at - 1] == '-')) return false;
  const std::size_t end = at + len;
  if (end < text.size() && is_word_char(text[end])) return false;
  // "ICE-designated" is a mention; "ICE-" followed by a letter in a word like "ICE-CREAM"
  // is rare enough in these documents to accept.
  return true;
}

// Lower-cases ASCII and folds runs of whitespace to one space, keeping a map from each
// folded byte back to its offset in the original.
struct Folded {
  std::string text;
  std::vector<std::size_t> origin;
};

Folded fold(std::string_view s) {
  Folded f;
  f.text.reserve(s.size());
  f.origin.reserve(s.size() + 1);
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      if (!space) {
        f.text += ' ';
        f.origin.push_back(i);
      }
      space = true;
      continue;
    }
    space = false;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    f.text += c;
    f.origin.push_back(i);
  }
  f.origin.push_back(s.size());
  return f;
}

}  // namespace

std::span<const Agency> all() { return kAgencies; }

// Every alias, lower-cased once, with its agency.
static const std::vector<std::pair<std::string, const Agency*>>& lowered_aliases() {
  static const auto aliases = [] {
    std::vector<std::pair<std::string, const Agency*>> out;
    for (const Agency& agency : kAgencies) {
      for (const std::string_view alias : agency.aliases) {
        out.emplace_back(text::lower_ascii(alias), &agency);
      }
    }
    return out;
  }();
  return aliases;
}

std::vector<Mention> find_mentions(std::string_view text) {
  std::vector<Mention> found;
  const Folded folded = fold(text);
  for (const auto& [needle, agency] : lowered_aliases()) {
    for (std::size_t at = folded.text.find(needle); at != std::string::npos;
         at = folded.text.find(needle, at + 1)) {
      if (!whole_word(folded.text, at, needle.size())) continue;
      const std::size_t begin = folded.origin[at];
      const std::size_t end = folded.origin[at + needle.size() - 1] + 1;
      found.push_back({agency, begin, end - begin});
    }
  }
  for (const Agency& agency : kAgencies) {
    if (!agency.acronym.empty()) {
      const std::string_view needle = agency.acronym;
      for (std::size_t at = text.find(needle); at != std::string_view::npos;
           at = text.find(needle, at + 1)) {
        if (whole_word(text, at, needle.size())) found.push_back({&agency, at, needle.size()});
      }
    }
  }
  // Keep the longest mention where mentions overlap ("U.S. Immigration and Customs
  // Enforcement" over "Immigration and Customs Enforcement"; the city OIG over the generic).
  std::sort(found.begin(), found.end(), [](const Mention& a, const Mention& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.length > b.length;
  });
  std::vector<Mention> kept;
  for (const Mention& m : found) {
    if (!kept.empty() && m.offset < kept.back().offset + kept.back().length) continue;
    kept.push_back(m);
  }
  return kept;
}

std::vector<std::string> agencies_in(std::string_view text) {
  std::map<const Agency*, std::pair<int, std::size_t>> counts;  // count, first offset
  for (const Mention& m : find_mentions(text)) {
    auto [it, inserted] = counts.try_emplace(m.agency, 0, m.offset);
    ++it->second.first;
  }
  std::vector<std::pair<const Agency*, std::pair<int, std::size_t>>> ordered(counts.begin(),
                                                                             counts.end());
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    return a.second.first != b.second.first ? a.second.first > b.second.first
                                            : a.second.second < b.second.second;
  });
  std::vector<std::string> names;
  names.reserve(ordered.size());
  for (const auto& [agency, stats] : ordered) names.emplace_back(agency->canonical);
  return names;
}

const Agency* lookup(std::string_view name) {
  const std::string wanted = text::lower_ascii(text::squash_spaces(name));
  if (wanted.empty()) return nullptr;
  for (const Agency& agency : kAgencies) {
    if (text::lower_ascii(agency.canonical) == wanted) return &agency;
    if (!agency.acronym.empty() && text::lower_ascii(agency.acronym) == wanted) return &agency;
    for (const std::string_view alias : agency.aliases) {
      if (text::lower_ascii(alias) == wanted) return &agency;
    }
  }
  // "Immigration and Customs Enforcement (ICE)": try the name without a trailing acronym.
  if (const auto paren = wanted.rfind(" ("); paren != std::string::npos && wanted.back() == ')') {
    return lookup(std::string_view(wanted).substr(0, paren));
  }
  return nullptr;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<const Agency*> closest(std::string_view name, std::size_t max) {
  std::vector<std::pair<std::size_t, const Agency*>> scored;
  for (const Agency& agency : kAgencies) {
    std::size_t best = edit_distance(name, agency.canonical);
    if (!agency.acronym.empty()) best = std::min(best, edit_distance(name, agency.acronym));
    for (const std::string_view alias : agency.aliases) {
      best = std::min(best, edit_distance(name, alias));
    }
    scored.emplace_back(best, &agency);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Agency*> out;
  for (std::size_t i = 0; i < scored.size() && i < max; ++i) out.push_back(scored[i].second);
  return out;
}

}  // namespace foialens::agencies
