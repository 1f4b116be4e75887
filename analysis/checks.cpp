#include "analysis/checks.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "common/agencies.hpp"

namespace foialens::analysis {

struct Checker::Cache {
  // What is worked out once per document: its analysed text and its immigration actor. The
  // cache holds one document, the last one asked about; a caller that reuses a DocContext
  // object for another document is noticed by the content check.
  const DocContext* doc = nullptr;
  std::string title, doc_type, text;
  std::vector<std::string> agencies;
  std::optional<AnalyzedText> analysed;
  std::optional<std::string> actor;  // "" when none

  void select(const DocContext& d) {
    if (doc == &d && title == d.title && doc_type == d.doc_type && agencies == d.agencies &&
        text == d.text) {
      return;
    }
    doc = &d;
    title = d.title;
    doc_type = d.doc_type;
    agencies = d.agencies;
    text = d.text;
    analysed.reset();
    actor.reset();
  }
  const AnalyzedText& document(const DocContext& d) {
    select(d);
    if (!analysed) analysed = analyze(d.text);
    return *analysed;
  }
};

Checker::Checker(const RuleSet& rules) : rules_(rules), cache_(std::make_unique<Cache>()) {}
Checker::~Checker() = default;
Checker::Checker(Checker&&) noexcept = default;

namespace {

struct Assessed {
  const Match* match;
  bool neutral = false;    // in a recital or a definition
  bool negated = false;
  bool exception = false;  // every part in an exception ("unless ...")
  std::set<int> sentences;
};

Assessed assess(const Match& m, const AnalyzedText& at, const std::set<int>& focus) {
  Assessed a{&m, false, false, false, {}};
  a.exception = true;
  const bool focused = std::any_of(m.parts.begin(), m.parts.end(), [&](const auto& p) {
    return focus.contains(p.first);
  });
  for (const auto& [first, last] : m.parts) {
    if (focused && !focus.contains(first)) continue;
    for (int t = first; t <= last; ++t) {
      const Token& tok = at.tokens[static_cast<std::size_t>(t)];
      const Segment& seg = at.segments[static_cast<std::size_t>(tok.segment)];
      if (seg.recital || seg.definition || seg.question) a.neutral = true;
      if (seg.negated()) a.negated = true;
      if (!seg.exception) a.exception = false;
      a.sentences.insert(tok.sentence);
    }
  }
  return a;
}

bool match_negated(const Match& m, const AnalyzedText& at) {
  for (const auto& [first, last] : m.parts) {
    for (int t = first; t <= last; ++t) {
      const Token& tok = at.tokens[static_cast<std::size_t>(t)];
      if (at.segments[static_cast<std::size_t>(tok.segment)].negated()) return true;
    }
  }
  return false;
}

std::vector<Span> spans_of(const std::vector<std::pair<int, int>>& parts, const AnalyzedText& at,
                           std::size_t base) {
  std::vector<Span> out;
  for (const auto& [first, last] : parts) {
    const Token& a = at.tokens[static_cast<std::size_t>(first)];
    const Token& b = at.tokens[static_cast<std::size_t>(last)];
    if (a.offset < base) continue;  // in the lead-in, not in the clause
    const std::size_t begin = a.offset;
    std::size_t end = b.offset + b.length;
    // "287(g)": take the closing bracket that the words leave out.
    const std::string_view words = std::string_view(at.text).substr(begin, end - begin);
    if (end < at.text.size() && at.text[end] == ')' &&
        std::count(words.begin(), words.end(), '(') > std::count(words.begin(), words.end(), ')')) {
      ++end;
    }
    if (!out.empty() && begin <= out.back().offset + base + out.back().length + 1) {
      // Adjacent or overlapping: extend the previous span.
      const std::size_t prev_begin = out.back().offset + base;
      const std::size_t new_end = std::max(end, prev_begin + out.back().length);
      out.back().length = new_end - prev_begin;
      out.back().text = at.text.substr(prev_begin, out.back().length);
      continue;
    }
    out.push_back({begin - base, end - begin, at.text.substr(begin, end - begin)});
  }
  return out;
}

std::string sentence_text(const AnalyzedText& at, int token, std::size_t base) {
  auto [b, e] = at.sentence_bytes(token);
  b = std::max(b, base);
  if (e <= b) return {};
  std::string s = at.text.substr(b, e - b);
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

bool mentions_immigration_agency(std::string_view text, std::string* who) {
  for (const auto& m : agencies::find_mentions(text)) {
    if (m.agency->immigration) {
      if (who) *who = std::string(text.substr(m.offset, m.length));
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view to_string(Dismissal::Why why) {
  switch (why) {
    case Dismissal::Why::forbids: return "forbids";
    case Dismissal::Why::neutral: return "neutral";
    case Dismissal::Why::no_actor: return "no-actor";
    case Dismissal::Why::cleared: return "cleared";
  }
  return "forbids";
}

std::vector<Finding> Checker::check(const ClauseInput& clause,
                                    const std::vector<const Rule*>& only,
                                    std::vector<Dismissal>* dismissed) const {
  std::string combined;
  std::size_t base = 0;
  if (!clause.lead_in.empty()) {
    combined.assign(clause.lead_in);
    combined += '\n';
    base = combined.size();
  }
  combined += clause.text;
  const AnalyzedText at = analyze(combined, base > 0 ? base : std::string_view::npos);
  // A heading names a subject; it commits no one.
  if ((clause.lead_in.empty() && at.heading_like) || at.tabular) return {};

  // The actor, found once per clause and once per document.
  std::optional<std::string> clause_actor;
  const auto find_clause_actor = [&]() -> const std::string& {
    if (!clause_actor) {
      std::string who;
      if (rules_.actor) {
        for (const Match& m : rules_.actor->match(at)) {
          who = std::string(at.slice(m.first, m.last));
          break;
        }
      }
      if (who.empty()) mentions_immigration_agency(combined, &who);
      clause_actor = who;
    }
    return *clause_actor;
  };
  const auto find_document_actor = [&]() -> std::string {
    if (!clause.doc) return {};
    cache_->select(*clause.doc);
    if (cache_->actor) return *cache_->actor;
    std::string who;
    for (const auto& name : clause.doc->agencies) {
      const agencies::Agency* a = agencies::lookup(name);
      if (a && a->immigration) {
        who = std::string(a->acronym.empty() ? a->canonical : a->acronym);
        break;
      }
    }
    if (who.empty() && rules_.actor) {
      const AnalyzedText title = analyze(clause.doc->title);
      for (const Match& m : rules_.actor->match(title)) {
        who = std::string(title.slice(m.first, m.last));
        break;
      }
    }
    if (who.empty()) mentions_immigration_agency(clause.doc->title, &who);
    cache_->actor = who;
    return who;
  };

  const bool review_only_doc =
      clause.doc && std::find(rules_.review_only_types.begin(), rules_.review_only_types.end(),
                              clause.doc->doc_type) != rules_.review_only_types.end();

  std::vector<Finding> findings;
  for (const Rule& rule : rules_.rules) {
    if (!only.empty() && std::find(only.begin(), only.end(), &rule) == only.end()) continue;

    std::vector<Match> matches;
    for (const Pattern& trigger : rule.triggers) {
      for (Match& m : trigger.match(at)) {
        const bool in_clause = std::any_of(m.parts.begin(), m.parts.end(), [&](const auto& p) {
          return at.tokens[static_cast<std::size_t>(p.first)].offset >= base;
        });
        if (in_clause) matches.push_back(std::move(m));
      }
    }
    if (matches.empty()) continue;

    std::set<int> focus;
    if (rule.focus) {
      for (const Match& m : rule.focus->match(at)) {
        for (const auto& [first, last] : m.parts) focus.insert(first);
      }
    }
    std::vector<Assessed> assessed;
    bool any_negated = false;
    for (const Match& m : matches) {
      assessed.push_back(assess(m, at, focus));
      any_negated = any_negated || (assessed.back().negated && !assessed.back().neutral);
    }
    // Affirmative evidence. A clause that forbids the conduct and also names it elsewhere
    // permits it only in its exceptions.
    // A clause that names the conduct in one sentence and forbids it in another ("ICE may
    // lodge detainers. The jail will not honor them.") permits it only in its exceptions.
    std::vector<const Assessed*> affirmative;
    for (const Assessed& a : assessed) {
      if (a.neutral || a.negated) continue;
      const bool forbidden_elsewhere =
          any_negated && std::any_of(assessed.begin(), assessed.end(), [&](const Assessed& n) {
            return n.negated && !n.neutral &&
                   std::none_of(n.sentences.begin(), n.sentences.end(),
                                [&](int s) { return a.sentences.contains(s); });
          });
      if (forbidden_elsewhere && !a.exception) continue;
      affirmative.push_back(&a);
    }
    const auto dismiss = [&](Dismissal::Why why, std::string detail,
                             const std::vector<const Assessed*>& which) {
      if (!dismissed) return;
      std::vector<std::pair<int, int>> parts;
      for (const Assessed* a : which) {
        parts.insert(parts.end(), a->match->parts.begin(), a->match->parts.end());
      }
      std::sort(parts.begin(), parts.end());
      parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
      dismissed->push_back({&rule, why, std::move(detail), spans_of(parts, at, base)});
    };
    if (affirmative.empty()) {
      std::vector<const Assessed*> all;
      for (const Assessed& a : assessed) all.push_back(&a);
      const Assessed* negated = nullptr;
      for (const Assessed& a : assessed) {
        if (a.negated && !a.neutral) {
          negated = &a;
          break;
        }
      }
      if (negated) {
        int cue = -1;
        for (const auto& [first, last] : negated->match->parts) {
          const Segment& seg =
              at.segments[static_cast<std::size_t>(at.tokens[static_cast<std::size_t>(first)].segment)];
          if (seg.negated() && seg.cue >= 0) {
            cue = seg.cue;
            break;
          }
        }
        std::string detail = "the clause forbids the conduct";
        if (cue >= 0) {
          const Token& t = at.tokens[static_cast<std::size_t>(cue)];
          detail += " (negated by \"" + at.text.substr(t.offset, t.length) + "\"" +
                    (t.offset < base ? " in the lead-in" : "") + ")";
        }
        dismiss(Dismissal::Why::forbids, std::move(detail), all);
      } else {
        dismiss(Dismissal::Why::neutral, "a recital, definition or question: it binds no one", all);
      }
      continue;
    }

    Finding f;
    f.rule = &rule;
    f.provision = rules_.provision(rule.provision);
    f.severity = rule.severity;
    if (rule.actor != ActorScope::none) {
      const std::string& here = find_clause_actor();
      if (!here.empty()) {
        f.actor = here;
      } else if (rule.actor == ActorScope::clause_or_document) {
        const std::string there = find_document_actor();
        if (there.empty()) {
          dismiss(Dismissal::Why::no_actor,
                  "no federal immigration actor in the clause or its document", affirmative);
          continue;
        }
        f.actor = there + " (named in the document)";
      } else {
        dismiss(Dismissal::Why::no_actor, "no federal immigration actor in the clause", affirmative);
        continue;
      }
    }

    // Mitigators.
    bool cleared = false;
    const std::vector<const Assessed*> before_mitigation = affirmative;
    std::string cleared_by;
    for (const Mitigator& mit : rules_.mitigators) {
      if (!mit.rules.empty() &&
          std::find(mit.rules.begin(), mit.rules.end(), rule.id) == mit.rules.end()) {
        continue;
      }
      const bool in_document = mit.scope == Scope::document && clause.doc && !clause.doc->text.empty();
      const AnalyzedText& where = in_document ? cache_->document(*clause.doc) : at;
      std::set<int> sentences;
      for (const Assessed* a : affirmative) sentences.insert(a->sentences.begin(), a->sentences.end());
      MitigationHit hit;
      hit.mitigator = &mit;
      hit.in_document = in_document;
      std::set<int> cleared_sentences;
      bool found = false;
      for (const Pattern& p : mit.patterns) {
        for (const Match& m : p.match(where)) {
          if (match_negated(m, where) != mit.negated) continue;
          const int sentence = where.tokens[static_cast<std::size_t>(m.first)].sentence;
          if (mit.scope == Scope::sentence && !sentences.contains(sentence)) continue;
          if (!found) hit.sentence = sentence_text(where, m.first, 0);
          found = true;
          // Spans are offsets in the clause (or the document); words in the lead-in are
          // shown through the sentence only.
          auto s = spans_of(m.parts, where, in_document ? 0 : base);
          hit.spans.insert(hit.spans.end(), s.begin(), s.end());
          cleared_sentences.insert(sentence);
        }
      }
      if (!found) continue;
      if (mit.effect == Effect::clear) {
        cleared_by = mit.id + ": \"" + hit.sentence + "\"";
        if (mit.scope == Scope::sentence) {
          // Only the evidence in the sentences it speaks to is cleared.
          std::erase_if(affirmative, [&](const Assessed* a) {
            return std::all_of(a->sentences.begin(), a->sentences.end(),
                               [&](int s) { return cleared_sentences.contains(s); });
          });
          if (affirmative.empty()) cleared = true;
        } else {
          cleared = true;
        }
        if (cleared) break;
        continue;
      }
      if (mit.effect == Effect::review) f.severity = Severity::review;
      f.mitigation.push_back(std::move(hit));
    }
    if (cleared) {
      dismiss(Dismissal::Why::cleared, cleared_by, before_mitigation);
      continue;
    }

    if (review_only_doc && f.severity == Severity::conflict) {
      f.severity = Severity::review;
      f.review_only_document = true;
    }

    std::vector<std::pair<int, int>> parts;
    std::set<int> evidence_sentences;
    for (const Assessed* a : affirmative) {
      parts.insert(parts.end(), a->match->parts.begin(), a->match->parts.end());
      evidence_sentences.insert(a->sentences.begin(), a->sentences.end());
    }
    // The actor is part of the evidence when the clause names it beside the conduct.
    if (rules_.actor && rule.actor != ActorScope::none) {
      for (const Match& m : rules_.actor->match(at)) {
        if (evidence_sentences.contains(at.tokens[static_cast<std::size_t>(m.first)].sentence)) {
          parts.insert(parts.end(), m.parts.begin(), m.parts.end());
        }
      }
    }
    std::sort(parts.begin(), parts.end());
    parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
    f.evidence = spans_of(parts, at, base);
    if (f.evidence.empty()) continue;
    findings.push_back(std::move(f));
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return a.severity > b.severity;
  });
  return findings;
}

std::string_view clause_label(const std::vector<Finding>& findings) {
  bool review = false;
  for (const auto& f : findings) {
    if (f.severity == Severity::conflict) return "conflict";
    review = true;
  }
  return review ? "review" : "none";
}

}  // namespace foialens::analysis
