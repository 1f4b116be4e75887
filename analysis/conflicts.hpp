#pragma once
// Conflict findings located in the library: which document, page and clause each is in.
// Every clause is checked in text at ingest (analysis/analyze.hpp, analysis/checks.hpp)
// with its document's context: title, type, agencies, the lead-in of a list item, and the
// rest of the document for document-scope mitigators; commands read the stored findings
// (analysis/library.hpp). The text checks forgive OCR's errors ("detalner", "irnmigration").

#include <optional>
#include <string>
#include <vector>

#include "analysis/checks.hpp"
#include "analysis/rules.hpp"
#include "common/error.hpp"
#include "common/document.hpp"

namespace foialens::analysis {

struct ConflictOptions {
  std::vector<std::string> documents;  // restrict to these documents (ids or prefixes)
  std::optional<Severity> severity;    // only findings of this severity
  bool explain = false;                // also report the candidates that made no finding, and why
};

// Where a clause is: which document, page and clause.
struct ClauseLocation {
  std::string doc;  // full document id
  std::string title;
  std::string source;
  std::string doc_type;
  int page = 1;
  int page_end = 1;
  int ordinal = 0;
  std::string clause;
  std::string heading_path;
  std::string text;     // the clause
  std::string lead_in;  // the words the clause continues, when it is a list item
};

struct LocatedFinding : ClauseLocation {
  Finding finding;
};

struct LocatedDismissal : ClauseLocation {
  Dismissal dismissal;
};

struct ConflictReport {
  std::vector<LocatedFinding> findings;  // by document title, then position in the document
  std::vector<LocatedDismissal> dismissals;  // with ConflictOptions::explain, in the same order
  std::size_t candidates = 0;            // passages whose words matched a rule
  std::size_t documents = 0;             // documents with at least one candidate
};

// The lead-in of the passage at `ordinal` among `passages` (in document order): the text of
// its parent item when that text ends with a colon ("... the following functions:").
std::string lead_in_for(const std::vector<Passage>& passages, std::size_t index);

}  // namespace foialens::analysis
