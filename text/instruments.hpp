#pragma once
// Text-level recognition shared by agreements and references: what kind of instrument a
// phrase names ("MOU", "287(g) agreement", "Task Force Charter"), dates as printed, party
// names, and legal citations. Tolerant of the noise that OCR adds (0 for o, 1 for l, a
// letter dropped or doubled), so that scanned agreements are recognised too.

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "text/dates.hpp"

namespace foialens::text {

enum class Kind {
  moa,                // memorandum of agreement
  mou,                // memorandum of understanding
  agreement_287g,     // 287(g) agreement (8 U.S.C. 1357(g))
  interagency,        // interagency agreement
  intergovernmental,  // intergovernmental agreement
  task_force,         // task-force charter or task-force MOU
  data_sharing,       // data-sharing, information-sharing or database-access agreement
  lou,                // letter of understanding or of agreement
  contract,           // contract
  agreement,          // any other agreement
};

// "moa", "mou", "287g", "interagency", "intergovernmental", "task-force", "data-sharing",
// "lou", "contract", "agreement": what --kind takes and --json prints.
std::string_view kind_slug(Kind kind);
// "memorandum of agreement", ...: what people read.
std::string_view kind_label(Kind kind);
// A slug, a label, or a usual abbreviation ("MOA", "IGA", "287(g)"); case-insensitive.
std::optional<Kind> parse_kind(std::string_view s);
// Every slug, for usage messages.
std::vector<std::string_view> kind_slugs();

// Two kinds that people use for the same instrument: equal, or one of them generic.
bool kinds_compatible(Kind a, Kind b);

// One instrument kind named in a text.
struct KindMention {
  Kind kind;
  Kind head = Kind::agreement;  // the kind of the head phrase alone ("MOA" in "287(g) MOA")
  std::size_t offset = 0;  // byte span in the text, modifiers ("287(g)", "task force") included
  std::size_t length = 0;
  std::size_t base_offset = 0;  // the head phrase itself ("MOU", "Agreement")
  bool plural = false;          // "agreements", "MOUs"
  bool heading_case = false;    // printed in capitals or Title Case ("Task Force Charter")
};

// Every instrument kind named in `text`, in order.
std::vector<KindMention> find_kinds(std::string_view text);

// Legal authorities cited in `text`, normalised and in order of first appearance:
// "8 U.S.C. 1357(g)", "28 C.F.R. Part 23", "5 ILCS 140", "Pub. L. 104-208",
// "Executive Order 13768", "INA 287(g)", "Municipal Code of Chicago 2-173", "... Act".
std::vector<std::string> find_authorities(std::string_view text);

// The canonical agency name for a party as printed ("ICE", "Immigration and Customs
// Enforcement (ICE)", "the Chicago Police Department"), or the name as printed, tidied
// ("the Fictional County Sheriff's Office (the "Sheriff")" -> "Fictional County Sheriff's
// Office"). Empty when `printed` does not look like an organisation.
std::string canonical_party(std::string_view printed);

// The parties named in a phrase such as "U.S. Immigration and Customs Enforcement (ICE),
// a component of DHS, and the Chicago Police Department": canonical names, in order.
std::vector<std::string> parties_in(std::string_view phrase);

// True when `child` is `parent` or a component of it (ICE of DHS, HSI of ICE...).
bool party_within(std::string_view child, std::string_view parent);

// Looks like an organisation's name: capitalised words with an organisational noun
// ("County", "Sheriff", "Department", "Office", "City of" ...).
bool looks_like_organisation(std::string_view s);

// Lower-case ASCII words of `s` with OCR look-alikes mapped (0->o, 1/|->l inside words).
std::vector<std::string> match_words(std::string_view s);

// Runs `pattern` only on the parts of `text` near one of `keys` (found in `haystack`, which
// is `text` or a same-length lower-cased copy): from `back` bytes before a key to `ahead`
// bytes after it. std::regex is slow on long text, and most text has none of the keys.
// `found` gets each match and its byte offset in `text`.
void search_near(const std::string& text, const std::string& haystack,
                 std::initializer_list<std::string_view> keys, std::size_t back, std::size_t ahead,
                 const std::regex& pattern,
                 const std::function<void(const std::smatch&, std::size_t)>& found);

// Text-compare helpers.
bool iequals(std::string_view a, std::string_view b);
bool icontains(std::string_view haystack, std::string_view needle);

}  // namespace foialens::text
