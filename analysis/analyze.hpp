#pragma once
// The analysis of one document, as ingest runs it once the document's passages are made:
// its agreements, the instruments it cites, and the findings of each rule set. Every
// passage is checked in text (analysis/checks.hpp); no index is needed.

#include <vector>

#include "analysis/rules.hpp"
#include "analysis/stored.hpp"
#include "common/document.hpp"

namespace foialens::analysis {

// Every clause of `doc` checked against `rules`, with the dismissals --explain shows.
DocumentCheck check_document(const RuleSet& rules, const Document& doc);

// The whole analysis of `doc`, checked against each of `rule_sets`.
StoredAnalysis analyze_document(const Document& doc, const std::vector<const RuleSet*>& rule_sets);

// `doc` without pages and passages: what a stored analysis keeps of it.
Document metadata_of(const Document& doc);

}  // namespace foialens::analysis
