#include "text/dates.hpp"

#include <optional>

#include "common/text.hpp"

namespace foialens::text {
namespace {

struct Word {
  std::string_view s;
  std::size_t offset = 0;
};

bool digit(char c) { return c >= '0' && c <= '9'; }
bool alnum(char c) { return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Runs of letters and digits; '/', '-' and '.' stay inside a run between two digits, so
// that "4/1/19" and "2019-04-12" are one word and "S06-14-03" is not a date.
std::vector<Word> words(std::string_view s) {
  std::vector<Word> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !alnum(s[i])) ++i;
    const std::size_t start = i;
    while (i < s.size()) {
      if (alnum(s[i])) {
        ++i;
      } else if ((s[i] == '/' || s[i] == '-' || s[i] == '.') && i > start && digit(s[i - 1]) &&
                 i + 1 < s.size() && digit(s[i + 1])) {
        ++i;
      } else {
        break;
      }
    }
    if (i > start) out.push_back({s.substr(start, i - start), start});
  }
  return out;
}

// Digits only, at most 4 of them; -1 otherwise.
int number(std::string_view s) {
  if (s.empty() || s.size() > 4) return -1;
  int v = 0;
  for (char c : s) {
    if (!digit(c)) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// "12", "12th", "3rd", "1st", "2nd".
int day_of(std::string_view s) {
  for (std::string_view suffix : {"st", "nd", "rd", "th", "ST", "ND", "RD", "TH"}) {
    if (s.size() > 2 && s.substr(s.size() - 2) == suffix) {
      s.remove_suffix(2);
      break;
    }
  }
  const int d = s.size() <= 2 ? number(s) : -1;
  return d >= 1 && d <= 31 ? d : -1;
}

int year_of(std::string_view s) {
  const int y = s.size() == 4 ? number(s) : -1;
  return y >= 1900 && y <= 2100 ? y : -1;
}

int month_of(std::string_view s) {
  if (s.size() < 3 || !(s[0] >= 'A' && s[0] <= 'z')) return 0;
  return month_from_name(s);
}

// What may stand between the parts of a date: spaces, a comma, the period of "Apr.".
bool joins(std::string_view text, const Word& a, const Word& b) {
  const std::size_t from = a.offset + a.s.size();
  if (b.offset < from || b.offset - from > 4) return false;
  for (std::size_t i = from; i < b.offset; ++i) {
    const char c = text[i];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ',' && c != '.') return false;
  }
  return b.offset > from;
}

bool is(const Word& w, std::string_view lower) { return text::lower_ascii(w.s) == lower; }

// "4/12/2019", "2019-04-12", "04.12.2019": the date of a numeric word, if it is one.
std::optional<Date> numeric(std::string_view s) {
  for (const char sep : {'/', '-', '.'}) {
    const auto a = s.find(sep);
    if (a == std::string_view::npos) continue;
    const auto b = s.find(sep, a + 1);
    if (b == std::string_view::npos || s.find(sep, b + 1) != std::string_view::npos) return std::nullopt;
    const int x = number(s.substr(0, a)), y = number(s.substr(a + 1, b - a - 1)), z = number(s.substr(b + 1));
    if (x < 0 || y < 0 || z < 0) return std::nullopt;
    if (sep == '-' && a == 4) {  // ISO
      if (b - a != 3 || s.size() - b != 3 || year_of(s.substr(0, 4)) < 0) return std::nullopt;
      auto d = Date::make(x, y, z);
      return d ? std::optional<Date>(*d) : std::nullopt;
    }
    int year = -1;
    const std::string_view last = s.substr(b + 1);
    if (last.size() == 4) year = year_of(last);
    if (last.size() == 2 && sep == '/') year = z < 70 ? 2000 + z : 1900 + z;
    if (year < 0 || a > 2 || b - a - 1 > 2) return std::nullopt;
    auto d = Date::make(year, x, y);
    return d ? std::optional<Date>(*d) : std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::vector<DateMention> find_dates(std::string_view text, const DateOptions& options) {
  std::vector<DateMention> found;
  const std::vector<Word> w = words(text);
  const auto add = [&](std::size_t first, std::size_t last, int y, int m, int d) {
    if (auto date = Date::make(y, m, d)) {
      const std::size_t end = w[last].offset + w[last].s.size();
      found.push_back({*date, w[first].offset, end - w[first].offset});
      return true;
    }
    return false;
  };
  for (std::size_t i = 0; i < w.size(); ++i) {
    // Month day year; Month year.
    if (const int month = month_of(w[i].s); month > 0) {
      if (i + 2 < w.size() && joins(text, w[i], w[i + 1]) && joins(text, w[i + 1], w[i + 2])) {
        const int day = day_of(w[i + 1].s), year = year_of(w[i + 2].s);
        if (day > 0 && year > 0) {
          if (add(i, i + 2, year, month, day)) i += 2;
          continue;
        }
      }
      if (options.month_year && i + 1 < w.size() && joins(text, w[i], w[i + 1]) &&
          w[i].s[0] >= 'A' && w[i].s[0] <= 'Z') {
        if (const int year = year_of(w[i + 1].s); year > 0) {
          if (add(i, i + 1, year, month, 1)) ++i;
          continue;
        }
      }
    }
    // Day [day of] month [in the year] year.
    if (const int day = day_of(w[i].s); day > 0) {
      std::size_t j = i + 1;
      if (j + 1 < w.size() && is(w[j], "day") && is(w[j + 1], "of") && joins(text, w[i], w[j])) j += 2;
      if (j < w.size() && (j == i + 1 ? joins(text, w[i], w[j]) : joins(text, w[j - 1], w[j]))) {
        if (const int month = month_of(w[j].s); month > 0) {
          std::size_t k = j + 1;
          if (k + 2 < w.size() && is(w[k], "in") && is(w[k + 1], "the") && is(w[k + 2], "year") &&
              joins(text, w[j], w[k])) {
            k += 3;
          }
          if (k < w.size() && joins(text, w[k - 1], w[k])) {
            if (const int year = year_of(w[k].s); year > 0) {
              if (add(i, k, year, month, day)) i = k;
              continue;
            }
          }
        }
      }
    }
    if (auto d = numeric(w[i].s)) found.push_back({*d, w[i].offset, w[i].s.size()});
  }
  return found;
}

}  // namespace foialens::text
