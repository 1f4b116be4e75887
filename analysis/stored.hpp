#pragma once
// What analysis keeps with each document, worked out once at ingest so that commands never
// re-read the library: the document's agreements, the instruments it cites, and the
// findings of each rule set it was checked against. The record is stamped with the analysis
// version and, per rule set, the rule file's content hash; a record whose stamp is stale is
// worked out again (analysis/library.hpp), never trusted.
//
// Index stores the record opaquely with the document's record.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/agreements.hpp"
#include "analysis/checks.hpp"
#include "analysis/conflicts.hpp"
#include "analysis/references.hpp"
#include "analysis/rules.hpp"
#include "common/document.hpp"

namespace foialens::analysis {

// Raised whenever the same text may now give other agreements, references or findings.
inline constexpr int kAnalysisVersion = 3;

// One rule set's verdict on one document: every clause that made a finding, and every
// clause whose words matched a rule but that was dismissed (what --explain shows).
struct DocumentCheck {
  std::size_t candidates = 0;  // clauses whose words matched at least one rule
  std::vector<LocatedFinding> findings;
  std::vector<LocatedDismissal> dismissals;
};

// One rule set's verdict as stored: kept encoded, in two parts, so that a command decodes
// only the rule set it shows, and the dismissals only for --explain.
struct StoredCheck {
  std::string findings;    // candidates and findings
  std::string dismissals;  // what --explain shows
};

struct StoredAnalysis {
  int version = 0;
  // The document's metadata, without pages or passages: what grouping and printing need.
  Document doc;
  int pages = 0;
  std::vector<double> ocr_confidences;  // one per OCR'd page, as recognised
  std::vector<Agreement> agreements;
  DocumentReferences references;
  // By rule set content hash.
  std::map<std::string, StoredCheck> checks;

  bool has_rules(std::string_view rules_hash) const { return checks.count(std::string(rules_hash)) != 0; }
};

// A record of sections, each a header line ("core 1234") and that many bytes of JSON: the
// metadata, agreements and references in one; each rule set's findings and dismissals in
// their own, decoded only when asked for.
std::string encode(const StoredAnalysis& stored);
// Null for anything that is not a record this version wrote (old, damaged or empty).
std::optional<StoredAnalysis> decode(std::string_view data);

StoredCheck encode_check(const DocumentCheck& check);
// The findings stored for `rules` (which must be the rule set whose hash they were stored
// under), pointed at its rules and provisions; clauses whose rule is gone are dropped. The
// dismissals only `with_dismissals`.
DocumentCheck decode_check(const StoredCheck& stored, const RuleSet& rules, const Document& doc,
                           bool with_dismissals);

}  // namespace foialens::analysis
