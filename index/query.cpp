#include "index/query.hpp"

#include <cctype>
#include <charconv>
#include <optional>
#include <vector>

#include "common/agencies.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "index/schema.hpp"
#include "index/searcher.hpp"

namespace foialens::index {
namespace {

// `date:2019..2021`, `date:2019-04..2019-06`, `date:2019-04-12..`, `date:..2020`: a range
// on the document's date. A year or month bound covers the whole year or month.
class DateRange final : public Xapian::RangeProcessor {
 public:
  DateRange() : Xapian::RangeProcessor(schema::kSlotDate) {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    std::string b = begin;
    std::string e = end;
    static constexpr std::string_view kField = "date:";
    if (b.rfind(kField, 0) == 0) {
      b.erase(0, kField.size());
    } else if (b.empty() && e.rfind(kField, 0) == 0) {
      e.erase(0, kField.size());
    } else {
      return Xapian::Query(Xapian::Query::OP_INVALID);
    }
    const auto lo = bound(b, false);
    const auto hi = bound(e, true);
    if (lo && hi) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, *lo, *hi);
    if (lo) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, *lo);
    if (hi) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, *hi);
    throw Xapian::QueryParserError("date range needs at least one date, e.g. date:2019..2021");
  }

 private:
  static std::optional<std::string> bound(const std::string& s, bool upper) {
    if (s.empty()) return std::nullopt;
    int y = 0, m = 0, d = 0;
    const auto num = [](std::string_view part, int& out) {
      const auto r = std::from_chars(part.data(), part.data() + part.size(), out);
      return r.ec == std::errc() && r.ptr == part.data() + part.size();
    };
    bool ok = false;
    if (s.size() == 4) {
      ok = num(s, y);
      m = upper ? 12 : 1;
      d = upper ? 31 : 1;
    } else if (s.size() == 7 && s[4] == '-') {
      ok = num(std::string_view(s).substr(0, 4), y) && num(std::string_view(s).substr(5, 2), m) &&
           m >= 1 && m <= 12;
      if (ok) d = upper ? days_in_month(y, m) : 1;
    } else if (s.size() == 10) {
      const auto date = Date::parse_iso(s);
      ok = date.ok();
      if (ok) { y = date->year(); m = date->month(); d = date->day(); }
    }
    if (!ok || y < 1) {
      throw Xapian::QueryParserError("date range: '" + s +
                                     "' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
    }
    return Date(y, m, d).compact();
  }
};

// `agency:ICE`, `agency:cpd`, `agency:"Chicago Police Department"`: any name, acronym or
// alias of a known agency.
class AgencyField final : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    const auto* agency = agencies::lookup(value);
    if (!agency) {
      std::string hint;
      for (const auto* near : agencies::closest(value, 2)) {
        hint += hint.empty() ? " (did you mean: " : ", ";
        hint += near->acronym.empty() ? std::string(near->canonical) : std::string(near->acronym);
      }
      if (!hint.empty()) hint += ")";
      throw Xapian::QueryParserError("unknown agency '" + value + "'" + hint);
    }
    return Xapian::Query(std::string(schema::kAgency) + schema::agency_key(agency->canonical));
  }
};

// `clause:2-173-020`, `clause:(a)`, `clause:4`.
class ClauseField final : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(schema::clause_term(value));
  }
};

// `doc:911d2ed72eef`: a document by its id or a prefix of at least 4 hex digits.
class DocField final : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    const std::string id = text::lower_ascii(value);
    if (id.size() < 4 || id.find_first_not_of("0123456789abcdef") != std::string::npos) {
      throw Xapian::QueryParserError("doc: needs a document id (4 or more hex digits), not '" + value + "'");
    }
    if (id.size() >= schema::kDocKeyLength) {
      return Xapian::Query(std::string(schema::kDocKey) + schema::doc_key(id));
    }
    return Xapian::Query(Xapian::Query::OP_WILDCARD, std::string(schema::kDocKey) + id);
  }
};

// `title:memorandum`, `title:"task force"`: documents whose title matches, as a filter on
// their passages (title words are indexed on document records only).
class TitleField final : public Xapian::FieldProcessor {
 public:
  explicit TitleField(const Xapian::Database& db) : db_(db) {}
  Xapian::Query operator()(const std::string& value) override {
    Xapian::QueryParser qp;
    qp.set_database(db_);
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_AND);
    const Xapian::Query words = qp.parse_query(
        value, Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_WILDCARD,
        std::string(schema::kTitle));
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, words,
                                    Xapian::Query(std::string(schema::kKindDocument))));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet docs = enquire.get_mset(0, db_.get_doccount());
    std::vector<Xapian::Query> keys;
    for (auto it = docs.begin(); it != docs.end(); ++it) {
      keys.emplace_back(std::string(schema::kDocKey) + it.get_document().get_value(schema::kSlotDocKey));
    }
    if (keys.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_OR, keys.begin(), keys.end());
  }

 private:
  Xapian::Database db_;
};

// `type:agreement`: lower-cased.
class LowerField final : public Xapian::FieldProcessor {
 public:
  explicit LowerField(std::string prefix) : prefix_(std::move(prefix)) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(prefix_ + text::lower_ascii(value));
  }

 private:
  std::string prefix_;
};

// Keeps Xapian's message but says which part of the query it concerns.
std::string explain(const std::string& query, const std::string& message) {
  std::string out = "query '" + query + "': " + message;
  if (message.find("Syntax:") != std::string::npos || message.find("syntax") != std::string::npos) {
    out += " (check quotes, brackets and AND/OR/NOT placement)";
  }
  return out;
}

// Statute citations such as 287(g), 1357(g) or 7(1)(c) are phrases of their parts, the
// way the text was indexed; and 287(g) is also 8 U.S.C. 1357(g), the section it is in.
std::string rewrite_citations(const std::string& query) {
  std::string out;
  bool quoted = false;
  for (std::size_t i = 0; i < query.size();) {
    const char c = query[i];
    if (c == '"') quoted = !quoted;
    const bool word_start = i == 0 || !std::isalnum(static_cast<unsigned char>(query[i - 1]));
    if (!quoted && word_start && std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t j = i;
      while (j < query.size() && std::isdigit(static_cast<unsigned char>(query[j]))) ++j;
      std::vector<std::string> parts{query.substr(i, j - i)};
      while (j < query.size() && query[j] == '(') {
        std::size_t k = j + 1;
        while (k < query.size() && std::isalnum(static_cast<unsigned char>(query[k])) && k - j <= 4) ++k;
        if (k >= query.size() || query[k] != ')' || k == j + 1) break;
        parts.push_back(query.substr(j + 1, k - j - 1));
        j = k + 1;
      }
      if (parts.size() > 1) {
        std::string phrase = "\"";
        for (std::size_t p = 0; p < parts.size(); ++p) phrase += (p ? " " : "") + parts[p];
        phrase += "\"";
        const std::string lower = text::lower_ascii(phrase);
        if (lower == "\"287 g\"" || lower == "\"1357 g\"") phrase = "(\"287 g\" OR \"1357 g\")";
        out += phrase;
        i = j;
        continue;
      }
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace

Result<Xapian::Query> parse_query(const Xapian::Database& db, const std::string& query) {
  if (text::trim(query).empty()) return Error::input("empty query: give words to search for");
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.add_boolean_prefix("title", (new TitleField(db))->release());
  qp.add_boolean_prefix("type", (new LowerField(std::string(schema::kType)))->release());
  qp.add_boolean_prefix("agency", (new AgencyField())->release());
  qp.add_boolean_prefix("doc", (new DocField())->release());
  qp.add_boolean_prefix("year", std::string(schema::kYear));
  qp.add_boolean_prefix("clause", (new ClauseField())->release());
  for (const char* field : {"from", "to", "cc", "subject"}) {
    qp.add_prefix(field, std::string(schema::field_prefix(field)));
  }
  qp.add_rangeprocessor((new DateRange())->release());
  const unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                         Xapian::QueryParser::FLAG_LOVEHATE |
                         Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT |
                         Xapian::QueryParser::FLAG_AUTO_SYNONYMS;
  try {
    const std::string q = rewrite_citations(query);
    return qp.parse_query(q, flags);
  } catch (const Xapian::QueryParserError& e) {
    return Error::input(explain(query, e.get_msg()));
  } catch (const Xapian::Error& e) {
    return Error::input(explain(query, e.get_description()));
  }
}

Status check_query(const std::string& query) {
  static const Xapian::Database empty;
  auto parsed = parse_query(empty, query);
  if (!parsed) return parsed.error();
  return Ok{};
}

}  // namespace foialens::index
