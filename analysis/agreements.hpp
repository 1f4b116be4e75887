#pragma once
// Agreements in a library: documents, and sections embedded in other documents (an
// appendix, an exhibit), that are agreements: memoranda of agreement or understanding,
// 287(g), interagency and intergovernmental agreements, task-force charters, data-sharing
// agreements, letters of understanding, contracts. For each: its kind, parties (canonical
// agency names where the agency is known, else as printed), dates, term, signatories and
// the legal authorities it cites.
//
// find_agreements() reads one Document's passages; ingest runs it once per document and
// stores the result (analysis/stored.hpp), and commands filter what was stored.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/text.hpp"
#include "common/date.hpp"
#include "common/document.hpp"

namespace foialens::analysis {

struct Signatory {
  std::string name;    // "Jane Q. Doe"
  std::string title;   // "Superintendent of Police"; empty when not printed
  std::string agency;  // canonical or as printed; empty when not printed
  std::optional<Date> date;
  int page = 1;
};

struct Agreement {
  std::string doc_id;
  std::string doc_title;
  std::string source;
  int page = 1;      // where the agreement starts
  int page_end = 1;  // where it ends
  bool embedded = false;  // a section of a larger document, not the document itself
  Kind kind = Kind::agreement;
  std::string title;  // the heading as printed, spaces squashed
  std::vector<std::string> parties;
  std::optional<Date> effective_date;
  std::optional<Date> signature_date;  // the last signature
  std::string term;                    // "three (3) years", or the term sentence
  std::vector<Signatory> signatories;
  std::vector<std::string> authorities;  // "8 U.S.C. 1357(g)", ...
};

// The agreements in one document, in order.
std::vector<Agreement> find_agreements(const Document& doc);

struct AgreementFilter {
  std::string party;  // matches a party by canonical name, acronym or part of the name
  std::optional<Kind> kind;
};

// The agreements in every document, filtered; oldest first (by effective, else signature
// date), undated ones last in library order.
std::vector<Agreement> find_agreements(const std::vector<Document>& docs,
                                       const AgreementFilter& filter);

// `all` (agreements of every document, in library order) filtered and sorted the same way.
std::vector<Agreement> filter_agreements(std::vector<Agreement> all, const AgreementFilter& filter);

// Whether an agreement names `party` (canonical name, acronym, alias or words of it).
bool has_party(const Agreement& agreement, std::string_view party);

}  // namespace foialens::analysis
