#pragma once
// What analysis keeps with each document, worked out once at ingest so that commands never
// re-read the library: the document's agreements, the instruments it cites, and the
// findings of each rule set it was checked against. The record is stamped with the analysis
// version and, per rule set, the rule file's content hash; a record whose stamp is stale is
// worked out again (analysis/library.hpp), never trusted.
//
// The encoding is compact JSON. Index stores it opaquely with the document's record.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/agreements.hpp"
#include "analysis/checks.hpp"
#include "analysis/conflicts.hpp"
#include "analysis/references.hpp"
#include "analysis/rules.hpp"
#include "common/document.hpp"

namespace foialens::analysis {

// Raised whenever the same text may now give other agreements, references or findings.
inline constexpr int kAnalysisVersion = 2;

// One rule set's verdict on one document: every clause that made a finding, and every
// clause whose words matched a rule but that was dismissed (what --explain shows).
struct DocumentCheck {
  std::size_t candidates = 0;  // clauses whose words matched at least one rule
  std::vector<LocatedFinding> findings;
  std::vector<LocatedDismissal> dismissals;
};

struct StoredAnalysis {
  int version = 0;
  // The document's metadata, without pages or passages: what grouping and printing need.
  Document doc;
  int pages = 0;
  std::vector<double> ocr_confidences;  // one per OCR'd page, as recognised
  std::vector<Agreement> agreements;
  DocumentReferences references;
  // Findings by rule set content hash, kept encoded until a command asks for that rule set:
  // decoding needs the rule set to point findings at its rules.
  std::map<std::string, nlohmann::json> checks;

  bool has_rules(const RuleSet& rules) const { return checks.count(rules.hash) != 0; }
};

std::string encode(const StoredAnalysis& stored);
// Null for anything that is not a record this version wrote (old, damaged or empty).
std::optional<StoredAnalysis> decode(std::string_view data);

nlohmann::json encode_check(const DocumentCheck& check);
// The findings stored for `rules` (which must be the rule set whose hash they were stored
// under), pointed at its rules and provisions; clauses whose rule is gone are dropped.
DocumentCheck decode_check(const nlohmann::json& j, const RuleSet& rules, const Document& doc);

}  // namespace foialens::analysis
