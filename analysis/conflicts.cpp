#include "analysis/conflicts.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "common/text.hpp"

namespace foialens::analysis {

std::string lead_in_for(const std::vector<Passage>& passages, std::size_t index) {
  if (index >= passages.size()) return {};
  const std::string& path = passages[index].heading_path;
  if (path.empty()) return {};
  // Walk back to the ancestors (passages whose path is a prefix of this one's), nearest
  // first; the first that ends with a colon introduces this item.
  std::size_t looked = 0;
  for (std::size_t k = index; k-- > 0 && looked < 200; ++looked) {
    const Passage& q = passages[k];
    if (q.heading_path.empty() || q.heading_path.size() >= path.size()) continue;
    if (path.compare(0, q.heading_path.size(), q.heading_path) != 0 ||
        path.compare(q.heading_path.size(), 3, " > ") != 0) {
      continue;
    }
    const std::string_view body = text::trim(q.text);
    if (!body.empty() && body.back() == ':') return std::string(body);
  }
  // An unnumbered paragraph ending with a colon right before the first item of a list
  // ("... the following functions:" then "(a) ...").
  for (std::size_t k = index; k-- > 0 && index - k <= 8;) {
    const Passage& q = passages[k];
    const std::string_view body = text::trim(q.text);
    if (body.empty() || body == text::trim(q.clause) || body.size() <= 4) continue;  // a bare "1."
    const bool sibling_or_parent =
        q.heading_path.empty() || path.compare(0, q.heading_path.size(), q.heading_path) == 0;
    if (!sibling_or_parent) break;
    if (body.back() == ':') return std::string(body);
    if (q.heading_path == path) break;  // a paragraph of the same item: no lead-in
  }
  return {};
}

Engine::Engine(const RuleSet& rules, index::Searcher& searcher)
    : rules_(rules), searcher_(searcher), checker_(rules) {}

namespace {

struct Candidate {
  std::set<const Rule*> rules;
  bool all_rules = false;  // an OCR'd passage: every rule is checked
};

}  // namespace

Result<ConflictReport> Engine::run(const ConflictOptions& options) {
  ConflictReport report;

  // The documents in scope.
  std::vector<index::DocumentInfo> docs;
  if (options.documents.empty()) {
    docs = searcher_.documents();
  } else {
    for (const auto& wanted : options.documents) {
      auto info = searcher_.document(wanted);
      if (!info) return Error::input("--doc " + wanted + ": " + info.error().message);
      docs.push_back(std::move(info).value());
    }
  }
  std::map<std::string, const index::DocumentInfo*> by_id;
  std::vector<std::string> ids;
  for (const auto& d : docs) {
    by_id[d.id] = &d;
    ids.push_back(d.id);
  }
  if (docs.empty()) return report;

  // Candidates from the index: doc id -> passage ordinal -> rules to check.
  std::map<std::string, std::map<int, Candidate>> candidates;
  for (const Rule& rule : rules_.rules) {
    if (options.severity && *options.severity == Severity::conflict &&
        rule.severity == Severity::review) {
      continue;  // a review rule never yields a conflict
    }
    for (const Pattern& trigger : rule.triggers) {
      const std::string query = trigger.to_index_query();
      ++report.queries;
      auto hits = searcher_.match_passages(query, options.documents.empty() ? std::vector<std::string>{} : ids);
      if (!hits) {
        return Error::run("rule '" + rule.id + "' (" + rules_.file.string() + ":" +
                          std::to_string(rule.line) + "): index query failed: " +
                          hits.error().message);
      }
      for (const auto& hit : *hits) {
        if (!by_id.contains(hit.doc)) continue;
        candidates[hit.doc][hit.ordinal].rules.insert(&rule);
      }
    }
  }
  // Passages on OCR'd pages are checked against every rule.
  for (const auto& d : docs) {
    std::set<int> ocr_pages;
    for (const auto& p : d.pages) {
      if (p.source == TextSource::ocr) ocr_pages.insert(p.number);
    }
    if (ocr_pages.empty()) continue;
    auto passages = searcher_.passages(d.id);
    if (!passages) continue;
    for (const auto& p : *passages) {
      if (ocr_pages.contains(p.page) || ocr_pages.contains(p.page_end)) {
        candidates[d.id][p.ordinal].all_rules = true;
      }
    }
  }

  for (const auto& [doc_id, by_ordinal] : candidates) {
    const index::DocumentInfo& info = *by_id.at(doc_id);
    auto passages = searcher_.passages(doc_id);
    if (!passages) return Error::run("document " + short_id(doc_id) + ": " + passages.error().message);
    ++report.documents;

    DocContext ctx;
    ctx.title = info.title;
    ctx.doc_type = info.doc_type;
    ctx.agencies = info.agencies;
    for (const auto& p : *passages) {
      ctx.text += p.text;
      ctx.text += "\n\n";
    }
    std::map<int, std::size_t> position;
    for (std::size_t i = 0; i < passages->size(); ++i) position[(*passages)[i].ordinal] = i;

    for (const auto& [ordinal, candidate] : by_ordinal) {
      const auto at = position.find(ordinal);
      if (at == position.end()) continue;
      const Passage& passage = (*passages)[at->second];
      ++report.candidates;
      std::vector<const Rule*> only;
      if (!candidate.all_rules) only.assign(candidate.rules.begin(), candidate.rules.end());
      const std::string lead_in = lead_in_for(*passages, at->second);
      ClauseLocation where;
      where.doc = doc_id;
      where.title = info.title;
      where.source = info.source;
      where.doc_type = info.doc_type;
      where.page = passage.page;
      where.page_end = passage.page_end;
      where.ordinal = passage.ordinal;
      where.clause = passage.clause;
      where.heading_path = passage.heading_path;
      where.text = passage.text;
      where.lead_in = lead_in;
      std::vector<Dismissal> dismissed;
      for (Finding& f : checker_.check({passage.text, lead_in, &ctx}, only,
                                       options.explain ? &dismissed : nullptr)) {
        if (options.severity && f.severity != *options.severity) continue;
        LocatedFinding lf;
        static_cast<ClauseLocation&>(lf) = where;
        lf.finding = std::move(f);
        report.findings.push_back(std::move(lf));
      }
      for (Dismissal& d : dismissed) {
        LocatedDismissal ld;
        static_cast<ClauseLocation&>(ld) = where;
        ld.dismissal = std::move(d);
        report.dismissals.push_back(std::move(ld));
      }
    }
  }
  const auto in_order = [](const ClauseLocation& a, const ClauseLocation& b) {
    if (a.title != b.title) return a.title < b.title;
    if (a.doc != b.doc) return a.doc < b.doc;
    return a.ordinal < b.ordinal;
  };
  std::stable_sort(report.findings.begin(), report.findings.end(), in_order);
  std::stable_sort(report.dismissals.begin(), report.dismissals.end(), in_order);
  return report;
}

}  // namespace foialens::analysis
