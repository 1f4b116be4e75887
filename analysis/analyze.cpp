#include "analysis/analyze.hpp"

#include "analysis/agreements.hpp"
#include "analysis/checks.hpp"
#include "analysis/conflicts.hpp"
#include "analysis/references.hpp"

namespace foialens::analysis {

Document metadata_of(const Document& doc) {
  Document meta;
  meta.id = doc.id;
  meta.source = doc.source;
  meta.source_url = doc.source_url;
  meta.fetched_at = doc.fetched_at;
  meta.media_type = doc.media_type;
  meta.size = doc.size;
  meta.title = doc.title;
  meta.doc_type = doc.doc_type;
  meta.date = doc.date;
  meta.dates = doc.dates;
  meta.agencies = doc.agencies;
  meta.ingested_at = doc.ingested_at;
  return meta;
}

DocumentCheck check_document(const RuleSet& rules, const Document& doc) {
  DocumentCheck out;
  DocContext ctx;
  ctx.title = doc.title;
  ctx.doc_type = doc.doc_type;
  ctx.agencies = doc.agencies;
  for (const Passage& p : doc.passages) {
    ctx.text += p.text;
    ctx.text += "\n\n";
  }
  const Checker checker(rules);
  for (std::size_t i = 0; i < doc.passages.size(); ++i) {
    const Passage& passage = doc.passages[i];
    const std::string lead_in = lead_in_for(doc.passages, i);
    std::vector<Dismissal> dismissed;
    std::vector<Finding> findings = checker.check({passage.text, lead_in, &ctx}, {}, &dismissed);
    if (findings.empty() && dismissed.empty()) continue;
    ++out.candidates;
    ClauseLocation where;
    where.doc = doc.id;
    where.title = doc.title;
    where.source = doc.source;
    where.doc_type = doc.doc_type;
    where.page = passage.page;
    where.page_end = passage.page_end;
    where.ordinal = passage.ordinal;
    where.clause = passage.clause;
    where.heading_path = passage.heading_path;
    where.text = passage.text;
    where.lead_in = lead_in;
    for (Finding& f : findings) {
      LocatedFinding lf;
      static_cast<ClauseLocation&>(lf) = where;
      lf.finding = std::move(f);
      out.findings.push_back(std::move(lf));
    }
    for (Dismissal& d : dismissed) {
      LocatedDismissal ld;
      static_cast<ClauseLocation&>(ld) = where;
      ld.dismissal = std::move(d);
      out.dismissals.push_back(std::move(ld));
    }
  }
  return out;
}

StoredAnalysis analyze_document(const Document& doc, const std::vector<const RuleSet*>& rule_sets) {
  StoredAnalysis out;
  out.version = kAnalysisVersion;
  out.doc = metadata_of(doc);
  out.pages = static_cast<int>(doc.pages.size());
  for (const Page& p : doc.pages) {
    if (p.source == TextSource::ocr) out.ocr_confidences.push_back(p.ocr_confidence);
  }
  out.agreements = find_agreements(doc);
  out.references = scan_references(doc, out.agreements);
  for (const RuleSet* rules : rule_sets) {
    out.checks[rules->hash] = encode_check(check_document(*rules, doc));
  }
  return out;
}

}  // namespace foialens::analysis
