#pragma once
// References: every mention of another agreement or order ("pursuant to the Memorandum of
// Agreement dated April 12, 2019", "the 2017 information-sharing MOU with DHS", "Special
// Order S06-14-03"), grouped by the instrument it names and resolved, where possible, to a
// document in the library. A reference that matches no document names a record nobody has
// yet: the next records request to file.
//
// Every grouped reference has a stable key (8 hex digits of a hash of the normalised
// instrument) so that a user, and the request tracker, can name it. When more precise
// mentions of the same instrument arrive later, the group takes their key and keeps the
// old one as an alias: a key once stored with a request keeps finding its reference.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/agreements.hpp"
#include "analysis/text.hpp"
#include "common/date.hpp"
#include "common/document.hpp"

namespace foialens::analysis {

enum class ReferenceCategory { agreement, order };

// The instrument a reference names, normalised.
struct Instrument {
  ReferenceCategory category = ReferenceCategory::agreement;
  Kind kind = Kind::agreement;   // agreements
  std::string order_type;        // orders: "Special Order", "General Order", ...
  std::string identifier;        // orders: "S06-14-03"
  std::optional<Date> date;      // "dated April 12, 2019"
  int year = 0;                  // "the 2017 MOU"; set too when `date` is
  std::string topic;             // "customs officer designation", lower case
  std::string display_topic;     // the same as printed: "Customs Officer Designation"
  std::string name;              // a proper name as printed: "HSI Chicago Task Force Charter"
  std::vector<std::string> parties;  // canonical names, sorted

  // Nothing but the kind: "the MOU".
  bool bare() const;
};

// "Memorandum of agreement dated April 12, 2019 between Chicago Police Department and
// U.S. Immigration and Customs Enforcement", "Special Order S06-14-03".
std::string describe(const Instrument& instrument);

// The normalised text the key is made from.
std::string normalized(const Instrument& instrument);
// First 8 hex digits of SHA-256 of normalized(instrument).
std::string key_of(const Instrument& instrument);

// One reference as found in a text.
struct Mention {
  Instrument instrument;
  std::size_t offset = 0;  // byte span of the reference as printed
  std::size_t length = 0;
  std::string printed;     // "the Memorandum of Agreement dated April 12, 2019"
};

// The references in one passage, in order. "this Agreement" (the text itself) and generic
// mentions ("an MOU", "agreements") are not references.
std::vector<Mention> extract_references(std::string_view text);

struct Citation {
  std::string doc_id;
  std::string doc_title;
  std::string source;
  int page = 1;
  std::string printed;  // the reference as printed
  std::string context;  // the sentence around it
};

enum class ReferenceStatus {
  unresolved,  // matches no document, and no request names it
  requested,   // matches no document; a request for it is on file
  received,    // requested, and now a document in the library matches it
  held,        // a document in the library matches it (never requested)
};

std::string_view to_string(ReferenceStatus status);

struct Reference {
  std::string key;                   // stable key, 8 hex digits
  std::vector<std::string> aliases;  // keys of the less precise variants grouped under it
  Instrument instrument;
  std::string label;                 // describe(instrument)
  std::vector<Citation> citations;   // citing pages, in library order
  std::vector<std::string> resolved;       // ids of the documents that match it
  std::vector<std::string> resolved_titles;
  std::vector<std::string> citing_agencies;  // agencies of the citing documents, most first
  std::vector<std::string> citing_parties;   // parties of agreements that cite it
  ReferenceStatus status = ReferenceStatus::unresolved;

  // Distinct documents that cite it.
  std::size_t citing_documents() const;
};

// One instrument a document cites, as that document names it (vague mentions already
// completed from the document's more precise ones; references to itself left out).
struct CitedInstrument {
  Instrument instrument;
  Citation citation;
};

// What one document says about other instruments: worked out per document, at ingest.
struct DocumentReferences {
  std::string header;  // title and first lines: where a document's own number is printed
  std::vector<CitedInstrument> cited;
};

// `agreements` are the document's own (find_agreements(doc)): what it refers to as itself.
DocumentReferences scan_references(const Document& doc, const std::vector<Agreement>& agreements);

// A document as reference resolution sees it: metadata (no passages needed), its
// agreements, and its scanned references.
struct HeldDocument {
  Document doc;
  std::vector<Agreement> agreements;
  DocumentReferences references;
};

struct ReferenceOptions {
  std::set<std::string> requested_keys;  // reference keys that a records request names
  bool unresolved_only = false;          // only unresolved and requested ones
};

// Every grouped reference in the library, most cited first. Grouping and resolution only:
// the per-document work was done by scan_references().
std::vector<Reference> find_references(const std::vector<HeldDocument>& docs,
                                       const ReferenceOptions& options = {});
// The same from whole documents (scans each first).
std::vector<Reference> find_references(const std::vector<Document>& docs,
                                       const ReferenceOptions& options = {});

// The reference named by `key` (its key, one of its aliases, or a unique prefix of at
// least 4 digits), or null.
const Reference* find_reference(const std::vector<Reference>& refs, std::string_view key);

// What a records request for a reference's instrument says.
struct RequestDraft {
  std::string agency;   // canonical name of the agency to ask; empty when none can be guessed
  std::string subject;  // "A copy of the ... referred to in ..."
};

RequestDraft draft_request(const Reference& ref);

}  // namespace foialens::analysis
